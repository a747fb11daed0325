// Reddit as a listening source: posts matching a search, site-wide or in a subreddit, read newest first through
// the documented listing API (https://www.reddit.com/dev/api#GET_search) with application-only OAuth
// (https://github.com/reddit-archive/reddit/wiki/OAuth2#application-only-oauth), within the rate limits Reddit
// announces in X-Ratelimit-* headers (https://support.reddithelp.com/hc/en-us/articles/16160319875092).
import { z } from 'zod';
import type {
  Connector,
  Mention,
  MentionSource,
  SourceCursor,
  SourcePoll,
  SourcePollOptions,
  SourceSpec,
} from '../connector.js';
import { ConnectorError } from '../errors.js';
import { asAddressRefusal, describeFailure, outboundFetch } from '../outbound.js';
import { toLine } from '../feeds/html-to-text.js';
import { createCursorCodec, seenList } from '../shared/cursor.js';
import { definedOnly, hostOf, httpGet, readJson, statusError } from '../shared/http-get.js';
import { parseRetryAfterMs } from '../shared/retry-after.js';
import { fingerprint, rememberSeen } from '../shared/seen.js';

export const REDDIT_NETWORK = 'reddit';

export interface RedditConnectorOptions {
  /**
   * Reddit asks every client for a unique, descriptive User-Agent, `<platform>:<app id>:<version> (by /u/<name>)`,
   * and throttles generic ones (https://github.com/reddit-archive/reddit/wiki/API#rules).
   */
  userAgent: string;
  /** A "script" or "web app" registered at https://www.reddit.com/prefs/apps. Without it, the public .json listings. */
  clientId?: string;
  clientSecret?: string;
  /** The API's origin. Default https://oauth.reddit.com with an app, https://www.reddit.com without. */
  baseUrl?: string;
  /** Where tokens come from and items open. Default https://www.reddit.com. */
  siteUrl?: string;
  /** Posts handed on per poll at most; the older part of a flood comes with the next polls. Default 200. */
  maxItemsPerPoll?: number;
  /** Requests per poll at most. Default 10. */
  maxRequestsPerPoll?: number;
  /** Seconds re-read below the newest post handed on, for posts the search index receives late. Default 900. */
  overlapSeconds?: number;
  maxSeen?: number;
  timeoutMs?: number;
}

const DEFAULTS = {
  siteUrl: 'https://www.reddit.com',
  maxItemsPerPoll: 200,
  maxRequestsPerPoll: 10,
  overlapSeconds: 900,
  maxSeen: 2000,
  timeoutMs: 20_000,
};

const KINDS = [{ kind: 'search', fields: ['query', 'subreddit'] }] as const;
/** "q: a string no longer than 512 characters" — https://www.reddit.com/dev/api#GET_search */
const MAX_QUERY = 512;
/** Listings answer at most 100 things per request ("limit: the maximum number of items desired (default: 25, maximum: 100)"). */
const PAGE_SIZE = 100;
/** Subreddit names: 3 to 21 letters, digits and underscores; `a+b` reads several at once. */
const SUBREDDIT = /^[A-Za-z0-9][A-Za-z0-9_]{2,20}(?:\+[A-Za-z0-9][A-Za-z0-9_]{2,20})*$/;
const MAX_BACKLOG = 20;

/**
 * `hw`: newest `created_utc` handed on; `seen`: fingerprints of recent fullnames; `backlog`: where a capped poll
 * stopped (`after` = the last fullname handed on) and how far down the rest goes (`floor`).
 */
const redditCursor = z.object({
  hw: z.number().optional(),
  seen: seenList,
  backlog: z.array(z.object({ after: z.string(), floor: z.number() })),
});
type RedditCursor = z.infer<typeof redditCursor>;
const cursors = createCursorCodec(REDDIT_NETWORK, 'Reddit source', redditCursor);

/** The fields of a link (t3) Rostra reads: https://github.com/reddit-archive/reddit/wiki/JSON#link-implements-votable--created */
interface Link {
  name: string;
  id: string;
  title?: string;
  selftext?: string;
  is_self?: boolean;
  url?: string;
  permalink?: string;
  author?: string;
  author_fullname?: string;
  subreddit?: string;
  subreddit_subscribers?: number;
  created_utc: number;
  /** `false`, or when the author last edited the self text (seconds since the epoch, may have a fraction). */
  edited?: number | boolean;
  score?: number;
  num_comments?: number;
}

interface Session {
  token?: { value: string; expiresAt: number };
  /** From the last answer's X-Ratelimit-Remaining and X-Ratelimit-Reset. */
  remaining?: number;
  resetAt?: number;
}

