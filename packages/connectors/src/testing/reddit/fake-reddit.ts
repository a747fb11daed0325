// A fake Reddit for tests: a real HTTP server on 127.0.0.1 answering what the Reddit connector calls, written from
// https://www.reddit.com/dev/api (GET [/r/subreddit]/search, Listings, response body encoding) and
// https://github.com/reddit-archive/reddit/wiki/OAuth2 (application-only token). It keeps Reddit's quota headers
// (X-Ratelimit-Used/Remaining/Reset) and answers 429 once the quota is spent. Any other request — an unknown
// path, method or parameter, no User-Agent, a missing or wrong token — is refused and recorded in `unexpected`.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Answer,
  createFailureInjection,
  readBody,
  sendAnswer,
  sendJson,
  startFakeHttpServer,
  toInjectedAnswer,
  type InjectedFailure,
} from '../fake-http.js';

export interface FakeRedditPost {
  /** Base-36 id; the fullname is `t3_<id>`. */
  id: string;
  subreddit: string;
  title: string;
  selftext?: string;
  /** A link post's target; a self post links to its own permalink. */
  url?: string;
  author: string;
  created_utc: number;
  /** When the author last edited the self text (seconds); Reddit answers `false` for a post never edited. */
  edited?: number;
  score?: number;
  num_comments?: number;
  subscribers?: number;
}

export interface FakeRedditOptions {
  /** The app allowed to get a token; absent, only the public .json listings answer. */
  clientId?: string;
  clientSecret?: string;
  /** Requests per quota period. Default 100 (Reddit's free tier: 100 per minute per client id). */
  quota?: number;
  /** Seconds left in the period, as X-Ratelimit-Reset says. Default 600. */
  resetSeconds?: number;
}

export interface FakeReddit {
  url: string;
  posts: FakeRedditPost[];
  requests: { path: string; params: URLSearchParams }[];
  unexpected: string[];
  tokensIssued: number;
  /** Revokes every token issued so far (the next search answers 401). */
  revokeTokens(): void;
  /** Requests left in the period. */
  remaining: number;
  /** The next `times` searches get this answer instead (Reddit's own body for the status unless given). */
  failNext(failure: InjectedFailure, times?: number): void;
  close(): Promise<void>;
}

const SEARCH_PARAMETERS = new Set([
  'q',
  'sort',
  't',
  'type',
  'limit',
  'after',
  'before',
  'count',
  'restrict_sr',
  'include_facets',
  'sr_detail',
  'show',
  'category',
  'raw_json',
]);

/** after / before: "fullname of a thing"; an anchor no longer in the listing answers an empty page. */
function pageOf(
  found: FakeRedditPost[],
  params: URLSearchParams,
  limit: number,
): { page: FakeRedditPost[]; start: number } {
  let start = 0;
  let end = found.length;
  const after = params.get('after');
  const before = params.get('before');
  if (after) {
    const index = found.findIndex((post) => `t3_${post.id}` === after);
    start = index < 0 ? found.length : index + 1;
  } else if (before) {
    const index = found.findIndex((post) => `t3_${post.id}` === before);
    end = index < 0 ? 0 : index;
    start = Math.max(0, end - limit);
  }
  return { page: found.slice(start, Math.min(end, start + limit)), start };
}

