// The Mastodon connector against a fake instance written from the API docs (testing/mastodon/fake-mastodon.ts), a real HTTP
// server on loopback that refuses any request it does not expect: the publisher contract, then Mastodon's
// quirks — OAuth with PKCE on an instance the person names, limits read from the instance, URLs and
// mentions counted Mastodon's way, the Idempotency-Key, media processed in the background, and failures.
import { createHash, randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChannelCredentials, MediaAttachment } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { findConnector } from '../registry.js';
import { startFaultProxy } from '../testing/fault-proxy.js';
import { makeGif, makePng } from '../testing/images.js';
import { describePublisherContract, type HeldPost } from '../testing/publisher-contract.js';
import {
  startFakeMastodon,
  type FakeFailure,
  type FakeMastodon,
  type FakeMastodonOptions,
  type FakeRoute,
  type LostAnswer,
} from '../testing/mastodon/fake-mastodon.js';
import { createMastodonConnector, mastodon } from './index.js';
import { countCharacters } from './rules.js';
import { normalizeInstanceUrl } from './session.js';

const started: FakeMastodon[] = [];
let fake: FakeMastodon;

async function startFake(options: Partial<FakeMastodonOptions> = {}): Promise<FakeMastodon> {
  const instance = await startFakeMastodon(options);
  started.push(instance);
  return instance;
}

beforeAll(async () => {
  fake = await startFake();
});

afterEach(() => {
  // Every request the connector made was one the docs describe, with the documented parameters. Drained, so
  // that one test's stray request fails that test only.
  for (const instance of started) expect(instance.unexpected.splice(0)).toEqual([]);
});

afterAll(async () => {
  await Promise.all(started.map((instance) => instance.close()));
});

const connector = createMastodonConnector({ mediaPollIntervalMs: 5 });
const publisher = connector.publisher;
let accounts = 0;

/** A fresh account on `on`, and the channel connected with its access token. */
function createChannel(on: FakeMastodon = fake, name = 'mairie') {
  const { account, accessToken } = on.createAccount(`${name}_${++accounts}`);
  const credentials: ChannelCredentials = { data: { instance: on.url, accessToken } };
  return { account, accessToken, credentials };
}

/** The account's statuses as the fake holds them; the thread root found by walking in_reply_to_id. */
function listPosts(on: FakeMastodon, accountId: string): HeldPost[] {
  const rootOf = (id: string): string => {
    const parent = on.statuses.find((s) => s.id === id)?.inReplyToId;
    return parent ? rootOf(parent) : id;
  };
  return on.statuses
    .filter((status) => status.accountId === accountId)
    .map((status) => ({
      id: status.id,
      text: status.text,
      replyTo: status.inReplyToId ?? undefined,
      threadRoot: status.inReplyToId ? rootOf(status.inReplyToId) : undefined,
      alts: status.mediaIds.map((id) => on.media.find((m) => m.id === id)?.description ?? '?'),
    }));
}

const countHeld = (on: FakeMastodon, text: string) => on.statuses.filter((status) => status.text === text).length;
const statusPosts = (on: FakeMastodon) => on.requests.filter((r) => r.route === 'POST /api/v1/statuses');
const png = (alt = 'Affiche de la fête de la musique'): MediaAttachment => ({
  data: makePng(4, 3),
  mimeType: 'image/png',
  alt,
});

async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function expectConnectorError(promise: Promise<unknown>, code: ConnectorError['code']): Promise<ConnectorError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  expect(error).toMatchObject({ network: 'mastodon', code });
  return error as ConnectorError;
}

describePublisherContract('mastodon', async () => {
  const channel = createChannel(fake, 'contrat');
  return {
    connector,
    credentials: channel.credentials,
    badCredentials: { data: { ...channel.credentials.data, accessToken: 'jeton-forge' } },
    listPosts: async () => listPosts(fake, channel.account.id),
    textLimit: 500,
    sampleImage: { data: makePng(4, 3), mimeType: 'image/png', alt: '' },
  };
});

