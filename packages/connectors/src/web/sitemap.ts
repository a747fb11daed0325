// Reading a sitemap as https://www.sitemaps.org/protocol.html defines it: a <urlset> of <url><loc><lastmod>, a
// <sitemapindex> of child sitemaps, gzip-compressed or not, or a plain text file with one URL per line. Google News
// sitemaps add a title and a publication date (https://developers.google.com/search/docs/crawling-indexing/sitemaps/news-sitemap).
import { gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { ConnectorError } from '../errors.js';
import { parseFeedDate } from '../feeds/dates.js';
import { decodeFeedBody } from '../feeds/decode.js';
import { toLine } from '../feeds/html-to-text.js';
import { absoluteLink } from './html.js';

export const WEB_NETWORK = 'web';

export interface SitemapEntry {
  url: string;
  /** <lastmod>, or the news publication date; ms. */
  lastmod: number | null;
  /** news:title, when a news sitemap gives one. */
  title: string | null;
}

export type Sitemap = { kind: 'urlset'; entries: SitemapEntry[] } | { kind: 'index'; sitemaps: SitemapEntry[] };

/** "50,000 URLs and 50MB (52,428,800 bytes)" uncompressed, per sitemap. */
export const SITEMAP_MAX_BYTES = 52_428_800;

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Values stay strings: a lastmod "2026" or a loc made of digits is not a number.
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'url' || name === 'sitemap',
});

export function parseSitemap(body: Uint8Array, contentType: string | null, sitemapUrl: string): Sitemap {
  const bytes = gunzipIfNeeded(body, sitemapUrl);
  const text = decodeFeedBody(bytes, contentType)
    .text.replace(/^\uFEFF/, '')
    .trim();
  if (text === '') throw rejected(`${sitemapUrl} is empty, not a sitemap`);
  if (!text.startsWith('<')) return { kind: 'urlset', entries: readTextSitemap(text, sitemapUrl) };
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)\b/i.test(text)) {
    throw rejected(`${sitemapUrl} is an HTML page, not a sitemap`);
  }
  // Sitemaps have no use for entity declarations, and expanding them is how XML bombs work.
  if (/<!ENTITY/i.test(text)) throw rejected(`${sitemapUrl} declares XML entities, which a sitemap never needs`);
  let document: Record<string, unknown>;
  try {
    document = parser.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw rejected(`${sitemapUrl} is not well-formed XML: ${(error as Error).message}`, error);
  }
  const urlset = document.urlset as { url?: unknown[] } | '' | undefined;
  if (urlset !== undefined) {
    const entries = (urlset === '' ? [] : (urlset.url ?? []))
      .map((entry) => readEntry(entry, sitemapUrl, true))
      .filter((entry): entry is SitemapEntry => entry !== null);
    return { kind: 'urlset', entries };
  }
  const index = document.sitemapindex as { sitemap?: unknown[] } | '' | undefined;
  if (index !== undefined) {
    const sitemaps = (index === '' ? [] : (index.sitemap ?? []))
      .map((entry) => readEntry(entry, sitemapUrl, false))
      .filter((entry): entry is SitemapEntry => entry !== null);
    return { kind: 'index', sitemaps };
  }
  const root = Object.keys(document).find((key) => !key.startsWith('?')) ?? 'none';
  throw rejected(`${sitemapUrl} is XML but not a sitemap (root element <${root}>, not <urlset> or <sitemapindex>)`);
}

function readEntry(value: unknown, sitemapUrl: string, withNews: boolean): SitemapEntry | null {
  const entry = value as { loc?: unknown; lastmod?: unknown; news?: { title?: unknown; publication_date?: unknown } };
  const url = typeof entry?.loc === 'string' ? absoluteLink(entry.loc, sitemapUrl) : null;
  if (url === null) return null;
  const news = withNews && typeof entry.news === 'object' && entry.news !== null ? entry.news : undefined;
  const lastmod =
    parseFeedDate(typeof entry.lastmod === 'string' ? entry.lastmod : undefined) ??
    parseFeedDate(typeof news?.publication_date === 'string' ? news.publication_date : undefined);
  const title = typeof news?.title === 'string' ? toLine(news.title) : '';
  return { url, lastmod, title: title === '' ? null : title };
}

/** "The text file must have one URL per line" (sitemaps.org, "Text file"). */
function readTextSitemap(text: string, sitemapUrl: string): SitemapEntry[] {
  const entries = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => (/^https?:\/\//i.test(line) ? absoluteLink(line, sitemapUrl) : null));
  if (entries.every((entry) => entry === null)) {
    // What the server sent is not repeated: the message lands in source health, shown to people.
    throw rejected(`${sitemapUrl} is not a sitemap: neither XML nor a list of URLs`);
  }
  return entries.filter((url): url is string => url !== null).map((url) => ({ url, lastmod: null, title: null }));
}

function gunzipIfNeeded(body: Uint8Array, sitemapUrl: string): Uint8Array {
  if (body[0] !== 0x1f || body[1] !== 0x8b) return body;
  try {
    return gunzipSync(body, { maxOutputLength: SITEMAP_MAX_BYTES });
  } catch (error) {
    throw rejected(`${sitemapUrl} is gzip that does not expand to a sitemap under 50 MB`, error);
  }
}

function rejected(message: string, cause?: unknown): ConnectorError {
  return new ConnectorError(WEB_NETWORK, 'rejected', message, { cause });
}
