import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.js';
import { fetchFeed, htmlToText, parseFeed, parseFeedDate, type FeedFetchResult, type ParsedFeed } from './index.js';

// Real feeds from the rss-parser test suite (MIT), kept outside the repository.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const REAL_FEEDS = [path.resolve(repoRoot, '../shared/data/feeds-real'), '/work/shared/data/feeds-real'].find((dir) =>
  existsSync(dir),
);
const realFiles = REAL_FEEDS ? readdirSync(REAL_FEEDS).filter((file) => !file.startsWith('LICENSE')) : [];

type Route = (request: IncomingMessage, response: ServerResponse) => void;
const routes = new Map<string, Route>();
const seenHeaders: Record<string, IncomingMessage['headers']> = {};
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const pathname = new URL(request.url ?? '/', 'http://localhost').pathname;
    seenHeaders[pathname] = request.headers;
    if (pathname.startsWith('/real/') && REAL_FEEDS) {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end(readFileSync(path.join(REAL_FEEDS, path.basename(pathname))));
      return;
    }
    const route = routes.get(pathname);
    if (route) return route(request, response);
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function serve(pathname: string, body: string | Uint8Array, headers: Record<string, string> = {}, status = 200) {
  routes.set(pathname, (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/rss+xml', ...headers });
    response.end(body);
  });
  return `${origin}${pathname}`;
}

async function fetchOk(url: string, options = {}): Promise<ParsedFeed> {
  const result = await fetchFeed(url, {}, options);
  if (result.status !== 'ok') throw new Error(`expected ok, got ${result.status}`);
  return result;
}

