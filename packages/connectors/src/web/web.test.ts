import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceCursor } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { createWebConnector, createWebMentions, validateWebSpec } from './index.js';

type Route = (request: IncomingMessage, response: ServerResponse) => void;
const routes = new Map<string, Route>();
const requests: { path: string; headers: IncomingMessage['headers'] }[] = [];
let server: Server;
let origin: string;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    requests.push({ path: `${url.pathname}${url.search}`, headers: request.headers });
    const route = routes.get(url.pathname);
    if (route) return route(request, response);
    response.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Introuvable</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  routes.clear();
  requests.length = 0;
  serve('/robots.txt', 'User-agent: *\nDisallow: /prive/\n', 'text/plain');
});

/** Serves `body()` with an ETag, answering 304 to a client that has it. */
function serve(
  pathname: string,
  body: string | Buffer | (() => string | Buffer),
  contentType = 'text/html; charset=utf-8',
) {
  routes.set(pathname, (request, response) => {
    const content = typeof body === 'function' ? body() : body;
    const etag = `"${Buffer.from(content).toString('base64').length}-${Buffer.byteLength(content)}"`;
    if (request.headers['if-none-match'] === etag) return void response.writeHead(304, { etag }).end();
    response.writeHead(200, { 'content-type': contentType, etag }).end(content);
  });
  return `${origin}${pathname}`;
}

function fetchedPaths(): string[] {
  return requests.map((request) => request.path);
}

async function rejection(promise: Promise<unknown>): Promise<ConnectorError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

const USER_AGENT = 'Rostra/0.1 (+https://rostra.example)';

