// Bytes of a feed to normalised items: decode.ts finds the text, read-xml.ts (RSS 0.9x/1.0/2.0, RDF, Atom 1.0/0.3 on a
// tolerant XML tree) or read-json.ts (JSON Feed 1.0/1.1) reads the format, and this file decides what Rostra keeps
// from each: a stable id, one link, a date, plain text. An empty feed is a healthy feed with nothing new.
import { createHash } from 'node:crypto';
import { ConnectorError } from '../errors.js';
import { parseFeedDate } from './dates.js';
import { decodeFeedBody } from './decode.js';
import { htmlToLine, htmlToText, plainText, toLine } from './html-to-text.js';
import type { RawFeed, RawItem } from './raw.js';
import { readJsonFeed } from './read-json.js';
import { readXmlFeed } from './read-xml.js';
import { FEED_NETWORK, type FeedItem, type ParsedFeed } from './types.js';
import { readXmlTree } from './xml-tree.js';

/** Longest text kept per item; listening needs the words, not a whole book pasted into a feed. */
const MAX_TEXT = 50_000;
const MAX_TITLE = 300;

/**
 * Reads a feed body; relative links resolve against `baseUrl` (where the feed was served from after redirects,
 * by default `feedUrl`) unless the feed names its site or an xml:base. Throws `rejected` (with the feed URL and what
 * was found instead) when it is not a feed. A document cut short or ill-formed keeps every item it completed; a
 * single unreadable item is skipped, never fatal.
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
  // A JSON content type on a body that starts with markup is a server's mistake: the body decides.
  if (
    text.startsWith('{') ||
    text.startsWith('[') ||
    (/[/+]json\b/i.test(contentType ?? '') && !text.startsWith('<'))
  ) {
    return readJson(text, feedUrl);
  }
  if (/^(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b/i.test(text)) {
    throw rejected(`${feedUrl} is an HTML page, not a feed`);
  }
  // A server-side warning printed before the document is common; what the server sent is not repeated otherwise:
  // the message lands in source health, shown to people.
  const found = text.slice(0, 4096).search(/<(?:\?xml|rss|feed|rdf:RDF)\b/);
  const start = found === -1 && text.startsWith('<') ? 0 : found;
  if (start === -1) throw rejected(`${feedUrl} is not a feed: the answer is neither XML nor JSON`);
  const root = readXmlTree(text.slice(start));
  if (root === null) throw rejected(`${feedUrl} is not a feed: the answer is neither XML nor JSON`);
  const feed = readXmlFeed(root);
  if (feed === null) {
    const name = root.name.slice(root.name.indexOf(':') + 1);
    if (/^(?:html|head|body)$/i.test(name)) throw rejected(`${feedUrl} is an HTML page, not a feed`);
    throw rejected(`${feedUrl} is XML but not RSS, RDF or Atom (root element <${name}>)`);
  }
  return feed;
}

function readJson(text: string, feedUrl: string): RawFeed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const salvaged = salvageJsonFeed(text);
    if (salvaged) return salvaged;
    throw rejected(`${feedUrl} is not valid JSON, so not a JSON Feed`, error);
  }
  const feed = readJsonFeed(value);
  // https://www.jsonfeed.org/version/1.1/ — "version" is required and names the spec.
  if (feed === null) throw rejected(`${feedUrl} is JSON but not a JSON Feed (no jsonfeed.org "version")`);
  return feed;
}

/** Closing brackets tried after a cut-off JSON Feed's last complete item: items last, or items then the feed. */
const JSON_ENDINGS = [']}', ']}]}', '}]}'];
const SALVAGE_TRIES = 64;

/**
 * A JSON Feed cut short (a dropped connection, a full disk) keeps its complete items: the document is closed after
 * each of its last few "}" in turn until one parses as a JSON Feed.
 */
function salvageJsonFeed(text: string): RawFeed | null {
  if (!text.includes('jsonfeed.org')) return null;
  let end = text.length;
  for (let tries = 0; tries < SALVAGE_TRIES; tries += 1) {
    end = text.lastIndexOf('}', end - 1);
    if (end <= 0) return null;
    for (const ending of JSON_ENDINGS) {
      try {
        const feed = readJsonFeed(JSON.parse(text.slice(0, end + 1) + ending));
        if (feed) return feed;
      } catch {
        // Not closed there: try the next ending, then the previous "}".
      }
    }
  }
  return null;
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
  const feedTitle = raw.title === undefined ? '' : raw.titleIsHtml ? htmlToLine(raw.title) : toLine(raw.title);
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
  const published = parseFeedDate(raw.date);
  // With several modification dates the latest wins; an item dated only by its modification is dated by it.
  const updated = latest((raw.updated ?? []).map(parseFeedDate));
  const publishedAt = published ?? updated;
  const updatedAt = published !== null && updated !== null && updated > published ? updated : null;
  const guid = raw.id?.trim();
  const id = guid ? guid : (url ?? hashId(context.feedUrl, title, String(publishedAt)));
  const author = raw.author === undefined ? '' : toLine(raw.author);
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

function latest(dates: Array<number | null>): number | null {
  const known = dates.filter((date): date is number => date !== null);
  return known.length === 0 ? null : Math.max(...known);
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
