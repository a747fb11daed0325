// Bytes of a feed to normalised items. feedsmith reads the formats (RSS 0.9x/1.0/2.0, RDF, Atom, JSON Feed 1.0/1.1
// and their namespaces); this file decides what Rostra keeps from each: a stable id, one link, a date, plain text.
import { createHash } from 'node:crypto';
import { DetectError, parseFeed as parseAnyFeed, type AnyFeed } from 'feedsmith';
import { ConnectorError } from '../errors.js';
import { parseFeedDate } from './dates.js';
import { decodeFeedBody } from './decode.js';
import { htmlToLine, htmlToText, plainText, toLine } from './html-to-text.js';
import { FEED_NETWORK, type FeedItem, type ParsedFeed } from './types.js';

/** Longest text kept per item; listening needs the words, not a whole book pasted into a feed. */
const MAX_TEXT = 50_000;
const MAX_TITLE = 300;

/** An item as the format gave it, before normalisation; HTML fields are untrusted markup. */
interface RawItem {
  id?: string | undefined;
  link?: string | undefined;
  titleHtml?: string | undefined;
  titleText?: string | undefined;
  contentHtml?: string | undefined;
  contentText?: string | undefined;
  summaryHtml?: string | undefined;
  summaryText?: string | undefined;
  author?: string | undefined;
  date?: string | undefined;
  updated?: string | undefined;
  language?: string | undefined;
  base?: string | undefined;
}

interface RawFeed {
  title?: string | undefined;
  site?: string | undefined;
  language?: string | undefined;
  base?: string | undefined;
  items: RawItem[];
}

/**
 * Reads a feed body; relative links resolve against `baseUrl` (where the feed was served from after redirects,
 * by default `feedUrl`) unless the feed names its site or an xml:base. Throws `rejected` (with the feed URL and what was found instead) when it is not a feed;
 * a single unreadable item is skipped, never fatal.
 */
export function parseFeed(
  body: Uint8Array,
  contentType: string | null,
  feedUrl: string,
  baseUrl: string = feedUrl,
): ParsedFeed {
  const { text } = decodeFeedBody(body, contentType);
  const raw = readFormat(text.replace(/^\uFEFF/, '').trim(), contentType, feedUrl);
  return normaliseFeed(raw, feedUrl, baseUrl);
}

function readFormat(text: string, contentType: string | null, feedUrl: string): RawFeed {
  if (text === '') throw rejected(`${feedUrl} is empty, not a feed`);
  if (text.startsWith('{') || text.startsWith('[') || /[/+]json\b/i.test(contentType ?? '')) {
    return readJson(text, feedUrl);
  }
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b/i.test(text)) {
    throw rejected(`${feedUrl} is an HTML page, not a feed`);
  }
  // What the server sent is not repeated: the message lands in source health, shown to people.
  if (!text.startsWith('<')) throw rejected(`${feedUrl} is not a feed: the answer is neither XML nor JSON`);
  let parsed: AnyFeed;
  try {
    parsed = parseAnyFeed(text);
  } catch (error) {
    if (error instanceof DetectError) {
      const root = /<([A-Za-z][\w:.-]*)/.exec(text.replace(/<[?!][^>]*>/g, ''))?.[1] ?? 'unknown';
      throw rejected(`${feedUrl} is XML but not RSS, RDF or Atom (root element <${root}>)`, error);
    }
    throw rejected(`${feedUrl} could not be read as a feed: ${(error as Error).message}`, error);
  }
  return fromFormat(parsed);
}

function readJson(text: string, feedUrl: string): RawFeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw rejected(`${feedUrl} is not valid JSON, so not a JSON Feed`, error);
  }
  const version = (value as { version?: unknown } | null)?.version;
  // https://www.jsonfeed.org/version/1.1/ — "version" is required and names the spec.
  if (typeof version !== 'string' || !version.includes('jsonfeed.org')) {
    throw rejected(`${feedUrl} is JSON but not a JSON Feed (no jsonfeed.org "version")`);
  }
  try {
    return fromFormat(parseAnyFeed(value));
  } catch (error) {
    throw rejected(`${feedUrl} is not a readable JSON Feed: ${(error as Error).message}`, error);
  }
}