function homepage(articles: { slug: string; title: string; date: string }[]): string {
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>La Gazette</title></head><body>
  <header><a href="/">La Gazette — accueil du journal</a></header>
  <nav><a href="/politique">Toutes les rubriques politiques</a><a href="/sport">Tous les sports du jour</a></nav>
  <main>
    ${articles
      .map(
        (article) => `<article class="teaser">
      <header class="entry-header"><h2><a href="/articles/${article.slug}#comments">${article.title}</a></h2></header>
      <time datetime="${article.date}">il y a peu</time>
      <p>Résumé de « ${article.title} » &amp; plus.</p>
      <script>track("${article.slug}")</script>
    </article>`,
      )
      .join('\n')}
  </main>
  <aside><a href="/pub">Une publicité bien trop longue</a></aside>
  <footer><a href="/mentions">Mentions légales du site</a></footer></body></html>`;
}

function articlePage(title: string, paragraphs: string[], extra = ''): string {
  return `<!doctype html><html lang="fr-FR"><head><meta charset="utf-8"><title>${title} | La Gazette</title>
  <meta property="og:title" content="${title}"><meta name="description" content="Chapô : ${title}.">
  <meta property="article:published_time" content="2026-03-01T08:00:00+01:00"><meta name="author" content="Camille Durand">
  ${extra}</head><body><nav><a href="/">Accueil</a></nav><article><h1>${title}</h1>
  ${paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('')}<script>alert(1)</script></article>
  <footer>© La Gazette</footer></body></html>`;
}

describe('web connector: validate', () => {
  it('offers pages and sitemaps without authentication', () => {
    const connector = createWebConnector();
    expect(connector).toMatchObject({ network: 'web', auth: 'none' });
    expect(connector.mentions?.kinds.map((kind) => kind.kind)).toEqual(['page', 'sitemap']);
  });

  it.each([
    [{ kind: 'page', config: { url: 'https://www.example.fr/' } }, []],
    [{ kind: 'page', config: { url: 'https://www.example.fr/', selector: 'ul.news > li' } }, []],
    [{ kind: 'page', config: {} }, ['url']],
    [{ kind: 'page', config: { url: 'javascript:alert(1)' } }, ['url']],
    [{ kind: 'page', config: { url: 'https://user:pw@example.fr/' } }, ['url']],
    [{ kind: 'page', config: { url: 'https://www.example.fr/', selector: 'ul[' } }, ['selector']],
    [{ kind: 'sitemap', config: { url: 'https://www.example.fr/sitemap.xml', selector: 'a' } }, ['selector']],
    [{ kind: 'rss', config: { url: 'https://www.example.fr/' } }, ['kind']],
  ])('%j', (spec, fields) => {
    expect(validateWebSpec(spec).map((problem) => problem.field)).toEqual(fields);
  });
});

describe('web connector: page', () => {
  it('hands on the articles a page lists, reads each one within robots.txt, and then only new ones', async () => {
    let articles = [
      { slug: 'budget', title: 'Le budget municipal adopté', date: '2026-03-01T08:00:00+01:00' },
      { slug: 'tram', title: 'Le tramway prolongé jusqu’au port', date: '2026-03-01T09:00:00+01:00' },
    ];
    const url = serve('/', () => homepage(articles));
    serve('/articles/budget', articlePage('Le budget municipal adopté', ['Le conseil a voté.', 'Débat vif.']));
    serve('/articles/tram', articlePage('Le tramway prolongé', ['Trois stations de plus.']));
    const source = createWebMentions({ requestDelayMs: 0 });
    const spec = { kind: 'page', config: { url } };

    const first = await source.poll!(spec, null, { userAgent: USER_AGENT });
    expect(first.items.map((item) => item.externalId)).toEqual([
      `${origin}/articles/budget`,
      `${origin}/articles/tram`,
    ]);
    expect(first.items[0]).toMatchObject({
      network: 'web',
      url: `${origin}/articles/budget`,
      title: 'Le budget municipal adopté',
      text: 'Chapô : Le budget municipal adopté.\n\nLe budget municipal adopté\n\nLe conseil a voté.\n\nDébat vif.',
      language: 'fr-FR',
      publishedAt: Date.parse('2026-03-01T08:00:00+01:00'),
      site: '127.0.0.1',
      author: { id: origin, name: 'Camille Durand' },
    });
    expect(first.items[0]!.text).not.toMatch(/alert|<|Accueil|©/);
    // robots.txt once, then the page, then each article; always with Rostra's user agent.
    expect(fetchedPaths()).toEqual(['/robots.txt', '/', '/articles/budget', '/articles/tram']);
    expect(requests.every((request) => request.headers['user-agent'] === USER_AGENT)).toBe(true);

    requests.length = 0;
    const unchanged = await source.poll!(spec, first.cursor, { userAgent: USER_AGENT });
    expect(unchanged.items).toEqual([]);
    expect(requests.map((request) => request.headers['if-none-match'])).toEqual([expect.stringMatching(/^"/)]);

    articles = [
      { slug: 'ecoles', title: 'Deux écoles rénovées cet été', date: '2026-03-02T08:00:00+01:00' },
      ...articles,
    ];
    const second = await source.poll!(spec, unchanged.cursor, { userAgent: USER_AGENT });
    // The article page is missing (404): the item keeps what the list said of it.
    expect(second.items).toHaveLength(1);
    expect(second.items[0]).toMatchObject({
      externalId: `${origin}/articles/ecoles`,
      title: 'Deux écoles rénovées cet été',
      text: 'Deux écoles rénovées cet été\n\nil y a peu\n\nRésumé de « Deux écoles rénovées cet été » & plus.',
      publishedAt: Date.parse('2026-03-02T08:00:00+01:00'),
      language: 'fr',
    });
  });

  it('uses a CSS selector, leaves articles robots.txt forbids unread, and decodes a windows-1252 page', async () => {
    const list = Buffer.from(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body>' +
        '<ul class="releases"><li><a href="/prive/note">Note réservée</a></li><li><a href="/annonce">Annonce ~ été</a></li></ul>' +
        '<ul class="other"><li><a href="/ailleurs">Ailleurs</a></li></ul></body></html>',
      'latin1',
    );
    // 0x96 is the en dash in windows-1252 (and a C1 control in ISO-8859-1).
    list[list.indexOf('~')] = 0x96;
    const url = serve('/communiques', list, 'text/html');
    serve('/annonce', articlePage('Annonce', ['Texte.']));
    const source = createWebMentions({ requestDelayMs: 0 });
    const { items } = await source.poll!({ kind: 'page', config: { url, selector: 'ul.releases li' } }, null);
    expect(items.map((item) => [item.externalId, item.title])).toEqual([
      [`${origin}/prive/note`, 'Note réservée'],
      [`${origin}/annonce`, 'Annonce – été'],
    ]);
    expect(items[0]!.text).toBe('Note réservée');
    expect(fetchedPaths()).not.toContain('/prive/note');
  });

  it('caps a page poll and hands on the rest next time, bypassing the 304 until done', async () => {
    const articles = Array.from({ length: 5 }, (_, index) => ({
      slug: `a${index}`,
      title: `Article numéro ${index}`,
      date: '2026-03-01',
    }));
    let shown = articles.slice(0, 1);
    const url = serve('/liste', () => homepage(shown));
    const source = createWebMentions({ requestDelayMs: 0, maxItemsPerPoll: 2, fetchLinkedPages: false });
    const spec = { kind: 'page', config: { url } };
    let cursor: SourceCursor = (await source.poll!(spec, null)).cursor;
    shown = articles;
    const batches: string[][] = [];
    for (let poll = 0; poll < 3; poll += 1) {
      const result = await source.poll!(spec, cursor);
      batches.push(result.items.map((item) => item.externalId.replace(/.*\//, '')));
      cursor = result.cursor;
    }
    expect(batches).toEqual([['a1', 'a2'], ['a3', 'a4'], []]);
  });

  it('refuses a page robots.txt forbids, a page that is not HTML, and maps HTTP failures', async () => {
    const source = createWebMentions({ requestDelayMs: 0 });
    const forbidden = await rejection(source.poll!({ kind: 'page', config: { url: `${origin}/prive/page` } }, null));
    expect(forbidden.code).toBe('rejected');
    expect(forbidden.message).toMatch(/robots\.txt/);
    const pdf = serve('/doc', Buffer.from('%PDF-1.4'), 'application/pdf');
    expect((await rejection(source.poll!({ kind: 'page', config: { url: pdf } }, null))).code).toBe('rejected');
    routes.set('/busy', (_request, response) => response.writeHead(429, { 'retry-after': '30' }).end());
    const busy = await rejection(source.poll!({ kind: 'page', config: { url: `${origin}/busy` } }, null));
    expect(busy).toMatchObject({ code: 'rate_limited', retryAfterMs: 30_000 });
    const big = serve('/big', `<html><body>${'x'.repeat(5000)}</body></html>`);
    const small = createWebMentions({ requestDelayMs: 0, maxPageBytes: 1000 });
    expect((await rejection(small.poll!({ kind: 'page', config: { url: big } }, null))).code).toBe('rejected');
  });

  it('waits while robots.txt cannot be read (5xx), and reads everything when it is missing (404)', async () => {
    routes.set('/robots.txt', (_request, response) => response.writeHead(503).end());
    const url = serve('/p', homepage([]));
    const source = createWebMentions({ requestDelayMs: 0 });
    expect((await rejection(source.poll!({ kind: 'page', config: { url } }, null))).code).toBe('unavailable');
    routes.delete('/robots.txt');
    expect((await source.poll!({ kind: 'page', config: { url } }, null)).items).toEqual([]);
  });
});

function urlset(entries: { loc: string; lastmod?: string; news?: string }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
${entries
  .map(
    (entry) =>
      `<url><loc>${entry.loc}</loc>${entry.lastmod ? `<lastmod>${entry.lastmod}</lastmod>` : ''}${
        entry.news
          ? `<news:news><news:publication><news:name>La Gazette</news:name><news:language>fr</news:language></news:publication><news:publication_date>${entry.lastmod}</news:publication_date><news:title>${entry.news}</news:title></news:news>`
          : ''
      }</url>`,
  )
  .join('\n')}
</urlset>`;
}

