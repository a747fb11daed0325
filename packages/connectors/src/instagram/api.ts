// The calls Rostra makes to the Instagram API with Instagram Login (graph.instagram.com, and the token
// endpoint at api.instagram.com), and the one place where their failures become ConnectorError codes.
// Every request goes through outboundFetch. Error objects: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes
import { z } from 'zod';
import { ConnectorError } from '../errors.js';
import { outboundFetch } from '../outbound.js';
import { type CallKind, summariseText, toNetworkError } from '../shared/network-errors.js';
import { optionalField, parseAnswer, readField } from '../shared/network-json.js';
import { exchangeCode, type OAuthContext } from '../shared/oauth.js';
import { NETWORK } from './rules.js';

/** Every Graph call names this version; bump it here, in one place, after reading the changelog. */
export const GRAPH_VERSION = 'v23.0';

export interface ApiOptions {
  /** https://graph.instagram.com */
  graphBaseUrl: string;
  /** https://api.instagram.com (the token endpoint for the authorisation code). */
  apiBaseUrl: string;
  timeoutMs: number;
  appId: string;
  appSecret: string;
}

export interface InstagramToken {
  accessToken: string;
  /** Seconds, as Instagram gives them; absent on the short-lived token's answer. */
  expiresIn: number | undefined;
}

export type ContainerStatus = 'EXPIRED' | 'ERROR' | 'FINISHED' | 'IN_PROGRESS' | 'PUBLISHED';

/** The parameters of one container, as POST /{ig-user-id}/media takes them. */
export type ContainerParams = Record<string, string>;

export interface InstagramApi {
  /** POST api.instagram.com/oauth/access_token (through shared/oauth.ts): a short-lived token (one hour). */
  exchangeCode(input: { code: string; redirectUri: string }): Promise<string>;
  /** GET /access_token?grant_type=ig_exchange_token: a long-lived token (60 days). */
  exchangeForLongLived(shortLived: string): Promise<InstagramToken>;
  /** GET /refresh_access_token?grant_type=ig_refresh_token: the long-lived token for 60 more days. */
  refreshLongLived(longLived: string): Promise<InstagramToken>;
  /** GET /me?fields=user_id,username: the professional account the token acts as. */
  readMe(token: string): Promise<{ userId: string; username: string }>;
  /** GET /{ig-user-id}/content_publishing_limit: posts published in the last 24 hours, and the most allowed. */
  readPublishingLimit(token: string, userId: string): Promise<{ usage: number; total: number; durationS: number }>;
  /** POST /{ig-user-id}/media: a container's id. */
  createContainer(token: string, userId: string, params: ContainerParams): Promise<string>;
  /** GET /{ig-container-id}?fields=status_code,status */
  readContainer(token: string, containerId: string): Promise<{ statusCode: ContainerStatus; status: string }>;
  /** POST /{ig-user-id}/media_publish: the published media's id. */
  publishContainer(token: string, userId: string, containerId: string): Promise<string>;
  /** GET /{ig-media-id}?fields=permalink */
  readPermalink(token: string, mediaId: string): Promise<string>;
  /** POST /{ig-media-id}/comments: the new comment's id. */
  createComment(token: string, mediaId: string, message: string): Promise<string>;
  /** POST /{ig-comment-id}/replies: the reply's id. */
  createReply(token: string, commentId: string, message: string): Promise<string>;
}

