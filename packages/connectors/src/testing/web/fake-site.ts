// A fake website for the open-web sources (feeds, pages, sitemaps): a real HTTP server on 127.0.0.1 serving
// its `articles` as an RSS 2.0 feed (/feed.xml, https://www.rssboard.org/rss-specification), a sitemap
// (/sitemap.xml, https://www.sitemaps.org/protocol.html), one HTML page each (/articles/<slug>) and a
// robots.txt, with ETags answered 304 (RFC 9110 §13.1.2). Failures are armed per path; any other path or
// method is answered 404 and recorded in `unexpected`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Answer,
  createFailureInjection,
  readTarget,
  sendAnswer,
  startFakeHttpServer,
  toInjectedAnswer,
  type InjectedFailure,
} from '../fake-http.js';

export interface FakeArticle {
  slug: string;
  title: string;
  /** The article's body as HTML (escaped again in the feed's description, as feeds carry it). */
  html: string;
  /** Milliseconds since the epoch. */
  publishedAt: number;
}

export type FakeSitePath = '/feed.xml' | '/sitemap.xml' | '/robots.txt' | '/articles/:slug';

export interface FakeSite {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Oldest first; the feed and the sitemap list them newest first. */
  readonly articles: FakeArticle[];
  readonly unexpected: string[];
  /** The next `times` requests to `path` get this answer instead (a page's own status page unless given). */
  failNext(path: FakeSitePath, failure: InjectedFailure, times?: number): void;
  close(): Promise<void>;
}

export async function startFakeSite(): Promise<FakeSite> {
  const articles: FakeArticle[] = [];
  const unexpected: string[] = [];
  const faults = createFailureInjection<FakeSitePath>();
  let origin = '';

  function answerFor(path: FakeSitePath, slug: string | undefined): Answer | undefined {
    const newestFirst = [...articles].reverse();
    switch (path) {
      case '/robots.txt':
        return new Answer(200, undefined, { 'content-type': 'text/plain' }, 'User-agent: *\nAllow: /\n');
      case '/feed.xml':
        return xml('application/rss+xml', rss(origin, newestFirst));
      case '/sitemap.xml':
        return xml('application/xml', sitemap(origin, newestFirst));
      case '/articles/:slug': {
        const article = articles.find((candidate) => candidate.slug === slug);
        return article ? new Answer(200, page(article)) : undefined;
      }
    }
  }

  function handle(incoming: IncomingMessage, outgoing: ServerResponse): void {
    const { method, target } = readTarget(incoming);
    const slug = /^\/articles\/([a-z0-9-]+)$/.exec(target.pathname)?.[1];
    const path: FakeSitePath | undefined = slug
      ? '/articles/:slug'
      : (['/feed.xml', '/sitemap.xml', '/robots.txt'] as const).find((known) => known === target.pathname);
    const answer = method === 'GET' && path ? answerFor(path, slug) : undefined;
    if (!path || !answer) {
      unexpected.push(`${method} ${target.pathname}`);
      return sendAnswer(outgoing, new Answer(404, '<h1>Not found</h1>'));
    }
    const failure = faults.takeFailure(path);
    if (failure) {
      const statusPage = (status: number) => new Answer(status, `<h1>${status}</h1>`);
      return sendAnswer(outgoing, toInjectedAnswer(failure, statusPage));
    }
    const etag = `"${hash(JSON.stringify([answer.body, answer.raw]))}"`;
    if (incoming.headers['if-none-match'] === etag) return sendAnswer(outgoing, new Answer(304, undefined, { etag }));
    sendAnswer(outgoing, new Answer(answer.status, answer.body, { ...answer.headers, etag }, answer.raw));
  }

  const http = await startFakeHttpServer({
    unexpected: { push: ({ method, path, reason }) => unexpected.push(`${method} ${path}: ${reason}`) },
    refusalBody: (reason) => `<h1>${escapeXml(reason)}</h1>`,
    handle,
  });
  origin = http.url;
  return {
    url: http.url,
    articles,
    unexpected,
    failNext: (path, failure, times) => faults.failNext(path, failure, times),
    close: http.close,
  };
}

/** Articles with markup and entities in their titles and bodies, a minute apart. */
export function addArticles(site: FakeSite, count: number, next: () => number): void {
  for (let i = 0; i < count; i += 1) {
    const n = next();
    site.articles.push({
      slug: `conseil-${n}`,
      title: `Conseil municipal n°${n} : l'ordre du jour & les votes`,
      html: `<p>Le conseil <strong>vote</strong> le budget &amp; le plan vélo (séance ${n}).</p>`,
      publishedAt: Date.UTC(2026, 0, 1) + n * 60_000,
    });
  }
}

function xml(contentType: string, text: string): Answer {
  return new Answer(200, undefined, { 'content-type': `${contentType}; charset=utf-8` }, text);
}

function rss(origin: string, articles: FakeArticle[]): string {
  const items = articles.map(
    (article) => `    <item>
      <title>${escapeXml(article.title)}</title>
      <link>${origin}/articles/${article.slug}</link>
      <guid isPermaLink="true">${origin}/articles/${article.slug}</guid>
      <pubDate>${new Date(article.publishedAt).toUTCString()}</pubDate>
      <description>${escapeXml(article.html)}</description>
    </item>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>Le site de test</title>
    <link>${origin}/</link>
    <description>Articles</description>
    <language>fr</language>
${items.join('\n')}
  </channel>
</rss>`;
}

function sitemap(origin: string, articles: FakeArticle[]): string {
  const urls = articles.map(
    (article) =>
      `  <url><loc>${origin}/articles/${article.slug}</loc><lastmod>${new Date(article.publishedAt).toISOString()}</lastmod></url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('\n')}
</urlset>`;
}

function page(article: FakeArticle): string {
  return `<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>${escapeXml(article.title)}</title></head>
<body><article><h1>${escapeXml(article.title)}</h1>${article.html}</article></body>
</html>`;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A short stable tag for an ETag (FNV-1a). */
function hash(text: string): string {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) value = Math.imul(value ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return value.toString(16);
}
