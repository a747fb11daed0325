import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SourceCursor } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { startFakeHackerNews, type FakeHackerNews, type FakeHnItem } from '../testing/hackernews/fake-hackernews.js';
import { createHackerNewsConnector, createHackerNewsMentions, validateHackerNewsSpec } from './index.js';

let fake: FakeHackerNews;
beforeAll(async () => {
  fake = await startFakeHackerNews();
});
afterAll(() => fake.close());
afterEach(() => {
  expect(fake.unexpected).toEqual([]);
  fake.items.length = 0;
  fake.requests.length = 0;
});

const T0 = 1_767_225_600; // 2026-01-01T00:00:00Z
const spec = { kind: 'search', config: { query: 'rostra' } };

function story(id: number, at: number, extra: Partial<FakeHnItem> = {}): FakeHnItem {
  return { objectID: String(id), type: 'story', created_at_i: at, author: 'pg', title: `Rostra ${id}`, ...extra };
}

async function drain(source: ReturnType<typeof createHackerNewsMentions>, cursor: SourceCursor, polls: number) {
  const batches: string[][] = [];
  for (let poll = 0; poll < polls; poll += 1) {
    const result = await source.poll!(spec, cursor);
    batches.push(result.items.map((item) => item.externalId.replace(/.*id=/, '')));
    cursor = result.cursor;
  }
  return { batches, cursor };
}

