// The Facebook Pages connector against a fake Facebook written from the documentation (testing/facebook/fake-facebook.ts), a
// real HTTP server on loopback that refuses any request it does not expect: the publisher contract, then
// Facebook's quirks — Login, the long-lived exchange and Page tokens, photos with alt text, first comments,
// and Graph error objects.
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelCredentials, ConnectedAccount } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { makePng } from '../testing/images.js';
import { describePublisherContract, type HeldPost } from '../testing/publisher-contract.js';
import { GRAPH_VERSION } from './api.js';
import { startFakeFacebook, type FakeFacebook } from '../testing/facebook/fake-facebook.js';
import { createFacebookConnector } from './index.js';

let fake: FakeFacebook;
let connector: ReturnType<typeof createFacebookConnector>;
const redirectUri = 'https://rostra.mairie.test/api/oauth/callback';
let pageSerial = 500_000;

beforeAll(async () => {
  fake = await startFakeFacebook();
  connector = createFacebookConnector({
    appId: '1234567890',
    appSecret: 'app-secret',
    graphBaseUrl: fake.url,
    dialogBaseUrl: fake.url,
  });
});

afterEach(() => {
  expect(fake.unexpected.splice(0)).toEqual([]);
});

afterAll(async () => {
  await fake.close();
});

function pageChannel(name = 'Mairie de Lyon') {
  const pageId = String(++pageSerial);
  fake.createUser('Camille', [{ id: pageId, name, tasks: ['ADVERTISE', 'ANALYZE', 'CREATE_CONTENT', 'MODERATE'] }]);
  const credentials: ChannelCredentials = { data: { pageId, pageAccessToken: fake.issuePageToken(pageId) } };
  return { pageId, credentials };
}

/** A Page's posts and comments as the fake holds them. */
function listPosts(pageId: string): HeldPost[] {
  const posts = fake.posts
    .filter((post) => post.pageId === pageId)
    .map((post) => ({
      id: post.id,
      text: post.message,
      alts: post.photoIds.map((id) => fake.photos.find((p) => p.id === id)?.alt ?? ''),
    }));
  const comments = fake.comments
    .filter((comment) => comment.fromPageId === pageId)
    .map((comment) => ({
      id: comment.id,
      text: comment.message,
      replyTo: comment.parentId ?? comment.postId,
      threadRoot: comment.postId,
      alts: [],
    }));
  return [...posts, ...comments];
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  expect(error).toMatchObject({ network: 'facebook' });
  return error as ConnectorError;
}

const png = (alt: string) => ({ data: makePng(4, 3), mimeType: 'image/png', alt });

describePublisherContract('facebook', async () => {
  const { pageId, credentials } = pageChannel('Contrat');
  return {
    connector,
    credentials,
    badCredentials: { data: { ...credentials.data, pageAccessToken: 'EAAforged' } },
    listPosts: async () => listPosts(pageId),
    textLimit: 63_206,
    sampleImage: png(''),
  };
});