export function createRedditConnector(options: RedditConnectorOptions): Connector {
  return { network: REDDIT_NETWORK, auth: 'none', mentions: createRedditMentions(options) };
}

export function createRedditMentions(options: RedditConnectorOptions): MentionSource {
  const app = options.clientId ? { id: options.clientId, secret: options.clientSecret ?? '' } : undefined;
  const settings = {
    ...DEFAULTS,
    baseUrl: app ? 'https://oauth.reddit.com' : 'https://www.reddit.com',
    ...definedOnly(options),
    userAgent: options.userAgent,
  };
  // One app, one quota and one token, whatever the number of sources polled through it.
  const session: Session = {};

  async function poll(
    spec: SourceSpec,
    cursor: SourceCursor,
    pollOptions: SourcePollOptions = {},
  ): Promise<SourcePoll> {
    const problems = validateRedditSpec(spec);
    if (problems.length > 0) {
      throw new ConnectorError(REDDIT_NETWORK, 'rejected', problems.map((p) => `${p.field}: ${p.message}`).join('; '));
    }
    const query = spec.config.query!.trim();
    const subreddit = spec.config.subreddit?.trim().replace(/^\/?r\//i, '') || undefined;
    const state = cursors.read(cursor) ?? { seen: [], backlog: [] };
    const seen = new Set(state.seen);
    const handed: Link[] = [];
    let requests = 0;

    /** Pages down from `after`; stops below `floor`. Returns where it stopped when the budget ran out first. */
    const collect = async (after: string | undefined, floor: number | undefined) => {
      let next = after;
      let last: string | undefined;
      for (;;) {
        if (handed.length >= settings.maxItemsPerPoll || requests >= settings.maxRequestsPerPoll) {
          return { stoppedAfter: last ?? next };
        }
        requests += 1;
        const listing = await search(query, subreddit, next);
        for (const link of listing.links) {
          if (floor !== undefined && link.created_utc < floor) return {};
          if (handed.length >= settings.maxItemsPerPoll) return { stoppedAfter: last ?? next };
          last = link.name;
          if (seen.has(fingerprint(seenKey(link)))) continue;
          seen.add(fingerprint(seenKey(link)));
          handed.push(link);
        }
        if (!listing.after || listing.links.length === 0) return {};
        next = listing.after;
      }
    };

    const search = async (q: string, sr: string | undefined, after: string | undefined) => {
      const path = `${sr ? `/r/${sr}` : ''}/search${app ? '' : '.json'}`;
      const url = new URL(path, settings.baseUrl);
      url.searchParams.set('q', q);
      url.searchParams.set('sort', 'new');
      url.searchParams.set('t', 'all');
      url.searchParams.set('type', 'link');
      url.searchParams.set('limit', String(PAGE_SIZE));
      if (sr) url.searchParams.set('restrict_sr', 'true');
      if (after) url.searchParams.set('after', after);
      return readListing(await get(url, pollOptions), url);
    };

    const get = async (url: URL, pollOptions: SourcePollOptions, retried = false): Promise<unknown> => {
      const now = Date.now();
      if (
        session.remaining !== undefined &&
        session.remaining < 1 &&
        session.resetAt !== undefined &&
        now < session.resetAt
      ) {
        throw new ConnectorError(REDDIT_NETWORK, 'rate_limited', 'Reddit quota spent until its reset', {
          retryAfterMs: session.resetAt - now,
        });
      }
      const headers: Record<string, string> = { accept: 'application/json', 'user-agent': settings.userAgent };
      if (app) headers.authorization = `Bearer ${await accessToken(app, settings, session, pollOptions)}`;
      const result = await httpGet(url.toString(), {
        network: REDDIT_NETWORK,
        headers,
        maxBytes: 20 * 1024 * 1024,
        timeoutMs: settings.timeoutMs,
        fetch: pollOptions.fetch,
        signal: pollOptions.signal,
        passStatuses: [401, 429],
      });
      readQuota(result.headers, session);
      if (result.status === 401 && app && !retried) {
        // Revoked or expired early: one new token, one retry.
        delete session.token;
        return get(url, pollOptions, true);
      }
      if (result.status === 401) {
        throw new ConnectorError(REDDIT_NETWORK, 'auth_expired', `Reddit refused the app's token for ${url.pathname}`);
      }
      if (result.status === 429) {
        const retryAfterMs =
          parseRetryAfterMs(result.headers.get('retry-after')) ??
          (session.resetAt === undefined ? 60_000 : Math.max(0, session.resetAt - Date.now()));
        throw new ConnectorError(REDDIT_NETWORK, 'rate_limited', `Reddit asks to slow down (429)`, { retryAfterMs });
      }
      if (!('body' in result)) throw new ConnectorError(REDDIT_NETWORK, 'unavailable', `${url} answered 304 unasked`);
      return readJson(REDDIT_NETWORK, url.toString(), result.body);
    };

    const backlog = [...state.backlog];
    if (state.hw === undefined) {
      // A new source starts from the newest posts; older history is not read.
      await collect(undefined, undefined);
    } else {
      const floor = state.hw - settings.overlapSeconds;
      const fresh = await collect(undefined, floor);
      if (fresh.stoppedAfter) backlog.unshift({ after: fresh.stoppedAfter, floor });
    }
    while (backlog.length > 0 && handed.length < settings.maxItemsPerPoll && requests < settings.maxRequestsPerPoll) {
      const range = backlog[0]!;
      const rest = await collect(range.after, range.floor);
      if (!rest.stoppedAfter) backlog.shift();
      else if (rest.stoppedAfter !== range.after) range.after = rest.stoppedAfter;
      else break;
    }

    const newest = handed.reduce((max, link) => Math.max(max, link.created_utc), state.hw ?? -Infinity);
    const next: RedditCursor = {
      ...(Number.isFinite(newest) ? { hw: newest } : {}),
      seen: rememberSeen(
        state.seen,
        handed.map((link) => fingerprint(seenKey(link))),
        settings.maxSeen,
      ),
      backlog: backlog.slice(0, MAX_BACKLOG),
    };
    return {
      items: handed.map((link) => toMention(link, settings.siteUrl)),
      cursor: cursors.write(next),
    };
  }

  return { kinds: KINDS, validate: validateRedditSpec, poll };
}

export function validateRedditSpec(spec: Omit<SourceSpec, 'credentials'>): { field: string; message: string }[] {
  if (spec.kind !== 'search')
    return [{ field: 'kind', message: `Reddit sources are of kind "search", not "${spec.kind}"` }];
  const problems: { field: string; message: string }[] = [];
  for (const field of Object.keys(spec.config)) {
    if (field !== 'query' && field !== 'subreddit') {
      problems.push({ field, message: `"${field}" is not a setting of a Reddit search` });
    }
  }
  const query = spec.config.query?.trim() ?? '';
  if (query === '') problems.push({ field: 'query', message: 'Give the words to search for' });
  else if (query.length > MAX_QUERY) {
    problems.push({
      field: 'query',
      message: `The query is ${query.length} characters long; Reddit allows ${MAX_QUERY}`,
    });
  }
  const subreddit = spec.config.subreddit?.trim().replace(/^\/?r\//i, '');
  if (subreddit && !SUBREDDIT.test(subreddit)) {
    problems.push({
      field: 'subreddit',
      message: `"${spec.config.subreddit}" is not a subreddit name: 3 to 21 letters, digits or _ (several joined with +)`,
    });
  }
  return problems;
}

/** POST /api/v1/access_token, grant_type=client_credentials, HTTP Basic with the app's id and secret. */
async function accessToken(
  app: { id: string; secret: string },
  settings: { siteUrl: string; userAgent: string; timeoutMs: number },
  session: Session,
  options: SourcePollOptions,
): Promise<string> {
  // Renewed a minute ahead, so a token never expires between this check and Reddit reading it.
  if (session.token && session.token.expiresAt - 60_000 > Date.now()) return session.token.value;
  const url = new URL('/api/v1/access_token', settings.siteUrl);
  const timeout = AbortSignal.timeout(settings.timeoutMs);
  let response: Response;
  let text: string;
  try {
    response = await (options.fetch ?? outboundFetch)(url, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${app.id}:${app.secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
        'user-agent': settings.userAgent,
        accept: 'application/json',
      },
      body: 'grant_type=client_credentials',
      signal: options.signal ? AbortSignal.any([options.signal, timeout]) : timeout,
    });
    text = await response.text();
  } catch (error) {
    throw (
      asAddressRefusal(error, url.hostname, REDDIT_NETWORK) ??
      new ConnectorError(REDDIT_NETWORK, 'unavailable', `${url} is unreachable: ${describeFailure(error)}`, {
        cause: error,
      })
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new ConnectorError(
      REDDIT_NETWORK,
      'auth_expired',
      `Reddit refused the app id and secret (${response.status})`,
    );
  }
  if (!response.ok) throw statusError(REDDIT_NETWORK, url.toString(), response);
  const body = readJson(REDDIT_NETWORK, url.toString(), new TextEncoder().encode(text)) as {
    access_token?: unknown;
    expires_in?: unknown;
    error?: unknown;
  };
  // A wrong grant or app type answers 200 with {"error": "unsupported_grant_type"}.
  if (typeof body.access_token !== 'string') {
    throw new ConnectorError(
      REDDIT_NETWORK,
      'auth_expired',
      `Reddit gave no token: ${String(body.error ?? 'no reason')}`,
    );
  }
  const lifetime = typeof body.expires_in === 'number' ? body.expires_in * 1000 : 3_600_000;
  session.token = { value: body.access_token, expiresAt: Date.now() + lifetime };
  return body.access_token;
}

/** X-Ratelimit-Remaining (requests left) and X-Ratelimit-Reset (seconds until the period ends). */
function readQuota(headers: Headers, session: Session): void {
  const remaining = Number.parseFloat(headers.get('x-ratelimit-remaining') ?? '');
  const reset = Number.parseFloat(headers.get('x-ratelimit-reset') ?? '');
  if (Number.isFinite(remaining)) session.remaining = remaining;
  if (Number.isFinite(reset)) session.resetAt = Date.now() + reset * 1000;
}

/** A Listing: `{kind: "Listing", data: {children: [{kind: "t3", data}], after, before}}`. */
function readListing(body: unknown, url: URL): { links: Link[]; after: string | null } {
  const data = (body as { kind?: unknown; data?: { children?: unknown; after?: unknown } } | null)?.data;
  if ((body as { kind?: unknown } | null)?.kind !== 'Listing' || !Array.isArray(data?.children)) {
    throw new ConnectorError(REDDIT_NETWORK, 'unavailable', `${url.origin}${url.pathname} did not answer a Listing`);
  }
  const links = data.children
    .filter((child: { kind?: unknown }) => child?.kind === 't3')
    .map((child: { data?: unknown }) => child.data as Link)
    .filter((link) => typeof link?.name === 'string' && typeof link.created_utc === 'number');
  return { links, after: typeof data.after === 'string' ? data.after : null };
}

/**
 * "All JSON response bodies currently have <, > and & replaced with &lt;, &gt; and &amp;" unless raw_json=1
 * (https://www.reddit.com/dev/api#response_body_encoding): one pass, so "&amp;lt;" stays the "&lt;" typed.
 */
export function unescapeRedditJson(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (_match, name: string) => (name === 'lt' ? '<' : name === 'gt' ? '>' : '&'));
}

/**
 * What a post was handed on as: its fullname, and its edit when it has one, so a post edited while still within
 * the overlap window is handed on again with its new text (the pipeline then stores it in place).
 */
function seenKey(link: Link): string {
  const editedAt = readEdited(link);
  return editedAt === null ? link.name : `${link.name}@${editedAt}`;
}

function readEdited(link: Link): number | null {
  return typeof link.edited === 'number' && Number.isFinite(link.edited) && link.edited > 0
    ? Math.round(link.edited * 1000)
    : null;
}

export function toMention(link: Link, siteUrl: string): Mention {
  const permalink = link.permalink ? new URL(unescapeRedditJson(link.permalink), siteUrl).toString() : null;
  const target = link.url ? unescapeRedditJson(link.url) : null;
  const selftext = unescapeRedditJson(link.selftext ?? '')
    .replace(/\r\n?/g, '\n')
    .trim();
  // A link post's words are its title and its link; "site" is where the link points, as for an article.
  const linkPost = link.is_self === false && target !== null && target !== permalink;
  const author = link.author && link.author !== '[deleted]' ? link.author : null;
  const title = toLine(unescapeRedditJson(link.title ?? ''));
  return {
    externalId: link.name,
    network: REDDIT_NETWORK,
    url: permalink,
    title: title === '' ? null : title,
    text: selftext === '' && linkPost ? target : selftext,
    author: author
      ? { id: link.author_fullname ?? author, handle: author, name: author, url: `${siteUrl}/user/${author}` }
      : { id: null, handle: null, name: null, url: null },
    publishedAt: Math.round(link.created_utc * 1000),
    editedAt: readEdited(link),
    language: null,
    site: (linkPost ? hostOf(target) : null) ?? hostOf(siteUrl),
    repostOf: null,
    replyTo: null,
    hashtags: [],
    metrics: {
      ...(typeof link.subreddit_subscribers === 'number' ? { reach: link.subreddit_subscribers } : {}),
      ...(typeof link.score === 'number' ? { likes: link.score } : {}),
      ...(typeof link.num_comments === 'number' ? { replies: link.num_comments } : {}),
    },
  };
}
