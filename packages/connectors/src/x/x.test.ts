// The X connector against a fake X API v2 written from the docs (testing/x/fake-x.ts), a real HTTP server on loopback
// that refuses any request it does not expect: the publisher contract, then X's quirks — OAuth 2.0 with PKCE
// and rotating refresh tokens, weighted counting, images with alternative text, GIFs and videos uploaded in
// chunks, threads, rate limits, and what happens when an answer is lost (X has no idempotency key).
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelCredentials, MediaAttachment } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { makeGif, makePng } from '../testing/images.js';
import { describePublisherContract, type HeldPost } from '../testing/publisher-contract.js';
import {
  startFakeX,
  type FakeX,
  type FakeXFailure,
  type FakeXLostAnswer,
  type FakeXOptions,
  type FakeXRoute,
} from '../testing/x/fake-x.js';
import { createXConnector, type XConnectorOptions } from './index.js';

const started: FakeX[] = [];
let fake: FakeX;

async function startFake(options: Partial<FakeXOptions> = {}): Promise<FakeX> {
  const instance = await startFakeX(options);
  started.push(instance);
  return instance;
}

beforeAll(async () => {
  fake = await startFake();
});

afterEach(() => {
  // Every request the connector made was one the docs describe, with the documented parameters.
  for (const instance of started) expect(instance.unexpected.splice(0)).toEqual([]);
});

afterAll(async () => {
  await Promise.all(started.map((instance) => instance.close()));
});

function connectTo(on: FakeX, options: Partial<XConnectorOptions> = {}) {
  return createXConnector({
    clientId: on.clientId,
    clientSecret: on.clientSecret,
    authorizeUrl: on.authorizeUrl,
    apiBaseUrl: on.url,
    mediaPollIntervalMs: 1,
    ...options,
  });
}

// Made once the fake listens (its address is in the connector's options).
let x: ReturnType<typeof connectTo>;
beforeAll(() => {
  x = connectTo(fake);
});

let accounts = 0;

/** A fresh account on `on`, and the channel connected with its tokens. */
function createChannel(on: FakeX = fake, name = 'mairie') {
  const { account, accessToken, refreshToken } = on.createAccount(`${name}_${++accounts}`);
  const credentials: ChannelCredentials = {
    data: { accessToken, refreshToken, userId: account.id, username: account.username },
  };
  return { account, accessToken, refreshToken, credentials };
}

/**
 * The account's posts read back through GET /2/users/:id/tweets, as any client reads them: the thread root is
 * the conversation_id, the parent the replied_to reference, the alt texts those of the expanded media.
 */
async function listPosts(on: FakeX, accountId: string, accessToken: string): Promise<HeldPost[]> {
  const posts: HeldPost[] = [];
  let token: string | undefined;
  do {
    const query = new URLSearchParams({
      max_results: '100',
      'tweet.fields': 'conversation_id,referenced_tweets,attachments',
      expansions: 'attachments.media_keys',
      'media.fields': 'alt_text',
    });
    if (token) query.set('pagination_token', token);
    const response = await fetch(`${on.url}/2/users/${accountId}/tweets?${query}`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(response.status).toBe(200);
    const page = (await response.json()) as {
      data?: Array<{
        id: string;
        text: string;
        conversation_id: string;
        referenced_tweets?: Array<{ type: string; id: string }>;
        attachments?: { media_keys: string[] };
      }>;
      includes?: { media: Array<{ media_key: string; alt_text?: string }> };
      meta: { next_token?: string };
    };
    for (const tweet of page.data ?? []) {
      const parent = tweet.referenced_tweets?.find((ref) => ref.type === 'replied_to')?.id;
      posts.push({
        id: tweet.id,
        text: tweet.text,
        replyTo: parent,
        threadRoot: parent ? tweet.conversation_id : undefined,
        alts: (tweet.attachments?.media_keys ?? []).map(
          (key) => page.includes?.media.find((m) => m.media_key === key)?.alt_text ?? '',
        ),
      });
    }
    token = page.meta.next_token;
  } while (token);
  return posts;
}

const postsTo = (on: FakeX) => on.requests.filter((r) => r.route === 'POST /2/tweets');
const countHeld = (on: FakeX, text: string) => on.tweets.filter((tweet) => tweet.text === text).length;
const png = (alt = 'Affiche de la fête de la musique'): MediaAttachment => ({
  data: makePng(4, 3),
  mimeType: 'image/png',
  alt,
});
/** The first bytes of an MP4 (an ftyp box), then padding: X only sniffs the container here. */
function makeMp4(bytes: number): Uint8Array {
  const data = new Uint8Array(bytes);
  data.set([0, 0, 0, 0x18, ...Buffer.from('ftypmp42')], 0);
  return data;
}

async function expectConnectorError(promise: Promise<unknown>, code: ConnectorError['code']): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  expect(error).toMatchObject({ network: 'x', code });
  return error as ConnectorError;
}

