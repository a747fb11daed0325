// One poll of a feed: a conditional GET (ETag / Last-Modified from the previous poll), a bounded body, and every
// failure mapped to a ConnectorError code the listening worker schedules from (RFC 9110 §13, §15) — the open
// web's shared GET (http/get.ts) with a feed reader's Accept header.
import { definedOnly, httpGet } from '../shared/http-get.js';
import { parseFeed } from './parse.js';
import { FEED_NETWORK, type FeedFetchOptions, type FeedFetchResult, type FeedFetchState } from './types.js';

const DEFAULTS = {
  timeoutMs: 20_000,
  maxBytes: 10 * 1024 * 1024,
  userAgent: 'Rostra/0.1 (feed reader; +https://github.com/rostra)',
};
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, */*;q=0.1';

export async function fetchFeed(
  url: string,
  state: FeedFetchState = {},
  options: FeedFetchOptions = {},
): Promise<FeedFetchResult> {
  const { timeoutMs, maxBytes, userAgent } = { ...DEFAULTS, ...definedOnly(options) };
  const result = await httpGet(url, {
    network: FEED_NETWORK,
    headers: { 'user-agent': userAgent, accept: ACCEPT },
    etag: state.etag,
    lastModified: state.lastModified,
    maxBytes,
    timeoutMs,
    fetch: options.fetch,
  });
  // A 304 without new validators keeps the old ones; a full answer brings its own (or none).
  const next: FeedFetchState = {
    ...(result.etag ? { etag: result.etag } : {}),
    ...(result.lastModified ? { lastModified: result.lastModified } : {}),
  };
  if (!('body' in result)) return { status: 'not_modified', items: [], state: next };
  // Relative links resolve against where the feed really is, after redirects.
  const parsed = parseFeed(result.body, result.contentType, url, result.url);
  return { status: 'ok', ...parsed, state: next };
}