async function failure(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

function rss(items: string, channel = '<title>T</title><link>https://site.example/blog/</link>'): string {
  return `<?xml version="1.0"?><rss version="2.0"><channel>${channel}${items}</channel></rss>`;
}

/** Spot checks on the real files; `items` is the expected count, `first` fields of the first item. */
const REAL_EXPECTATIONS: Record<string, { items?: number; feedTitle?: string; first?: Record<string, unknown> }> = {
  'guardian.rss': {
    items: 55,
    feedTitle: 'The Guardian',
    first: {
      title: 'Trump State of the Union address promised unity but emphasized discord',
      publishedAt: Date.UTC(2018, 0, 31, 7, 26, 5),
      author: 'David Smith in Washington',
      language: 'en-gb',
    },
  },
  'encoding.rss': {
    items: 40,
    feedTitle: 'Jornal de Notícias - Últimas Notícias',
    first: { title: 'Mãe de utente é a nova presidente da Raríssimas', publishedAt: Date.UTC(2018, 0, 3, 13, 47) },
  },
  'uolNoticias.rss': {
    items: 15,
    first: {
      title: 'Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno',
      publishedAt: Date.parse('2018-09-24T19:42:40-03:00'),
    },
  },
  'heise.atom': {
    items: 15,
    first: {
      id: 'http://heise.de/-3088438',
      title: 'Java-Anwendungsserver: Red Hat gibt WildFly 10 frei',
      publishedAt: Date.parse('2016-02-01T17:22:00+01:00'),
    },
  },
  'gulp-atom.atom': {
    items: 10,
    first: { url: 'https://github.com/gulpjs/gulp/releases/tag/v3.9.0', title: 'v3.9.0', author: 'contra' },
  },
  'rss-1.rss': {
    items: 69,
    feedTitle: 'Science twis',
    first: { title: 'Food for fungi', author: 'Hines, P. J.', publishedAt: Date.parse('2017-06-15T10:29:47-07:00') },
  },
  'craigslist.rss': {
    items: 25,
    first: { title: 'Bright, Spacious Beautiful Victorian (oakland north / temescal) $4300 3bd 1930ft2' },
  },
  'giantbomb-podcast.rss': {
    items: 730,
    first: { title: 'Giant Bombcast 603: Call of Tuesday', publishedAt: Date.UTC(2019, 9, 1, 22, 30) },
  },
  'atom-customfields.atom': { items: 15, first: { id: 'yt:video:lR-w1h5ONOY', title: 'Buy Now, Bitches*' } },
  'instant-article.rss': { items: 1, first: { text: 'Lorem ipsum', author: 'tobi' } },
  // Entries without a title, text or link carry nothing to listen to.
  'missing-fields.atom': { items: 0 },
  'incomplete-fields.atom': { items: 0 },
};
const REJECTED = new Set(['unrecognized.rss']);

describe.skipIf(!REAL_FEEDS)('real feeds (rss-parser test suite, /work/shared/data/feeds-real)', () => {
  it.each(realFiles.filter((file) => !REJECTED.has(file)))('%s parses into clean items', async (file) => {
    const feed = await fetchOk(`${origin}/real/${file}`);
    const again = parseFeed(readFileSync(path.join(REAL_FEEDS!, file)), null, `${origin}/real/${file}`);
    const ids = feed.items.map((item) => item.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(again.items.map((item) => item.id)).toEqual(ids);
    for (const item of feed.items) {
      expect(item.id.trim()).not.toBe('');
      expect(item.title !== '' || item.text !== '').toBe(true);
      expect(item.title).not.toMatch(/<\/?[a-z][^>]*>|\n/i);
      // Markup is gone; tags written as text (code samples, escaped twice) stay, as their author wrote them.
      expect(item.text).not.toMatch(/<\/?(?:p|br|div|a|img|span|b|i|em|strong|script|style|ul|li)\b[^<>]*>/i);
      expect(item.text).not.toMatch(/\uFFFD/);
      if (item.publishedAt !== null) {
        expect(Number.isFinite(item.publishedAt)).toBe(true);
        expect(item.publishedAt).toBeGreaterThan(Date.UTC(1995, 0, 1));
        expect(item.publishedAt).toBeLessThan(Date.UTC(2030, 0, 1));
      }
      if (item.url !== null) expect(item.url).toMatch(/^https?:\/\//);
      expect(item.source).toEqual({ kind: 'feed', feedUrl: `${origin}/real/${file}`, site: feed.siteUrl });
    }
    const expected = REAL_EXPECTATIONS[file];
    if (expected?.items !== undefined) expect(feed.items).toHaveLength(expected.items);
    if (expected?.feedTitle !== undefined) expect(feed.feedTitle).toBe(expected.feedTitle);
    if (expected?.first) expect(feed.items[0]).toMatchObject(expected.first);
  });

  it.each(['guardian.rss', 'heise.atom', 'rss-1.rss'])('%s cut in half keeps the items before the cut', (file) => {
    const body = readFileSync(path.join(REAL_FEEDS!, file));
    const full = parseFeed(body, null, 'https://real.example/feed');
    const half = parseFeed(body.subarray(0, body.length >> 1), null, 'https://real.example/feed');
    expect(half.items.length).toBeGreaterThan(1);
    expect(half.items.length).toBeLessThan(full.items.length);
    // Every item but the one the cut went through is exactly the full feed's.
    expect(half.items.slice(0, -1)).toEqual(full.items.slice(0, half.items.length - 1));
  });

  it.each([...REJECTED])('%s is rejected with what was found instead', async (file) => {
    const error = await failure(fetchFeed(`${origin}/real/${file}`, {}));
    expect(error.code).toBe('rejected');
    expect(error.message).toBe(`${origin}/real/${file} is an HTML page, not a feed`);
  });
});

describe('encodings', () => {
  const gb2312 = Buffer.from('d6d0cec4d0c2cec5a3bab1b1bea9', 'hex'); // 中文新闻：北京
  const latin2 = Buffer.from('50f8ed6c69b920be6c75bb6f75e86bfd206bf9f220fa70ec6c20efe162656c736be920f36479', 'hex');
  const cp1252 = Buffer.from('c96c7973e96520ab20636166e920bb209620352080', 'hex'); // Élysée « café » – 5 €
  const feedWith = (declaration: string, title: Buffer) =>
    Buffer.concat([
      Buffer.from(`${declaration}<rss version="2.0"><channel><title>x</title><item><guid>1</guid><title>`),
      title,
      Buffer.from('</title></item></channel></rss>'),
    ]);

  it.each([
    [
      'GB2312 from the XML declaration',
      feedWith('<?xml version="1.0" encoding="GB2312"?>', gb2312),
      null,
      '中文新闻：北京',
    ],
    ['GB2312 from the HTTP charset', feedWith('', gb2312), 'text/xml; charset=gb2312', '中文新闻：北京'],
    [
      'Latin-2 from the XML declaration',
      feedWith('<?xml version="1.0" encoding="ISO-8859-2"?>', latin2),
      'application/rss+xml',
      'Příliš žluťoučký kůň úpěl ďábelské ódy',
    ],
    [
      'Latin-2 when the HTTP charset wrongly says UTF-8',
      feedWith('<?xml version="1.0" encoding="iso-8859-2"?>', latin2),
      'text/xml; charset=UTF-8',
      'Příliš žluťoučký kůň úpěl ďábelské ódy',
    ],
    ['windows-1252 when nothing is declared', feedWith('', cp1252), null, 'Élysée « café » – 5 €'],
    [
      'UTF-8 with a byte order mark despite a Latin-1 charset',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), feedWith('', Buffer.from('Élysée «\u00a0café\u00a0»'))]),
      'text/xml; charset=iso-8859-1',
      'Élysée « café »',
    ],
  ])('%s', (_name, body, contentType, title) => {
    expect(parseFeed(body, contentType, 'https://x.example/feed').items[0]?.title).toBe(title);
  });
});