describePublisherContract('x', async () => {
  const channel = createChannel(fake, 'contrat');
  return {
    connector: connectTo(fake),
    credentials: channel.credentials,
    badCredentials: { data: { ...channel.credentials.data, accessToken: 'jeton-forge' } },
    listPosts: () => listPosts(fake, channel.account.id, channel.accessToken),
    textLimit: 280,
    sampleImage: { data: makePng(4, 3), mimeType: 'image/png', alt: '' },
  };
});

describe('x: connecting with OAuth 2.0 and PKCE', () => {
  const redirectUri = 'https://rostra.example/api/channels/oauth/callback';

  /** What the person's browser does: open the authorisation page, come back with a code. */
  async function authorise(url: string): Promise<URL> {
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location') ?? '');
  }

  it('asks for the scopes with an S256 challenge, and keeps both tokens with their expiry', async () => {
    const now = 1_750_000_000_000;
    const connector = connectTo(fake, { now: () => now });
    const { account } = fake.createAccount('communication_oauth');
    const state = randomUUID();
    const start = await connector.oauth.start({ redirectUri, state, fields: {} });

    expect(start.pending).toEqual({ codeVerifier: expect.stringMatching(/^[A-Za-z0-9_-]{43,128}$/) });
    const url = new URL(start.url);
    expect(`${url.origin}${url.pathname}`).toBe(fake.authorizeUrl);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: fake.clientId,
      redirect_uri: redirectUri,
      scope: 'tweet.read tweet.write users.read media.write offline.access',
      state,
      code_challenge: createHash('sha256')
        .update(start.pending.codeVerifier ?? '')
        .digest('base64url'),
      code_challenge_method: 'S256',
    });
    // A new verifier every time.
    expect((await connectTo(fake).oauth.start({ redirectUri, state, fields: {} })).pending).not.toEqual(start.pending);

    fake.signInAs('communication_oauth');
    const callback = await authorise(start.url);
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe(state);
    const code = callback.searchParams.get('code') ?? '';

    const connected = await connector.oauth.finish({ redirectUri, code, pending: start.pending });
    expect(connected).toEqual({
      accountId: account.id,
      name: '@communication_oauth',
      credentials: {
        data: {
          accessToken: expect.any(String),
          refreshToken: expect.any(String),
          userId: account.id,
          username: 'communication_oauth',
          scope: 'tweet.read tweet.write users.read media.write offline.access',
        },
        // Two hours, as X says in expires_in.
        expiresAt: now + 7200 * 1000,
      },
    });

    const ref = await connector.publisher.publish(connected.credentials, {
      idempotencyKey: randomUUID(),
      text: 'Connectée',
    });
    expect(ref.url).toBe(`https://x.com/communication_oauth/status/${ref.id}`);
    expect(fake.tweets.find((t) => t.id === ref.id)?.accountId).toBe(account.id);
    // A code works once.
    await expectConnectorError(connector.oauth.finish({ redirectUri, code, pending: start.pending }), 'auth_expired');
  });

  it('cannot exchange the code without the verifier of its challenge', async () => {
    fake.createAccount('verificateur');
    fake.signInAs('verificateur');
    const start = await x.oauth.start({ redirectUri, state: 's', fields: {} });
    const code = (await authorise(start.url)).searchParams.get('code') ?? '';

    await expectConnectorError(
      x.oauth.finish({ redirectUri, code, pending: { codeVerifier: 'x'.repeat(43) } }),
      'auth_expired',
    );
    const other = await x.oauth.start({ redirectUri, state: 's', fields: {} });
    await expectConnectorError(x.oauth.finish({ redirectUri, code, pending: other.pending }), 'auth_expired');
    // The right verifier still works: the fake checked S256(verifier) against the challenge.
    await expect(x.oauth.finish({ redirectUri, code, pending: start.pending })).resolves.toMatchObject({
      name: '@verificateur',
    });
    await expectConnectorError(x.oauth.finish({ redirectUri, code, pending: {} }), 'rejected');
  });

  it('authenticates a confidential client with HTTP Basic, and a wrong secret is refused', async () => {
    const confidential = await startFake({ clientSecret: 'secret-de-test' });
    confidential.createAccount('confidentiel');
    confidential.signInAs('confidentiel');
    const good = connectTo(confidential);
    const start = await good.oauth.start({ redirectUri, state: 's', fields: {} });
    const code = (await authorise(start.url)).searchParams.get('code') ?? '';

    const wrong = connectTo(confidential, { clientSecret: 'pas-le-bon' });
    await expectConnectorError(wrong.oauth.finish({ redirectUri, code, pending: start.pending }), 'auth_expired');
    const connected = await good.oauth.finish({ redirectUri, code, pending: start.pending });
    expect(connected.name).toBe('@confidentiel');
    // A public client (no secret) cannot use the confidential app's token endpoint either.
    await expectConnectorError(
      connectTo(confidential, { clientSecret: undefined }).refresh(connected.credentials),
      'auth_expired',
    );
  });

  it('refuses a callback address other than the one of the code', async () => {
    fake.createAccount('redirection');
    fake.signInAs('redirection');
    const start = await x.oauth.start({ redirectUri, state: 's', fields: {} });
    const code = (await authorise(start.url)).searchParams.get('code') ?? '';
    await expectConnectorError(
      x.oauth.finish({ redirectUri: 'https://ailleurs.example/callback', code, pending: start.pending }),
      'auth_expired',
    );
  });

  it('needs a Client ID', () => {
    expect(() => createXConnector({ clientId: ' ' })).toThrow(/Client ID/);
  });
});