describe('Hacker News source', () => {
  it('is a search source without authentication', () => {
    const connector = createHackerNewsConnector();
    expect(connector).toMatchObject({ network: 'hackernews', auth: 'none' });
    expect(connector.mentions?.kinds).toEqual([{ kind: 'search', fields: ['query'] }]);
  });

  it.each([
    [{ kind: 'search', config: {} }, ['query']],
    [{ kind: 'search', config: { query: '  ' } }, ['query']],
    [{ kind: 'search', config: { query: 'x'.repeat(513) } }, ['query']],
    [{ kind: 'search', config: { query: 'rostra', subreddit: 'x' } }, ['subreddit']],
    [{ kind: 'feed', config: { query: 'rostra' } }, ['kind']],
    [{ kind: 'search', config: { query: 'rostra' } }, []],
  ])('validates %j', (input, fields) => {
    expect(validateHackerNewsSpec(input).map((problem) => problem.field)).toEqual(fields);
  });

  it('maps stories and comments, HTML to plain text, with the documented request', async () => {
    const source = createHackerNewsMentions({ baseUrl: fake.url });
    fake.items.push(
      story(100, T0, { url: 'https://www.lemonde.fr/article', points: 42, num_comments: 3 }),
      story(101, T0 + 10, {
        title: 'Ask HN: Rostra &amp; friends?',
        story_text: '<p>Is <i>Rostra</i> any good?<p>Asking &quot;for a friend&quot;',
        author: 'alice',
      }),
      {
        objectID: '102',
        type: 'comment',
        created_at_i: T0 + 20,
        author: 'bob',
        comment_text: 'Rostra works<p><a href="https://example.org">link</a> &gt; all',
        story_id: 100,
        story_title: 'Rostra 100',
        story_url: 'https://www.lemonde.fr/article',
        parent_id: 100,
      },
      story(103, T0 + 30, { title: 'Something else entirely' }),
    );
    const { items } = await source.poll!(spec, null, { userAgent: 'Rostra/1' });
    expect(items.map((item) => item.externalId)).toEqual([
      'https://news.ycombinator.com/item?id=102',
      'https://news.ycombinator.com/item?id=101',
      'https://news.ycombinator.com/item?id=100',
    ]);
    const [comment, ask, link] = items;
    expect(comment).toMatchObject({
      network: 'hackernews',
      title: null,
      text: 'Rostra works\n\nlink > all',
      site: 'www.lemonde.fr',
      replyTo: 'https://news.ycombinator.com/item?id=100',
      author: { id: 'bob', handle: 'bob', url: 'https://news.ycombinator.com/user?id=bob' },
      publishedAt: (T0 + 20) * 1000,
    });
    expect(ask).toMatchObject({
      title: 'Ask HN: Rostra & friends?',
      text: 'Is Rostra any good?\n\nAsking "for a friend"',
      site: 'news.ycombinator.com',
    });
    expect(link).toMatchObject({ site: 'www.lemonde.fr', metrics: { likes: 42, replies: 3 } });
    const params = fake.requests[0]!;
    expect(Object.fromEntries(params)).toEqual({
      query: 'rostra',
      tags: '(story,comment)',
      hitsPerPage: '100',
      page: '0',
    });
  });

  it('asks only for what is newer than the high-water mark and never repeats an item', async () => {
    const source = createHackerNewsMentions({ baseUrl: fake.url, overlapSeconds: 60 });
    fake.items.push(story(1, T0), story(2, T0 + 100));
    const first = await source.poll!(spec, null);
    expect(first.items).toHaveLength(2);
    // Indexed late, with a date inside the overlap; and a new one.
    fake.items.push(story(3, T0 + 70), story(4, T0 + 200));
    const second = await source.poll!(spec, first.cursor);
    expect(second.items.map((item) => item.url)).toEqual([
      'https://news.ycombinator.com/item?id=4',
      'https://news.ycombinator.com/item?id=3',
    ]);
    expect(fake.requests[1]!.get('numericFilters')).toBe(`created_at_i>=${T0 + 40}`);
    const third = await source.poll!(spec, second.cursor);
    expect(third.items).toEqual([]);
  });

  it('caps a flood: the newest first, then the rest of the range with the next polls, none lost or repeated', async () => {
    const source = createHackerNewsMentions({ baseUrl: fake.url, maxItemsPerPoll: 3, hitsPerPage: 2 });
    fake.items.push(story(1, T0));
    const start = await source.poll!(spec, null);
    for (let id = 2; id <= 9; id += 1) fake.items.push(story(id, T0 + id * 10));
    const first = await drain(source, start.cursor, 1);
    expect(first.batches).toEqual([['9', '8', '7']]);
    // Newer items arrive while the backlog is read: they come first, the backlog after.
    fake.items.push(story(10, T0 + 1000));
    const rest = await drain(source, first.cursor, 3);
    expect(rest.batches).toEqual([['10', '6', '5'], ['4', '3', '2'], []]);
    expect(JSON.parse(rest.cursor!)).toMatchObject({ hw: T0 + 1000, backlog: [] });
  });

  it('maps the quota refusal and server errors to codes, and refuses foreign cursors', async () => {
    const source = createHackerNewsMentions({ baseUrl: fake.url });
    fake.failNext({ status: 429 });
    const limited = await source.poll!(spec, null).catch((error: unknown) => error);
    expect(limited).toBeInstanceOf(ConnectorError);
    expect((limited as ConnectorError).code).toBe('rate_limited');
    fake.failNext({ status: 502 });
    expect(((await source.poll!(spec, null).catch((error: unknown) => error)) as ConnectorError).code).toBe(
      'unavailable',
    );
    expect(((await source.poll!(spec, '{"v":9}').catch((error: unknown) => error)) as ConnectorError).code).toBe(
      'rejected',
    );
  });

  it('keeps a hit missing optional fields, skips and counts one without its id or date, refuses a wrong shape', async () => {
    const source = createHackerNewsMentions({ baseUrl: fake.url });
    // An answer as Algolia could give it from an index with a broken record.
    const hits = [
      { objectID: '7', created_at_i: T0, _tags: ['story'], title: 'Rostra', author: null, points: null },
      { objectID: '8', _tags: ['story'], title: 'no date' },
      { created_at_i: T0, _tags: ['comment'], comment_text: 'no id' },
    ];
    fake.failNext({ status: 200, body: { hits, nbPages: 1, page: 0, hitsPerPage: 20 } });
    const result = await source.poll!(spec, null);
    expect(result.items.map((item) => item.title)).toEqual(['Rostra']);
    expect(result.items[0]?.author).toEqual({ id: null, handle: null, name: null, url: null });
    expect(result.skipped).toBe(2);
    fake.failNext({ status: 200, body: { results: [] } });
    const wrong = (await source.poll!(spec, null).catch((error: unknown) => error)) as ConnectorError;
    expect(wrong).toMatchObject({ code: 'unavailable', network: 'hackernews' });
    expect(wrong.message).toContain('search answered an unexpected shape at hits');
  });

  it('has a fake that refuses what the API does not document', async () => {
    const response = await fetch(`${fake.url}/api/v1/search_by_date?query=x&sort=new`);
    expect(response.status).toBe(400);
    const wrongPath = await fetch(`${fake.url}/api/v1/items/1`);
    expect(wrongPath.status).toBe(400);
    expect(fake.unexpected).toEqual(['unknown parameter sort', 'GET /api/v1/items/1']);
    fake.unexpected.length = 0;
  });
});
