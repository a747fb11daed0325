// Reddit's listing API as the source reads it: application-only OAuth
// (https://github.com/reddit-archive/reddit/wiki/OAuth2#application-only-oauth), one token and one quota per
// app (X-Ratelimit-* headers), search pages read as Listings.
import { z } from 'zod';
import type { SourcePollOptions } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { asAddressRefusal, describeFailure, outboundFetch } from '../outbound.js';
import { httpGet, readJson, statusError } from '../shared/http-get.js';
import { optionalField, parseAnswer, readItems } from '../shared/network-json.js';
import { parseRetryAfterMs } from '../shared/retry-after.js';

export const REDDIT_NETWORK = 'reddit';

/** "limit: the maximum number of items desired (default: 25, maximum: 100)" */
const PAGE_SIZE = 100;

/**
 * The fields of a link (t3) Rostra reads: https://github.com/reddit-archive/reddit/wiki/JSON#link-implements-votable--created
 * Its fullname and creation time are needed; the rest is read when it is there and of the documented type.
 */
const linkSchema = z.object({
  name: z.string().min(1),
  title: optionalField(z.string()),
  selftext: optionalField(z.string()),
  is_self: optionalField(z.boolean()),
  url: optionalField(z.string()),
  permalink: optionalField(z.string()),
  author: optionalField(z.string()),
  author_fullname: optionalField(z.string()),
  subreddit: optionalField(z.string()),
  subreddit_subscribers: optionalField(z.number().finite()),
  created_utc: z.number().finite(),
  /** `false`, or when the author last edited the self text (seconds since the epoch, may have a fraction). */
  edited: optionalField(z.union([z.number().finite(), z.boolean()])),
  score: optionalField(z.number().finite()),
  num_comments: optionalField(z.number().finite()),
});
export type Link = z.infer<typeof linkSchema>;

/** A Listing: `{kind: "Listing", data: {children: [{kind: "t3", data}], after, before}}`. */
const listingSchema = z.object({
  kind: z.literal('Listing'),
  data: z.object({
    children: z.array(
      z.object({ kind: optionalField(z.string()), data: z.unknown() }).catch({ kind: undefined, data: undefined }),
    ),
    after: optionalField(z.string().nullable()),
  }),
});

/**
 * https://github.com/reddit-archive/reddit/wiki/OAuth2#application-only-oauth — a wrong grant or app type
 * answers 200 with `{"error": "unsupported_grant_type"}` and no token.
 */
const tokenSchema = z.object({
  access_token: optionalField(z.string().min(1)),
  expires_in: optionalField(z.number().positive().finite()),
  error: optionalField(z.string()),
});

export interface Session {
  token?: { value: string; expiresAt: number };
  /** From the last answer's X-Ratelimit-Remaining and X-Ratelimit-Reset. */
  remaining?: number;
  resetAt?: number;
}

/** What every request of one app shares: its id and secret (absent: the public .json listings), its quota. */
export interface RedditClient {
  app: { id: string; secret: string } | undefined;
  settings: { baseUrl: string; siteUrl: string; userAgent: string; timeoutMs: number };
  session: Session;
}

export interface Listing {
  links: Link[];
  /** Links without a fullname or a creation time, left out. */
  skipped: number;
  after: string | null;
}

/** One page of GET [/r/<subreddit>]/search, newest first (https://www.reddit.com/dev/api#GET_search). */
export async function searchPage(
  client: RedditClient,
  q: string,
  sr: string | undefined,
  after: string | undefined,
  pollOptions: SourcePollOptions,
): Promise<Listing> {
  const path = `${sr ? `/r/${sr}` : ''}/search${client.app ? '' : '.json'}`;
  const url = new URL(path, client.settings.baseUrl);
  url.searchParams.set('q', q);
  url.searchParams.set('sort', 'new');
  url.searchParams.set('t', 'all');
  url.searchParams.set('type', 'link');
  url.searchParams.set('limit', String(PAGE_SIZE));
  if (sr) url.searchParams.set('restrict_sr', 'true');
  if (after) url.searchParams.set('after', after);
  return readListing(await getJson(client, url, pollOptions), url);
}

/**
 * A GET within the app's quota: refused before sending while the quota is spent, with the app's token (renewed
 * once when Reddit refuses it), the quota headers read from every answer.
 */
async function getJson(
  client: RedditClient,
  url: URL,
  pollOptions: SourcePollOptions,
  retried = false,
): Promise<unknown> {
  const { app, settings, session } = client;
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
    return getJson(client, url, pollOptions, true);
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
  const body = parseAnswer(
    REDDIT_NETWORK,
    `Reddit's token endpoint (${url.origin})`,
    tokenSchema,
    readJson(REDDIT_NETWORK, url.toString(), new TextEncoder().encode(text)),
  );
  if (body.access_token === undefined) {
    throw new ConnectorError(REDDIT_NETWORK, 'auth_expired', `Reddit gave no token: ${body.error ?? 'no reason'}`);
  }
  const lifetime = body.expires_in === undefined ? 3_600_000 : body.expires_in * 1000;
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

/** The links (t3) of a Listing; other kinds of things are not asked for and left out, uncounted. */
export function readListing(body: unknown, url: URL): Listing {
  const { data } = parseAnswer(REDDIT_NETWORK, `${url.origin}${url.pathname}`, listingSchema, body);
  const links = readItems(
    data.children.filter((child) => child.kind === 't3').map((child) => child.data),
    linkSchema,
  );
  return { links: links.items, skipped: links.skipped, after: data.after ?? null };
}