describe('web connector: sitemap', () => {
  it('starts from the newest entries, then hands on new <loc>s only, reading each page', async () => {
    let entries = [
      { loc: `${origin}/a/ancien`, lastmod: '2025-06-01' },
      { loc: `${origin}/a/hier`, lastmod: '2026-03-01T10:00:00+00:00', news: 'Hier &amp; avant-hier' },
      { loc: `${origin}/a/sans-date` },
    ];
    const url = serve('/sitemap.xml', () => urlset(entries), 'application/xml');
    serve('/a/demain', articlePage('Demain', ['Le texte de demain.']));
    const source = createWebMentions({ requestDelayMs: 0, maxItemsPerPoll: 1 });
    const spec = { kind: 'sitemap', config: { url } };

    const first = await source.poll!(spec, null);
    expect(first.items.map((item) => [item.externalId, item.title, item.publishedAt])).toEqual([
      [`${origin}/a/hier`, 'Hier & avant-hier', Date.UTC(2026, 2, 1, 10)],
    ]);

    entries = [...entries, { loc: `${origin}/a/demain`, lastmod: '2026-03-02T10:00:00+00:00' }];
    const second = await source.poll!(spec, first.cursor);
    expect(second.items).toHaveLength(1);
    expect(second.items[0]).toMatchObject({
      externalId: `${origin}/a/demain`,
      title: 'Demain',
      text: 'Chapô : Demain.\n\nDemain\n\nLe texte de demain.',
      language: 'fr-FR',
    });
    const third = await source.poll!(spec, second.cursor);
    expect(third.items).toEqual([]);
    expect(requests.at(-1)!.headers['if-none-match']).toMatch(/^"/);
  });

  it('reads the changed child sitemaps of an index, gzip included, and skips those unchanged', async () => {
    const index = (newsDate: string) => `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>${origin}/sitemaps/2024.xml</loc><lastmod>2024-12-31</lastmod></sitemap>
  <sitemap><loc>${origin}/sitemaps/news.xml.gz</loc><lastmod>${newsDate}</lastmod></sitemap>
</sitemapindex>`;
    let newsDate = '2026-03-01T00:00:00Z';
    let news = [{ loc: `${origin}/n/1`, lastmod: '2026-03-01T00:00:00Z' }];
    const url = serve('/sitemap_index.xml', () => index(newsDate), 'application/xml');
    serve('/sitemaps/2024.xml', urlset([{ loc: `${origin}/old/1`, lastmod: '2024-12-31' }]), 'application/xml');
    serve('/sitemaps/news.xml.gz', () => gzipSync(urlset(news)), 'application/x-gzip');
    const source = createWebMentions({ requestDelayMs: 0, fetchLinkedPages: false, lastmodSlackMs: 86_400_000 });
    const spec = { kind: 'sitemap', config: { url } };

    const first = await source.poll!(spec, null);
    expect(first.items.map((item) => item.externalId)).toEqual([`${origin}/n/1`, `${origin}/old/1`]);

    requests.length = 0;
    newsDate = '2026-03-05T00:00:00Z';
    news = [...news, { loc: `${origin}/n/2`, lastmod: '2026-03-05T00:00:00Z' }];
    const second = await source.poll!(spec, first.cursor);
    expect(second.items.map((item) => item.externalId)).toEqual([`${origin}/n/2`]);
    expect(fetchedPaths()).toEqual(['/sitemap_index.xml', '/sitemaps/news.xml.gz']);
  });

  it('reads a plain-text sitemap and refuses what is not a sitemap', async () => {
    const text = serve('/sitemap.txt', `${origin}/t/1\n${origin}/t/2\n`, 'text/plain');
    const source = createWebMentions({ requestDelayMs: 0, fetchLinkedPages: false });
    const { items } = await source.poll!({ kind: 'sitemap', config: { url: text } }, null);
    expect(items.map((item) => item.externalId)).toEqual([`${origin}/t/1`, `${origin}/t/2`]);

    // More undated URLs than the cursor can remember: refused with the reason, rather than old URLs coming back.
    const tooMany = await rejection(
      createWebMentions({ maxSeen: 1 }).poll!({ kind: 'sitemap', config: { url: text } }, null),
    );
    expect(tooMany.code).toBe('rejected');
    expect(tooMany.message).toMatch(/2 URLs without <lastmod>/);

    const rss = serve('/feed', '<?xml version="1.0"?><rss version="2.0"><channel/></rss>', 'application/xml');
    const notSitemap = await rejection(source.poll!({ kind: 'sitemap', config: { url: rss } }, null));
    expect(notSitemap.code).toBe('rejected');
    expect(notSitemap.message).toMatch(/root element <rss>/);
    const bomb = serve(
      '/bomb.xml',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><urlset><url><loc>&lol;</loc></url></urlset>',
      'application/xml',
    );
    expect((await rejection(source.poll!({ kind: 'sitemap', config: { url: bomb } }, null))).code).toBe('rejected');
    expect((await rejection(source.poll!({ kind: 'sitemap', config: { url: text } }, '{"v":2}'))).code).toBe(
      'rejected',
    );
  });
});
