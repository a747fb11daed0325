// The Graph API calls Rostra makes for Facebook Pages (Node's fetch, no SDK), and the one place where their
// failures become ConnectorError codes. Errors: https://developers.facebook.com/docs/graph-api/guides/error-handling
// Rate limits: https://developers.facebook.com/docs/graph-api/overview/rate-limiting
import { z } from 'zod';
import { ConnectorError } from '../errors.js';
import { type CallKind, codeForStatus, summariseText, toNetworkError } from '../shared/network-errors.js';
import { optionalField, readField } from '../shared/network-json.js';
import { refusedGrant } from '../shared/oauth.js';
import { outboundFetch } from '../outbound.js';
import { NETWORK } from './rules.js';

/** Every call names this Graph API version; bump it here, in one place, after reading the changelog. */
export const GRAPH_VERSION = 'v23.0';

export interface ApiOptions {
  /** https://graph.facebook.com */
  graphBaseUrl: string;
  timeoutMs: number;
  appId: string;
  appSecret: string;
}

export interface ManagedPage {
  id: string;
  name: string;
  accessToken: string;
  tasks: string[];
}

export interface FacebookApi {
  /** GET /oauth/access_token with the code: a short-lived user token. */
  exchangeCode(input: { code: string; redirectUri: string }): Promise<string>;
  /** GET /oauth/access_token?grant_type=fb_exchange_token: a long-lived user token (about 60 days). */
  exchangeForLongLived(shortLived: string): Promise<string>;
  /** GET /me/accounts, every page: the Pages the person manages, each with its Page access token. */
  listPages(userToken: string): Promise<ManagedPage[]>;
  /** POST /{page-id}/photos with published=false: a photo to attach to a post. */
  uploadPhoto(
    pageToken: string,
    pageId: string,
    photo: { data: Uint8Array; mimeType: string; alt: string },
  ): Promise<string>;
  /** POST /{page-id}/feed: the new post's id (`{page-id}_{post-id}`). */
  createPost(pageToken: string, pageId: string, form: URLSearchParams): Promise<string>;
  /** POST /{object-id}/comments: the new comment's id. */
  createComment(pageToken: string, objectId: string, message: string): Promise<string>;
}

export function createFacebookApi(options: ApiOptions): FacebookApi {
  const graph = (path: string) => new URL(`/${GRAPH_VERSION}/${path}`, options.graphBaseUrl);
  // Both token calls are Facebook's own, outside RFC 6749: the code is exchanged by GET with the app's
  // credentials in the query and no grant_type ("GET …/oauth/access_token?client_id=…&redirect_uri=…
  // &client_secret=…&code=…"), and fb_exchange_token is not an OAuth grant. Their refusals map like the
  // OAuth networks' (shared/oauth.ts's refusedGrant). https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#confirm
  const tokenCall = async (params: Record<string, string>) => {
    const url = graph('oauth/access_token');
    url.search = new URLSearchParams({
      client_id: options.appId,
      client_secret: options.appSecret,
      ...params,
    }).toString();
    // A code works once: a retry after a lost answer is refused (auth_expired) and the person starts over.
    const { body } = await callGraph(options, { method: 'GET', url, kind: 'repeatable', tokenEndpoint: true });
    return readString(body, 'access_token');
  };

  return {
    exchangeCode: ({ code, redirectUri }) => tokenCall({ redirect_uri: redirectUri, code }),
    // https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived
    exchangeForLongLived: (shortLived) => tokenCall({ grant_type: 'fb_exchange_token', fb_exchange_token: shortLived }),
    async listPages(userToken) {
      // https://developers.facebook.com/docs/graph-api/reference/user/accounts/
      const pages: ManagedPage[] = [];
      let url: URL | undefined = graph('me/accounts');
      url.search = new URLSearchParams({
        fields: 'id,name,access_token,tasks',
        limit: '100',
        access_token: userToken,
      }).toString();
      while (url) {
        const { body }: { body: unknown } = await callGraph(options, { method: 'GET', url, kind: 'repeatable' });
        const data = readField(body, 'data');
        if (!Array.isArray(data)) throw unreadable('data');
        for (const page of data) {
          const tasks = readField(page, 'tasks');
          pages.push({
            id: readString(page, 'id'),
            name: readString(page, 'name'),
            accessToken: readString(page, 'access_token'),
            tasks: Array.isArray(tasks) ? tasks.filter((t): t is string => typeof t === 'string') : [],
          });
        }
        // Cursor-based pagination: `paging.next` is absent on the last page.
        // https://developers.facebook.com/docs/graph-api/results
        const next = readField(readField(body, 'paging'), 'next');
        url = typeof next === 'string' && data.length > 0 ? new URL(next) : undefined;
      }
      return pages;
    },
    async uploadPhoto(pageToken, pageId, photo) {
      const form = new FormData();
      form.set('source', new Blob([new Uint8Array(photo.data)], { type: photo.mimeType }), 'rostra-photo');
      // Unpublished: the photo shows up only in the post that attaches it.
      // https://developers.facebook.com/docs/graph-api/reference/page/photos/#upload
      form.set('published', 'false');
      if (photo.alt !== '') form.set('alt_text_custom', photo.alt);
      form.set('access_token', pageToken);
      const { body } = await callGraph(options, {
        method: 'POST',
        url: graph(`${encodeURIComponent(pageId)}/photos`),
        // An unpublished photo nobody attaches stays hidden: uploading again is harmless.
        kind: 'repeatable',
        body: form,
      });
      return readString(body, 'id');
    },
    async createPost(pageToken, pageId, form) {
      form.set('access_token', pageToken);
      const { body } = await callGraph(options, {
        method: 'POST',
        url: graph(`${encodeURIComponent(pageId)}/feed`),
        kind: 'effect',
        body: form,
      });
      return readString(body, 'id', 'effect');
    },
    async createComment(pageToken, objectId, message) {
      // https://developers.facebook.com/docs/graph-api/reference/object/comments/#publish
      const { body } = await callGraph(options, {
        method: 'POST',
        url: graph(`${encodeURIComponent(objectId)}/comments`),
        kind: 'effect',
        body: new URLSearchParams({ message, access_token: pageToken }),
      });
      return readString(body, 'id', 'effect');
    },
  };
}