describe('x: refreshing tokens', () => {
  it('keeps the rotated refresh token; the spent one is refused', async () => {
    const now = 1_760_000_000_000;
    const connector = connectTo(fake, { now: () => now });
    const channel = createChannel();
    const renewed = await connector.refresh(channel.credentials);
    expect(renewed).toEqual({
      data: {
        accessToken: expect.any(String),
        refreshToken: expect.any(String),
        userId: channel.account.id,
        username: channel.account.username,
        scope: 'tweet.read tweet.write users.read media.write offline.access',
      },
      expiresAt: now + 7200 * 1000,
    });
    expect(renewed.data.refreshToken).not.toBe(channel.refreshToken);
    expect(renewed.data.accessToken).not.toBe(channel.accessToken);

    await expectConnectorError(connector.refresh(channel.credentials), 'auth_expired');
    const again = await connector.refresh(renewed);
    await connector.publisher.publish(again, { idempotencyKey: randomUUID(), text: 'Après deux renouvellements' });
    expect(countHeld(fake, 'Après deux renouvellements')).toBe(1);
  });

  it('publishes again once an expired access token is refreshed', async () => {
    const channel = createChannel();
    fake.expireAccessToken(channel.accessToken);
    const request = { idempotencyKey: randomUUID(), text: 'Jeton expiré' };
    await expectConnectorError(x.publisher.publish(channel.credentials, request), 'auth_expired');
    expect(countHeld(fake, request.text)).toBe(0);
    await x.publisher.publish(await x.refresh(channel.credentials), request);
    expect(countHeld(fake, request.text)).toBe(1);
  });

  // [case, failure, code]: only a refusal disconnects the channel; the rest is retried later.
  const failures: Array<[string, FakeXFailure, ConnectorError['code']]> = [
    ['503', { status: 503 }, 'unavailable'],
    ['500', { status: 500 }, 'unavailable'],
    ['429', { status: 429 }, 'rate_limited'],
    ['an HTML page from the load balancer', { status: 502 }, 'unavailable'],
    ['garbage JSON', { status: 200, rawBody: '{"access_token": "ab' }, 'unavailable'],
    [
      'invalid_grant',
      { status: 400, body: { error: 'invalid_grant', error_description: 'Refresh token revoked' } },
      'auth_expired',
    ],
    [
      'invalid_request',
      { status: 400, body: { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' } },
      'auth_expired',
    ],
  ];

  it.each(failures)('maps %s from the token endpoint', async (_case, failure, code) => {
    const channel = createChannel();
    fake.failNext('POST /2/oauth2/token', failure);
    await expectConnectorError(x.refresh(channel.credentials), code);
    // The fake did nothing: the refresh token still works.
    await expect(x.refresh(channel.credentials)).resolves.toMatchObject({ data: { userId: channel.account.id } });
  });

  it('says auth_expired for a channel without refresh token, without calling X', async () => {
    const before = fake.requests.length;
    await expectConnectorError(x.refresh({ data: { accessToken: 'a' } }), 'auth_expired');
    expect(fake.requests.length).toBe(before);
  });

  it('calls a refresh whose answer is lost unavailable (X rotated the token: the next refresh is refused)', async () => {
    const channel = createChannel();
    fake.dropNextResponse('POST /2/oauth2/token', 'hang');
    await expectConnectorError(connectTo(fake, { timeoutMs: 300 }).refresh(channel.credentials), 'unavailable');
    await expectConnectorError(x.refresh(channel.credentials), 'auth_expired');
  });
});

describe('x: counting and media', () => {
  it('counts a URL as 23 and an emoji as 2, as X does', async () => {
    const url = `https://www.mairie-exemple.fr/${'conseil-municipal/'.repeat(10)}ordre-du-jour`;
    const text = `${'é'.repeat(250)} ${url} 🎉🎉`; // 250 + 1 + 23 + 1 + 4 = 279
    expect(x.publisher.validate({ text })).toEqual([]);
    const channel = createChannel();
    const ref = await x.publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text });
    expect(fake.tweets.find((t) => t.id === ref.id)?.text).toBe(text);
    // The API answers the link wrapped in t.co.
    const [held] = await listPosts(fake, channel.account.id, channel.accessToken);
    expect(held?.text).toMatch(/^é{250} https:\/\/t\.co\/\S+ 🎉🎉$/);

    const over = `${text}🎉`;
    expect(x.publisher.validate({ text: over })).toEqual([
      expect.objectContaining({ rule: 'text_too_long', excess: 1 }),
    ]);
    const before = fake.requests.length;
    await expectConnectorError(
      x.publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: over }),
      'rejected',
    );
    expect(fake.requests.length).toBe(before);
  });

  it('publishes four images, each with its alternative text', async () => {
    const channel = createChannel();
    const alts = ['Le marché', 'La mairie', '', 'Le port'];
    const ref = await x.publisher.publish(channel.credentials, {
      idempotencyKey: randomUUID(),
      text: 'Quatre images',
      media: alts.map((alt) => png(alt)),
    });
    const tweet = fake.tweets.find((t) => t.id === ref.id);
    expect(tweet?.mediaIds).toHaveLength(4);
    expect(tweet?.mediaIds.map((id) => fake.media.find((m) => m.id === id)?.altText)).toEqual([
      'Le marché',
      'La mairie',
      null, // nothing to send: no metadata call
      'Le port',
    ]);
    expect(await listPosts(fake, channel.account.id, channel.accessToken)).toEqual([
      expect.objectContaining({ id: ref.id, alts: ['Le marché', 'La mairie', '', 'Le port'] }),
    ]);
  });

  it('uploads a GIF in chunks, waits for processing, then sets its alternative text', async () => {
    const channel = createChannel();
    const since = fake.requests.length;
    const ref = await x.publisher.publish(channel.credentials, {
      idempotencyKey: randomUUID(),
      text: 'Un GIF',
      media: [{ data: makeGif(), mimeType: 'image/gif', alt: 'Un pixel blanc' }],
    });
    expect(fake.requests.slice(since).map((r) => r.route)).toEqual([
      'POST /2/media/upload/initialize',
      'POST /2/media/upload/:id/append',
      'POST /2/media/upload/:id/finalize',
      'GET /2/media/upload',
      'GET /2/media/upload',
      'POST /2/media/metadata',
      'POST /2/tweets',
    ]);
    const [mediaId] = fake.tweets.find((t) => t.id === ref.id)?.mediaIds ?? [];
    expect(fake.media.find((m) => m.id === mediaId)).toMatchObject({
      category: 'tweet_gif',
      altText: 'Un pixel blanc',
    });
  });

  it('uploads a video in as many segments as it takes, without alternative text', async () => {
    const channel = createChannel();
    const data = makeMp4(2500);
    const since = fake.requests.length;
    const ref = await connectTo(fake, { chunkBytes: 1000 }).publisher.publish(channel.credentials, {
      idempotencyKey: randomUUID(),
      text: 'Une vidéo',
      media: [{ data, mimeType: 'video/mp4', alt: '' }],
    });
    const routes = fake.requests.slice(since).map((r) => r.route);
    expect(routes.filter((route) => route === 'POST /2/media/upload/:id/append')).toHaveLength(3);
    expect(routes).not.toContain('POST /2/media/metadata');
    const [mediaId] = fake.tweets.find((t) => t.id === ref.id)?.mediaIds ?? [];
    const stored = fake.media.find((m) => m.id === mediaId);
    expect(stored?.category).toBe('tweet_video');
    expect(Buffer.concat([...(stored?.segments.values() ?? [])]).equals(Buffer.from(data))).toBe(true);
  });

  it('refuses a video X could not process, and posts nothing', async () => {
    const failing = await startFake({ processingOutcome: 'failed', processingPolls: 1 });
    const channel = createChannel(failing);
    const error = await expectConnectorError(
      connectTo(failing).publisher.publish(channel.credentials, {
        idempotencyKey: randomUUID(),
        text: 'Vidéo illisible',
        media: [{ data: makeMp4(100), mimeType: 'video/mp4', alt: '' }],
      }),
      'rejected',
    );
    expect(error.message).toMatch(/Unsupported video format/);
    expect(failing.tweets).toEqual([]);
  });

  it('gives up waiting for processing as unavailable, before posting', async () => {
    const slow = await startFake({ processingPolls: 1000 });
    const channel = createChannel(slow);
    await expectConnectorError(
      connectTo(slow, { mediaPollIntervalMs: 1, mediaProcessingTimeoutMs: 0 }).publisher.publish(channel.credentials, {
        idempotencyKey: randomUUID(),
        text: 'Toujours en traitement',
        media: [{ data: makeMp4(100), mimeType: 'video/mp4', alt: '' }],
      }),
      'unavailable',
    );
    expect(slow.tweets).toEqual([]);
  });

  it.each<[string, { text: string; media?: MediaAttachment[] }, string]>([
    ['five images', { text: 'x', media: Array.from({ length: 5 }, () => png()) }, 'too_many_media'],
    [
      'a GIF beside an image',
      { text: 'x', media: [png(), { data: makeGif(), mimeType: 'image/gif', alt: 'g' }] },
      'media_mix_unsupported',
    ],
    [
      'an image over 5 MB',
      { text: 'x', media: [{ ...png(), data: new Uint8Array(5 * 1024 * 1024 + 1) }] },
      'media_too_large',
    ],
    ['nothing at all', { text: '  ' }, 'empty_post'],
  ])('refuses %s before sending anything', async (_case, draft, rule) => {
    expect(x.publisher.validate(draft)).toContainEqual(expect.objectContaining({ rule }));
    const channel = createChannel();
    const before = fake.requests.length;
    await expectConnectorError(
      x.publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), ...draft }),
      'rejected',
    );
    expect(fake.requests.length).toBe(before);
  });

  it('posts a thread and sets who may reply', async () => {
    const channel = createChannel();
    const root = await x.publisher.publish(channel.credentials, {
      idempotencyKey: randomUUID(),
      text: 'Conseil municipal 1/2',
      options: { replySettings: 'following' },
    });
    const reply = await x.publisher.publish(channel.credentials, {
      idempotencyKey: randomUUID(),
      text: 'Conseil municipal 2/2',
      replyTo: root,
    });
    expect(fake.tweets.find((t) => t.id === root.id)).toMatchObject({ replySettings: 'following', inReplyToId: null });
    expect(fake.tweets.find((t) => t.id === reply.id)).toMatchObject({
      replySettings: 'everyone',
      inReplyToId: root.id,
      conversationId: root.id,
    });
  });

  it('passes on the refusal to answer a post that does not exist as rejected', async () => {
    const channel = createChannel();
    await expectConnectorError(
      x.publisher.publish(channel.credentials, {
        idempotencyKey: randomUUID(),
        text: 'Réponse dans le vide',
        replyTo: { id: '999', url: 'https://x.com/i/web/status/999' },
      }),
      'rejected',
    );
  });
});