export function createInstagramApi(options: ApiOptions): InstagramApi {
  const graph = (path: string, version = true) =>
    new URL(version ? `/${GRAPH_VERSION}/${path}` : `/${path}`, options.graphBaseUrl);
  const get = async (url: URL, params: Record<string, string>, extra: Partial<CallSpec> = {}) => {
    url.search = new URLSearchParams(params).toString();
    return (await callGraph(options, { method: 'GET', url, kind: 'repeatable', ...extra })).body;
  };
  const post = async (path: string, params: Record<string, string>, kind: CallKind) =>
    (await callGraph(options, { method: 'POST', url: graph(path), kind, body: new URLSearchParams(params) })).body;
  const readToken = (body: unknown): InstagramToken => {
    const expiresIn = readField(body, 'expires_in');
    return {
      accessToken: readString(body, 'access_token'),
      expiresIn: typeof expiresIn === 'number' ? expiresIn : undefined,
    };
  };

  return {
    // Business Login, step 2: https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login
    // The server checked `state` before calling here; Instagram's Business Login takes no PKCE. Its numeric
    // `user_id` may exceed 2^53 and lose digits in JSON.parse: the account id is read from /me instead.
    exchangeCode: async ({ code, redirectUri }) =>
      (await exchangeCode(tokenContext(options), { code, redirectUri })).accessToken,
    // https://developers.facebook.com/docs/instagram-platform/reference/access_token
    exchangeForLongLived: async (shortLived) =>
      readToken(
        await get(
          graph('access_token', false),
          { grant_type: 'ig_exchange_token', client_secret: options.appSecret, access_token: shortLived },
          { tokenEndpoint: true },
        ),
      ),
    // https://developers.facebook.com/docs/instagram-platform/reference/refresh_access_token
    refreshLongLived: async (longLived) =>
      readToken(
        await get(
          graph('refresh_access_token', false),
          { grant_type: 'ig_refresh_token', access_token: longLived },
          { tokenEndpoint: true },
        ),
      ),
    // https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/get-started#fields
    async readMe(token) {
      const body = await get(graph('me'), { fields: 'user_id,username', access_token: token });
      const userId = readField(body, 'user_id');
      if (typeof userId !== 'string' && typeof userId !== 'number') throw unreadable('user_id');
      return { userId: String(userId), username: readString(body, 'username') };
    },
    // https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit
    async readPublishingLimit(token, userId) {
      const body = await get(graph(`${encodeURIComponent(userId)}/content_publishing_limit`), {
        fields: 'quota_usage,config',
        access_token: token,
      });
      const [entry] = parseAnswer(NETWORK, 'Instagram’s content_publishing_limit', limitSchema, body).data;
      return {
        usage: entry!.quota_usage,
        total: entry!.config.quota_total,
        durationS: entry!.config.quota_duration ?? 86_400,
      };
    },
    // https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media#creating
    // An unpublished container shows nowhere and expires within 24 hours: creating another is harmless.
    createContainer: async (token, userId, params) =>
      readString(
        await post(`${encodeURIComponent(userId)}/media`, { ...params, access_token: token }, 'repeatable'),
        'id',
      ),
    // https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container
    async readContainer(token, containerId) {
      const body = await get(graph(encodeURIComponent(containerId)), {
        fields: 'status_code,status',
        access_token: token,
      });
      const { status_code: statusCode, status } = parseAnswer(NETWORK, 'Instagram’s container', containerSchema, body);
      return { statusCode, status: status ?? '' };
    },
    // https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media_publish
    publishContainer: async (token, userId, containerId) =>
      readString(
        await post(
          `${encodeURIComponent(userId)}/media_publish`,
          { creation_id: containerId, access_token: token },
          'effect',
        ),
        'id',
        'effect',
      ),
    // https://developers.facebook.com/docs/instagram-platform/reference/instagram-media
    readPermalink: async (token, mediaId) =>
      readString(
        await get(graph(encodeURIComponent(mediaId)), { fields: 'permalink', access_token: token }),
        'permalink',
      ),
    // https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-media/comments#creating
    createComment: async (token, mediaId, message) =>
      readString(
        await post(`${encodeURIComponent(mediaId)}/comments`, { message, access_token: token }, 'effect'),
        'id',
        'effect',
      ),
    // https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-comment/replies#creating
    createReply: async (token, commentId, message) =>
      readString(
        await post(`${encodeURIComponent(commentId)}/replies`, { message, access_token: token }, 'effect'),
        'id',
        'effect',
      ),
  };
}