describe('mastodon: connecting with OAuth and PKCE', () => {
  const redirectUri = 'https://rostra.mairie.test/api/channels/oauth/callback';

  /** What the person's browser does: open the authorisation page, come back with a code. */
  async function authorise(url: string): Promise<URL> {
    const response = await fetch(url, { redirect: 'manual' });
    expect(response.status).toBe(302);
    return new URL(response.headers.get('location') ?? '');
  }

  it('registers Rostra on the instance, asks for read write with an S256 challenge, and keeps the token', async () => {
    const { account } = fake.createAccount('communication_oauth');
    const state = randomUUID();
    const start = await connector.oauth.start({ redirectUri, state, fields: { instance: fake.url } });

    const app = fake.apps.at(-1);
    expect(app).toMatchObject({ name: 'Rostra', redirectUris: [redirectUri], scopes: ['read', 'write'] });
    expect(start.pending).toEqual({
      instance: fake.url,
      clientId: app?.clientId,
      clientSecret: app?.clientSecret,
      codeVerifier: expect.stringMatching(/^[A-Za-z0-9_-]{43,128}$/),
    });
    const url = new URL(start.url);
    expect(`${url.origin}${url.pathname}`).toBe(`${fake.url}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: app?.clientId,
      redirect_uri: redirectUri,
      scope: 'read write',
      state,
      code_challenge: createHash('sha256')
        .update(start.pending.codeVerifier ?? '')
        .digest('base64url'),
      code_challenge_method: 'S256',
    });

    fake.signInAs('communication_oauth');
    const callback = await authorise(start.url);
    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe(state);
    const code = callback.searchParams.get('code') ?? '';

    const connected = await connector.oauth.finish({ redirectUri, code, pending: start.pending });
    expect(connected).toEqual({
      accountId: `${new URL(fake.url).host}:${account.id}`,
      name: '@communication_oauth@mastodon.test',
      credentials: {
        data: {
          instance: fake.url,
          accessToken: expect.any(String),
          clientId: app?.clientId,
          clientSecret: app?.clientSecret,
        },
      },
    });
    // Mastodon's tokens do not expire: nothing to refresh, no expiry to schedule.
    expect(connected.credentials.expiresAt).toBeUndefined();

    const ref = await publisher.publish(connected.credentials, { idempotencyKey: randomUUID(), text: 'Connectée' });
    expect(fake.statuses.find((s) => s.id === ref.id)?.accountId).toBe(account.id);
    // A code works once.
    await expectConnectorError(connector.oauth.finish({ redirectUri, code, pending: start.pending }), 'auth_expired');
  });

  it('cannot exchange the code without the verifier of its challenge', async () => {
    fake.createAccount('verificateur');
    fake.signInAs('verificateur');
    const start = await connector.oauth.start({ redirectUri, state: 's', fields: { instance: fake.url } });
    const code = (await authorise(start.url)).searchParams.get('code') ?? '';

    const forged = { ...start.pending, codeVerifier: 'x'.repeat(43) };
    await expectConnectorError(connector.oauth.finish({ redirectUri, code, pending: forged }), 'auth_expired');
    const other = await connector.oauth.start({ redirectUri, state: 's', fields: { instance: fake.url } });
    await expectConnectorError(
      connector.oauth.finish({
        redirectUri,
        code,
        pending: { ...start.pending, codeVerifier: other.pending.codeVerifier ?? '' },
      }),
      'auth_expired',
    );
    // The right verifier still works: the fake checked S256(verifier) against the challenge.
    await expect(connector.oauth.finish({ redirectUri, code, pending: start.pending })).resolves.toMatchObject({
      name: '@verificateur@mastodon.test',
    });
  });

  it('refuses a callback to another address than the one registered', async () => {
    fake.createAccount('redirection');
    fake.signInAs('redirection');
    const start = await connector.oauth.start({ redirectUri, state: 's', fields: { instance: fake.url } });
    const code = (await authorise(start.url)).searchParams.get('code') ?? '';
    await expectConnectorError(
      connector.oauth.finish({ redirectUri: 'https://ailleurs.test/callback', code, pending: start.pending }),
      'auth_expired',
    );
    await expectConnectorError(
      connector.oauth.finish({ redirectUri, code, pending: { instance: fake.url } }),
      'rejected',
    );
  });

  it.each([
    ['mastodon.social', 'https://mastodon.social'],
    ['  Mastodon.Social  ', 'https://mastodon.social'],
    ['https://piaille.fr/about', 'https://piaille.fr'],
    ['@mairie@piaille.fr', 'https://piaille.fr'],
    ['mairie@social.numerique.gouv.fr', 'https://social.numerique.gouv.fr'],
    ['https://mastodon.example:8443/', 'https://mastodon.example:8443'],
    ['http://127.0.0.1:3000', 'http://127.0.0.1:3000'],
    ['http://localhost:3000', 'http://localhost:3000'],
  ])('reads the server "%s" as %s', (typed, origin) => {
    expect(normalizeInstanceUrl(typed)).toBe(origin);
  });

  it.each([[''], ['http://mastodon.social'], ['ftp://mastodon.social'], ['https://']])(
    'refuses the server "%s" before calling anything',
    async (typed) => {
      const before = fake.requests.length;
      await expectConnectorError(
        connector.oauth.start({ redirectUri, state: 's', fields: { instance: typed } }),
        'rejected',
      );
      expect(fake.requests.length).toBe(before);
    },
  );

  it('connects with a personal access token from Preferences → Development', async () => {
    const { account, accessToken } = fake.createAccount('jeton_perso');
    const connected = await connector.connect({ instance: fake.url, accessToken: ` ${accessToken} ` });
    expect(connected).toEqual({
      accountId: `${new URL(fake.url).host}:${account.id}`,
      name: '@jeton_perso@mastodon.test',
      credentials: { data: { instance: fake.url, accessToken } },
    });
    await expectConnectorError(connector.connect({ instance: fake.url, accessToken: 'faux' }), 'auth_expired');
    await expectConnectorError(connector.connect({ instance: fake.url }), 'rejected');
    // A token made without read:accounts cannot even say whose it is.
    const { accessToken: writeOnly } = fake.createAccount('sans_lecture', { scopes: 'write' });
    await expectConnectorError(connector.connect({ instance: fake.url, accessToken: writeOnly }), 'auth_expired');
  });

  it('is registered as an OAuth network with nothing to refresh', () => {
    expect(findConnector('mastodon')).toBe(mastodon);
    expect(mastodon.auth).toBe('oauth2');
    expect(mastodon.refresh).toBeUndefined();
    expect(mastodon.publisher.findPublished).toBeUndefined();
  });

  it('turns a revoked token into auth_expired, and a channel without token too', async () => {
    const channel = createChannel();
    fake.revokeToken(channel.accessToken);
    await expectConnectorError(
      publisher.publish(channel.credentials, { idempotencyKey: 'r', text: 'x' }),
      'auth_expired',
    );
    await expectConnectorError(
      publisher.publish({ data: { instance: fake.url } }, { idempotencyKey: 'r', text: 'x' }),
      'auth_expired',
    );
    expect(listPosts(fake, channel.account.id)).toEqual([]);
  });
});

describe('mastodon: counting like the instance', () => {
  it("honours the instance's own limit (1000), read from /api/v2/instance", async () => {
    const large = await startFake({ maxCharacters: 1000 });
    const channel = createChannel(large);
    const text = 'é'.repeat(1000);

    // validate() knows no instance: a stock server's 500, unless told the instance's limit.
    expect(publisher.validate({ text })).toEqual([expect.objectContaining({ rule: 'text_too_long', excess: 500 })]);
    const limits = await connector.readInstanceLimits(channel.credentials);
    expect(limits).toMatchObject({ maxCharacters: 1000, charactersReservedPerUrl: 23, maxMediaAttachments: 4 });
    expect(publisher.validate({ text, options: { maxCharacters: limits.maxCharacters } })).toEqual([]);
    expect(publisher.validate({ text: `${text}!`, options: { maxCharacters: 1000 } })).toEqual([
      expect.objectContaining({ rule: 'text_too_long', excess: 1 }),
    ]);

    const ref = await publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text });
    expect(large.statuses.find((s) => s.id === ref.id)?.text).toBe(text);
    // One over is refused here, counted against the instance's limit: the instance never sees it.
    const posts = statusPosts(large).length;
    const error = await expectConnectorError(
      publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: `${text}!` }),
      'rejected',
    );
    expect(error.message).toMatch(/1000/);
    expect(statusPosts(large)).toHaveLength(posts);
  });

  it('counts every URL as 23 characters, however long', async () => {
    const url = `https://www.mairie-exemple.fr/${'conseil-municipal/'.repeat(10)}ordre-du-jour?annee=2026#point-3`;
    const text = `${'a'.repeat(476)} ${url}`; // 476 + 1 + 23 = 500
    expect(text.length).toBeGreaterThan(650);
    expect(countCharacters(text)).toBe(500);
    expect(publisher.validate({ text })).toEqual([]);

    const channel = createChannel();
    await publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text });
    expect(countHeld(fake, text)).toBe(1);

    const over = `${text} !`;
    expect(publisher.validate({ text: over })).toEqual([expect.objectContaining({ rule: 'text_too_long', excess: 2 })]);
    await expectConnectorError(
      publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: over }),
      'rejected',
    );
  });

  it('counts a mention of another server as its username only', async () => {
    const text = `${'b'.repeat(493)} @alice@un.domaine.vraiment.tres.long.exemple.fr`; // 493 + 1 + "@alice"
    expect(countCharacters(text)).toBe(500);
    expect(publisher.validate({ text })).toEqual([]);
    const channel = createChannel();
    await publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text });
    expect(countHeld(fake, text)).toBe(1);
    // An e-mail address is no mention: it counts in full.
    expect(countCharacters('écrire à contact@mairie.fr')).toBe(26);
  });

  it('counts the content warning together with the text', async () => {
    const draft = { text: 'a'.repeat(490), options: { spoilerText: 'Politique !' } }; // 490 + 11
    expect(publisher.validate(draft)).toEqual([expect.objectContaining({ rule: 'text_too_long', excess: 1 })]);
    const channel = createChannel();
    await expectConnectorError(
      publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), ...draft }),
      'rejected',
    );
    await publisher.publish(channel.credentials, {
      idempotencyKey: randomUUID(),
      text: 'a'.repeat(489),
      options: { spoilerText: 'Politique !' },
    });
    expect(listPosts(fake, channel.account.id)).toHaveLength(1);
  });

  it("passes the instance's own 422 on as rejected when its limit dropped since it was read", async () => {
    const shrinking = await startFake();
    const fresh = createMastodonConnector();
    const channel = createChannel(shrinking);
    await fresh.publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: 'Limite lue' });
    shrinking.configure({ maxCharacters: 100 });
    const error = await expectConnectorError(
      fresh.publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: 'c'.repeat(200) }),
      'rejected',
    );
    expect(error.message).toMatch(/character limit of 100 exceeded/);
  });
});

