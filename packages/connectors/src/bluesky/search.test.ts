// Bluesky post search against a fake AppView written from the searchPosts lexicon: records mapped to
// plain-text mentions (facets, replies, quotes), polls that neither skip nor repeat, and failures as codes.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SourceSpec } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { startFakeAppView, type FakeAppView } from '../testing/bluesky/fake-appview.js';
import { createBlueskyMentions } from './mentions.js';

let appView: FakeAppView;
let source: ReturnType<typeof createBlueskyMentions>;
let serial = 0;

beforeAll(async () => {
  appView = await startFakeAppView();
  source = createBlueskyMentions({ search: { appViewUrl: appView.url } });
});
afterEach(() => {
  expect(appView.unexpected.splice(0)).toEqual([]);
  appView.configureAuth({ anonymous: true });
});
afterAll(() => appView.close());

const did = (n: number) =>
  `did:plc:${String(n)
    .padStart(24, 'a')
    .replace(/[0189]/g, 'b')}`;
const word = () => `tramway${++serial}`;
const search = (query: string, extra: Record<string, string> = {}): SourceSpec => ({
  kind: 'search',
  config: { query, ...extra },
});
const at = (secondsAgo: number) => new Date(Date.now() - secondsAgo * 1000).toISOString();

describe('validate', () => {
  it.each([
    [{ kind: 'search', config: { query: 'tramway lyon', lang: 'fr' } }, []],
    [{ kind: 'search', config: { query: '  ' } }, ['query']],
    [{ kind: 'search', config: { query: 'x', lang: 'français' } }, ['lang']],
    [{ kind: 'search', config: { query: 'x', instance: 'bsky.app' } }, ['instance']],
    [{ kind: 'hashtag', config: {} }, ['kind']],
  ])('%j → problems with %j', (spec, fields) => {
    expect(source.validate(spec).map((p) => p.field)).toEqual(fields);
  });
});

