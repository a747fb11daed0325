// A fake Bluesky AppView for tests and benchmarks: app.bsky.feed.searchPosts on a real HTTP server on
// 127.0.0.1, written from the lexicon (https://docs.bsky.app/docs/api/app-bsky-feed-search-posts). Documented
// failures answer the XRPC way (`{"error", "message"}`); anything else — another method, an unknown or
// unimplemented parameter — is answered 500 and recorded in `unexpected`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Answer, createFailureInjection, sendAnswer, toInjectedAnswer, type InjectedFailure } from '../fake-http.js';

export interface FakeAppViewPostInput {
  did: string;
  handle: string;
  displayName?: string;
  text: string;
  rkey?: string;
  langs?: string[];
  facets?: unknown[];
  tags?: string[];
  reply?: { parent: string; root?: string };
  embed?: Record<string, unknown>;
  /** ISO dates; default now. */
  createdAt?: string;
  indexedAt?: string;
  likeCount?: number;
  repostCount?: number;
  replyCount?: number;
  quoteCount?: number;
}

export interface FakeAppViewPost extends FakeAppViewPostInput {
  uri: string;
  rkey: string;
  createdAt: string;
  indexedAt: string;
}

export type FakeAppViewFailure = InjectedFailure;

export interface FakeAppView {
  /** `http://127.0.0.1:<port>`: give it as the AppView (or as a channel's PDS). */
  readonly url: string;
  readonly posts: FakeAppViewPost[];
  readonly unexpected: { path: string; reason: string }[];
  /** Query strings of every search, in order. */
  readonly searches: URLSearchParams[];
  addPost(input: FakeAppViewPostInput): FakeAppViewPost;
  /** The next `times` searches get this answer instead. Queued. */
  failNext(failure: FakeAppViewFailure, times?: number): void;
  /**
   * `tokens`: bearer tokens accepted (any other is refused 401 ExpiredToken). `anonymous: false` refuses
   * searches without one with 403, as public.api.bsky.app does.
   */
  configureAuth(options: { tokens?: string[]; anonymous?: boolean }): void;
  close(): Promise<void>;
}

const ALLOWED = [
  'q',
  'sort',
  'since',
  'until',
  'mentions',
  'author',
  'lang',
  'domain',
  'url',
  'tag',
  'limit',
  'cursor',
];
const NOT_IMPLEMENTED = ['until', 'mentions', 'author', 'domain', 'url', 'tag'];