describe('x: failures on the wire', () => {
  let quick: ReturnType<typeof connectTo>;
  beforeAll(() => {
    quick = connectTo(fake, { timeoutMs: 400 });
  });

  it('is not idempotent and cannot look posts up: a lost answer is for a person to check', () => {
    expect(x.publisher.idempotent).toBe(false);
    expect(x.publisher.findPublished).toBeUndefined();
    expect(x.publisher.rateLimit).toEqual({ posts: 90, perMs: 15 * 60_000 });
    expect(x.auth).toBe('oauth2');
  });

  it.each<[FakeXLostAnswer]>([['hang'], ['reset'], ['garbage']])(
    'when the post is made but the answer is lost (%s): unknown_outcome; sending again is refused as a duplicate, still unknown',
    async (how) => {
      const channel = createChannel();
      const request = { idempotencyKey: randomUUID(), text: `Réponse perdue (${how})` };
      fake.dropNextResponse('POST /2/tweets', how);
      const error = await expectConnectorError(
        quick.publisher.publish(channel.credentials, request),
        'unknown_outcome',
      );
      if (how === 'garbage') expect(error.message).toMatch(/X answered POST \/2\/tweets with 201 and no JSON/);
      expect(countHeld(fake, request.text)).toBe(1);

      const again = await expectConnectorError(
        quick.publisher.publish(channel.credentials, request),
        'unknown_outcome',
      );
      expect(again.message).toMatch(/duplicate/);
      expect(countHeld(fake, request.text)).toBe(1);
    },
  );

  it('carries the delay from x-rate-limit-reset (epoch seconds) on a 429', async () => {
    const channel = createChannel();
    const reset = Math.ceil(Date.now() / 1000) + 120;
    fake.failNext('POST /2/tweets', {
      status: 429,
      headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) },
    });
    const error = await expectConnectorError(
      x.publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: 'Trop vite' }),
      'rate_limited',
    );
    expect(error.retryAfterMs).toBeGreaterThan(110_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(121_000);
  });

  it('waits for the 24-hour user cap when that is the limit reached', async () => {
    const channel = createChannel();
    const now = Math.ceil(Date.now() / 1000);
    fake.failNext('POST /2/tweets', {
      status: 429,
      headers: {
        'x-rate-limit-limit': '100',
        'x-rate-limit-remaining': '57',
        'x-rate-limit-reset': String(now + 600),
        'x-user-limit-24hour-limit': '17',
        'x-user-limit-24hour-remaining': '0',
        'x-user-limit-24hour-reset': String(now + 20 * 3600),
      },
    });
    const error = await expectConnectorError(
      x.publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: 'Quota du jour' }),
      'rate_limited',
    );
    expect(error.retryAfterMs).toBeGreaterThan(19 * 3600_000);
  });

  it('counts requests in 15-minute windows, and says when the window ends', async () => {
    const limited = await startFake({ rateLimits: { 'POST /2/tweets': 2 } });
    const channel = createChannel(limited);
    const publisher = connectTo(limited).publisher;
    await publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: 'Un' });
    await publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: 'Deux' });
    const error = await expectConnectorError(
      publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: 'Trois' }),
      'rate_limited',
    );
    expect(error.retryAfterMs).toBeGreaterThan(14 * 60_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(15 * 60_000 + 1000);
    expect(limited.tweets.map((t) => t.text)).toEqual(['Un', 'Deux']);
  });

  // [case, route, failure, code]
  const failures: Array<[string, FakeXRoute, FakeXFailure, ConnectorError['code']]> = [
    ['401 on the post', 'POST /2/tweets', { status: 401 }, 'auth_expired'],
    ['403 on the post', 'POST /2/tweets', { status: 403 }, 'rejected'],
    [
      '400 on the post',
      'POST /2/tweets',
      {
        status: 400,
        body: {
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
          errors: [{ message: 'Bad' }],
        },
      },
      'rejected',
    ],
    ['429 on the post', 'POST /2/tweets', { status: 429 }, 'rate_limited'],
    ['500 on the post', 'POST /2/tweets', { status: 500 }, 'unavailable'],
    ['503 on the post', 'POST /2/tweets', { status: 503 }, 'unavailable'],
    ['502 from a gateway on the post', 'POST /2/tweets', { status: 502 }, 'unknown_outcome'],
    ['garbage JSON on the post', 'POST /2/tweets', { status: 201, rawBody: '{"data": {"id": "1' }, 'unknown_outcome'],
    ['a 201 that is no post', 'POST /2/tweets', { status: 201, body: { ok: true } }, 'unknown_outcome'],
    ['401 on the upload', 'POST /2/media/upload', { status: 401 }, 'auth_expired'],
    ['429 on the upload', 'POST /2/media/upload', { status: 429 }, 'rate_limited'],
    ['503 on the upload', 'POST /2/media/upload', { status: 503 }, 'unavailable'],
    ['502 on the upload', 'POST /2/media/upload', { status: 502 }, 'unavailable'],
    ['garbage JSON on the upload', 'POST /2/media/upload', { status: 200, rawBody: '<html>' }, 'unavailable'],
    ['500 on the alternative text', 'POST /2/media/metadata', { status: 500 }, 'unavailable'],
  ];

  it.each(failures)('maps %s', async (_case, route, failure, code) => {
    const channel = createChannel();
    fake.failNext(route, failure);
    const text = `Échec ${randomUUID()}`;
    const error = await expectConnectorError(
      x.publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text, media: [png()] }),
      code,
    );
    expect(error.message).toMatch(/^X /);
    expect(countHeld(fake, text)).toBe(0);
  });

  it('says which problem X reported', async () => {
    const channel = createChannel();
    fake.failNext('POST /2/tweets', {
      status: 403,
      body: {
        title: 'Forbidden',
        detail: 'You are not permitted to reply to this conversation.',
        type: 'about:blank',
        status: 403,
      },
    });
    const error = await expectConnectorError(
      x.publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: 'Interdit' }),
      'rejected',
    );
    expect(error.message).toBe('X answered 403: Forbidden: You are not permitted to reply to this conversation.');
  });

  it('after a 503 before any effect, nothing is posted and a retry posts once', async () => {
    const channel = createChannel();
    const request = { idempotencyKey: randomUUID(), text: 'Service indisponible' };
    fake.failNext('POST /2/tweets', { status: 503 });
    await expectConnectorError(x.publisher.publish(channel.credentials, request), 'unavailable');
    expect(countHeld(fake, request.text)).toBe(0);
    await x.publisher.publish(channel.credentials, request);
    expect(countHeld(fake, request.text)).toBe(1);
    expect(postsTo(fake).length).toBeGreaterThan(1);
  });

  it('turns garbage from /2/users/me into a clear unavailable when connecting', async () => {
    fake.createAccount('illisible');
    fake.signInAs('illisible');
    const start = await x.oauth.start({
      redirectUri: 'https://rostra.example/api/channels/oauth/callback',
      state: 's',
      fields: {},
    });
    const location = (await fetch(start.url, { redirect: 'manual' })).headers.get('location') ?? '';
    const code = new URL(location).searchParams.get('code') ?? '';
    fake.failNext('GET /2/users/me', { status: 200, rawBody: '<html><body>Oops</body></html>' });
    const error = await expectConnectorError(
      x.oauth.finish({
        redirectUri: 'https://rostra.example/api/channels/oauth/callback',
        code,
        pending: start.pending,
      }),
      'unavailable',
    );
    expect(error.message).toBe('X answered GET /2/users/me with 200 and no JSON');
  });

  it('calls a channel without access token auth_expired', async () => {
    await expectConnectorError(x.publisher.publish({ data: {} }, { idempotencyKey: 'k', text: 'x' }), 'auth_expired');
  });
});

