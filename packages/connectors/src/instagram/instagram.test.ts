// The Instagram connector against a fake Instagram written from Meta's documentation
// (testing/instagram/fake-instagram.ts), a real HTTP server on loopback that refuses any request it does not
// expect and downloads media from the URLs it is given: the publisher contract, then Instagram's quirks —
// Business Login and long-lived tokens, containers polled until FINISHED, carousels, Reels, alt text, first
// comments, the daily publishing limit and Graph error objects.
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelCredentials, ConnectedAccount, MediaAttachment } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { makeJpeg, makeMp4, makePng } from '../testing/images.js';
import {
  startFakeInstagram,
  startFakeMediaHost,
  type FakeInstagram,
  type FakeMediaHost,
} from '../testing/instagram/fake-instagram.js';
import { describePublisherContract, type HeldPost } from '../testing/publisher-contract.js';
import { GRAPH_VERSION } from './api.js';
import { createInstagramConnector, type InstagramConnectorOptions } from './index.js';

let fake: FakeInstagram;
let host: FakeMediaHost;
let connector: ReturnType<typeof createInstagramConnector>;
const redirectUri = 'https://rostra.mairie.test/api/oauth/callback';

function connect(extra: Partial<InstagramConnectorOptions> = {}) {
  return createInstagramConnector({
    appId: '990602627938098',
    appSecret: 'instagram-app-secret',
    mediaUrl: (item) => host.put(item.data, item.mimeType),
    graphBaseUrl: fake.url,
    apiBaseUrl: fake.url,
    loginBaseUrl: fake.url,
    poll: { intervalMs: 5, maxIntervalMs: 20, timeoutMs: 2000 },
    ...extra,
  });
}

beforeAll(async () => {
  fake = await startFakeInstagram();
  host = await startFakeMediaHost();
  connector = connect();
});

afterEach(() => {
  expect(fake.unexpected.splice(0)).toEqual([]);
});

afterAll(async () => {
  await fake.close();
  await host.close();
});

function channel(username = 'mairie.lyon') {
  const { userId } = fake.createAccount(username);
  const credentials: ChannelCredentials = { data: { userId, username, accessToken: fake.issueToken(userId) } };
  return { userId, credentials };
}

/** An account's posts and comments as the fake holds them. */
function listPosts(userId: string): HeldPost[] {
  const posts = fake.media
    .filter((m) => m.userId === userId)
    .map((m) => ({ id: m.id, text: m.caption, alts: m.items.map((item) => item.alt ?? '') }));
  const comments = fake.comments
    .filter((c) => c.userId === userId)
    .map((c) => ({ id: c.id, text: c.text, replyTo: c.parentId ?? c.mediaId, threadRoot: c.mediaId, alts: [] }));
  return [...posts, ...comments];
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  expect(error).toMatchObject({ network: 'instagram' });
  return error as ConnectorError;
}

const jpeg = (alt: string): MediaAttachment => ({ data: makeJpeg(), mimeType: 'image/jpeg', alt });
const mp4 = (): MediaAttachment => ({ data: makeMp4(), mimeType: 'video/mp4', alt: '' });

describePublisherContract('instagram', async () => {
  const { userId, credentials } = channel('contrat');
  return {
    connector,
    credentials,
    badCredentials: { data: { ...credentials.data, accessToken: 'IGforged' } },
    listPosts: async () => listPosts(userId),
    textLimit: 2200,
    sampleImage: jpeg(''),
    mediaRequired: true,
  };
});