export async function startFakeAppView(): Promise<FakeAppView> {
  const posts: FakeAppViewPost[] = [];
  const unexpected: { path: string; reason: string }[] = [];
  const searches: URLSearchParams[] = [];
  const faults = createFailureInjection<'search'>();
  let tokens: string[] = [];
  let anonymous = true;
  let rkeys = 0;

  const xrpcError = (status: number, error: string, message: string) => ({ status, body: { error, message } });

  function search(incoming: IncomingMessage, query: URLSearchParams): { status: number; body: unknown } {
    const unknown = [...query.keys()].find((name) => !ALLOWED.includes(name));
    if (unknown) throw new Unexpected(`unknown parameter "${unknown}"`);
    const unimplemented = NOT_IMPLEMENTED.find((name) => query.has(name));
    if (unimplemented) throw new Unexpected(`the fake does not implement ${unimplemented}`);
    const bearer = /^Bearer (\S+)$/.exec(incoming.headers.authorization ?? '')?.[1];
    if (bearer !== undefined && !tokens.includes(bearer)) return xrpcError(400, 'ExpiredToken', 'Token has expired');
    if (bearer === undefined && !anonymous) return { status: 403, body: 'Forbidden' };

    const q = query.get('q') ?? '';
    if (q.trim() === '') return xrpcError(400, 'InvalidRequest', 'Error: Params must have the property "q"');
    const sort = query.get('sort') ?? 'latest';
    if (sort !== 'latest' && sort !== 'top') return xrpcError(400, 'InvalidRequest', 'Invalid sort');
    const limit = Number(query.get('limit') ?? 25);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return xrpcError(400, 'InvalidRequest', 'Error: limit can not be greater than 100');
    }
    const since = query.get('since');
    const sinceMs = since === null ? undefined : Date.parse(since);
    if (sinceMs !== undefined && !Number.isFinite(sinceMs)) {
      return xrpcError(400, 'InvalidRequest', 'Error: since must be a valid datetime');
    }
    const rawCursor = query.get('cursor');
    const offset = rawCursor === null ? 0 : Number(rawCursor);
    if (!Number.isInteger(offset) || offset < 0) throw new Unexpected(`a cursor the fake never gave: "${rawCursor}"`);
    const lang = query.get('lang');
    const terms = q.toLowerCase().split(/\s+/).filter(Boolean);
    const matching = posts
      .filter((post) => {
        const haystack = `${post.text} ${(post.tags ?? []).map((t) => `#${t}`).join(' ')}`.toLowerCase();
        return terms.every((term) => haystack.includes(term));
      })
      .filter((post) => lang === null || (post.langs ?? []).includes(lang))
      .filter((post) => sinceMs === undefined || sortAt(post) >= sinceMs)
      .sort((a, b) => sortAt(b) - sortAt(a) || (a.uri < b.uri ? 1 : -1));
    const page = matching.slice(offset, offset + limit);
    const more = offset + limit < matching.length;
    return {
      status: 200,
      body: {
        ...(more ? { cursor: String(offset + limit) } : {}),
        hitsTotal: matching.length,
        posts: page.map(toPostView),
      },
    };
  }

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const target = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const path = `${target.pathname}${target.search}`;
    const refuse = (reason: string) => {
      unexpected.push({ path, reason });
      send(outgoing, 500, {
        error: 'InternalServerError',
        message: `Unexpected request to the fake AppView: ${reason}`,
      });
    };
    if (target.pathname !== '/xrpc/app.bsky.feed.searchPosts') return refuse('the fake serves searchPosts only');
    if (incoming.method !== 'GET') return refuse(`searchPosts is a query (GET), not ${incoming.method}`);
    searches.push(target.searchParams);
    const failure = faults.takeFailure('search');
    if (failure) {
      return sendAnswer(
        outgoing,
        toInjectedAnswer(failure, (status) => new Answer(status, defaultFailure(status))),
      );
    }
    try {
      const answer = search(incoming, target.searchParams);
      send(outgoing, answer.status, answer.body);
    } catch (error) {
      if (error instanceof Unexpected) return refuse(error.message);
      throw error;
    }
  }

  const server = createServer((incoming, outgoing) => {
    handle(incoming, outgoing).catch((error: unknown) => {
      unexpected.push({ path: incoming.url ?? '?', reason: `the fake failed: ${String(error)}` });
      if (!outgoing.headersSent) send(outgoing, 500, { error: 'InternalServerError' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    posts,
    unexpected,
    searches,
    addPost(input) {
      const now = new Date().toISOString();
      const rkey = input.rkey ?? `3lfake${String(++rkeys).padStart(7, '0')}`;
      const post: FakeAppViewPost = {
        ...input,
        rkey,
        uri: `at://${input.did}/app.bsky.feed.post/${rkey}`,
        createdAt: input.createdAt ?? now,
        indexedAt: input.indexedAt ?? now,
      };
      posts.push(post);
      return post;
    },
    failNext: (failure, times) => faults.failNext('search', failure, times),
    configureAuth(options) {
      tokens = options.tokens ?? tokens;
      anonymous = options.anonymous ?? anonymous;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

class Unexpected extends Error {}

/** The AppView's sort key for "latest": the earlier of createdAt and indexedAt. */
function sortAt(post: FakeAppViewPost): number {
  return Math.min(Date.parse(post.createdAt), Date.parse(post.indexedAt));
}

/** app.bsky.feed.defs#postView */
function toPostView(post: FakeAppViewPost) {
  const record: Record<string, unknown> = { $type: 'app.bsky.feed.post', createdAt: post.createdAt, text: post.text };
  if (post.langs) record.langs = post.langs;
  if (post.facets) record.facets = post.facets;
  if (post.tags) record.tags = post.tags;
  if (post.reply) {
    const cid = 'bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';
    record.reply = {
      parent: { uri: post.reply.parent, cid },
      root: { uri: post.reply.root ?? post.reply.parent, cid },
    };
  }
  if (post.embed) record.embed = post.embed;
  return {
    uri: post.uri,
    cid: `bafyrei${Buffer.from(post.uri).toString('hex').slice(-52).padStart(52, 'a')}`,
    author: {
      did: post.did,
      handle: post.handle,
      ...(post.displayName ? { displayName: post.displayName } : {}),
      avatar: `https://cdn.bsky.app/img/avatar/plain/${post.did}/bafkrei@jpeg`,
      labels: [],
      createdAt: '2023-04-01T00:00:00.000Z',
    },
    record,
    replyCount: post.replyCount ?? 0,
    repostCount: post.repostCount ?? 0,
    likeCount: post.likeCount ?? 0,
    quoteCount: post.quoteCount ?? 0,
    indexedAt: post.indexedAt,
    labels: [],
  };
}

function defaultFailure(status: number): unknown {
  if (status === 429) return { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' };
  if (status >= 500) return { error: 'InternalServerError', message: 'Internal Server Error' };
  return { error: 'InvalidRequest', message: 'Invalid request' };
}

function send(outgoing: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const isText = typeof body === 'string';
  outgoing.writeHead(status, {
    'content-type': isText ? 'text/html; charset=utf-8' : 'application/json; charset=utf-8',
    ...headers,
  });
  outgoing.end(isText ? body : JSON.stringify(body));
}