describe('the fake X itself', () => {
  it('refuses and records an endpoint it does not implement, a wrong method and an unknown field', async () => {
    const channel = createChannel();
    const auth = { authorization: `Bearer ${channel.accessToken}`, 'content-type': 'application/json' };
    expect((await fetch(`${fake.url}/2/tweets/search/recent`, { headers: auth })).status).toBe(500);
    expect((await fetch(`${fake.url}/2/tweets`, { headers: auth })).status).toBe(500);
    const misspelt = await fetch(`${fake.url}/2/tweets`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ text: 'x', in_reply_to_tweet_id: '1' }),
    });
    expect(misspelt.status).toBe(500);
    expect(await misspelt.json()).toMatchObject({
      detail: expect.stringMatching(/unknown field "in_reply_to_tweet_id"/),
    });
    expect(fake.unexpected.map((u) => `${u.method} ${u.path}`)).toEqual([
      'GET /2/tweets/search/recent',
      'GET /2/tweets',
      'POST /2/tweets',
    ]);
    fake.unexpected.splice(0);
    expect(fake.tweets.filter((t) => t.accountId === channel.account.id)).toEqual([]);
  });

  it('answers every authenticated call with its rate-limit window', async () => {
    const channel = createChannel();
    const response = await fetch(`${fake.url}/2/users/me`, {
      headers: { authorization: `Bearer ${channel.accessToken}` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-rate-limit-limit')).toBe('75');
    expect(response.headers.get('x-rate-limit-remaining')).toBe('74');
    expect(Number(response.headers.get('x-rate-limit-reset'))).toBeGreaterThan(Date.now() / 1000);
  });
});