describe('mastodon: publishing', () => {
  it('sends visibility, content warning, sensitivity and the first language', async () => {
    const channel = createChannel();
    const ref = await publisher.publish(channel.credentials, {
      idempotencyKey: randomUUID(),
      text: 'Réunion publique jeudi',
      languages: ['fr', 'br'],
      options: { visibility: 'unlisted', spoilerText: 'Urbanisme', sensitive: false },
    });
    expect(fake.statuses.find((s) => s.id === ref.id)).toMatchObject({
      visibility: 'unlisted',
      spoilerText: 'Urbanisme',
      // A content warning makes a status sensitive, whatever was asked.
      sensitive: true,
      language: 'fr',
    });
    expect(ref).toEqual({
      id: expect.stringMatching(/^\d+$/),
      url: `https://mastodon.test/@${channel.account.username}/${ref.id}`,
      extra: { uri: `https://mastodon.test/users/${channel.account.username}/statuses/${ref.id}` },
    });
  });

  it('publishes once per Idempotency-Key: the same key answers the first status, even with another text', async () => {
    const channel = createChannel();
    const key = `post-${randomUUID()}`;
    const first = await publisher.publish(channel.credentials, { idempotencyKey: key, text: 'Première version' });
    const second = await publisher.publish(channel.credentials, { idempotencyKey: key, text: 'Seconde version' });
    expect(second).toEqual(first);
    expect(listPosts(fake, channel.account.id).map((post) => post.text)).toEqual(['Première version']);
    expect(statusPosts(fake).filter((r) => r.idempotencyKey === key)).toHaveLength(2);
  });

  it('sends a key that cannot be a header value as its SHA-256, as stable', async () => {
    const channel = createChannel();
    const key = 'publication-été-1';
    const first = await publisher.publish(channel.credentials, { idempotencyKey: key, text: 'Clé accentuée' });
    expect(await publisher.publish(channel.credentials, { idempotencyKey: key, text: 'Clé accentuée' })).toEqual(first);
    expect(fake.statuses.find((s) => s.id === first.id)?.idempotencyKey).toBe(
      `sha256-${createHash('sha256').update(key).digest('hex')}`,
    );
  });

  it('uploads media with their alternative text, processed at once (200)', async () => {
    const instance = await startFake({ mediaProcessing: 'sync' });
    const channel = createChannel(instance);
    const before = instance.requests.length;
    const image = makePng(8, 6);
    const ref = await publisher.publish(channel.credentials, {
      idempotencyKey: randomUUID(),
      text: 'Deux visuels',
      media: [
        { data: image, mimeType: 'image/png', alt: 'Affiche bleue de la fête' },
        { data: makeGif(), mimeType: 'image/gif', alt: 'Un pixel' },
      ],
    });
    expect(instance.requests.slice(before).map((r) => r.route)).toEqual([
      'GET /api/v2/instance',
      'POST /api/v2/media',
      'POST /api/v2/media',
      'POST /api/v1/statuses',
    ]);
    const [held] = listPosts(instance, channel.account.id);
    expect(held).toMatchObject({ id: ref.id, alts: ['Affiche bleue de la fête', 'Un pixel'] });
    const stored = instance.media.find((m) => m.id === instance.statuses.find((s) => s.id === ref.id)?.mediaIds[0]);
    expect(stored?.mimeType).toBe('image/png');
    expect(stored && Buffer.from(image).equals(stored.data)).toBe(true);
  });

  it('waits for media processed in the background (202, then 206 until 200)', async () => {
    const instance = await startFake({ mediaProcessing: 'async', processingPolls: 2 });
    const channel = createChannel(instance);
    const before = instance.requests.length;
    const ref = await publisher.publish(channel.credentials, {
      idempotencyKey: randomUUID(),
      text: 'Vidéo du conseil',
      media: [png('Le conseil municipal en séance')],
    });
    expect(instance.requests.slice(before).map((r) => r.route)).toEqual([
      'GET /api/v2/instance',
      'POST /api/v2/media',
      'GET /api/v1/media/:id',
      'GET /api/v1/media/:id',
      'GET /api/v1/media/:id',
      'POST /api/v1/statuses',
    ]);
    expect(listPosts(instance, channel.account.id)).toEqual([
      expect.objectContaining({ id: ref.id, alts: ['Le conseil municipal en séance'] }),
    ]);
  });

  it('gives up on media still processing after the wait, without posting anything', async () => {
    const instance = await startFake({ mediaProcessing: 'async', processingPolls: 1000 });
    const hasty = createMastodonConnector({ mediaPollIntervalMs: 5, mediaProcessingTimeoutMs: 40 });
    const channel = createChannel(instance);
    await expectConnectorError(
      hasty.publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: 'Trop long', media: [png()] }),
      'unavailable',
    );
    expect(listPosts(instance, channel.account.id)).toEqual([]);
  });

  it('publishes media without text, and warns about a missing alternative text without blocking', async () => {
    const channel = createChannel();
    const request = { text: '', media: [png('')] };
    expect(publisher.validate(request)).toEqual([
      expect.objectContaining({ rule: 'alt_text_missing', severity: 'warning' }),
    ]);
    const ref = await publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), ...request });
    expect(listPosts(fake, channel.account.id)).toEqual([{ id: ref.id, text: '', alts: [''] }]);
  });

  it.each([
    ['an unknown visibility', { text: 'x', options: { visibility: 'followers' } }, 'visibility_invalid'],
    ['an unknown option', { text: 'x', options: { quote: true } }, 'unsupported_option'],
    [
      'a video beside an image',
      { text: 'x', media: [png(), { data: new Uint8Array(8), mimeType: 'video/mp4', alt: 'v' }] },
      'media_mix_unsupported',
    ],
    ['a BMP image', { text: 'x', media: [{ ...png(), mimeType: 'image/bmp' }] }, 'media_type_unsupported'],
    ['five images', { text: 'x', media: Array.from({ length: 5 }, () => png()) }, 'too_many_media'],
    ['nothing at all', { text: '  ' }, 'empty_post'],
  ])('refuses %s before sending anything', async (_case, draft, rule) => {
    expect(publisher.validate(draft)).toContainEqual(expect.objectContaining({ rule }));
    const channel = createChannel();
    const before = fake.requests.length;
    await expectConnectorError(
      publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), ...draft }),
      'rejected',
    );
    expect(fake.requests.slice(before).map((r) => r.route)).toEqual([]);
  });

  it('passes on the 404 for a reply to a status that does not exist as rejected', async () => {
    const channel = createChannel();
    await expectConnectorError(
      publisher.publish(channel.credentials, {
        idempotencyKey: randomUUID(),
        text: 'Réponse',
        replyTo: { id: '999', url: 'https://mastodon.test/@x/999' },
      }),
      'rejected',
    );
  });
});

