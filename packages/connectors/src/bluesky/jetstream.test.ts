// The Jetstream source against a local Jetstream (testing/bluesky/fake-jetstream.ts) speaking its JSON event format:
// posts mapped to mentions, filters, backpressure, and resumption from the cursor after a disconnect or a
// restart without losing or repeating a post.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SourcePoll, SourceSpec } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { startFakeJetstream, type FakeJetstream } from '../testing/bluesky/fake-jetstream.js';
import { createBlueskyMentions } from './mentions.js';

let jetstream: FakeJetstream;
let source: ReturnType<typeof createBlueskyMentions>;
let serial = 0;

beforeAll(async () => {
  jetstream = await startFakeJetstream();
  source = createBlueskyMentions({
    jetstream: { url: jetstream.url, reconnectInitialMs: 5, reconnectMaxMs: 20, checkpointEvery: 3 },
  });
});
afterEach(() => {
  expect(jetstream.unexpected.splice(0)).toEqual([]);
});
afterAll(() => jetstream.close());

/** A fresh, valid did:plc per call, so that each test filters on its own authors. */
const newDid = () =>
  `did:plc:${(++serial)
    .toString(32)
    .padStart(24, 'a')
    .replace(/[01890]/g, 'z')}`;
const spec = (config: Record<string, string>): SourceSpec => ({ kind: 'jetstream', config });

async function waitFor(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(check()).toBe(true);
}