function fromFormat(parsed: AnyFeed): RawFeed {
  switch (parsed.format) {
    case 'rss': {
      const feed = parsed.feed;
      return {
        title: feed.title,
        site: feed.link,
        language: feed.language ?? feed.dc?.languages?.[0],
        items: (feed.items ?? []).map((item) => ({
          id: item.guid?.value,
          // A guid is a link only when it says so (isPermaLink defaults to true) and looks like one.
          link: item.link ?? (item.guid?.isPermaLink !== false ? item.guid?.value : undefined),
          titleHtml: item.title ?? item.dc?.titles?.[0],
          contentHtml: item.content?.encoded,
          summaryHtml: item.description ?? item.itunes?.summary,
          author: item.authors?.[0]?.name ?? item.dc?.creators?.[0] ?? item.itunes?.author ?? item.authors?.[0]?.email,
          date: item.pubDate ?? item.dc?.dates?.[0] ?? item.dcterms?.created?.[0],
          language: item.dc?.languages?.[0],
        })),
      };
    }
    case 'rdf': {
      const feed = parsed.feed;
      return {
        title: feed.title,
        site: feed.link,
        language: feed.dc?.languages?.[0],
        items: (feed.items ?? []).map((item) => ({
          id: item.rdf?.about,
          link: item.link,
          titleHtml: item.title ?? item.dc?.titles?.[0],
          contentHtml: item.content?.encoded,
          summaryHtml: item.description ?? item.dc?.descriptions?.[0],
          author: item.dc?.creators?.[0],
          date: item.dc?.dates?.[0] ?? item.dcterms?.created?.[0],
          language: item.dc?.languages?.[0],
        })),
      };
    }
    case 'atom': {
      const feed = parsed.feed;
      return {
        title: feed.title?.value,
        site: pickAtomLink(feed.links),
        language: feed.xml?.lang,
        base: feed.xml?.base,
        items: (feed.entries ?? []).map((entry) => ({
          id: entry.id,
          link: pickAtomLink(entry.links),
          titleHtml: entry.title?.value,
          ...(entry.content?.type === 'text'
            ? { contentText: entry.content.value }
            : { contentHtml: entry.content?.value }),
          summaryHtml:
            entry.summary?.value ?? entry.media?.groups?.[0]?.description?.value ?? entry.media?.description?.value,
          author: entry.authors?.[0]?.name ?? feed.authors?.[0]?.name,
          date: entry.published ?? entry.updated ?? entry.dc?.dates?.[0],
          // "the most recent instant in time when an entry or feed was modified in a way the publisher considers
          // significant" (RFC 4287 §4.2.15).
          updated: entry.updated,
          language: entry.xml?.lang,
          base: entry.xml?.base,
        })),
      };
    }
    case 'json': {
      const feed = parsed.feed;
      return {
        title: feed.title,
        site: feed.home_page_url,
        language: feed.language,
        items: (feed.items ?? []).map((item) => ({
          id: item.id === undefined ? undefined : String(item.id),
          link: item.url ?? item.external_url,
          titleText: item.title,
          contentHtml: item.content_html,
          contentText: item.content_text,
          summaryText: item.summary,
          author: item.authors?.[0]?.name ?? feed.authors?.[0]?.name,
          date: item.date_published ?? item.date_modified,
          // https://www.jsonfeed.org/version/1.1/ — "date_modified (optional, string) specifies the modification date".
          updated: item.date_modified,
          language: item.language,
        })),
      };
    }
  }
}