describe('mastodon: failures on the wire', () => {
  const impatient = createMastodonConnector({ timeoutMs: 400, mediaPollIntervalMs: 5 });

  it.each<[LostAnswer]>([['hang'], ['reset'], ['garbage']])(
    'when the status is posted but the answer is lost (%s): unknown_outcome, then the same key returns it, once',
    async (how) => {
      const channel = createChannel();
      const request = { idempotencyKey: randomUUID(), text: `Réponse perdue (${how})` };
      fake.dropNextResponse('POST /api/v1/statuses', how);
      await expectConnectorError(impatient.publisher.publish(channel.credentials, request), 'unknown_outcome');
      const [posted] = listPosts(fake, channel.account.id);
      expect(posted?.text).toBe(request.text);

      const ref = await impatient.publisher.publish(channel.credentials, request);
      expect(ref.id).toBe(posted?.id);
      expect(countHeld(fake, request.text)).toBe(1);
    },
  );

  it('through the fault proxy too: a swallowed answer is unknown_outcome, and the retry finds the status', async () => {
    const proxy = await startFaultProxy(fake.url);
    try {
      const channel = createChannel();
      const viaProxy: ChannelCredentials = { data: { ...channel.credentials.data, instance: proxy.url } };
      proxy.setRule(({ method, path }) =>
        method === 'POST' && path === '/api/v1/statuses' ? { kind: 'swallow-answer' } : undefined,
      );
      const request = { idempotencyKey: randomUUID(), text: 'Avalée par le proxy' };
      await expectConnectorError(impatient.publisher.publish(viaProxy, request), 'unknown_outcome');
      proxy.setRule(undefined);
      const ref = await impatient.publisher.publish(viaProxy, request);
      expect(listPosts(fake, channel.account.id)).toEqual([
        expect.objectContaining({ id: ref.id, text: request.text }),
      ]);
    } finally {
      await proxy.close();
    }
  });

  const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
  // [case, route, failure, code]
  const failures: Array<[string, FakeRoute, FakeFailure, ConnectorError['code']]> = [
    ['401 on the status', 'POST /api/v1/statuses', { status: 401 }, 'auth_expired'],
    ['403 on the status', 'POST /api/v1/statuses', { status: 403 }, 'auth_expired'],
    ['422 on the status', 'POST /api/v1/statuses', { status: 422 }, 'rejected'],
    ['429 on the status', 'POST /api/v1/statuses', { status: 429 }, 'rate_limited'],
    ['500 on the status', 'POST /api/v1/statuses', { status: 500 }, 'unavailable'],
    ['503 on the status', 'POST /api/v1/statuses', { status: 503 }, 'unavailable'],
    ['502 from a gateway on the status', 'POST /api/v1/statuses', { status: 502 }, 'unknown_outcome'],
    ['garbage JSON on the status', 'POST /api/v1/statuses', { status: 200, rawBody: '{"id": "1' }, 'unknown_outcome'],
    ['a 200 that is no status', 'POST /api/v1/statuses', { status: 200, body: { ok: true } }, 'unknown_outcome'],
    ['401 on the upload', 'POST /api/v2/media', { status: 401 }, 'auth_expired'],
    [
      '422 on the upload',
      'POST /api/v2/media',
      { status: 422, body: { error: 'Validation failed: File content type is invalid' } },
      'rejected',
    ],
    ['429 on the upload', 'POST /api/v2/media', { status: 429 }, 'rate_limited'],
    ['503 on the upload', 'POST /api/v2/media', { status: 503 }, 'unavailable'],
    ['502 on the upload', 'POST /api/v2/media', { status: 502 }, 'unavailable'],
    ['garbage JSON on the upload', 'POST /api/v2/media', { status: 200, rawBody: '<html>' }, 'unavailable'],
  ];

  it.each(failures)('maps %s', async (_case, route, failure, code) => {
    const channel = createChannel();
    fake.failNext(route, failure);
    const text = `Échec ${randomUUID()}`;
    await expectConnectorError(
      publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text, media: [png()] }),
      code,
    );
    expect(countHeld(fake, text)).toBe(0);
  });

  it('carries the delay from X-RateLimit-Reset (an ISO 8601 date)', async () => {
    const channel = createChannel();
    fake.failNext('POST /api/v1/statuses', {
      status: 429,
      headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': inSeconds(90) },
    });
    const error = await expectConnectorError(
      publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: 'Trop vite' }),
      'rate_limited',
    );
    expect(error.retryAfterMs).toBeGreaterThan(85_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(90_000);
  });

  it('after a 503 before any effect, nothing is posted and a retry posts once', async () => {
    const channel = createChannel();
    const request = { idempotencyKey: randomUUID(), text: 'Serveur indisponible' };
    fake.failNext('POST /api/v1/statuses', { status: 503 });
    await expectConnectorError(publisher.publish(channel.credentials, request), 'unavailable');
    expect(countHeld(fake, request.text)).toBe(0);
    await publisher.publish(channel.credentials, request);
    expect(countHeld(fake, request.text)).toBe(1);
  });

  it("says unavailable when the instance's limits cannot be read, and uses a stock server's on a 404", async () => {
    const channel = createChannel();
    fake.failNext('GET /api/v2/instance', { status: 503 });
    await expectConnectorError(
      createMastodonConnector().publisher.publish(channel.credentials, { idempotencyKey: randomUUID(), text: 'x' }),
      'unavailable',
    );
    fake.failNext('GET /api/v2/instance', { status: 404, body: { error: 'Not found' } });
    const old = createMastodonConnector();
    expect(await old.readInstanceLimits(channel.credentials)).toMatchObject({ maxCharacters: 500 });
  });

  it('calls a server that refuses connections unavailable, even for a status', async () => {
    const channel = createChannel();
    const closed: ChannelCredentials = {
      data: { ...channel.credentials.data, instance: `http://127.0.0.1:${await findClosedPort()}` },
    };
    await expectConnectorError(publisher.publish(closed, { idempotencyKey: randomUUID(), text: 'x' }), 'unavailable');
  });
});

