// The LinkedIn connector against a fake LinkedIn written from the documentation (testing/linkedin/fake-linkedin.ts), a real
// HTTP server on loopback that refuses any request it does not expect: the publisher contract, then
// LinkedIn's quirks — OAuth giving the member and their pages, refresh tokens, little text, images, first
// comments, and failures.
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelCredentials, ConnectedAccount } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { makePng } from '../testing/images.js';
import { describePublisherContract, type HeldPost } from '../testing/publisher-contract.js';
import { LINKEDIN_VERSION } from './api.js';
import { startFakeLinkedIn, type FakeLinkedIn } from '../testing/linkedin/fake-linkedin.js';
import { createLinkedInConnector } from './index.js';
import { toLittleText } from './mapping.js';

let fake: FakeLinkedIn;
let connector: ReturnType<typeof createLinkedInConnector>;
const NOW = Date.UTC(2026, 10, 22, 8, 30);
const redirectUri = 'https://rostra.mairie.test/api/oauth/callback';

beforeAll(async () => {
  fake = await startFakeLinkedIn();
  connector = makeConnector();
});

afterEach(() => {
  expect(fake.unexpected.splice(0)).toEqual([]);
});

afterAll(async () => {
  await fake.close();
});

function makeConnector(options: { organizations?: boolean; timeoutMs?: number } = {}) {
  return createLinkedInConnector({
    clientId: 'rostra-client',
    clientSecret: 'rostra-secret',
    authBaseUrl: fake.url,
    apiBaseUrl: fake.url,
    now: () => NOW,
    ...options,
  });
}

function memberChannel(name = 'Camille Martin') {
  const member = fake.createMember(name);
  const credentials: ChannelCredentials = {
    data: { accessToken: fake.issueToken(member.sub), author: `urn:li:person:${member.sub}` },
  };
  return { member, credentials };
}

/** Posts and comments of an author as the fake holds them: a comment answers its parent comment or its post. */
function listPosts(author: string): HeldPost[] {
  const posts = fake.posts
    .filter((post) => post.author === author)
    .map((post) => ({ id: post.urn, text: post.text, alts: readAlts(post.content) }));
  const comments = fake.comments
    .filter((comment) => comment.actor === author)
    .map((comment) => ({
      id: comment.urn,
      text: comment.text,
      replyTo: comment.parentComment ?? comment.object,
      threadRoot: comment.object,
      alts: [],
    }));
  return [...posts, ...comments];
}

function readAlts(content: Record<string, unknown> | undefined): string[] {
  const media = content?.media as { altText?: string } | undefined;
  const multi = content?.multiImage as { images: { altText?: string }[] } | undefined;
  if (media) return [media.altText ?? ''];
  return multi?.images.map((image) => image.altText ?? '') ?? [];
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  expect(error).toMatchObject({ network: 'linkedin' });
  return error as ConnectorError;
}

const png = (alt: string) => ({ data: makePng(4, 3), mimeType: 'image/png', alt });

describePublisherContract('linkedin', async () => {
  const { credentials } = memberChannel('Contrat');
  return {
    connector,
    credentials,
    badCredentials: { data: { ...credentials.data, accessToken: 'AQforged' } },
    listPosts: async () => listPosts(credentials.data.author ?? ''),
    textLimit: 3000,
    sampleImage: png(''),
  };
});

