import { afterEach, describe, expect, it } from 'vitest';
import type { SourceCursor } from '../connector.js';
import { ConnectorError } from '../errors.js';
import {
  startFakeReddit,
  type FakeReddit,
  type FakeRedditOptions,
  type FakeRedditPost,
} from '../testing/reddit/fake-reddit.js';
import {
  createRedditConnector,
  createRedditMentions,
  validateRedditSpec,
  type RedditConnectorOptions,
} from './index.js';

const USER_AGENT = 'linux:rostra-test:0.1 (by /u/rostra)';
const T0 = 1_767_225_600;
const APP = { clientId: 'app-id', clientSecret: 'app-secret' };

let fake: FakeReddit | undefined;
afterEach(async () => {
  expect(fake?.unexpected ?? []).toEqual([]);
  await fake?.close();
  fake = undefined;
});

async function setup(fakeOptions: FakeRedditOptions = APP, options: Partial<RedditConnectorOptions> = {}) {
  fake = await startFakeReddit(fakeOptions);
  const source = createRedditMentions({
    userAgent: USER_AGENT,
    baseUrl: fake.url,
    siteUrl: fake.url,
    ...(fakeOptions.clientId ? APP : {}),
    ...options,
  });
  return { fake, source };
}

function post(id: string, at: number, extra: Partial<FakeRedditPost> = {}): FakeRedditPost {
  return { id, subreddit: 'france', title: `Rostra ${id}`, author: 'alice', created_utc: at, ...extra };
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

const spec = { kind: 'search', config: { query: 'rostra' } };

describe('Reddit source', () => {
  it('is a search source', () => {
    const connector = createRedditConnector({ userAgent: USER_AGENT });
    expect(connector).toMatchObject({ network: 'reddit', auth: 'none' });
    expect(connector.mentions?.kinds).toEqual([{ kind: 'search', fields: ['query', 'subreddit'] }]);
  });

  it.each([
    [{ query: 'rostra' }, []],
    [{ query: 'rostra', subreddit: 'r/france' }, []],
    [{ query: 'rostra', subreddit: 'france+paris' }, []],
    [{}, ['query']],
    [{ query: ' ' }, ['query']],
    [{ query: 'q'.repeat(513) }, ['query']],
    [{ query: 'rostra', subreddit: 'fr' }, ['subreddit']],
    [{ query: 'rostra', subreddit: 'la france' }, ['subreddit']],
    [{ query: 'rostra', subreddit: 'x'.repeat(22) }, ['subreddit']],
    [{ query: 'rostra', url: 'https://reddit.com' }, ['url']],
  ])('validates %j', (config, fields) => {
    expect(validateRedditSpec({ kind: 'search', config }).map((problem) => problem.field)).toEqual(fields);
  });

  it('gets an app-only token, searches newest first in a subreddit and maps posts', async () => {
    const { fake, source } = await setup();
    fake.posts.push(
      post('a1', T0, {
        // As typed: Reddit escapes &, < and > on the way out; "&lt;" typed must come back as typed.
        title: 'Rostra & les municipales <2026>',
        selftext: 'Premier paragraphe & suite.\n\nDeuxième <b>pas du HTML</b> &lt;',
        score: 12,
        num_comments: 4,
        subscribers: 900_000,
      }),
      post('a2', T0 + 60, { url: 'https://www.lemonde.fr/article?a=1&b=2', author: '[deleted]' }),
      post('b1', T0 + 120, { subreddit: 'paris' }),
    );
    const { items } = await source.poll!({ kind: 'search', config: { query: 'rostra', subreddit: 'r/france' } }, null);
    expect(fake.tokensIssued).toBe(1);
    expect(fake.requests[0]!.path).toBe('/r/france/search');
    expect(Object.fromEntries(fake.requests[0]!.params)).toEqual({
      q: 'rostra',
      sort: 'new',
      t: 'all',
      type: 'link',
      limit: '100',
      restrict_sr: 'true',
    });
    expect(items.map((item) => item.externalId)).toEqual(['t3_a2', 't3_a1']);
    const [link, self] = items;
    expect(self).toMatchObject({
      network: 'reddit',
      url: expect.stringMatching(/\/r\/france\/comments\/a1\//),
      title: 'Rostra & les municipales <2026>',
      text: 'Premier paragraphe & suite.\n\nDeuxième <b>pas du HTML</b> &lt;',
      author: { id: 't2_alice', handle: 'alice', url: `${fake.url}/user/alice` },
      publishedAt: T0 * 1000,
      site: '127.0.0.1',
      metrics: { reach: 900_000, likes: 12, replies: 4 },
    });
    expect(link).toMatchObject({
      text: 'https://www.lemonde.fr/article?a=1&b=2',
      site: 'www.lemonde.fr',
      author: { id: null, handle: null },
    });
  });

  it('reads the public .json listings without an app', async () => {
    const { fake, source } = await setup({});
    fake.posts.push(post('p1', T0));
    const { items } = await source.poll!(spec, null);
    expect(items.map((item) => item.externalId)).toEqual(['t3_p1']);
    expect(fake.requests[0]!.path).toBe('/search.json');
  });

  it('reads only what is new since the last poll, with an overlap for late indexing, never repeating', async () => {
    const { fake, source } = await setup(APP, { overlapSeconds: 300 });
    fake.posts.push(post('o1', T0), post('o2', T0 + 1000));
    const first = await source.poll!(spec, null);
    expect(first.items).toHaveLength(2);
    fake.posts.push(post('late', T0 + 900), post('n1', T0 + 2000));
    const second = await source.poll!(spec, first.cursor);
    expect(second.items.map((item) => item.externalId)).toEqual(['t3_n1', 't3_late']);
    expect((await source.poll!(spec, second.cursor)).items).toEqual([]);
    // The token is reused across polls.
    expect(fake.tokensIssued).toBe(1);
  });

  it('hands on a post again when its author edits it within the overlap, with the edit date', async () => {
    const { fake, source } = await setup(APP, { overlapSeconds: 300 });
    const original = post('ed1', T0, { selftext: 'Le marché ouvre samedi' });
    fake.posts.push(original);
    const first = await source.poll!(spec, null);
    expect(first.items[0]).toMatchObject({ text: 'Le marché ouvre samedi', editedAt: null });
    original.selftext = 'Le marché ouvre dimanche';
    original.edited = T0 + 120.5;
    const second = await source.poll!(spec, first.cursor);
    expect(second.items).toEqual([
      { ...first.items[0], text: 'Le marché ouvre dimanche', editedAt: (T0 + 120.5) * 1000 },
    ]);
    expect((await source.poll!(spec, second.cursor)).items).toEqual([]);
  });

  it('caps a flood: the newest first, then the rest from where it stopped, none lost or repeated', async () => {
    const { fake, source } = await setup(APP, { maxItemsPerPoll: 3 });
    fake.posts.push(post('s0', T0));
    let cursor: SourceCursor = (await source.poll!(spec, null)).cursor;
    for (let index = 1; index <= 7; index += 1) fake.posts.push(post(`s${index}`, T0 + index * 10));
    const batches: string[][] = [];
    for (let poll = 0; poll < 4; poll += 1) {
      const result = await source.poll!(spec, cursor);
      batches.push(result.items.map((item) => item.externalId));
      cursor = result.cursor;
      if (poll === 0) fake.posts.push(post('s8', T0 + 500));
    }
    expect(batches).toEqual([['t3_s7', 't3_s6', 't3_s5'], ['t3_s8', 't3_s4', 't3_s3'], ['t3_s2', 't3_s1'], []]);
  });

  it('gets a new token once when Reddit revokes one, and reports a refused app as auth_expired', async () => {
    const { fake, source } = await setup();
    fake.posts.push(post('r1', T0));
    await source.poll!(spec, null);
    fake.revokeTokens();
    const { items } = await source.poll!(spec, null);
    expect(items).toHaveLength(1);
    expect(fake.tokensIssued).toBe(2);

    const wrong = createRedditMentions({
      userAgent: USER_AGENT,
      baseUrl: fake.url,
      siteUrl: fake.url,
      clientId: 'app-id',
      clientSecret: 'nope',
    });
    expect((await rejection(wrong.poll!(spec, null))).code).toBe('auth_expired');
  });

  it('honours the quota headers: a spent quota is rate_limited until the reset, without calling Reddit', async () => {
    const { fake, source } = await setup({ ...APP, quota: 1, resetSeconds: 120 });
    fake.posts.push(post('q1', T0));
    await source.poll!(spec, null);
    const calls = fake.requests.length;
    const limited = await rejection(source.poll!(spec, null));
    expect(limited.code).toBe('rate_limited');
    expect(limited.retryAfterMs).toBeGreaterThan(100_000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(120_000);
    expect(fake.requests.length).toBe(calls);

    // Another connector instance does not know the quota: Reddit's 429 says the same.
    const other = createRedditMentions({ userAgent: USER_AGENT, baseUrl: fake.url, siteUrl: fake.url, ...APP });
    const refused = await rejection(other.poll!(spec, null));
    expect(refused.code).toBe('rate_limited');
    expect(refused.retryAfterMs).toBeGreaterThan(100_000);
  });

  it('keeps a link missing optional fields, skips and counts one without its fullname or date', async () => {
    const { fake, source } = await setup();
    const link = (data: Record<string, unknown>) => ({ kind: 't3', data });
    const children = [
      link({ name: 't3_ok', created_utc: T0, title: 'Rostra', author: null, score: 'n/a' }),
      link({ name: 't3_undated', title: 'no date' }),
      link({ created_utc: T0, title: 'no fullname' }),
    ];
    fake.failNext({ status: 200, body: { kind: 'Listing', data: { children, after: null, before: null } } });
    const result = await source.poll!(spec, null);
    expect(result.items.map((item) => item.title)).toEqual(['Rostra']);
    expect(result.items[0]?.metrics).toEqual({});
    expect(result.skipped).toBe(2);
    fake.failNext({ status: 200, body: { kind: 't3', data: {} } });
    const wrong = await rejection(source.poll!(spec, null));
    expect(wrong.code).toBe('unavailable');
    expect(wrong.message).toContain('answered an unexpected shape at kind');
  });

  it('refuses a bad spec or a foreign cursor', async () => {
    const { source } = await setup();
    expect((await rejection(source.poll!({ kind: 'search', config: { query: '' } }, null))).code).toBe('rejected');
    expect((await rejection(source.poll!(spec, '[1,2]'))).code).toBe('rejected');
  });

  it('has a fake that refuses what Reddit would: a search without a token, a token asked with GET', async () => {
    const { fake } = await setup();
    expect((await fetch(`${fake.url}/search?q=x&sort=new`, { headers: { 'user-agent': USER_AGENT } })).status).toBe(
      401,
    );
    expect((await fetch(`${fake.url}/api/v1/access_token`, { headers: { 'user-agent': USER_AGENT } })).status).toBe(
      404,
    );
    expect(fake.unexpected).toEqual(['GET /api/v1/access_token']);
    fake.unexpected.length = 0;
  });
});