describe('the fake Mastodon itself', () => {
  it('refuses and records an endpoint it does not implement, a wrong method and a misspelt parameter', async () => {
    const channel = createChannel();
    const auth = { authorization: `Bearer ${channel.accessToken}` };
    expect((await fetch(`${fake.url}/api/v1/timelines/home`, { headers: auth })).status).toBe(500);
    expect((await fetch(`${fake.url}/api/v1/statuses`, { headers: auth })).status).toBe(500);
    const misspelt = await fetch(`${fake.url}/api/v1/statuses`, {
      method: 'POST',
      headers: auth,
      body: new URLSearchParams({ status: 'x', spoilerText: 'CW' }),
    });
    expect(misspelt.status).toBe(500);
    expect(await misspelt.json()).toEqual({ error: expect.stringMatching(/unknown parameter "spoilerText"/) });
    expect(fake.unexpected.map((u) => `${u.method} ${u.path}`)).toEqual([
      'GET /api/v1/timelines/home',
      'GET /api/v1/statuses',
      'POST /api/v1/statuses',
    ]);
    fake.unexpected.splice(0);
    expect(listPosts(fake, channel.account.id)).toEqual([]);
  });

  it('serves a public status by id without a token, its text as HTML', async () => {
    const channel = createChannel();
    const ref = await publisher.publish(channel.credentials, {
      idempotencyKey: randomUUID(),
      text: 'Salut <tout> le monde',
    });
    const response = await fetch(`${fake.url}/api/v1/statuses/${ref.id}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      id: ref.id,
      url: ref.url,
      content: '<p>Salut &lt;tout&gt; le monde</p>',
    });
  });

  it('waits responseDelayMs before answering', async () => {
    const slow = await startFake({ responseDelayMs: 150 });
    const startedAt = Date.now();
    await fetch(`${slow.url}/api/v2/instance`);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(140);
  });
});
