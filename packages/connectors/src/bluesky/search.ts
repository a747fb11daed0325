// Listening on Bluesky through an AppView's post search (app.bsky.feed.searchPosts, newest first): each poll
// reads back to the last post handed on, with a small overlap deduplicated by URI, so that posts the index
// takes a moment to show are not skipped. https://docs.bsky.app/docs/api/app-bsky-feed-search-posts
import { z } from 'zod';
import type { Mention, SourceCursor, SourcePoll, SourcePollOptions, SourceSpec, SourceProblem } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { createCursorCodec } from '../shared/cursor.js';
import { asAddressRefusal, describeFailure, outboundFetch } from '../outbound.js';
import { readRetryAfterMs } from './api.js';
import { toPostMention } from './post-mention.js';
import { NETWORK } from './rules.js';

export interface BlueskySearchOptions {
  /**
   * Where to search without a connected channel. Bluesky's own AppView answers anonymous searches on
   * api.bsky.app (public.api.bsky.app refuses them since January 2025:
   * https://github.com/bluesky-social/atproto/issues/3423). With a channel, its PDS is asked and proxies to
   * the AppView with the account's token.
   */
  appViewUrl?: string;
  timeoutMs?: number;
  /** Posts per page (1–100). Default 100. */
  pageSize?: number;
  /** Pages per poll. Default 20. */
  maxPagesPerPoll?: number;
  /** How far before the newest post seen each poll reads again, for posts indexed late. Default 2 minutes. */
  overlapMs?: number;
}

export const DEFAULT_APPVIEW_URL = 'https://api.bsky.app';

const DEFAULTS = { timeoutMs: 30_000, pageSize: 100, maxPagesPerPoll: 20, overlapMs: 2 * 60_000 };
/** URIs kept in the cursor to skip the overlap; beyond it, the oldest are forgotten. */
const MAX_SEEN = 1000;

/** The newest `sortAt` handed on, and the URIs handed on since `since - overlap`. */
// Stored as { since, seen: [[uri, at], …] }: pairs keep the cursor short.
const searchCursor = z
  .object({ since: z.number(), seen: z.array(z.tuple([z.string(), z.number()])) })
  .transform(({ since, seen }) => ({ since, seen: seen.map(([uri, at]) => ({ uri, at })) }));
type SearchCursor = z.infer<typeof searchCursor>;
const cursors = createCursorCodec(NETWORK, 'Bluesky search', searchCursor, (state) => ({
  since: state.since,
  seen: state.seen.map((entry) => [entry.uri, entry.at]),
}));

export function validateSearch(config: Record<string, string>): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const query = config.query?.trim() ?? '';
  if (query === '') {
    problems.push({
      field: 'query',
      code: 'search_missing',
      message: 'Give the words to search for (e.g. "tramway Lyon")',
    });
  } else if (query.length > 512) {
    problems.push({
      field: 'query',
      code: 'search_too_long',
      params: { limit: 512, count: query.length },
      message: 'The search is longer than 512 characters',
    });
  }
  if (config.lang !== undefined && !/^[a-z]{2,3}(?:-[a-z0-9]{2,8})*$/i.test(config.lang)) {
    problems.push({
      field: 'lang',
      code: 'language_code_invalid',
      params: { value: config.lang },
      message: `"${config.lang}" is not a language code like fr or pt-BR`,
    });
  }
  return problems;
}

export async function pollSearch(
  spec: SourceSpec,
  cursor: SourceCursor,
  options: BlueskySearchOptions,
  pollOptions: SourcePollOptions = {},
): Promise<SourcePoll> {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const state = cursors.read(cursor);
  const call = createCall(spec, options.appViewUrl ?? DEFAULT_APPVIEW_URL, settings.timeoutMs, pollOptions);
  const query = spec.config.query?.trim() ?? '';
  const seen = new Set(state?.seen.map((entry) => entry.uri));
  const found = new Map<string, { mention: Mention; at: number }>();
  let pageCursor: string | undefined;
  for (let page = 0; page < (state ? settings.maxPagesPerPoll : 1); page += 1) {
    const params = new URLSearchParams({ q: query, sort: 'latest', limit: String(settings.pageSize) });
    if (spec.config.lang) params.set('lang', spec.config.lang);
    // `since` is inclusive and compares with sortAt, as the lexicon says.
    if (state) params.set('since', new Date(state.since - settings.overlapMs).toISOString());
    if (pageCursor) params.set('cursor', pageCursor);
    const body = await call(params);
    for (const post of body.posts) {
      if (seen.has(post.uri) || found.has(post.uri)) continue;
      const mention = toSearchMention(post);
      if (mention) found.set(post.uri, { mention, at: sortAt(post) });
    }
    pageCursor = body.cursor;
    if (!pageCursor || body.posts.length === 0) break;
  }
  const fresh = [...found.values()].sort((a, b) => a.at - b.at || compare(a.mention.externalId, b.mention.externalId));
  const newest = Math.max(state?.since ?? 0, ...fresh.map((entry) => entry.at));
  const keep = [...(state?.seen ?? []), ...fresh.map((entry) => ({ uri: entry.mention.externalId, at: entry.at }))]
    .filter((entry) => entry.at >= newest - settings.overlapMs)
    .slice(-MAX_SEEN);
  const next: SearchCursor | undefined = newest > 0 ? { since: newest, seen: keep } : undefined;
  return { items: fresh.map((entry) => entry.mention), cursor: next ? cursors.write(next) : null };
}