/**
 * The token endpoint for the authorisation code, as shared/oauth.ts calls it: app id and secret in the form.
 * Its answer is not RFC 6749's — no token_type, the fields inside `data[0]` in Business Login's documented
 * answer and at the top in older ones — and its errors are Instagram's own shapes, mapped by toInstagramError.
 */
function tokenContext(options: ApiOptions): OAuthContext {
  return {
    network: NETWORK,
    label: 'Instagram',
    tokenEndpoint: new URL('/oauth/access_token', options.apiBaseUrl).toString(),
    client: { method: 'post', clientId: options.appId, clientSecret: options.appSecret },
    timeoutMs: options.timeoutMs,
    tokenAnswer: 'top-or-data-list',
    toError: (status, header, text) =>
      toInstagramError(status, header, text, { kind: 'repeatable', tokenEndpoint: true }),
  };
}

/** https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit */
const limitSchema = z.object({
  data: z
    .array(
      z.object({
        quota_usage: z.number(),
        config: z.object({ quota_total: z.number(), quota_duration: optionalField(z.number()) }),
      }),
    )
    .min(1),
});

/** https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container#fields */
const containerSchema = z.object({
  status_code: z.enum(['EXPIRED', 'ERROR', 'FINISHED', 'IN_PROGRESS', 'PUBLISHED']),
  status: optionalField(z.string()),
});

/** The Graph error object; only `code` is needed to map it. */
const graphErrorSchema = z.object({
  error: z.object({
    code: z.number(),
    message: optionalField(z.string()),
    error_user_msg: optionalField(z.string()),
    type: optionalField(z.string()),
    error_subcode: optionalField(z.number()),
    fbtrace_id: optionalField(z.string()),
    is_transient: optionalField(z.boolean()),
  }),
});

interface CallSpec {
  method: 'GET' | 'POST';
  url: URL;
  kind: CallKind;
  body?: URLSearchParams;
  /** A token endpoint: a refused code or token there means "authorise again". */
  tokenEndpoint?: boolean;
}

async function callGraph(options: ApiOptions, spec: CallSpec): Promise<{ body: unknown }> {
  let response: Response;
  let text: string;
  try {
    response = await outboundFetch(spec.url, {
      method: spec.method,
      headers: { accept: 'application/json' },
      body: spec.body,
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw toNetworkError(error, spec.kind, { network: NETWORK, label: 'Instagram' });
  }
  if (!response.ok) {
    throw toInstagramError(response.status, (name) => response.headers.get(name) ?? undefined, text, spec);
  }
  return { body: parseJson(text, spec.kind, `${spec.method} ${spec.url.pathname}`, response.status) };
}

function parseJson(text: string, kind: CallKind, what: string, status: number): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const code = kind === 'effect' ? 'unknown_outcome' : 'unavailable';
    throw new ConnectorError(NETWORK, code, `Instagram: ${what} answered ${status} with no JSON`, { cause: error });
  }
}

/** Application, user, page and custom rate limits: https://developers.facebook.com/docs/graph-api/overview/rate-limiting */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
/** "You reached the maximum number of posts that is allowed to be published by Content Publishing API." */
export const PUBLISHING_LIMIT_SUBCODE = 2207042;
/** Instagram's own "try again" errors: code -1 and -2 (server error, download timeout), 1 and 2. */
const TRANSIENT_CODES = new Set([-2, -1, 1, 2]);
const isAuthCode = (code: number) => code === 190 || code === 102 || code === 10 || (code >= 200 && code <= 299);

/**
 * A Graph error object `{error: {message, type, code, error_subcode, is_transient, error_user_msg, fbtrace_id}}`
 * as a code. Instagram answers most errors with 400 whatever their kind: the code in the body decides.
 */