describe('instagram: connecting', () => {
  async function login(userId: string) {
    fake.signInAs(userId);
    const state = randomUUID();
    const start = await connector.oauth.start({ redirectUri, state, fields: {} });
    const response = await fetch(start.url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe(state);
    // Instagram appends #_ to the redirect; the code is taken with it as a browser would hand it over.
    return { start, state, code: `${back.searchParams.get('code') ?? ''}${back.hash}` };
  }

  it('opens the authorisation window, exchanges the code through oauth4webapi, then for a long-lived token', async () => {
    const { userId } = fake.createAccount('ville.de.lyon');
    const { start, state, code } = await login(userId);
    const url = new URL(start.url);
    expect(url.pathname).toBe('/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '990602627938098',
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'instagram_business_basic,instagram_business_content_publish,instagram_business_manage_comments',
      state,
    });
    const before = Date.now();
    const account = (await connector.oauth.finish({ redirectUri, code, pending: start.pending })) as ConnectedAccount;
    // The account id comes from /me as a string: the token answer's numeric user_id has more digits than a double.
    expect(account).toMatchObject({ accountId: userId, name: '@ville.de.lyon' });
    expect(fake.tokenKind(account.credentials.data.accessToken ?? '')).toBe('long');
    // 60 days, renewed a week early.
    const days = ((account.credentials.expiresAt ?? 0) - before) / 86_400_000;
    expect(days).toBeGreaterThan(52.9);
    expect(days).toBeLessThan(53.1);
    const exchange = fake.requests.filter((r) => r.route === 'GET /access_token').at(-1);
    expect(exchange?.path).toContain('grant_type=ig_exchange_token');
    // The code worked once.
    expect((await failure(connector.oauth.finish({ redirectUri, code, pending: start.pending }))).code).toBe(
      'auth_expired',
    );
    expect((await failure(connector.oauth.finish({ redirectUri, code: 'x', pending: {} }))).code).toBe('rejected');
  });

  it('refreshes a long-lived token once it is a day old, and a revoked one is auth_expired', async () => {
    const { credentials } = channel('refresh');
    fake.advance(25 * 3_600_000);
    try {
      const renewed = await connector.refresh(credentials);
      expect(renewed.data.accessToken).not.toBe(credentials.data.accessToken);
      expect(renewed.data).toMatchObject({ userId: credentials.data.userId, username: 'refresh' });
      expect(fake.requests.at(-1)?.path).toContain('grant_type=ig_refresh_token');
      // The old token was replaced.
      expect((await failure(connector.refresh(credentials))).code).toBe('auth_expired');
    } finally {
      fake.advance(-25 * 3_600_000);
    }
  });
});