/** https://docs.bsky.app/docs/api/app-bsky-feed-search-posts (PostView: app.bsky.feed.defs#postView) */
interface PostView {
  uri: string;
  author: { did: string; handle?: string; displayName?: string };
  record: unknown;
  indexedAt?: string;
  likeCount?: number;
  repostCount?: number;
  replyCount?: number;
  quoteCount?: number;
}

function toSearchMention(post: PostView): Mention | undefined {
  const match = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(post.uri);
  if (!match) return undefined;
  const metrics: Mention['metrics'] = {};
  if (typeof post.likeCount === 'number') metrics.likes = post.likeCount;
  if (typeof post.repostCount === 'number') metrics.reposts = post.repostCount + (post.quoteCount ?? 0);
  if (typeof post.replyCount === 'number') metrics.replies = post.replyCount;
  return toPostMention({
    did: match[1] ?? post.author.did,
    rkey: match[2] ?? '',
    record: post.record,
    handle: post.author.handle ?? null,
    displayName: post.author.displayName ?? null,
    metrics,
    fallbackTime: post.indexedAt ? Date.parse(post.indexedAt) : null,
  });
}

/**
 * The AppView sorts "latest" by sortAt: the earlier of createdAt and indexedAt, so a post dated in the future
 * sorts when it was indexed. https://github.com/bluesky-social/atproto/blob/main/packages/bsky/src/data-plane/server/indexing/plugins/post.ts
 */
function sortAt(post: PostView): number {
  const indexed = post.indexedAt ? Date.parse(post.indexedAt) : NaN;
  const created = Date.parse(String((post.record as { createdAt?: unknown } | null)?.createdAt ?? ''));
  const times = [indexed, created].filter(Number.isFinite);
  return times.length > 0 ? Math.min(...times) : 0;
}

type Call = (params: URLSearchParams) => Promise<{ posts: PostView[]; cursor?: string }>;

function createCall(spec: SourceSpec, appViewUrl: string, timeoutMs: number, options: SourcePollOptions): Call {
  const doFetch = options.fetch ?? outboundFetch;
  const channel = spec.credentials?.data;
  const base = channel?.pdsUrl && channel.accessJwt ? channel.pdsUrl : appViewUrl;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.userAgent) headers['user-agent'] = options.userAgent;
  if (channel?.pdsUrl && channel.accessJwt) headers.authorization = `Bearer ${channel.accessJwt}`;
  return async (params) => {
    const url = new URL('/xrpc/app.bsky.feed.searchPosts', base);
    url.search = params.toString();
    let response: Response;
    let text: string;
    try {
      const timeout = AbortSignal.timeout(timeoutMs);
      response = await doFetch(url, {
        headers,
        signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
      });
      text = await response.text();
    } catch (error) {
      throw (
        asAddressRefusal(error, url.hostname, NETWORK) ??
        new ConnectorError(NETWORK, 'unavailable', `Cannot reach ${url.origin}: ${describeFailure(error)}`, {
          cause: error,
        })
      );
    }
    if (!response.ok) throw toSearchError(url, response, text);
    let body: { posts?: unknown; cursor?: unknown };
    try {
      body = JSON.parse(text) as typeof body;
    } catch (error) {
      throw new ConnectorError(
        NETWORK,
        'unavailable',
        `${url.origin}${url.pathname} answered ${response.status} with something that is not JSON`,
        { cause: error },
      );
    }
    const posts = body?.posts;
    if (!Array.isArray(posts) || !posts.every(isPostView)) {
      throw new ConnectorError(NETWORK, 'unavailable', `${url.origin}${url.pathname} did not answer a list of posts`);
    }
    return { posts, ...(typeof body.cursor === 'string' && body.cursor !== '' ? { cursor: body.cursor } : {}) };
  };
}

function isPostView(value: unknown): value is PostView {
  const post = value as Partial<PostView> | null;
  return (
    typeof post === 'object' &&
    post !== null &&
    typeof post.uri === 'string' &&
    typeof post.author === 'object' &&
    post.author !== null &&
    typeof post.author.did === 'string'
  );
}

/** XRPC errors are `{"error": "Name", "message": "…"}`: https://atproto.com/specs/xrpc#error-responses */
function toSearchError(url: URL, response: Response, text: string): ConnectorError {
  const status = response.status;
  let name = '';
  let detail = '';
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    if (typeof body.error === 'string') name = body.error;
    detail = [body.error, body.message]
      .filter((part) => typeof part === 'string')
      .join(': ')
      .slice(0, 200);
  } catch {
    // An HTML page from a proxy or a CDN: not repeated (it ends up in source health), the status says enough.
  }
  const message = `${url.origin} answered ${status} to searchPosts: ${detail || 'no message'}`;
  if (status === 429) {
    const headers: Record<string, string | undefined> = {};
    response.headers.forEach((value, key) => {
      headers[key] = value;
    });
    const retryAfterMs = readRetryAfterMs(headers, Date.now());
    return new ConnectorError(NETWORK, 'rate_limited', message, {
      // The AppView's limits reset within five minutes when it gives no header.
      retryAfterMs: retryAfterMs ?? 5 * 60_000,
    });
  }
  if (status === 401 || name === 'ExpiredToken' || name === 'InvalidToken') {
    return new ConnectorError(NETWORK, 'auth_expired', message);
  }
  if (status >= 500) return new ConnectorError(NETWORK, 'unavailable', message);
  // 403: anonymous search refused by this AppView; 400: a query it cannot run. Retrying will not help.
  return new ConnectorError(NETWORK, 'rejected', message);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