/** The entry's page: rel="alternate" (the default rel, RFC 4287 §4.2.7.2), HTML preferred. */
function pickAtomLink(links: Array<{ href?: string; rel?: string; type?: string }> | undefined): string | undefined {
  const alternates = (links ?? []).filter((link) => link.href && (link.rel ?? 'alternate') === 'alternate');
  return (alternates.find((link) => !link.type || /html/i.test(link.type)) ?? alternates[0])?.href;
}

function normaliseFeed(raw: RawFeed, feedUrl: string, baseUrl: string): ParsedFeed {
  const feedBase = resolveUrl(raw.base, baseUrl) ?? baseUrl;
  const siteUrl = resolveUrl(raw.site, feedBase);
  const language = normaliseLanguage(raw.language);
  const context = { feedUrl, siteUrl, language, base: siteUrl ?? feedBase };
  const items: FeedItem[] = [];
  const seen = new Set<string>();
  for (const rawItem of raw.items) {
    let item: FeedItem | null;
    try {
      item = normaliseItem(rawItem, context);
    } catch {
      // One broken item (odd types from a generator gone wrong) must not cost the rest of the feed.
      continue;
    }
    if (item === null) continue;
    if (seen.has(item.id)) {
      // Some generators repeat one guid for every item: tell the items apart by their content instead.
      item.id = hashId(item.id, item.url ?? '', item.title, String(item.publishedAt));
      if (seen.has(item.id)) continue;
    }
    seen.add(item.id);
    items.push(item);
  }
  const feedTitle = raw.title === undefined ? '' : htmlToLine(raw.title);
  return { items, feedTitle: feedTitle === '' ? null : feedTitle, siteUrl, language };
}

function normaliseItem(
  raw: RawItem,
  context: { feedUrl: string; siteUrl: string | null; language: string | null; base: string },
): FeedItem | null {
  const base = resolveUrl(raw.base, context.base) ?? context.base;
  const url = resolveUrl(raw.link, base);
  const text = truncate(readText(raw), MAX_TEXT);
  const rawTitle = raw.titleHtml !== undefined ? htmlToLine(raw.titleHtml) : toLine(raw.titleText ?? '');
  let title = truncate(rawTitle, MAX_TITLE);
  if (title === '') title = truncate(text.split('\n')[0]!.trim(), 100) || (url ?? '');
  if (title === '' && text === '') return null;
  const publishedAt = parseFeedDate(raw.date);
  const updated = parseFeedDate(raw.updated);
  const updatedAt = publishedAt !== null && updated !== null && updated > publishedAt ? updated : null;
  const guid = raw.id?.trim();
  const id = guid ? guid : (url ?? hashId(context.feedUrl, title, String(publishedAt)));
  const author = raw.author === undefined ? '' : htmlToLine(raw.author);
  return {
    id,
    url,
    title,
    text,
    author: author === '' ? null : author,
    publishedAt,
    updatedAt,
    language: normaliseLanguage(raw.language) ?? context.language,
    source: { kind: 'feed', feedUrl: context.feedUrl, site: context.siteUrl },
  };
}

/** The fullest body the item has: content, else its text version, else the summary. */
function readText(raw: RawItem): string {
  const content = raw.contentHtml === undefined ? '' : htmlToText(raw.contentHtml);
  if (content !== '') return content;
  const text = raw.contentText === undefined ? '' : plainText(raw.contentText);
  if (text !== '') return text;
  if (raw.summaryHtml !== undefined) return htmlToText(raw.summaryHtml);
  return plainText(raw.summaryText ?? '');
}

/** An absolute http(s) URL, or null: relative links resolved, javascript: and the like dropped. */
function resolveUrl(link: string | undefined, base: string): string | null {
  const trimmed = link?.trim();
  if (!trimmed) return null;
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function normaliseLanguage(language: string | undefined): string | null {
  const tag = language?.trim().replace(/_/g, '-');
  return tag && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag) ? tag : null;
}

function hashId(...parts: string[]): string {
  return `sha256:${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32)}`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

function rejected(message: string, cause?: unknown): ConnectorError {
  return new ConnectorError(FEED_NETWORK, 'rejected', message, { cause });
}