describe('linkedin: connecting', () => {
  /** What the person's browser does: open the authorisation page, come back with a code. */
  async function authorise(url: string): Promise<URL> {
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location') ?? '');
  }

  it('sends the person to LinkedIn with the state and scopes, then offers the member and the pages they run', async () => {
    const member = fake.createMember('Camille Martin', [
      { id: '1001', name: 'Mairie de Lyon', role: 'ADMINISTRATOR' },
      { id: '1002', name: 'Office de tourisme', role: 'CONTENT_ADMINISTRATOR' },
      { id: '1003', name: 'Musée', role: 'ANALYST' },
      { id: '1004', name: 'Médiathèque', role: 'ADMINISTRATOR', state: 'REQUESTED' },
    ]);
    fake.signInAs(member.sub);
    const state = randomUUID();
    const start = await connector.oauth.start({ redirectUri, state, fields: {} });
    const url = new URL(start.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/oauth/v2/authorization`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'rostra-client',
      redirect_uri: redirectUri,
      state,
      scope: 'openid profile w_member_social w_organization_social r_organization_admin',
    });

    const back = await authorise(start.url);
    expect(back.searchParams.get('state')).toBe(state);
    const code = back.searchParams.get('code') ?? '';
    const accounts = (await connector.oauth.finish({
      redirectUri,
      code,
      pending: start.pending,
    })) as ConnectedAccount[];
    const credentials = (author: string) => ({
      data: {
        accessToken: expect.stringMatching(/^AQ/),
        refreshToken: expect.stringMatching(/^AQX/),
        refreshTokenExpiresAt: String(NOW + 365 * 24 * 3600_000),
        author,
      },
      expiresAt: NOW + 60 * 24 * 3600_000,
    });
    expect(accounts).toEqual([
      {
        accountId: `urn:li:person:${member.sub}`,
        name: 'Camille Martin',
        credentials: credentials(`urn:li:person:${member.sub}`),
      },
      {
        accountId: 'urn:li:organization:1001',
        name: 'Mairie de Lyon',
        credentials: credentials('urn:li:organization:1001'),
      },
      {
        accountId: 'urn:li:organization:1002',
        name: 'Office de tourisme',
        credentials: credentials('urn:li:organization:1002'),
      },
    ]);
    // The code worked once.
    expect((await failure(connector.oauth.finish({ redirectUri, code, pending: start.pending }))).code).toBe(
      'auth_expired',
    );
  });

  it('connects the member alone when the organisation scopes were not granted', async () => {
    const member = fake.createMember('Léa Dubois', [{ id: '2001', name: 'Théâtre', role: 'ADMINISTRATOR' }]);
    fake.signInAs(member.sub);
    fake.configure({ grantedScopes: ['openid', 'profile', 'w_member_social'] });
    try {
      const aclCalls = () => fake.requests.filter((r) => r.route === 'GET /rest/organizationAcls').length;
      const before = aclCalls();
      const start = await connector.oauth.start({ redirectUri, state: 's', fields: {} });
      const code = (await authorise(start.url)).searchParams.get('code') ?? '';
      const account = await connector.oauth.finish({ redirectUri, code, pending: start.pending });
      expect(account).toMatchObject({ accountId: `urn:li:person:${member.sub}`, name: 'Léa Dubois' });
      expect(aclCalls()).toBe(before);
    } finally {
      fake.configure({ grantedScopes: undefined });
    }
  });

  it('asks for member scopes only when organisations are turned off, and refuses a flow started elsewhere', async () => {
    const start = await makeConnector({ organizations: false }).oauth.start({ redirectUri, state: 's', fields: {} });
    expect(new URL(start.url).searchParams.get('scope')).toBe('openid profile w_member_social');
    const error = await failure(connector.oauth.finish({ redirectUri, code: 'x', pending: {} }));
    expect(error.code).toBe('rejected');
  });
});

describe('linkedin: refreshing', () => {
  async function connect(): Promise<ChannelCredentials> {
    const member = fake.createMember('Refresh');
    fake.signInAs(member.sub);
    const start = await connector.oauth.start({ redirectUri, state: 's', fields: {} });
    const back = await fetch(start.url, { redirect: 'manual' });
    const code = new URL(back.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const account = await connector.oauth.finish({ redirectUri, code, pending: start.pending });
    return (Array.isArray(account) ? account[0]! : account).credentials;
  }

  it('gets a new access token ahead of expiry and keeps the refresh token, even when the answer omits it', async () => {
    const credentials = await connect();
    const refreshed = await connector.refresh(credentials);
    expect(refreshed.data.accessToken).not.toBe(credentials.data.accessToken);
    expect(refreshed.data.refreshToken).toBe(credentials.data.refreshToken);
    expect(refreshed.expiresAt).toBe(NOW + 60 * 24 * 3600_000);

    fake.configure({ omitRefreshTokenOnRefresh: true });
    try {
      const again = await connector.refresh(refreshed);
      expect(again.data).toMatchObject({
        refreshToken: credentials.data.refreshToken,
        refreshTokenExpiresAt: credentials.data.refreshTokenExpiresAt,
        author: credentials.data.author,
      });
      // The new token publishes.
      const ref = await connector.publisher.publish(again, { idempotencyKey: 'k', text: 'Après rafraîchissement' });
      expect(fake.posts.find((p) => p.urn === ref.id)?.text).toBe('Après rafraîchissement');
    } finally {
      fake.configure({ omitRefreshTokenOnRefresh: false });
    }
  });

  it('says auth_expired for a refused refresh token, and unavailable when LinkedIn is down', async () => {
    const credentials = await connect();
    const forged = { ...credentials, data: { ...credentials.data, refreshToken: 'AQXforged' } };
    expect((await failure(connector.refresh(forged))).code).toBe('auth_expired');
    fake.failNext('POST /oauth/v2/accessToken', { status: 503 });
    expect((await failure(connector.refresh(credentials))).code).toBe('unavailable');
    const { refreshToken: _, ...withoutRefresh } = credentials.data;
    expect((await failure(connector.refresh({ data: withoutRefresh }))).code).toBe('auth_expired');
  });
});

describe('linkedin: publishing', () => {
  it('posts as an organisation page the member administers, and refuses a page they do not', async () => {
    const member = fake.createMember('Admin', [{ id: '3001', name: 'Ville', role: 'ADMINISTRATOR' }]);
    const accessToken = fake.issueToken(member.sub);
    const asPage = { data: { accessToken, author: 'urn:li:organization:3001' } };
    const ref = await connector.publisher.publish(asPage, { idempotencyKey: 'k', text: 'Conseil municipal ce soir' });
    expect(ref.id).toMatch(/^urn:li:share:\d+$/);
    expect(ref.url).toBe(`https://www.linkedin.com/feed/update/${ref.id}/`);
    expect(fake.posts.find((p) => p.urn === ref.id)).toMatchObject({
      author: 'urn:li:organization:3001',
      body: expect.objectContaining({ visibility: 'PUBLIC', lifecycleState: 'PUBLISHED' }),
    });
    const elsewhere = { data: { accessToken, author: 'urn:li:organization:9999' } };
    expect((await failure(connector.publisher.publish(elsewhere, { idempotencyKey: 'k', text: 'x' }))).code).toBe(
      'auth_expired',
    );
  });

  it('escapes little text so every reserved character is shown as written, and keeps hashtags', async () => {
    const { credentials } = memberChannel();
    const text =
      'Vote (2e tour) : [résultats] à 20h_00 | #municipales2026 #Lyon *important* ~ {a} <b> @mairie \\ fin #';
    const ref = await connector.publisher.publish(credentials, { idempotencyKey: 'k', text });
    const held = fake.posts.find((p) => p.urn === ref.id);
    expect(held?.text).toBe(text);
    expect(held?.commentary).toContain('{hashtag|\\#|municipales2026}');
    expect(held?.commentary).toContain('\\(2e tour\\)');
    expect(held?.commentary.endsWith('fin \\#')).toBe(true);
  });

  it.each([
    ['plain', 'plain'],
    ['a_b', 'a\\_b'],
    ['#tag', '{hashtag|\\#|tag}'],
    ['x#notatag', 'x\\#notatag'],
    ['(#été)', '\\(\\#été\\)'],
    ['ligne\n#tag', 'ligne\n{hashtag|\\#|tag}'],
    ['\\', '\\\\'],
  ])('little text: %j → %j', (input, output) => {
    expect(toLittleText(input)).toBe(output);
  });

  it('uploads images with their alternative text, one or several', async () => {
    const { credentials } = memberChannel();
    const ref = await connector.publisher.publish(credentials, {
      idempotencyKey: 'k',
      text: 'Marché de Noël',
      media: [png('Les chalets'), png('La grande roue')],
    });
    const held = fake.posts.find((p) => p.urn === ref.id);
    expect(readAlts(held?.content)).toEqual(['Les chalets', 'La grande roue']);
    expect(held?.content).toHaveProperty('multiImage');
    const urns = (held?.content?.multiImage as { images: { id: string }[] }).images.map((i) => i.id);
    for (const urn of urns) {
      expect(fake.images.find((i) => i.urn === urn)).toMatchObject({
        owner: credentials.data.author,
        mimeType: 'image/png',
      });
    }
  });

  it('shows a link as an article card', async () => {
    const { credentials } = memberChannel();
    const ref = await connector.publisher.publish(credentials, {
      idempotencyKey: 'k',
      text: 'Le programme',
      link: { url: 'https://www.lyon.fr/programme', title: 'Programme', description: 'Tout le programme' },
    });
    expect(fake.posts.find((p) => p.urn === ref.id)?.content).toEqual({
      article: { source: 'https://www.lyon.fr/programme', title: 'Programme', description: 'Tout le programme' },
    });
  });

  it('posts the first comment as a separate call, and keeps the post when the comment fails', async () => {
    const { credentials } = memberChannel();
    const ref = await connector.publisher.publish(credentials, {
      idempotencyKey: 'k',
      text: 'Inscriptions ouvertes',
      options: { firstComment: 'Le lien : https://www.lyon.fr/inscription (#rentrée)' },
    });
    const comment = fake.comments.find((c) => c.urn === ref.extra?.firstComment);
    expect(comment).toMatchObject({ object: ref.id, text: 'Le lien : https://www.lyon.fr/inscription (#rentrée)' });

    fake.failNext('POST /rest/socialActions/:urn/comments', { status: 500 });
    const kept = await connector.publisher.publish(credentials, {
      idempotencyKey: 'k2',
      text: 'Deuxième',
      options: { firstComment: 'Raté' },
    });
    expect(fake.posts.some((p) => p.urn === kept.id)).toBe(true);
    expect(kept.extra?.firstCommentError).toMatch(/500/);
    const retried = await connector.publishComment(credentials, kept, 'Raté');
    expect(fake.comments.find((c) => c.urn === retried.id)).toMatchObject({ object: kept.id, text: 'Raté' });
    // The publishing engine's first comment goes through the publisher's `comment`.
    const engine = await connector.publisher.comment!(credentials, kept, {
      idempotencyKey: 'k2:comment',
      text: 'Suite',
    });
    expect(fake.comments.find((c) => c.urn === engine.id)).toMatchObject({ object: kept.id, text: 'Suite' });
  });

  it('sends the pinned API version and Rest.li protocol on every REST call, and says it is not idempotent', () => {
    expect(LINKEDIN_VERSION).toMatch(/^\d{6}$/);
    expect(connector.publisher.idempotent).toBe(false);
    expect(connector.publisher.findPublished).toBeUndefined();
  });

  it('refuses before any call what LinkedIn would refuse', async () => {
    const { credentials } = memberChannel();
    const before = fake.requests.length;
    const error = await failure(
      connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'é'.repeat(3001) }),
    );
    expect(error.code).toBe('rejected');
    expect(fake.requests.length).toBe(before);
  });
});