describe('instagram: publishing', () => {
  it('publishes one image with its alt text and caption, and gives the permalink', async () => {
    const { userId, credentials } = channel();
    const ref = await connector.publisher.publish(credentials, {
      idempotencyKey: 'k',
      text: 'La fête des Lumières #Lyon @villedelyon',
      media: [jpeg('La cathédrale illuminée')],
    });
    const held = fake.media.find((m) => m.id === ref.id);
    expect(held).toMatchObject({ userId, type: 'IMAGE', caption: 'La fête des Lumières #Lyon @villedelyon' });
    expect(held?.items).toEqual([expect.objectContaining({ kind: 'image', alt: 'La cathédrale illuminée' })]);
    expect(ref.url).toBe(held?.permalink);
    // The daily limit was read before the container was made.
    const routes = fake.requests.map((r) => r.route);
    const checked = routes.lastIndexOf('GET /:user/content_publishing_limit');
    expect(checked).toBeGreaterThan(-1);
    expect(routes.lastIndexOf('POST /:user/media')).toBeGreaterThan(checked);
  });

  it('publishes a carousel: each item a container, FINISHED, then the carousel with its children in order', async () => {
    const { credentials } = channel();
    fake.configure({ imagePolls: 1 });
    try {
      const ref = await connector.publisher.publish(credentials, {
        idempotencyKey: 'k',
        text: 'Le marché de Noël',
        media: [jpeg('Les chalets'), mp4(), jpeg('La grande roue')],
      });
      const held = fake.media.find((m) => m.id === ref.id);
      expect(held?.type).toBe('CAROUSEL_ALBUM');
      expect(held?.items.map((item) => [item.kind, item.alt])).toEqual([
        ['image', 'Les chalets'],
        ['video', undefined],
        ['image', 'La grande roue'],
      ]);
      const carousel = fake.containers.find((c) => c.params.media_type === 'CAROUSEL' && c.status === 'PUBLISHED');
      expect(carousel?.params.caption).toBe('Le marché de Noël');
      expect(carousel?.params.children?.split(',')).toHaveLength(3);
    } finally {
      fake.configure({ imagePolls: 0 });
    }
  });

  it('publishes a video as a Reel, polling the container until FINISHED before media_publish', async () => {
    const { credentials } = channel();
    fake.configure({ videoPolls: 3 });
    try {
      const first = fake.requests.length;
      const ref = await connector.publisher.publish(credentials, {
        idempotencyKey: 'k',
        text: 'Les travaux en 30 secondes',
        media: [mp4()],
      });
      expect(fake.media.find((m) => m.id === ref.id)?.type).toBe('REELS');
      const routes = fake.requests.slice(first).map((r) => r.route);
      // Three IN_PROGRESS answers, then FINISHED, and only then media_publish.
      const publishedAt = routes.indexOf('POST /:user/media_publish');
      expect(routes.slice(0, publishedAt).filter((r) => r === 'GET /:object')).toHaveLength(4);
    } finally {
      fake.configure({ videoPolls: 2 });
    }
  });

  it('posts the first comment, keeps the post when the comment fails, and answers under the top comment', async () => {
    const { credentials } = channel();
    const ref = await connector.publisher.publish(credentials, {
      idempotencyKey: 'k',
      text: 'Inscriptions ouvertes',
      media: [jpeg('Affiche')],
      options: { firstComment: 'Le lien est dans la bio' },
    });
    expect(fake.comments.find((c) => c.id === ref.extra?.firstComment)).toMatchObject({
      mediaId: ref.id,
      text: 'Le lien est dans la bio',
    });
    fake.failNext('POST /:media/comments', { status: 500 });
    const kept = await connector.publisher.publish(credentials, {
      idempotencyKey: 'k2',
      text: 'Deuxième',
      media: [jpeg('Affiche')],
      options: { firstComment: 'Raté' },
    });
    expect(fake.media.some((m) => m.id === kept.id)).toBe(true);
    expect(kept.extra?.firstCommentError).toMatch(/500/);
    const retried = await connector.publishComment(credentials, kept, 'Raté');
    expect(fake.comments.find((c) => c.id === retried.id)).toMatchObject({ mediaId: kept.id, text: 'Raté' });
    // An answer to an answer goes under the same top comment (replies nest one level deep).
    const answer = await connector.publisher.publish(credentials, {
      idempotencyKey: 'a',
      text: 'Oui',
      replyTo: retried,
    });
    const again = await connector.publisher.publish(credentials, {
      idempotencyKey: 'b',
      text: 'Encore',
      replyTo: answer,
    });
    expect(fake.comments.find((c) => c.id === again.id)).toMatchObject({ parentId: retried.id, mediaId: kept.id });
    expect(connector.publisher.idempotent).toBe(false);
  });

  it('refuses what Instagram would: no media, PNG, 11 items, 31 hashtags — before any request', async () => {
    const { credentials } = channel();
    const sent = fake.requests.length;
    const cases: [Parameters<typeof connector.publisher.publish>[1], string][] = [
      [{ idempotencyKey: 'k', text: 'Texte seul' }, 'media_required'],
      [
        { idempotencyKey: 'k', text: 'x', media: [{ data: makePng(2, 2), mimeType: 'image/png', alt: 'a' }] },
        'media_type_unsupported',
      ],
      [{ idempotencyKey: 'k', text: 'x', media: Array.from({ length: 11 }, () => jpeg('a')) }, 'too_many_media'],
      [
        { idempotencyKey: 'k', text: Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' '), media: [jpeg('a')] },
        'too_many_hashtags',
      ],
    ];
    for (const [request, rule] of cases) {
      expect(connector.publisher.validate(request)).toContainEqual(expect.objectContaining({ rule }));
      expect((await failure(connector.publisher.publish(credentials, request))).code).toBe('rejected');
    }
    expect(fake.requests.length).toBe(sent);
  });
});