interface CallSpec {
  method: 'GET' | 'POST';
  url: URL;
  kind: CallKind;
  body?: URLSearchParams | FormData;
  /** The OAuth token endpoint: a refused code or token there means "authorise again". */
  tokenEndpoint?: boolean;
}

async function callGraph(options: ApiOptions, spec: CallSpec): Promise<{ body: unknown }> {
  let response: Response;
  let text: string;
  try {
    const signal = AbortSignal.timeout(options.timeoutMs);
    response = await outboundFetch(spec.url, {
      method: spec.method,
      headers: { accept: 'application/json' },
      body: spec.body,
      signal,
    });
    text = await response.text();
  } catch (error) {
    throw toNetworkError(error, spec.kind, { network: NETWORK, label: 'Facebook' });
  }
  if (!response.ok) {
    throw toGraphError(response.status, (name) => response.headers.get(name) ?? undefined, text, spec);
  }
  try {
    return { body: JSON.parse(text) as unknown };
  } catch (error) {
    const code = spec.kind === 'effect' ? 'unknown_outcome' : 'unavailable';
    const path = spec.url.pathname;
    throw new ConnectorError(
      NETWORK,
      code,
      `Facebook: ${spec.method} ${path} answered ${response.status} with no JSON`,
      {
        cause: error,
      },
    );
  }
}

/** https://developers.facebook.com/docs/graph-api/guides/error-handling#errorcodes */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const TRANSIENT_CODES = new Set([1, 2]);
/** Invalid or expired token (190), session errors (102), missing permission (10, 200–299). */
const isAuthCode = (code: number) => code === 190 || code === 102 || code === 10 || (code >= 200 && code <= 299);

/**
 * A Graph error object `{error: {message, type, code, error_subcode, fbtrace_id}}` as a code. Graph answers
 * most errors with 400 whatever their kind, so the code in the body decides, not the HTTP status.
 */
export function toGraphError(
  status: number,
  header: (name: string) => string | undefined,
  text: string,
  spec: Pick<CallSpec, 'kind' | 'tokenEndpoint'>,
): ConnectorError {
  const error = readGraphError(text);
  const trace = error?.fbtraceId ? ` (fbtrace_id ${error.fbtraceId})` : '';
  const message = `Facebook answered ${status}: ${error?.message ?? summariseText(text)}${trace}`;
  const fail = (code: ConnectorError['code'], extra: { retryAfterMs?: number } = {}) =>
    new ConnectorError(NETWORK, code, message, extra);
  if (error) {
    // Application (4), user (17), page (32) and custom (613) rate limits, and business use case limits (8000x).
    if (RATE_LIMIT_CODES.has(error.code) || (error.code >= 80000 && error.code <= 80014)) {
      return fail('rate_limited', { retryAfterMs: readRetryAfterMs(header) });
    }
    if (isAuthCode(error.code)) return fail('auth_expired');
    // A used or wrong code at the token endpoint: "This authorization code has been used" (100 / 36009…).
    if (spec.tokenEndpoint && error.type === 'OAuthException') return refusedGrant(NETWORK, message);
    if (TRANSIENT_CODES.has(error.code) || error.isTransient) return fail('unavailable');
  }
  if (status === 429) return fail('rate_limited', { retryAfterMs: readRetryAfterMs(header) });
  if (status === 401) return fail('auth_expired');
  return fail(codeForStatus(status, spec.kind));
}

interface GraphError {
  message: string;
  type: string | undefined;
  code: number;
  subcode: number | undefined;
  fbtraceId: string | undefined;
  isTransient: boolean;
}

/** https://developers.facebook.com/docs/graph-api/guides/error-handling#receiving-errorcodes */
const graphErrorSchema = z.object({
  error: z.object({
    code: z.number(),
    message: optionalField(z.string()),
    type: optionalField(z.string()),
    error_subcode: optionalField(z.number()),
    fbtrace_id: optionalField(z.string()),
    is_transient: optionalField(z.boolean()),
  }),
});

function readGraphError(text: string): GraphError | undefined {
  try {
    const error = graphErrorSchema.safeParse(JSON.parse(text));
    if (!error.success) return undefined;
    const { message, type, code, error_subcode, fbtrace_id, is_transient } = error.data.error;
    return {
      message: message ?? 'no message',
      type,
      code,
      subcode: error_subcode,
      fbtraceId: fbtrace_id,
      isTransient: is_transient === true,
    };
  } catch {
    return undefined;
  }
}

/**
 * Graph sends no Retry-After. The usage headers (`X-Business-Use-Case-Usage`, `X-Page-Usage`…) say, in
 * minutes, `estimated_time_to_regain_access`; without them the windows are one hour long.
 */
export function readRetryAfterMs(header: (name: string) => string | undefined): number {
  const minutes: number[] = [];
  for (const name of ['x-business-use-case-usage', 'x-page-usage', 'x-app-usage']) {
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
  return new ConnectorError(NETWORK, code, `Facebook's answer has no readable "${field}"`);
}

function readString(body: unknown, field: string, kind: CallKind = 'repeatable'): string {
  const value = readField(body, field);
  if (typeof value !== 'string' || value === '') throw unreadable(field, kind);
  return value;
}