function collect(config: Record<string, string>, cursor: string | null = null) {
  const batches: SourcePoll[] = [];
  const controller = new AbortController();
  const connectionsBefore = jetstream.subscriptions.length;
  const { done } = source.stream!(
    spec(config),
    cursor,
    async (batch) => {
      batches.push(batch);
    },
    { signal: controller.signal },
  );
  return {
    batches,
    done,
    texts: () => batches.flatMap((b) => b.items.map((m) => m.text)),
    connected: () => waitFor(() => jetstream.subscriptions.length > connectionsBefore && jetstream.connections > 0),
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

describe('validate', () => {
  it.each([
    [{ wantedCollections: 'app.bsky.feed.post', keywords: 'tram, métro' }, []],
    [{ wantedCollections: 'app.bsky.feed.*' }, []],
    [{ wantedCollections: 'app.bsky.feed.like' }, ['wantedCollections']],
    [{ wantedCollections: 'not a nsid' }, ['wantedCollections']],
    [{ wantedDids: 'did:plc:abc, @alice' }, ['wantedDids']],
    [{ keywords: ' , ' }, ['keywords']],
    [{ query: 'x' }, ['query']],
  ])('%j → problems with %j', (config, fields) => {
    expect(source.validate(spec(config)).map((p) => p.field)).toEqual(fields);
  });
});

describe('streaming Jetstream', () => {
  it('maps post records: facets, reply, quote, language, handle unknown', async () => {
    const author = newDid();
    const stream = collect({ wantedDids: author });
    await stream.connected();
    const parent = `at://${newDid()}/app.bsky.feed.post/3kparentpost2`;
    const text = 'Vote ce soir ! #Municipales <b>pas du HTML</b>';
    const tagStart = Buffer.byteLength('Vote ce soir ! ');
    const event = jetstream.publishPost({
      did: author,
      text,
      langs: ['fr'],
      facets: [
        {
          index: { byteStart: tagStart, byteEnd: tagStart + Buffer.byteLength('#Municipales') },
          features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'Municipales' }],
        },
      ],
      replyTo: { parent },
      createdAt: '2026-03-15T18:00:00.000Z',
    });
    jetstream.publishPost({ did: author, text: 'Je cite', quote: parent });
    // Not posts, or not new posts: nothing to hand on.
    jetstream.publish({
      did: author,
      kind: 'commit',
      commit: { rev: '3k', operation: 'delete', collection: 'app.bsky.feed.post', rkey: event.commit.rkey },
    });
    jetstream.publish({
      did: author,
      kind: 'identity',
      identity: { did: author, handle: 'new.bsky.social', seq: 1, time: '2026-03-15T18:00:00Z' },
    });
    await waitFor(() => stream.texts().length === 2);
    await stream.stop();

    expect(stream.batches.flatMap((b) => b.items)[0]).toEqual({
      externalId: `at://${author}/app.bsky.feed.post/${event.commit.rkey}`,
      network: 'bluesky',
      url: `https://bsky.app/profile/${author}/post/${event.commit.rkey}`,
      title: null,
      text,
      author: { id: author, handle: null, name: null, url: `https://bsky.app/profile/${author}` },
      publishedAt: Date.parse('2026-03-15T18:00:00.000Z'),
      language: 'fr',
      site: 'bsky.app',
      repostOf: null,
      replyTo: parent,
      hashtags: ['Municipales'],
      metrics: {},
    });
    // A quote with words of its own stands on its own.
    expect(stream.batches.flatMap((b) => b.items)[1]).toMatchObject({ text: 'Je cite', repostOf: null, replyTo: null });
    expect(jetstream.subscriptions.at(-1)?.getAll('wantedCollections')).toEqual(['app.bsky.feed.post']);
    expect(jetstream.subscriptions.at(-1)?.getAll('wantedDids')).toEqual([author]);
  });

  it('filters on keywords, ignoring case and accents', async () => {
    const author = newDid();
    const stream = collect({ wantedDids: author, keywords: 'elections, tramway' });
    await stream.connected();
    jetstream.publishPost({ did: author, text: 'Les ÉLECTIONS approchent' });
    jetstream.publishPost({ did: author, text: 'Rien à voir' });
    jetstream.publishPost({ did: author, text: 'Le Tramway est en retard' });
    await waitFor(() => stream.texts().length === 2);
    await stream.stop();
    expect(stream.texts()).toEqual(['Les ÉLECTIONS approchent', 'Le Tramway est en retard']);
  });

  it('resumes from its cursor after a disconnect, losing and repeating nothing', async () => {
    const author = newDid();
    const stream = collect({ wantedDids: author });
    await stream.connected();
    jetstream.publishPost({ did: author, text: 'un' });
    jetstream.publishPost({ did: author, text: 'deux' });
    await waitFor(() => stream.texts().length === 2);

    const subscriptions = jetstream.subscriptions.length;
    jetstream.dropConnections();
    // Published while the client is away: replayed from the cursor (minus the margin, deduplicated).
    jetstream.publishPost({ did: author, text: 'trois' });
    jetstream.publishPost({ did: author, text: 'quatre' });
    await waitFor(() => jetstream.subscriptions.length > subscriptions);
    await waitFor(() => stream.texts().length >= 4);
    jetstream.publishPost({ did: author, text: 'cinq' });
    await waitFor(() => stream.texts().length >= 5);
    await stream.stop();

    expect(stream.texts()).toEqual(['un', 'deux', 'trois', 'quatre', 'cinq']);
    const resumedFrom = Number(jetstream.subscriptions[subscriptions]?.get('cursor'));
    const lastBeforeDrop = jetstream.log.filter((e) => e.did === author)[1]?.time_us ?? 0;
    expect(resumedFrom).toBe(lastBeforeDrop - 3_000_000);
  });

  it('starts again from a stored cursor without repeating what the last run handed on', async () => {
    const author = newDid();
    const first = collect({ wantedDids: author });
    await first.connected();
    jetstream.publishPost({ did: author, text: 'avant' });
    await waitFor(() => first.texts().length === 1);
    await first.stop();
    jetstream.publishPost({ did: author, text: 'pendant l’arrêt' });

    const second = collect({ wantedDids: author }, first.batches.at(-1)?.cursor ?? null);
    await waitFor(() => second.texts().length >= 1);
    jetstream.publishPost({ did: author, text: 'après' });
    await waitFor(() => second.texts().length >= 2);
    await second.stop();
    expect(second.texts()).toEqual(['pendant l’arrêt', 'après']);
  });

  it('saves the cursor every few events even when none match', async () => {
    const author = newDid();
    const stream = collect({ wantedDids: author, keywords: 'introuvable' });
    await stream.connected();
    for (let i = 0; i < 3; i += 1) jetstream.publishPost({ did: author, text: `bruit ${i}` });
    await waitFor(() => stream.batches.length === 1);
    await stream.stop();
    expect(stream.batches[0]?.items).toEqual([]);
    expect(JSON.parse(stream.batches[0]?.cursor ?? '{}').t).toBe(jetstream.log.at(-1)?.time_us);
  });

  it('awaits each batch before handing on the next', async () => {
    const author = newDid();
    let running = 0;
    let most = 0;
    const seen: string[] = [];
    let release: () => void = () => undefined;
    const controller = new AbortController();
    const { done } = source.stream!(
      spec({ wantedDids: author }),
      null,
      async (batch) => {
        running += 1;
        most = Math.max(most, running);
        seen.push(...batch.items.map((m) => m.text));
        if (seen.length === 1) await new Promise<void>((resolve) => (release = resolve));
        running -= 1;
      },
      { signal: controller.signal },
    );
    await waitFor(() => jetstream.connections > 0 && jetstream.subscriptions.at(-1)?.get('wantedDids') === author);
    jetstream.publishPost({ did: author, text: 'premier' });
    await waitFor(() => seen.length === 1);
    for (let i = 0; i < 5; i += 1) jetstream.publishPost({ did: author, text: `suite ${i}` });
    // While the first batch is held, nothing else is handed on.
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['premier']);
    release();
    await waitFor(() => seen.length === 6);
    controller.abort();
    await done;
    expect(most).toBe(1);
  });

  it('stops with a clear error on frames that are not JSON', async () => {
    const author = newDid();
    const stream = collect({ wantedDids: author });
    await stream.connected();
    jetstream.publish({
      did: author,
      kind: 'commit',
      commit: {
        rev: '3k',
        operation: 'create',
        collection: 'app.bsky.feed.post',
        rkey: '3kok',
        record: { text: 'ok', createdAt: '2026-01-01T00:00:00Z' },
        cid: 'bafy',
      },
    });
    await waitFor(() => stream.texts().length === 1);
    // What a zstd-compressed stream looks like to a client that did not ask for it: the zstd magic number.
    jetstream.sendRaw('\u0028\u00b5\u002f\u00fd garbage');
    const error = await stream.done.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).code).toBe('rejected');
    expect((error as ConnectorError).message).toMatch(/not JSON/);
  });

  it('an unreadable cursor is refused', async () => {
    const { done } = source.stream!(spec({}), 'garbage', async () => undefined, {
      signal: new AbortController().signal,
    });
    await expect(done).rejects.toMatchObject({ code: 'rejected' });
  });
});