describe('facebook: connecting', () => {
  async function login(userId: string) {
    fake.signInAs(userId);
    const state = randomUUID();
    const start = await connector.oauth.start({ redirectUri, state, fields: {} });
    const response = await fetch(start.url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const back = new URL(response.headers.get('location') ?? '');
    expect(back.searchParams.get('state')).toBe(state);
    return { start, state, code: back.searchParams.get('code') ?? '' };
  }

  it('opens the Login dialog at the pinned version, then offers each Page the person may publish to', async () => {
    const { userId } = fake.createUser('Camille', [
      { id: '9001', name: 'Mairie de Lyon', tasks: ['CREATE_CONTENT', 'MANAGE', 'MODERATE'] },
      { id: '9002', name: 'Musée', tasks: ['ANALYZE'] },
      { id: '9003', name: 'Office de tourisme', tasks: ['CREATE_CONTENT'] },
    ]);
    const { start, state, code } = await login(userId);
    const url = new URL(start.url);
    expect(url.pathname).toBe(`/${GRAPH_VERSION}/dialog/oauth`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '1234567890',
      redirect_uri: redirectUri,
      state,
      response_type: 'code',
      scope: 'pages_show_list,pages_manage_posts,pages_read_engagement',
    });

    const accounts = (await connector.oauth.finish({
      redirectUri,
      code,
      pending: start.pending,
    })) as ConnectedAccount[];
    expect(accounts.map((a) => [a.accountId, a.name])).toEqual([
      ['9001', 'Mairie de Lyon'],
      ['9003', 'Office de tourisme'],
    ]);
    for (const account of accounts) {
      expect(account.credentials.expiresAt).toBeUndefined();
      expect(account.credentials.data.pageId).toBe(account.accountId);
      // From the long-lived user token: a Page token that does not expire.
      expect(fake.tokenKind(account.credentials.data.pageAccessToken ?? '')).toBe('page');
    }
    const exchanges = fake.requests.filter((r) => r.route === 'GET /oauth/access_token').slice(-2);
    expect(exchanges[1]?.path).toContain('grant_type=fb_exchange_token');
    // The code worked once.
    expect((await failure(connector.oauth.finish({ redirectUri, code, pending: start.pending }))).code).toBe(
      'auth_expired',
    );
  });

  it('follows the pages of /me/accounts, connects a single Page at once, and refuses an account with none', async () => {
    fake.configure({ pageSize: 2 });
    try {
      const many = Array.from({ length: 5 }, (_, i) => ({
        id: String(9100 + i),
        name: `Page ${i}`,
        tasks: ['CREATE_CONTENT'],
      }));
      const { userId } = fake.createUser('Many', many);
      const { start, code } = await login(userId);
      const accounts = (await connector.oauth.finish({
        redirectUri,
        code,
        pending: start.pending,
      })) as ConnectedAccount[];
      expect(accounts.map((a) => a.accountId)).toEqual(many.map((p) => p.id));
    } finally {
      fake.configure({ pageSize: 25 });
    }
    const single = fake.createUser('One', [{ id: '9200', name: 'Seule', tasks: ['CREATE_CONTENT'] }]);
    const one = await login(single.userId);
    expect(await connector.oauth.finish({ redirectUri, code: one.code, pending: one.start.pending })).toMatchObject({
      accountId: '9200',
      name: 'Seule',
    });
    const none = fake.createUser('None', [{ id: '9300', name: 'Lecture', tasks: ['ANALYZE'] }]);
    const nothing = await login(none.userId);
    const error = await failure(
      connector.oauth.finish({ redirectUri, code: nothing.code, pending: nothing.start.pending }),
    );
    expect(error.code).toBe('rejected');
    expect((await failure(connector.oauth.finish({ redirectUri, code: 'x', pending: {} }))).code).toBe('rejected');
  });
});

describe('facebook: publishing', () => {
  it('posts text with a link, as the Page, and gives the post address', async () => {
    const { pageId, credentials } = pageChannel();
    const ref = await connector.publisher.publish(credentials, {
      idempotencyKey: 'k',
      text: 'Le programme de l’été',
      link: { url: 'https://www.lyon.fr/ete' },
    });
    expect(ref.id).toMatch(new RegExp(`^${pageId}_\\d+$`));
    expect(ref.url).toBe(`https://www.facebook.com/${pageId}/posts/${ref.id.split('_')[1]}`);
    expect(fake.posts.find((p) => p.id === ref.id)).toMatchObject({
      message: 'Le programme de l’été',
      link: 'https://www.lyon.fr/ete',
    });
  });

  it('uploads several photos unpublished with their alt text, then attaches them to one post', async () => {
    const { credentials } = pageChannel();
    const ref = await connector.publisher.publish(credentials, {
      idempotencyKey: 'k',
      text: 'Fête des Lumières',
      media: [png('La cathédrale illuminée'), png('Les quais de Saône')],
    });
    const post = fake.posts.find((p) => p.id === ref.id);
    expect(post?.photoIds).toHaveLength(2);
    expect(post?.photoIds.map((id) => fake.photos.find((p) => p.id === id))).toEqual([
      expect.objectContaining({ alt: 'La cathédrale illuminée', published: true, mimeType: 'image/png' }),
      expect.objectContaining({ alt: 'Les quais de Saône', published: true }),
    ]);
  });

  it('posts the first comment with the comments edge, keeps the post when it fails, and says it is not idempotent', async () => {
    const { credentials } = pageChannel();
    const ref = await connector.publisher.publish(credentials, {
      idempotencyKey: 'k',
      text: 'Inscriptions',
      options: { firstComment: 'Le lien : https://www.lyon.fr' },
    });
    expect(fake.comments.find((c) => c.id === ref.extra?.firstComment)).toMatchObject({
      postId: ref.id,
      message: 'Le lien : https://www.lyon.fr',
    });
    fake.failNext('POST /:object/comments', { status: 500 });
    const kept = await connector.publisher.publish(credentials, {
      idempotencyKey: 'k',
      text: 'Deuxième',
      options: { firstComment: 'Raté' },
    });
    expect(fake.posts.some((p) => p.id === kept.id)).toBe(true);
    expect(kept.extra?.firstCommentError).toMatch(/500/);
    const retried = await connector.publishComment(credentials, kept, 'Raté');
    expect(fake.comments.find((c) => c.id === retried.id)).toMatchObject({ postId: kept.id, message: 'Raté' });
    // The publishing engine's first comment goes through the publisher's `comment`.
    const engine = await connector.publisher.comment!(credentials, kept, {
      idempotencyKey: 'k:comment',
      text: 'Suite',
    });
    expect(fake.comments.find((c) => c.id === engine.id)).toMatchObject({ postId: kept.id, message: 'Suite' });
    expect(connector.publisher.idempotent).toBe(false);
  });
});