describe('JSON Feed', () => {
  const jsonFeed = JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Le blog de l’équipe',
    home_page_url: 'https://blog.example.fr/',
    language: 'fr-FR',
    authors: [{ name: 'Équipe com' }],
    items: [
      {
        id: 'https://blog.example.fr/2024/lancement',
        url: '/2024/lancement',
        title: 'Lancement <réussi> & fêté',
        content_html: '<p>Premier paragraphe.</p><script>alert(1)</script><p>Second&nbsp;paragraphe.</p>',
        date_published: '2024-03-05T09:30:00+01:00',
      },
      {
        id: 42,
        content_text: 'Une note sans titre\nsur deux lignes',
        authors: [{ name: 'Camille' }],
        language: 'fr-BE',
      },
    ],
  });

  it('maps items, resolves links and keeps text plain', async () => {
    const feed = await fetchOk(serve('/feed.json', jsonFeed, { 'content-type': 'application/feed+json' }));
    expect(feed).toMatchObject({
      feedTitle: 'Le blog de l’équipe',
      siteUrl: 'https://blog.example.fr/',
      language: 'fr-FR',
    });
    expect(feed.items).toEqual([
      expect.objectContaining({
        id: 'https://blog.example.fr/2024/lancement',
        url: 'https://blog.example.fr/2024/lancement',
        title: 'Lancement <réussi> & fêté',
        text: 'Premier paragraphe.\n\nSecond paragraphe.',
        author: 'Équipe com',
        publishedAt: Date.UTC(2024, 2, 5, 8, 30),
        language: 'fr-FR',
      }),
      expect.objectContaining({
        id: '42',
        url: null,
        title: 'Une note sans titre',
        text: 'Une note sans titre\nsur deux lignes',
        author: 'Camille',
        publishedAt: null,
        language: 'fr-BE',
      }),
    ]);
  });

  it('refuses JSON that is not a JSON Feed', async () => {
    const error = await failure(
      fetchFeed(serve('/api.json', '{"data": []}', { 'content-type': 'application/json' }), {}),
    );
    expect(error.code).toBe('rejected');
    expect(error.message).toContain('is JSON but not a JSON Feed');
  });
});

