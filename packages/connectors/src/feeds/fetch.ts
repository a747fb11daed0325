// One poll of a feed: a conditional GET (ETag / Last-Modified from the previous poll), a bounded body, and every
// failure mapped to a ConnectorError code the listening worker schedules from (RFC 9110 §13, §15).
import { ConnectorError } from '../errors.js';
import { asAddressRefusal, describeFailure, outboundFetch } from '../outbound.js';
import { parseFeed } from './parse.js';
import { FEED_NETWORK, type FeedFetchOptions, type FeedFetchResult, type FeedFetchState } from './types.js';

const DEFAULTS = {
  timeoutMs: 20_000,
  maxBytes: 10 * 1024 * 1024,
  userAgent: 'Rostra/0.1 (feed reader; +https://github.com/rostra)',
};
/** When a 429 or 503 gives no usable Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 5 * 60_000;
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, ' +
  'application/xml;q=0.8, text/xml;q=0.8, application/json;q=0.7, */*;q=0.1';

export async function fetchFeed(
  url: string,
  state: FeedFetchState = {},
  options: FeedFetchOptions = {},
): Promise<FeedFetchResult> {
  const { timeoutMs, maxBytes, userAgent } = { ...DEFAULTS, ...definedOnly(options) };
  const doFetch = options.fetch ?? outboundFetch;
  const headers: Record<string, string> = { 'user-agent': userAgent, accept: ACCEPT };
  if (state.etag) headers['if-none-match'] = state.etag;
  if (state.lastModified) headers['if-modified-since'] = state.lastModified;

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    let response: Response;
    try {
      response = await doFetch(url, { headers, redirect: 'follow', signal: controller.signal });
    } catch (error) {
      throw unreachable(url, error, controller.signal.aborted, timeoutMs);
    }
    if (response.status === 304) {
      await response.body?.cancel();
      return { status: 'not_modified', items: [], state: nextState(response, state) };
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw statusError(url, response);
    }
    let body: Uint8Array;
    try {
      body = await readBody(response, maxBytes, url);
    } catch (error) {
      if (error instanceof ConnectorError) throw error;
      throw unreachable(url, error, controller.signal.aborted, timeoutMs);
    }
    // Relative links resolve against where the feed really is, after redirects.
    const parsed = parseFeed(body, response.headers.get('content-type'), url, response.url || url);
    return { status: 'ok', ...parsed, state: nextState(response, {}) };
  } finally {
    clearTimeout(timer);
  }
}

/** The validators to send next time; a 304 without new ones keeps the old ones. */
function nextState(response: Response, previous: FeedFetchState): FeedFetchState {
  const etag = response.headers.get('etag') ?? previous.etag;
  const lastModified = response.headers.get('last-modified') ?? previous.lastModified;
  return { ...(etag ? { etag } : {}), ...(lastModified ? { lastModified } : {}) };
}

function statusError(url: string, response: Response): ConnectorError {
  const status = response.status;
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
  if (status === 429) {
    return new ConnectorError(FEED_NETWORK, 'rate_limited', `${url} asks to slow down (429)`, {
      retryAfterMs: retryAfterMs ?? DEFAULT_RETRY_AFTER_MS,
    });
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError(FEED_NETWORK, 'unavailable', `${url} answered ${status}, try again later`, {
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  const reason =
    status === 404 ? 'was not found (404)' : status === 410 ? 'is gone for good (410)' : `was refused (${status})`;
  return new ConnectorError(FEED_NETWORK, 'rejected', `${url} ${reason}`);
}

/** Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3). */
function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

async function readBody(response: Response, maxBytes: number, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(url, maxBytes);
  }
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(url, maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function unreachable(url: string, error: unknown, timedOut: boolean, timeoutMs: number): ConnectorError {
  const refused = asAddressRefusal(error, hostOf(url), FEED_NETWORK);
  if (refused) return refused;
  const message = timedOut
    ? `${url} did not answer within ${timeoutMs} ms`
    : `${url} is unreachable: ${describeFailure(error)}`;
  return new ConnectorError(FEED_NETWORK, 'unavailable', message, { cause: error });
}

function tooLarge(url: string, maxBytes: number): ConnectorError {
  return new ConnectorError(FEED_NETWORK, 'rejected', `${url} is larger than ${maxBytes} bytes, too big for a feed`);
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return '';
  }
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}