export async function startFakeReddit(options: FakeRedditOptions = {}): Promise<FakeReddit> {
  const posts: FakeRedditPost[] = [];
  const requests: FakeReddit['requests'] = [];
  const unexpected: string[] = [];
  let tokens = new Set<string>();
  const state = { remaining: options.quota ?? 100, tokensIssued: 0 };
  const quota = options.quota ?? 100;
  const faults = createFailureInjection<'search'>();

  const refuse = (response: ServerResponse, status: number, what: string) => {
    unexpected.push(what);
    sendJson(response, status, { message: what, error: status });
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!request.headers['user-agent']) return refuse(response, 429, 'no User-Agent');

    if (url.pathname === '/api/v1/access_token') return issueToken(request, response, url);

    const match = /^(?:\/r\/([A-Za-z0-9_+]+))?\/search(\.json)?$/.exec(url.pathname);
    if (request.method !== 'GET' || !match) return refuse(response, 404, `${request.method} ${url.pathname}`);
    const oauth = options.clientId !== undefined;
    // oauth.reddit.com answers bare paths with a bearer token; www.reddit.com the .json listings without one.
    if (oauth === (match[2] !== undefined)) return refuse(response, 404, `${url.pathname} on this host`);
    if (oauth) {
      const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
      if (!token || !tokens.has(token)) {
        const challenge = { 'www-authenticate': 'Bearer realm="reddit"' };
        return sendJson(response, 401, { message: 'Unauthorized', error: 401 }, challenge);
      }
    }
    requests.push({ path: url.pathname, params: url.searchParams });
    for (const name of url.searchParams.keys()) {
      if (!SEARCH_PARAMETERS.has(name)) return refuse(response, 400, `unknown parameter ${name}`);
    }
    const failure = faults.takeFailure('search');
    if (failure) {
      return sendAnswer(
        response,
        toInjectedAnswer(failure, (status) => new Answer(status, { message: 'failure', error: status })),
      );
    }
    return search(url, match[1], response);
  }

  /** POST /api/v1/access_token: the application-only grant (client_credentials) with the app's Basic credentials. */
  async function issueToken(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    if (request.method !== 'POST' || !options.clientId)
      return refuse(response, 404, `${request.method} ${url.pathname}`);
    const body = (await readBody(request)).toString();
    const expected = `Basic ${Buffer.from(`${options.clientId}:${options.clientSecret ?? ''}`).toString('base64')}`;
    if (request.headers['content-type'] !== 'application/x-www-form-urlencoded') {
      return refuse(response, 400, `token request as ${request.headers['content-type']}`);
    }
    if (request.headers.authorization !== expected) {
      // Reddit answers a wrong app id or secret with 401 and no body worth reading.
      return sendJson(response, 401, { message: 'Unauthorized', error: 401 });
    }
    const grant = new URLSearchParams(body).get('grant_type');
    if (grant !== 'client_credentials') return sendJson(response, 200, { error: 'unsupported_grant_type' });
    const token = randomBytes(12).toString('hex');
    tokens.add(token);
    state.tokensIssued += 1;
    return sendJson(response, 200, { access_token: token, token_type: 'bearer', expires_in: 86400, scope: '*' });
  }

  /** A search listing, newest first, within the quota: its parameters checked as Reddit documents them. */
  function search(url: URL, subredditPath: string | undefined, response: ServerResponse): void {
    const quotaHeaders = () => ({
      'x-ratelimit-used': String(quota - state.remaining),
      'x-ratelimit-remaining': String(Math.max(0, state.remaining)),
      'x-ratelimit-reset': String(options.resetSeconds ?? 600),
    });
    if (state.remaining <= 0) {
      return sendJson(response, 429, { message: 'Too Many Requests', error: 429 }, quotaHeaders());
    }
    state.remaining -= 1;
    const q = url.searchParams.get('q') ?? '';
    const limit = Number(url.searchParams.get('limit') ?? '25');
    if (q === '' || q.length > 512) return refuse(response, 400, `q of ${q.length} characters`);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) return refuse(response, 400, `limit ${limit}`);
    const restrict = url.searchParams.get('restrict_sr');
    if (restrict !== null && !['true', 'false', '1', '0', 'on', 'off'].includes(restrict)) {
      return refuse(response, 400, `restrict_sr ${restrict}`);
    }
    const subreddits =
      subredditPath && restrict !== null && ['true', '1', 'on'].includes(restrict)
        ? subredditPath.toLowerCase().split('+')
        : undefined;
    const words = q.toLowerCase().split(/\s+/).filter(Boolean);
    const sort = url.searchParams.get('sort') ?? 'relevance';
    if (sort !== 'new') return refuse(response, 400, `sort ${sort} (the connector reads newest first)`);
    const found = posts
      .filter((post) => !subreddits || subreddits.includes(post.subreddit.toLowerCase()))
      .filter((post) => words.every((word) => `${post.title} ${post.selftext ?? ''}`.toLowerCase().includes(word)))
      .sort((a, b) => b.created_utc - a.created_utc);

    const { page, start } = pageOf(found, url.searchParams, limit);
    const rawJson = url.searchParams.get('raw_json') === '1';
    const body = {
      kind: 'Listing',
      data: {
        after: start + page.length < found.length && page.length > 0 ? `t3_${page.at(-1)!.id}` : null,
        before: start > 0 && page.length > 0 ? `t3_${page[0]!.id}` : null,
        dist: page.length,
        modhash: '',
        geo_filter: '',
        children: page.map((post) => ({ kind: 't3', data: toLink(post) })),
      },
    };
    const json = JSON.stringify(body);
    response.writeHead(200, { 'content-type': 'application/json; charset=UTF-8', ...quotaHeaders() });
    response.end(rawJson ? json : escapeLegacy(json));
  }

  const http = await startFakeHttpServer({
    unexpected: { push: ({ method, path, reason }) => unexpected.push(`${method} ${path}: ${reason}`) },
    refusalBody: (message) => ({ message, error: 500 }),
    handle,
  });
  return {
    url: http.url,
    posts,
    requests,
    unexpected,
    get tokensIssued() {
      return state.tokensIssued;
    },
    failNext: (failure, times) => faults.failNext('search', failure, times),
    revokeTokens() {
      tokens = new Set();
    },
    get remaining() {
      return state.remaining;
    },
    set remaining(value: number) {
      state.remaining = value;
    },
    close: http.close,
  };
}

function toLink(post: FakeRedditPost): Record<string, unknown> {
  const permalink = `/r/${post.subreddit}/comments/${post.id}/${post.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 40)}/`;
  const isSelf = post.url === undefined;
  return {
    id: post.id,
    name: `t3_${post.id}`,
    subreddit: post.subreddit,
    subreddit_name_prefixed: `r/${post.subreddit}`,
    subreddit_subscribers: post.subscribers ?? 0,
    title: post.title,
    selftext: post.selftext ?? '',
    is_self: isSelf,
    url: isSelf ? `https://www.reddit.com${permalink}` : post.url,
    domain: isSelf ? `self.${post.subreddit}` : new URL(post.url!).hostname,
    permalink,
    author: post.author,
    author_fullname: post.author === '[deleted]' ? undefined : `t2_${post.author.toLowerCase()}`,
    created_utc: post.created_utc,
    created: post.created_utc,
    edited: post.edited ?? false,
    score: post.score ?? 1,
    ups: post.score ?? 1,
    num_comments: post.num_comments ?? 0,
    over_18: false,
  };
}

/** https://www.reddit.com/dev/api#response_body_encoding — inside JSON strings only, as Reddit does. */
function escapeLegacy(json: string): string {
  return json.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}