describe('conditional GET', () => {
  it('sends the validators back and maps 304 to not_modified', async () => {
    const body = rss('<item><guid>a</guid><title>A</title></item>');
    routes.set('/conditional', (request, response) => {
      if (request.headers['if-none-match'] === '"v1"') return void response.writeHead(304, { etag: '"v1"' }).end();
      response.writeHead(200, {
        'content-type': 'application/rss+xml',
        etag: '"v1"',
        'last-modified': 'Tue, 05 Mar 2024 08:00:00 GMT',
      });
      response.end(body);
    });
    const url = `${origin}/conditional`;
    const first = await fetchFeed(url, {}, { userAgent: 'Rostra/0.1 (+https://rostra.test)' });
    expect(first).toMatchObject({
      status: 'ok',
      state: { etag: '"v1"', lastModified: 'Tue, 05 Mar 2024 08:00:00 GMT' },
    });
    expect(seenHeaders['/conditional']?.['user-agent']).toBe('Rostra/0.1 (+https://rostra.test)');
    const second: FeedFetchResult = await fetchFeed(url, first.state);
    expect(second).toEqual({ status: 'not_modified', items: [], state: first.state });
    expect(seenHeaders['/conditional']?.['if-modified-since']).toBe('Tue, 05 Mar 2024 08:00:00 GMT');
    expect(seenHeaders['/conditional']?.['user-agent']).toMatch(/^Rostra\/0\.1 \(/);
  });
});

describe('failures map to connector codes', () => {
  it.each([
    ['404', () => serve('/e404', 'nope', {}, 404), 'rejected', /was not found \(404\)/],
    ['410', () => serve('/e410', 'gone', {}, 410), 'rejected', /is gone for good \(410\)/],
    ['500', () => serve('/e500', 'boom', {}, 500), 'unavailable', /answered 500/],
    [
      'an HTML page',
      () => serve('/page', '<!DOCTYPE html><html><body>Hi</body></html>', { 'content-type': 'text/html' }),
      'rejected',
      /\/page is an HTML page, not a feed$/,
    ],
    [
      'plain text',
      () => serve('/text', 'hello world', { 'content-type': 'text/plain' }),
      'rejected',
      /is not a feed: the answer is neither XML nor JSON$/,
    ],
    ['XML that is no feed', () => serve('/svg', '<?xml version="1.0"?><svg></svg>'), 'rejected', /root element <svg>/],
    ['an empty body', () => serve('/empty', ''), 'rejected', /is empty/],
    ['a closed port', () => 'http://127.0.0.1:9/feed', 'unavailable', /is unreachable/],
  ])('%s', async (_name, makeUrl, code, message) => {
    const url = makeUrl();
    const error = await failure(fetchFeed(url, {}));
    expect(error.code).toBe(code);
    expect(error.network).toBe('feed');
    expect(error.message).toContain(url);
    expect(error.message).toMatch(message);
  });

  it('429 is rate_limited with Retry-After', async () => {
    const error = await failure(fetchFeed(serve('/slow-down', '', { 'retry-after': '120' }, 429), {}));
    expect(error.code).toBe('rate_limited');
    expect(error.retryAfterMs).toBe(120_000);
  });

  it('a timeout is unavailable', async () => {
    routes.set('/hang', (_request, response) => {
      setTimeout(() => response.writeHead(200).end(rss('')), 2_000).unref();
    });
    const error = await failure(fetchFeed(`${origin}/hang`, {}, { timeoutMs: 100 }));
    expect(error.code).toBe('unavailable');
    expect(error.message).toMatch(/did not answer within 100 ms/);
  });

  it('a body over the limit is rejected', async () => {
    const error = await failure(fetchFeed(serve('/big', rss('x'.repeat(5_000))), {}, { maxBytes: 1_000 }));
    expect(error.code).toBe('rejected');
  });
});

describe('items', () => {
  it('resolves relative links against the site, the xml:base, and the final URL', async () => {
    const rssFeed = parseFeed(
      Buffer.from(
        rss(
          '<item><title>A</title><link>/posts/1</link></item>',
          '<title>T</title><link>https://site.example/blog/</link>',
        ),
      ),
      null,
      'https://feeds.example/rss',
    );
    expect(rssFeed.items[0]?.url).toBe('https://site.example/posts/1');
    const atom = parseFeed(
      Buffer.from(
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://base.example/news/"><title>T</title>' +
          '<entry><id>e1</id><title>E</title><link href="item-1"/></entry>' +
          '<entry><id>e2</id><title>F</title><link href="javascript:alert(1)"/></entry></feed>',
      ),
      'application/atom+xml',
      'https://feeds.example/atom',
    );
    expect(atom.items.map((item) => item.url)).toEqual(['https://base.example/news/item-1', null]);
    const redirected = parseFeed(
      Buffer.from(rss('<item><title>A</title><link>b</link></item>', '')),
      null,
      'https://a.example/x',
      'https://cdn.example/feeds/x',
    );
    expect(redirected.items[0]?.url).toBe('https://cdn.example/feeds/b');
  });

  it('keeps an update date only when it is later than the publication (Atom updated, JSON Feed date_modified)', () => {
    const atom = parseFeed(
      Buffer.from(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>' +
          '<entry><id>same</id><title>A</title><published>2024-03-05T08:00:00Z</published><updated>2024-03-05T08:00:00Z</updated></entry>' +
          '<entry><id>later</id><title>B</title><published>2024-03-05T08:00:00Z</published><updated>2024-03-06T10:30:00+01:00</updated></entry>' +
          '<entry><id>only</id><title>C</title><updated>2024-03-07T08:00:00Z</updated></entry>' +
          '<entry><id>earlier</id><title>D</title><published>2024-03-05T08:00:00Z</published><updated>2024-03-01T08:00:00Z</updated></entry>' +
          '</feed>',
      ),
      'application/atom+xml',
      'https://feeds.example/atom',
    );
    expect(atom.items.map((item) => [item.id, item.publishedAt, item.updatedAt])).toEqual([
      ['same', Date.UTC(2024, 2, 5, 8), null],
      ['later', Date.UTC(2024, 2, 5, 8), Date.UTC(2024, 2, 6, 9, 30)],
      // Without a publication date, the update is the only date: it dates the entry, it is not an edit.
      ['only', Date.UTC(2024, 2, 7, 8), null],
      ['earlier', Date.UTC(2024, 2, 5, 8), null],
    ]);
    const json = parseFeed(
      Buffer.from(
        JSON.stringify({
          version: 'https://jsonfeed.org/version/1.1',
          title: 'T',
          items: [
            {
              id: '1',
              content_text: 'a',
              date_published: '2024-03-05T08:00:00Z',
              date_modified: '2024-03-05T09:00:00Z',
            },
            { id: '2', content_text: 'b', date_published: '2024-03-05T08:00:00Z' },
          ],
        }),
      ),
      'application/feed+json',
      'https://feeds.example/feed.json',
    );
    expect(json.items.map((item) => item.updatedAt)).toEqual([Date.UTC(2024, 2, 5, 9), null]);
    // RSS has no update date.
    const rssFeed = parseFeed(
      Buffer.from(
        rss('<item><guid>r</guid><title>R</title><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate></item>', ''),
      ),
      null,
      'https://feeds.example/rss',
    );
    expect(rssFeed.items[0]?.updatedAt).toBeNull();
  });

  it('derives stable ids when guids are missing or repeated', () => {
    const body = Buffer.from(
      rss(
        '<item><title>Sans lien</title><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate></item>' +
          '<item><guid>same</guid><title>Un</title></item><item><guid>same</guid><title>Deux</title></item>' +
          '<item><guid>same</guid><title>Deux</title></item>' +
          '<item><link>https://site.example/p</link><title>Lien</title></item>',
      ),
    );
    const first = parseFeed(body, null, 'https://x.example/feed');
    const ids = first.items.map((item) => item.id);
    expect(ids[0]).toMatch(/^sha256:[0-9a-f]{32}$/);
    expect(ids.slice(1)).toEqual(['same', expect.stringMatching(/^sha256:/), 'https://site.example/p']);
    expect(parseFeed(body, null, 'https://x.example/feed').items.map((item) => item.id)).toEqual(ids);
    expect(parseFeed(body, null, 'https://y.example/feed').items[0]?.id).not.toBe(ids[0]);
  });
});

describe('htmlToText', () => {
  it.each([
    ['<p>Un</p><p>Deux</p>', 'Un\n\nDeux'],
    ['Ligne<br>suivante<br/>fin', 'Ligne\nsuivante\nfin'],
    ['<script>alert("x")</script>Texte<style>p { color: red }</style>', 'Texte'],
    ['<SCRIPT type="text/javascript">var a = "<p>";</SCRIPT>ok', 'ok'],
    ['<a href="x" title="a > b">lien</a>', 'lien'],
    ['&eacute;t&eacute; &amp; caf&#233; &#x2014; &laquo;&nbsp;oui&nbsp;&raquo; &hellip;', 'été & café — « oui » …'],
    // Escaped markup is what the author wrote as text: decoded once, never stripped a second time.
    ['&lt;b&gt;gras&lt;/b&gt; encodé deux fois', '<b>gras</b> encodé deux fois'],
    ['x &lt; y et &lt;script&gt;', 'x < y et <script>'],
    ['a < b et c > d', 'a < b et c > d'],
    ['<!-- commentaire --><ul><li>un</li><li>deux</li></ul>', 'un\ndeux'],
    ['  espaces   \n\n  multiples  ', 'espaces multiples'],
    ['<img src=x onerror=alert(1)>&unknown; &#0;', '&unknown; \uFFFD'],
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});

describe('parseFeedDate', () => {
  it.each([
    ['Wed, 31 Jan 2018 20:15:15 GMT', Date.UTC(2018, 0, 31, 20, 15, 15)],
    ['Fri, 19 May 2017 21:05:02 +0530', Date.UTC(2017, 4, 19, 15, 35, 2)],
    ['Tue, 01 Oct 2019 14:30:00 PST', Date.UTC(2019, 9, 1, 22, 30)],
    ['Wed, 9 Oct 2019 16:39:00 +0200', Date.UTC(2019, 9, 9, 14, 39)],
    ['03 Apr 02 1500 GMT', Date.UTC(2002, 3, 3, 15)],
    ['Seg, 24 Set 2018 19:42:40 -0300', Date.UTC(2018, 8, 24, 22, 42, 40)],
    ['mar., 5 mars 2024 10:00:00 +0100', Date.UTC(2024, 2, 5, 9)],
    ['12 juil. 2023 08:00', Date.UTC(2023, 6, 12, 8)],
    ['Fri, 08 Jul 2016 13:40:00 UTC', Date.UTC(2016, 6, 8, 13, 40)],
    ['2016-06-27T07:36:54.007-07:00', Date.UTC(2016, 5, 27, 14, 36, 54, 7)],
    ['2017-06-15 10:29:47', Date.UTC(2017, 5, 15, 10, 29, 47)],
    ['2024-03-05', Date.UTC(2024, 2, 5)],
    ['20240305T101500Z', Date.UTC(2024, 2, 5, 10, 15)],
    ['', null],
    ['   ', null],
    ['hier', null],
    ['31 Feb 2024 10:00:00 GMT', null],
    ['Mon, 07 Jan 2019 18:12:17 XYZT', null],
    [undefined, null],
  ])('%j → %s', (raw, expected) => {
    expect(parseFeedDate(raw)).toBe(expected);
  });
});