describe('instagram: limits and failures', () => {
  it('checks the daily publishing limit first: a spent day is rate_limited and costs no container', async () => {
    const { userId, credentials } = channel();
    fake.spendQuota(userId, 50);
    const containers = fake.containers.length;
    const error = await failure(
      connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x', media: [jpeg('a')] }),
    );
    expect(error).toMatchObject({ code: 'rate_limited', retryAfterMs: 3_600_000 });
    expect(fake.containers.length).toBe(containers);
    expect(connector.publisher.rateLimit).toEqual({ posts: 50, perMs: 86_400_000 });
  });

  it('maps media_publish refused for the limit (code 9, subcode 2207042) to rate_limited', async () => {
    const { credentials } = channel();
    fake.failNext('POST /:user/media_publish', { status: 400, error: { code: 9, error_subcode: 2207042 } });
    const error = await failure(
      connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x', media: [jpeg('a')] }),
    );
    expect(error.code).toBe('rate_limited');
  });

  it('a container in ERROR is rejected, or unavailable when Instagram says to try again; a slow one is unavailable', async () => {
    const { credentials } = channel();
    const request = { idempotencyKey: 'k', text: 'x', media: [jpeg('a')] };
    fake.failNextContainer(2207026);
    expect((await failure(connector.publisher.publish(credentials, request))).code).toBe('rejected');
    fake.failNextContainer(2207003);
    expect((await failure(connector.publisher.publish(credentials, request))).code).toBe('unavailable');
    fake.configure({ videoPolls: 1000 });
    try {
      const impatient = connect({ poll: { intervalMs: 5, maxIntervalMs: 5, timeoutMs: 40 } });
      const slow = await failure(
        impatient.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x', media: [mp4()] }),
      );
      expect(slow.code).toBe('unavailable');
    } finally {
      fake.configure({ videoPolls: 2 });
    }
  });

  it('a file Instagram cannot download is rejected', async () => {
    const { credentials } = channel();
    const broken = connect({ mediaUrl: () => `${host.url}/media/absent` });
    const error = await failure(
      broken.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x', media: [jpeg('a')] }),
    );
    expect(error.code).toBe('rejected');
    expect(error.message).toContain('could not be fetched');
  });

  it.each([
    [4, 'rate_limited'],
    [17, 'rate_limited'],
    [190, 'auth_expired'],
    [10, 'auth_expired'],
    [-1, 'unavailable'],
    [2, 'unavailable'],
    [100, 'rejected'],
  ] as const)('maps Graph code %i to %s', async (code, expected) => {
    const { credentials } = channel();
    fake.failNext('POST /:user/media', { status: 400, error: { code } });
    const error = await failure(
      connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x', media: [jpeg('a')] }),
    );
    expect(error.code).toBe(expected);
    expect(error.message).toContain('fbtrace_id');
  });

  it('garbage after media_publish acted is unknown_outcome; an unreachable Instagram is unavailable', async () => {
    const { userId, credentials } = channel();
    fake.failNext('POST /:user/media_publish', { status: 200, rawBody: '{"id": "17', afterActing: true });
    const lost = await failure(
      connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'perdu', media: [jpeg('a')] }),
    );
    expect(lost.code).toBe('unknown_outcome');
    expect(fake.media.filter((m) => m.userId === userId && m.caption === 'perdu')).toHaveLength(1);

    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = connect({ graphBaseUrl: `http://127.0.0.1:${port}` });
    expect(
      (await failure(offline.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x', media: [jpeg('a')] })))
        .code,
    ).toBe('unavailable');
  });

  it('calls the pinned Graph version', () => {
    expect(fake.requests.filter((r) => r.path.startsWith(`/${GRAPH_VERSION}/`)).length).toBeGreaterThan(0);
  });
});