describe('polling a search', () => {
  it('maps posts: facets, reply, quote, language, metrics, text kept as text', async () => {
    const term = word();
    const text = `Le ${term} arrive ! lyon.fr/agenda/tram... #Mobilité <script>alert(1)</script>`;
    const linkStart = Buffer.byteLength(`Le ${term} arrive ! `);
    const linkEnd = linkStart + Buffer.byteLength('lyon.fr/agenda/tram...');
    const tagStart = linkEnd + 1;
    const post = appView.addPost({
      did: did(1),
      handle: 'mairie.bsky.social',
      displayName: 'Mairie ',
      text,
      langs: ['fr', 'en'],
      facets: [
        {
          index: { byteStart: linkStart, byteEnd: linkEnd },
          features: [{ $type: 'app.bsky.richtext.facet#link', uri: 'https://lyon.fr/agenda/tramway-t10' }],
        },
        {
          index: { byteStart: tagStart, byteEnd: tagStart + Buffer.byteLength('#Mobilité') },
          features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'Mobilité' }],
        },
      ],
      tags: ['transports'],
      reply: { parent: `at://${did(2)}/app.bsky.feed.post/3kparent`, root: `at://${did(2)}/app.bsky.feed.post/3kroot` },
      createdAt: at(30),
      likeCount: 4,
      repostCount: 2,
      quoteCount: 1,
      replyCount: 3,
    });
    const quote = appView.addPost({
      did: did(3),
      handle: 'relais.bsky.social',
      text: '',
      embed: { $type: 'app.bsky.embed.record', record: { uri: post.uri, cid: 'bafyrei' } },
      tags: [term],
      createdAt: at(20),
    });

    const result = await source.poll?.(search(term), null);
    expect(result?.items).toEqual([
      {
        externalId: post.uri,
        network: 'bluesky',
        url: `https://bsky.app/profile/${did(1)}/post/${post.rkey}`,
        title: null,
        text: `Le ${term} arrive ! https://lyon.fr/agenda/tramway-t10 #Mobilité <script>alert(1)</script>`,
        author: {
          id: did(1),
          handle: 'mairie.bsky.social',
          name: 'Mairie',
          url: `https://bsky.app/profile/${did(1)}`,
        },
        publishedAt: Date.parse(post.createdAt),
        language: 'fr',
        site: 'bsky.app',
        repostOf: null,
        replyTo: `at://${did(2)}/app.bsky.feed.post/3kparent`,
        hashtags: ['Mobilité', 'transports'],
        metrics: { likes: 4, reposts: 3, replies: 3 },
      },
      expect.objectContaining({ externalId: quote.uri, repostOf: post.uri, text: '' }),
    ]);
    expect(appView.searches.at(-1)?.get('sort')).toBe('latest');
  });

  it('finds only what is new, including posts indexed late, and never twice', async () => {
    const term = word();
    appView.addPost({ did: did(4), handle: 'a.test', text: `${term} un`, createdAt: at(60) });
    const first = await source.poll?.(search(term), null);
    expect(first?.items.map((m) => m.text)).toEqual([`${term} un`]);
    const again = await source.poll?.(search(term), first?.cursor ?? null);
    expect(again?.items).toEqual([]);
    // `since` reaches back by the overlap from the newest post handed on.
    const since = Date.parse(appView.searches.at(-1)?.get('since') ?? '');
    expect(since).toBe((first?.items[0]?.publishedAt ?? 0) - 120_000);

    appView.addPost({ did: did(4), handle: 'a.test', text: `${term} deux`, createdAt: at(10) });
    // Written before "deux" but only indexed now: within the overlap, so still found.
    appView.addPost({ did: did(5), handle: 'b.test', text: `${term} en retard`, createdAt: at(70) });
    const second = await source.poll?.(search(term), again?.cursor ?? null);
    expect(second?.items.map((m) => m.text)).toEqual([`${term} en retard`, `${term} deux`]);
    const third = await source.poll?.(search(term), second?.cursor ?? null);
    expect(third?.items).toEqual([]);
  });

  it('pages through everything since the last poll', async () => {
    const term = word();
    const paged = createBlueskyMentions({ search: { appViewUrl: appView.url, pageSize: 2 } });
    appView.addPost({ did: did(6), handle: 'c.test', text: `${term} 0`, createdAt: at(100) });
    const start = await paged.poll?.(search(term, { lang: 'fr' }), null);
    expect(start?.items).toEqual([]);
    const start2 = await paged.poll?.(search(term), null);
    for (let i = 1; i <= 5; i += 1) {
      appView.addPost({ did: did(6), handle: 'c.test', text: `${term} ${i}`, createdAt: at(100 - i) });
    }
    const before = appView.searches.length;
    const found = await paged.poll?.(search(term), start2?.cursor ?? null);
    expect(found?.items.map((m) => m.text)).toEqual([1, 2, 3, 4, 5].map((i) => `${term} ${i}`));
    expect(appView.searches.slice(before).map((q) => q.get('cursor'))).toEqual([null, '2', '4']);
  });

  it('asks the channel PDS with its token when a channel is given', async () => {
    const term = word();
    appView.configureAuth({ tokens: ['jeton'], anonymous: false });
    appView.addPost({ did: did(7), handle: 'd.test', text: term });
    await expect(source.poll?.(search(term), null)).rejects.toMatchObject({ code: 'rejected' });
    const credentials = { data: { pdsUrl: appView.url, accessJwt: 'jeton', refreshJwt: 'r', did: did(8) } };
    const found = await source.poll?.({ ...search(term), credentials }, null);
    expect(found?.items).toHaveLength(1);
    const expired = { data: { ...credentials.data, accessJwt: 'périmé' } };
    await expect(source.poll?.({ ...search(term), credentials: expired }, null)).rejects.toMatchObject({
      code: 'auth_expired',
    });
  });
});

describe('failures', () => {
  it('429 → rate_limited with ratelimit-reset as retryAfterMs', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 120);
    appView.failNext({ status: 429, headers: { 'ratelimit-reset': reset, 'ratelimit-remaining': '0' } });
    const error = (await source.poll?.(search('x'), null).catch((e) => e)) as ConnectorError;
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBeGreaterThan(60_000);
  });

  it.each([500, 502, 503])('%d → unavailable', async (status) => {
    appView.failNext({ status });
    await expect(source.poll?.(search('x'), null)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('garbage → unavailable with a clear message', async () => {
    appView.failNext({ status: 200, rawBody: '{"posts": [' });
    const error = (await source.poll?.(search('x'), null).catch((e) => e)) as ConnectorError;
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.code).toBe('unavailable');
    expect(error.message).toContain('not JSON');
    appView.failNext({ status: 200, body: { posts: [{ nope: true }] } });
    await expect(source.poll?.(search('x'), null)).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('an unreadable cursor, a bad setting and polling Jetstream are refused', async () => {
    await expect(source.poll?.(search('x'), '{"v":9}')).rejects.toMatchObject({ code: 'rejected' });
    await expect(source.poll?.(search(''), null)).rejects.toMatchObject({ code: 'rejected' });
    await expect(source.poll?.({ kind: 'jetstream', config: {} }, null)).rejects.toMatchObject({ code: 'rejected' });
  });
});