export function toInstagramError(
  status: number,
  header: (name: string) => string | undefined,
  text: string,
  spec: Pick<CallSpec, 'kind' | 'tokenEndpoint'>,
): ConnectorError {
  const error = readGraphError(text);
  const trace = error?.fbtraceId ? ` (fbtrace_id ${error.fbtraceId})` : '';
  const said = error ? (error.userMessage ?? error.message) : summariseText(text);
  const message = `Instagram answered ${status}: ${said}${trace}`;
  const fail = (code: ConnectorError['code'], extra: { retryAfterMs?: number } = {}) =>
    new ConnectorError(NETWORK, code, message, extra);
  if (error) {
    if (error.subcode === PUBLISHING_LIMIT_SUBCODE) return fail('rate_limited', { retryAfterMs: 60 * 60_000 });
    if (RATE_LIMIT_CODES.has(error.code)) return fail('rate_limited', { retryAfterMs: readRetryAfterMs(header) });
    if (isAuthCode(error.code)) return fail('auth_expired');
    // A used or wrong code, or a token that cannot be exchanged, at a token endpoint.
    if (spec.tokenEndpoint && (error.type === 'OAuthException' || error.code === 100)) return fail('auth_expired');
    if (TRANSIENT_CODES.has(error.code) || error.isTransient) {
      return fail(status >= 500 && spec.kind === 'effect' ? 'unknown_outcome' : 'unavailable');
    }
  } else if (spec.tokenEndpoint && status === 400) {
    // The Instagram token endpoint's own shape: {"error_type": "OAuthException", "code": 400, "error_message": …}
    if (/OAuthException/.test(text)) return fail('auth_expired');
  }
  if (status === 429) return fail('rate_limited', { retryAfterMs: readRetryAfterMs(header) });
  if (status === 401) return fail('auth_expired');
  if (status === 502 || status === 504) return fail(spec.kind === 'effect' ? 'unknown_outcome' : 'unavailable');
  if (status >= 500) return fail('unavailable');
  return fail('rejected');
}

interface GraphError {
  message: string;
  userMessage: string | undefined;
  type: string | undefined;
  code: number;
  subcode: number | undefined;
  fbtraceId: string | undefined;
  isTransient: boolean;
}

function readGraphError(text: string): GraphError | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = graphErrorSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const { error } = parsed.data;
  return {
    message: error.message ?? 'no message',
    userMessage: error.error_user_msg,
    type: error.type,
    code: error.code,
    subcode: error.error_subcode,
    fbtraceId: error.fbtrace_id,
    isTransient: error.is_transient === true,
  };
}

/**
 * Graph sends no Retry-After; the usage headers say, in minutes, `estimated_time_to_regain_access`. Without
 * them the windows are one hour long.
 */
function readRetryAfterMs(header: (name: string) => string | undefined): number {
  const minutes: number[] = [];
  for (const name of ['x-business-use-case-usage', 'x-app-usage']) {
    const value = header(name);
    if (!value) continue;
    try {
      collectRegainTimes(JSON.parse(value) as unknown, minutes);
    } catch {
      // A header we cannot read says nothing.
    }
  }
  return minutes.length > 0 ? Math.max(...minutes) * 60_000 || 60_000 : 60 * 60_000;
}

function collectRegainTimes(value: unknown, into: number[]): void {
  if (Array.isArray(value)) for (const item of value) collectRegainTimes(item, into);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'estimated_time_to_regain_access' && typeof inner === 'number') into.push(inner);
      else collectRegainTimes(inner, into);
    }
  }
}

function unreadable(field: string, kind: CallKind = 'repeatable'): ConnectorError {
  const code = kind === 'effect' ? 'unknown_outcome' : 'unavailable';
  return new ConnectorError(NETWORK, code, `Instagram's answer has no readable "${field}"`);
}

function readString(body: unknown, field: string, kind: CallKind = 'repeatable'): string {
  const value = readField(body, field);
  if (typeof value !== 'string' || value === '') throw unreadable(field, kind);
  return value;
}
