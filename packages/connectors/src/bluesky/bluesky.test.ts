// The Bluesky connector against a real PDS (@atproto/dev-env, in-process, on loopback): the publisher
// contract, then Bluesky's quirks. Only `.test` handles are mentioned, which this PDS answers itself, so
// nothing leaves the machine. Faults on the wire come from a proxy in front of the same PDS.
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtpAgent, type AppBskyFeedPost, type BlobRef } from '@atproto/api';
import { TestNetworkNoAppView } from '@atproto/dev-env';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelCredentials } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { startFaultProxy, type Fault, type FaultProxy } from '../testing/fault-proxy.js';
import { makeGif, makePng } from '../testing/images.js';
import { describePublisherContract, type HeldPost } from '../testing/publisher-contract.js';
import { POST_COLLECTION } from './api.js';
import { createBlueskyConnector } from './index.js';
import { deriveRecordKey } from './record-key.js';

let network: TestNetworkNoAppView;
let pdsUrl: string;
let scratch: string;
const connector = createBlueskyConnector();

beforeAll(async () => {
  // dev-env puts the PDS's SQLite files and blobs in fresh folders under os.tmpdir(): point that at one
  // folder of ours while it starts, so that afterAll leaves nothing behind.
  scratch = await mkdtemp(join(tmpdir(), 'rostra-bluesky-pds-'));
  const tmpdirBefore = process.env.TMPDIR;
  process.env.TMPDIR = scratch;
  try {
    // Rate limits on, as on Bluesky's PDSs: the 429 test needs them, and they are far above what tests use.
    network = await TestNetworkNoAppView.create({ pds: { rateLimitsEnabled: true } });
  } finally {
    if (tmpdirBefore === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = tmpdirBefore;
  }
  pdsUrl = network.pds.url;
});

afterAll(async () => {
  await network?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

let accounts = 0;

/** A fresh account on the PDS, an app password made for Rostra, and the channel connected with it. */
async function createChannel(name: string) {
  const handle = `${name}-${++accounts}.test`;
  const owner = new AtpAgent({ service: pdsUrl });
  await owner.createAccount({ handle, email: `${name}-${accounts}@mairie.test`, password: 'mot-de-passe-du-compte' });
  const appPassword = (await owner.com.atproto.server.createAppPassword({ name: 'Rostra' })).data.password;
  const account = await connector.connect({ identifier: handle, appPassword, service: pdsUrl });
  return { handle, did: account.accountId, owner, appPassword, account, credentials: account.credentials };
}

interface StoredPost {
  uri: string;
  cid: string;
  value: AppBskyFeedPost.Record;
}

/** What the PDS holds in the account's post collection, read without credentials like anyone could. */
async function listStoredPosts(did: string): Promise<StoredPost[]> {
  const reader = new AtpAgent({ service: pdsUrl });
  const posts: StoredPost[] = [];
  let cursor: string | undefined;
  do {
    const { data } = await reader.com.atproto.repo.listRecords({
      repo: did,
      collection: POST_COLLECTION,
      limit: 100,
      cursor,
    });
    for (const record of data.records) {
      posts.push({ uri: record.uri, cid: record.cid, value: record.value as AppBskyFeedPost.Record });
    }
    cursor = data.cursor;
  } while (cursor);
  return posts;
}

async function getStoredPost(uri: string): Promise<StoredPost> {
  const found = (await listStoredPosts(uri.split('/')[2] ?? '')).find((post) => post.uri === uri);
  if (!found) throw new Error(`${uri} is not on the PDS`);
  return found;
}

function toHeldPost({ uri, value }: StoredPost): HeldPost {
  const embed = value.embed as { images?: Array<{ alt: string }> } | undefined;
  return {
    id: uri,
    text: value.text,
    replyTo: value.reply?.parent.uri,
    threadRoot: value.reply?.root.uri,
    alts: embed?.images?.map((image) => image.alt) ?? [],
  };
}

/** The same access token, expired: signed with the PDS's own secret, so only `exp` is wrong. */
function expireAccessToken(credentials: ChannelCredentials): ChannelCredentials {
  const [header, payload] = (credentials.data.accessJwt ?? '').split('.');
  const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
  const exp = Math.floor(Date.now() / 1000) - 60;
  const body = `${header}.${Buffer.from(JSON.stringify({ ...claims, iat: exp - 7200, exp })).toString('base64url')}`;
  const signature = createHmac('sha256', network.pds.jwtSecretKey()).update(body).digest('base64url');
  return { ...credentials, data: { ...credentials.data, accessJwt: `${body}.${signature}` } };
}

const withPds = (credentials: ChannelCredentials, url: string): ChannelCredentials => ({
  ...credentials,
  data: { ...credentials.data, pdsUrl: url },
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
  expect(error).toMatchObject({ network: 'bluesky', code });
  return error as ConnectorError;
}

const publisher = connector.publisher;
const findPublished = publisher.findPublished.bind(publisher);

describePublisherContract('bluesky', async () => {
  const channel = await createChannel('contrat');
  return {
    connector,
    credentials: channel.credentials,
    badCredentials: expireAccessToken(channel.credentials),
    listPosts: async () => (await listStoredPosts(channel.did)).map(toHeldPost),
    textLimit: 300,
    sampleImage: { data: makePng(4, 3), mimeType: 'image/png', alt: '' },
  };
});

describe('bluesky: connecting with an app password', () => {
  it('keeps tokens, DID, handle and server, and dates the session by its access token', async () => {
    const before = Date.now();
    const channel = await createChannel('connexion');
    expect(channel.account).toMatchObject({ accountId: expect.stringMatching(/^did:plc:/), name: channel.handle });
    expect(channel.credentials.data).toEqual({
      accessJwt: expect.any(String),
      refreshJwt: expect.any(String),
      did: channel.did,
      handle: channel.handle,
      pdsUrl,
    });
    // App-password access tokens live two hours on the reference PDS.
    expect(channel.credentials.expiresAt).toBeGreaterThan(before + 60 * 60_000);
    expect(channel.credentials.expiresAt).toBeLessThanOrEqual(Date.now() + 2 * 60 * 60_000 + 1000);
  });

  it('refuses a wrong app password as auth_expired, and incomplete input as rejected', async () => {
    const channel = await createChannel('mauvais-mdp');
    await expectConnectorError(
      connector.connect({ identifier: channel.handle, appPassword: 'aaaa-bbbb-cccc-dddd', service: pdsUrl }),
      'auth_expired',
    );
    await expectConnectorError(connector.connect({ identifier: channel.handle, password: '', pdsUrl }), 'rejected');
    await expectConnectorError(
      connector.connect({ identifier: channel.handle, password: channel.appPassword, pdsUrl: 'ftp://pds.test' }),
      'rejected',
    );
  });

  it('refreshes the session: new tokens that publish', async () => {
    const channel = await createChannel('rafraichir');
    const refreshed = await connector.refresh(channel.credentials);
    expect(refreshed.data).toMatchObject({ did: channel.did, handle: channel.handle, pdsUrl });
    // The refresh token rotates (it carries a unique id); an access token minted in the same second as the
    // previous one may be byte-identical, since it has none.
    expect(refreshed.data.refreshJwt).not.toBe(channel.credentials.data.refreshJwt);
    expect(refreshed.expiresAt).toBeGreaterThan(Date.now());
    const ref = await publisher.publish(refreshed, {
      idempotencyKey: 'rafraichi-1',
      text: 'Après le rafraîchissement',
    });
    expect((await getStoredPost(ref.id)).value.text).toBe('Après le rafraîchissement');
  });

  it('turns a revoked app password into auth_expired at the next refresh', async () => {
    const channel = await createChannel('revoque');
    await channel.owner.com.atproto.server.revokeAppPassword({ name: 'Rostra' });
    await expectConnectorError(connector.refresh(channel.credentials), 'auth_expired');
  });

  it('turns an expired or forged access token into auth_expired', async () => {
    const channel = await createChannel('expire');
    const forged = { ...channel.credentials, data: { ...channel.credentials.data, accessJwt: 'pas.un.jeton' } };
    await expectConnectorError(publisher.publish(forged, { idempotencyKey: 'x', text: 'x' }), 'auth_expired');
    await expectConnectorError(
      publisher.publish(expireAccessToken(channel.credentials), { idempotencyKey: 'x', text: 'x' }),
      'auth_expired',
    );
    expect(await listStoredPosts(channel.did)).toEqual([]);
  });

  it("passes the PDS's rate limit on as rate_limited, with the delay from ratelimit-reset", async () => {
    // createSession allows 30 attempts per identifier every 5 minutes; the 31st is refused before any check.
    const attempts = Array.from({ length: 31 }, () =>
      connector.connect({ identifier: 'insistant.test', password: 'faux', pdsUrl }).then(
        () => undefined,
        (e: unknown) => e,
      ),
    );
    const errors = await Promise.all(attempts);
    const limited = errors.filter((e) => e instanceof ConnectorError && e.code === 'rate_limited') as ConnectorError[];
    expect(limited).toHaveLength(1);
    expect(limited[0]?.retryAfterMs).toBeGreaterThan(0);
    expect(limited[0]?.retryAfterMs).toBeLessThanOrEqual(5 * 60_000);
  });
});

describe('bluesky: what a post becomes on the PDS', () => {
  let channel: Awaited<ReturnType<typeof createChannel>>;
  let friend: Awaited<ReturnType<typeof createChannel>>;

  beforeAll(async () => {
    channel = await createChannel('mairie');
    friend = await createChannel('adjointe');
  });

  it('stores the post under the record key derived from its idempotency key', async () => {
    const ref = await publisher.publish(channel.credentials, { idempotencyKey: 'post-cle', text: 'Clé stable' });
    const rkey = deriveRecordKey('post-cle');
    expect(ref).toEqual({
      id: `at://${channel.did}/${POST_COLLECTION}/${rkey}`,
      url: `https://bsky.app/profile/${channel.handle}/post/${rkey}`,
      extra: { cid: expect.any(String), rootUri: ref.id, rootCid: ref.extra?.cid },
    });
    expect(await getStoredPost(ref.id)).toMatchObject({ cid: ref.extra?.cid });
  });

  it('stores facets on UTF-8 byte offsets: mentions resolved, unknown handles left as text', async () => {
    const text = `👋 Bonjour @${friend.handle} et @inconnu.test ! Programme : https://www.mairie.test/été. #FêteDeLaMusique`;
    const ref = await publisher.publish(channel.credentials, { idempotencyKey: 'facettes', text });
    const { value } = await getStoredPost(ref.id);
    const bytes = Buffer.from(value.text, 'utf8');
    const stored = (value.facets ?? []).map((facet) => ({
      covers: bytes.subarray(facet.index.byteStart, facet.index.byteEnd).toString('utf8'),
      feature: facet.features[0],
    }));
    expect(stored).toEqual([
      { covers: `@${friend.handle}`, feature: { $type: 'app.bsky.richtext.facet#mention', did: friend.did } },
      {
        covers: 'https://www.mairie.test/été',
        feature: { $type: 'app.bsky.richtext.facet#link', uri: 'https://www.mairie.test/été' },
      },
      { covers: '#FêteDeLaMusique', feature: { $type: 'app.bsky.richtext.facet#tag', tag: 'FêteDeLaMusique' } },
    ]);
    // 👋 is 4 bytes and a space 1: the mention starts at byte 13, not at UTF-16 index 11.
    expect(value.facets?.[0]?.index.byteStart).toBe(13);
  });

  it('uploads images as blobs and stores each with its alternative text', async () => {
    const png = makePng(8, 6);
    const gif = makeGif();
    const ref = await publisher.publish(channel.credentials, {
      idempotencyKey: 'images',
      text: 'Deux visuels',
      media: [
        { data: png, mimeType: 'image/png', alt: 'Affiche bleue de la fête' },
        { data: gif, mimeType: 'image/gif', alt: 'Un pixel' },
      ],
    });
    const { value } = await getStoredPost(ref.id);
    const embed = value.embed as { $type: string; images: Array<{ image: BlobRef; alt: string }> };
    expect(embed.$type).toBe('app.bsky.embed.images');
    expect(embed.images.map((image) => [image.alt, image.image.mimeType])).toEqual([
      ['Affiche bleue de la fête', 'image/png'],
      ['Un pixel', 'image/gif'],
    ]);
    const reader = new AtpAgent({ service: pdsUrl });
    for (const [index, original] of [png, gif].entries()) {
      const cid = embed.images[index]?.image.ref.toString() ?? '';
      const { data } = await reader.com.atproto.sync.getBlob({ did: channel.did, cid });
      expect(Buffer.from(data).equals(Buffer.from(original))).toBe(true);
    }
  });

  it('warns about a missing alternative text but publishes', async () => {
    const request = { text: 'Sans alt', media: [{ data: makePng(2, 2), mimeType: 'image/png', alt: '' }] };
    expect(publisher.validate(request)).toEqual([
      expect.objectContaining({ rule: 'alt_text_missing', severity: 'warning' }),
    ]);
    const ref = await publisher.publish(channel.credentials, { idempotencyKey: 'sans-alt', ...request });
    expect(toHeldPost(await getStoredPost(ref.id)).alts).toEqual(['']);
  });

  it('makes a link card, unless images take the embed', async () => {
    const link = { url: 'https://www.mairie.test/conseil', title: 'Conseil municipal', description: 'Ordre du jour' };
    const card = await publisher.publish(channel.credentials, { idempotencyKey: 'carte', text: 'Ce soir', link });
    expect((await getStoredPost(card.id)).value.embed).toEqual({
      $type: 'app.bsky.embed.external',
      external: { uri: link.url, title: link.title, description: link.description },
    });
    const withImage = await publisher.publish(channel.credentials, {
      idempotencyKey: 'carte-et-image',
      text: 'Ce soir',
      link,
      media: [{ data: makePng(2, 2), mimeType: 'image/png', alt: 'Salle du conseil' }],
    });
    expect((await getStoredPost(withImage.id)).value.embed?.$type).toBe('app.bsky.embed.images');
  });

  it('stores the languages', async () => {
    const ref = await publisher.publish(channel.credentials, {
      idempotencyKey: 'langues',
      text: 'Bonjour / Demat',
      languages: ['fr', 'br'],
    });
    expect((await getStoredPost(ref.id)).value.langs).toEqual(['fr', 'br']);
  });

  it('links a reply to its parent and its thread root by URI and CID', async () => {
    const root = await publisher.publish(channel.credentials, { idempotencyKey: 'fil-1', text: 'Fil 1/3' });
    const second = await publisher.publish(channel.credentials, {
      idempotencyKey: 'fil-2',
      text: 'Fil 2/3',
      replyTo: root,
    });
    const third = await publisher.publish(channel.credentials, {
      idempotencyKey: 'fil-3',
      text: 'Fil 3/3',
      replyTo: second,
    });
    expect((await getStoredPost(third.id)).value.reply).toEqual({
      root: { uri: root.id, cid: root.extra?.cid },
      parent: { uri: second.id, cid: second.extra?.cid },
    });
    expect(third.extra).toEqual({ cid: expect.any(String), rootUri: root.id, rootCid: root.extra?.cid });
  });

  it('publishes once when two workers publish the same key at the same time', async () => {
    const request = { idempotencyKey: 'course', text: 'Une seule fois, même à deux' };
    const [first, second] = await Promise.all([
      publisher.publish(channel.credentials, request),
      publisher.publish(channel.credentials, request),
    ]);
    expect(second).toEqual(first);
    expect((await listStoredPosts(channel.did)).filter((p) => p.value.text === request.text)).toHaveLength(1);
  });

  it('refuses an over-long post without calling the PDS', async () => {
    const unreachable = withPds(channel.credentials, `http://127.0.0.1:${await findClosedPort()}`);
    const error = await expectConnectorError(
      publisher.publish(unreachable, { idempotencyKey: 'trop-long', text: 'a'.repeat(301) }),
      'rejected',
    );
    expect(error.message).toMatch(/300/);
  });

  it("passes the PDS's 400 on as rejected", async () => {
    const parent = await publisher.publish(channel.credentials, { idempotencyKey: 'parent-400', text: 'Parent' });
    const broken = { ...parent, extra: { ...parent.extra, cid: 'pas-un-cid' } };
    await expectConnectorError(
      publisher.publish(channel.credentials, { idempotencyKey: 'reponse-400', text: 'Réponse', replyTo: broken }),
      'rejected',
    );
    expect(await findPublished(channel.credentials, 'reponse-400')).toBeUndefined();
  });

  it('calls a server that refuses connections unavailable', async () => {
    const unreachable = withPds(channel.credentials, `http://127.0.0.1:${await findClosedPort()}`);
    await expectConnectorError(
      publisher.publish(unreachable, { idempotencyKey: 'injoignable', text: 'x' }),
      'unavailable',
    );
  });
});

describe('bluesky: failures on the wire', () => {
  let channel: Awaited<ReturnType<typeof createChannel>>;
  let proxy: FaultProxy;
  let seen: string[];
  const impatient = createBlueskyConnector({ timeoutMs: 1500 });
  const impatientPublisher = impatient.publisher;
  const via = () => withPds(channel.credentials, proxy.url);
  const methodOf = (path: string) => path.replace(/^\/xrpc\/com\.atproto\.repo\.|\?.*$/g, '');
  const countStored = async (text: string) =>
    (await listStoredPosts(channel.did)).filter((post) => post.value.text === text).length;

  beforeAll(async () => {
    channel = await createChannel('reseau');
    proxy = await startFaultProxy(pdsUrl);
  });

  beforeEach(() => {
    proxy.setRule(undefined);
  });

  afterAll(async () => {
    await proxy?.close();
  });

  function breakRequests(decide: (method: string, index: number) => Fault | undefined) {
    seen = [];
    proxy.setRule(({ path }) => {
      const method = methodOf(path);
      seen.push(method);
      return decide(method, seen.length - 1);
    });
  }

  it('when the answer to createRecord is lost, looks again and returns the post it wrote', async () => {
    breakRequests((method) => (method === 'createRecord' ? { kind: 'swallow-answer' } : undefined));
    const request = { idempotencyKey: 'reponse-perdue', text: 'Réponse perdue, post trouvé' };
    const ref = await impatientPublisher.publish(via(), request);
    expect(seen).toEqual(['getRecord', 'createRecord', 'getRecord']);
    expect(ref).toEqual(await findPublished(channel.credentials, request.idempotencyKey));
    expect(await countStored(request.text)).toBe(1);
  });

  it('when the outcome cannot be known, says unknown_outcome; findPublished then tells, and a retry publishes nothing new', async () => {
    let wrote = false;
    breakRequests((method) => {
      if (method === 'createRecord') {
        wrote = true;
        return { kind: 'swallow-answer' };
      }
      return wrote ? { kind: 'answer', status: 503 } : undefined;
    });
    const request = { idempotencyKey: 'issue-inconnue', text: 'Issue inconnue' };
    await expectConnectorError(impatientPublisher.publish(via(), request), 'unknown_outcome');

    proxy.setRule(undefined);
    const found = await findPublished(via(), request.idempotencyKey);
    expect(found?.id).toBe(`at://${channel.did}/${POST_COLLECTION}/${deriveRecordKey(request.idempotencyKey)}`);
    expect(await impatientPublisher.publish(via(), request)).toEqual(found);
    expect(await countStored(request.text)).toBe(1);
  });

  it('when the PDS answers 503 before writing, says unavailable and nothing is stored', async () => {
    breakRequests((method) => (method === 'createRecord' ? { kind: 'answer', status: 503 } : undefined));
    const request = { idempotencyKey: 'indisponible', text: 'PDS indisponible' };
    await expectConnectorError(impatientPublisher.publish(via(), request), 'unavailable');
    expect(await countStored(request.text)).toBe(0);

    proxy.setRule(undefined);
    await impatientPublisher.publish(via(), request);
    expect(await countStored(request.text)).toBe(1);
  });

  it('when createRecord is rate limited, says rate_limited with retry-after and does not look again', async () => {
    breakRequests((method) =>
      method === 'createRecord'
        ? { kind: 'answer', status: 429, headers: { 'retry-after': '30' }, body: { error: 'RateLimitExceeded' } }
        : undefined,
    );
    const error = await expectConnectorError(
      impatientPublisher.publish(via(), { idempotencyKey: 'limite', text: 'Trop vite' }),
      'rate_limited',
    );
    expect(error.retryAfterMs).toBe(30_000);
    expect(seen).toEqual(['getRecord', 'createRecord']);
  });

  it('when the record already exists (the PDS answers 500), returns the existing post', async () => {
    const request = { idempotencyKey: 'deja-la', text: 'Déjà publié' };
    const first = await impatientPublisher.publish(via(), request);
    // Hide the record from the first look, as if another worker wrote it in between.
    breakRequests((method, index) =>
      method === 'getRecord' && index === 0
        ? { kind: 'answer', status: 400, body: { error: 'RecordNotFound', message: 'Could not locate record' } }
        : undefined,
    );
    expect(await impatientPublisher.publish(via(), request)).toEqual(first);
    expect(seen).toEqual(['getRecord', 'createRecord', 'getRecord']);
    expect(await countStored(request.text)).toBe(1);
  });
});