describe('linkedin: failures', () => {
  it('maps 429 to rate_limited until midnight UTC, or as Retry-After says', async () => {
    const { credentials } = memberChannel();
    fake.failNext('POST /rest/posts', { status: 429 });
    const daily = await failure(connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x' }));
    expect(daily).toMatchObject({ code: 'rate_limited' });
    expect(daily.retryAfterMs).toBeGreaterThan(0);
    expect(daily.retryAfterMs).toBeLessThanOrEqual(24 * 3600_000);
    fake.failNext('POST /rest/posts', { status: 429, headers: { 'retry-after': '120' } });
    const told = await failure(connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x' }));
    expect(told).toMatchObject({ code: 'rate_limited', retryAfterMs: 120_000 });
  });

  it('maps 500 to unavailable, an expired token to auth_expired, and a lost 504 after acting to unknown_outcome', async () => {
    const { credentials } = memberChannel();
    fake.failNext('POST /rest/posts', { status: 500 });
    expect((await failure(connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x' }))).code).toBe(
      'unavailable',
    );
    fake.failNext('POST /rest/posts', { status: 504, rawBody: '<html>Gateway Timeout</html>', afterActing: true });
    const lost = await failure(connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'perdu' }));
    expect(lost.code).toBe('unknown_outcome');
    expect(fake.posts.filter((p) => p.text === 'perdu')).toHaveLength(1);
    fake.expireToken(credentials.data.accessToken ?? '');
    expect((await failure(connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x' }))).code).toBe(
      'auth_expired',
    );
  });

  it('says clearly when an answer is garbage', async () => {
    const member = fake.createMember('Garbage');
    fake.signInAs(member.sub);
    const start = await connector.oauth.start({ redirectUri, state: 's', fields: {} });
    const code =
      new URL((await fetch(start.url, { redirect: 'manual' })).headers.get('location') ?? '').searchParams.get(
        'code',
      ) ?? '';
    fake.failNext('GET /v2/userinfo', { status: 200, rawBody: '{"sub": tronqu', afterActing: true });
    const error = await failure(connector.oauth.finish({ redirectUri, code, pending: start.pending }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('/v2/userinfo');
  });

  it('turns an unreachable LinkedIn into unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = createLinkedInConnector({
      clientId: 'c',
      clientSecret: 's',
      authBaseUrl: `http://127.0.0.1:${port}`,
      apiBaseUrl: `http://127.0.0.1:${port}`,
    });
    const { credentials } = memberChannel();
    const error = await failure(offline.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x' }));
    expect(error.code).toBe('unavailable');
  });
});