describe('facebook: Graph errors', () => {
  it.each([
    [4, 'rate_limited'],
    [17, 'rate_limited'],
    [32, 'rate_limited'],
    [613, 'rate_limited'],
    [190, 'auth_expired'],
    [200, 'auth_expired'],
    [1, 'unavailable'],
    [2, 'unavailable'],
    [100, 'rejected'],
    [368, 'rejected'],
  ] as const)('maps code %i to %s', async (code, expected) => {
    const { credentials } = pageChannel();
    fake.failNext('POST /:page/feed', { status: code === 1 || code === 2 ? 500 : 400, error: { code } });
    const error = await failure(connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x' }));
    expect(error.code).toBe(expected);
    expect(error.message).toContain('fbtrace_id');
  });

  it('waits as the usage headers say, or an hour', async () => {
    const { pageId, credentials } = pageChannel();
    const usage = JSON.stringify({
      [pageId]: [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 7 }],
    });
    fake.failNext('POST /:page/feed', {
      status: 400,
      error: { code: 32 },
      headers: { 'x-business-use-case-usage': usage },
    });
    const told = await failure(connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x' }));
    expect(told).toMatchObject({ code: 'rate_limited', retryAfterMs: 7 * 60_000 });
    fake.failNext('POST /:page/feed', { status: 400, error: { code: 4 } });
    const hour = await failure(connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x' }));
    expect(hour).toMatchObject({ code: 'rate_limited', retryAfterMs: 60 * 60_000 });
  });

  it('treats a revoked Page token as auth_expired, garbage after posting as unknown_outcome, and a plain 503 as unavailable', async () => {
    const { credentials } = pageChannel();
    fake.failNext('POST /:page/feed', { status: 200, rawBody: '{"id": "12', afterActing: true });
    const lost = await failure(connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'perdu' }));
    expect(lost.code).toBe('unknown_outcome');
    expect(lost.message).toContain('/feed');
    expect(fake.posts.filter((p) => p.message === 'perdu')).toHaveLength(1);
    fake.failNext('POST /:page/photos', { status: 503, rawBody: '<html>Service Unavailable</html>' });
    const down = await failure(
      connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x', media: [png('a')] }),
    );
    expect(down.code).toBe('unavailable');
    fake.revokeToken(credentials.data.pageAccessToken ?? '');
    expect((await failure(connector.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x' }))).code).toBe(
      'auth_expired',
    );
  });

  it('turns an unreachable Graph into unavailable', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const offline = createFacebookConnector({ appId: 'a', appSecret: 's', graphBaseUrl: `http://127.0.0.1:${port}` });
    const { credentials } = pageChannel();
    expect((await failure(offline.publisher.publish(credentials, { idempotencyKey: 'k', text: 'x' }))).code).toBe(
      'unavailable',
    );
  });
});
