// The HTTP calls Rostra makes to LinkedIn (Node's fetch, no client library), and the one place where their
// failures become ConnectorError codes. Versioned REST API: every /rest call names the API version it was
// written against. https://learn.microsoft.com/en-us/linkedin/marketing/versioning
// Errors: https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling
import { z } from 'zod';
import { ConnectorError } from '../errors.js';
import { type CallKind, codeForStatus, summariseText, toNetworkError } from '../shared/network-errors.js';
import { readField } from '../shared/network-json.js';
import { exchangeCode, type OAuthContext, refreshTokens, type TokenSet } from '../shared/oauth.js';
import { parseRetryAfterMs } from '../shared/retry-after.js';
import { outboundFetch } from '../outbound.js';
import { NETWORK } from './rules.js';

/**
 * The `LinkedIn-Version` (YYYYMM) this connector was written against. LinkedIn sunsets a version about a year
 * after its release: bump it here, in one place, after checking the changelog.
 * https://learn.microsoft.com/en-us/linkedin/marketing/versioning
 */
export const LINKEDIN_VERSION = '202510';

export interface ApiOptions {
  /** https://www.linkedin.com (OAuth pages and token endpoint). */
  authBaseUrl: string;
  /** https://api.linkedin.com */
  apiBaseUrl: string;
  /** Per call, response body included. */
  timeoutMs: number;
  clientId: string;
  clientSecret: string;
}

/** https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow#step-3-exchange-authorization-code-for-an-access-token */
export interface TokenAnswer {
  accessToken: string;
  /** Seconds. */
  expiresIn: number;
  /** Only for apps LinkedIn enrolled in programmatic refresh tokens. */
  refreshToken?: string;
  refreshTokenExpiresIn?: number;
  scopes: string[];
}

/** https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2#api-request-to-retreive-member-details */
export interface Member {
  /** The member id: `urn:li:person:<sub>`. */
  sub: string;
  name: string;
}

/** https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role */
export interface OrganizationRole {
  organization: string;
  role: string;
}

/** https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api */
export interface Organization {
  id: string;
  localizedName: string;
}

export interface LinkedInApi {
  exchangeCode(input: { code: string; redirectUri: string }): Promise<TokenAnswer>;
  /** https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens */
  refresh(refreshToken: string): Promise<TokenAnswer>;
  /** GET /v2/userinfo (OpenID Connect) */
  getMember(accessToken: string): Promise<Member>;
  /** GET /rest/organizationAcls?q=roleAssignee, every page. */
  listOrganizationRoles(accessToken: string): Promise<OrganizationRole[]>;
  /** GET /rest/organizations/{id} */
  getOrganization(accessToken: string, id: string): Promise<Organization>;
  /** POST /rest/images?action=initializeUpload */
  initializeImageUpload(accessToken: string, owner: string): Promise<{ uploadUrl: string; image: string }>;
  /** PUT the bytes to the upload URL LinkedIn gave. */
  uploadImage(accessToken: string, uploadUrl: string, data: Uint8Array, mimeType: string): Promise<void>;
  /** POST /rest/posts: the new post's URN (x-restli-id). */
  createPost(accessToken: string, body: Record<string, unknown>): Promise<string>;
  /** POST /rest/socialActions/{urn}/comments: the new comment's URN. */
  createComment(accessToken: string, target: string, body: Record<string, unknown>): Promise<string>;
}

export function createLinkedInApi(options: ApiOptions): LinkedInApi {
  const rest = (accessToken: string) => ({
    authorization: `Bearer ${accessToken}`,
    'linkedin-version': LINKEDIN_VERSION,
    'x-restli-protocol-version': '2.0.0',
  });
  // The token endpoint (shared/oauth.ts): client_id and client_secret in the form (client_secret_post; LinkedIn
  // documents no other way), a used or expired code and an expired or revoked refresh token are invalid_grant.
  // A code works once, a refresh token until it expires: repeating either after a lost answer is refused at
  // worst (auth_expired), never doubled.
  const tokenEndpoint: OAuthContext = {
    network: NETWORK,
    label: 'LinkedIn',
    tokenEndpoint: new URL('/oauth/v2/accessToken', options.authBaseUrl).toString(),
    client: { method: 'post', clientId: options.clientId, clientSecret: options.clientSecret },
    timeoutMs: options.timeoutMs,
    readRetryAfterMs,
  };
  const toAnswer = (tokens: TokenSet): TokenAnswer => {
    // The answer documented has no token_type, and always expires_in (60 days for access tokens).
    if (tokens.expiresIn === undefined) throw unreadable('expires_in');
    return {
      accessToken: tokens.accessToken,
      expiresIn: tokens.expiresIn,
      ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
      ...(tokens.refreshTokenExpiresIn !== undefined ? { refreshTokenExpiresIn: tokens.refreshTokenExpiresIn } : {}),
      // Comma-separated at LinkedIn ("r_basicprofile,w_member_social"), where RFC 6749 separates with spaces.
      scopes: (tokens.scope ?? '').split(/[ ,]+/).filter(Boolean),
    };
  };

  return {
    exchangeCode: async ({ code, redirectUri }) => toAnswer(await exchangeCode(tokenEndpoint, { code, redirectUri })),
    refresh: async (refreshToken) => toAnswer(await refreshTokens(tokenEndpoint, refreshToken)),
    async getMember(accessToken) {
      const { body } = await callLinkedIn(options, {
        method: 'GET',
        url: new URL('/v2/userinfo', options.apiBaseUrl),
        kind: 'repeatable',
        headers: { authorization: `Bearer ${accessToken}` },
      });
      return { sub: readString(body, 'sub'), name: readOptionalString(body, 'name') ?? readString(body, 'sub') };
    },
    async listOrganizationRoles(accessToken) {
      const roles: OrganizationRole[] = [];
      const count = 100;
      for (let start = 0; ; start += count) {
        const url = new URL('/rest/organizationAcls', options.apiBaseUrl);
        url.search = new URLSearchParams({
          q: 'roleAssignee',
          state: 'APPROVED',
          start: String(start),
          count: String(count),
        }).toString();
        const { body } = await callLinkedIn(options, {
          method: 'GET',
          url,
          kind: 'repeatable',
          headers: rest(accessToken),
        });
        const elements = readArray(body, 'elements');
        for (const element of elements) {
          roles.push({ organization: readString(element, 'organization'), role: readString(element, 'role') });
        }
        const total = readOptionalNumber(readField(body, 'paging'), 'total');
        if (elements.length < count || (total !== undefined && start + count >= total)) return roles;
      }
    },
    async getOrganization(accessToken, id) {
      const { body } = await callLinkedIn(options, {
        method: 'GET',
        url: new URL(`/rest/organizations/${encodeURIComponent(id)}`, options.apiBaseUrl),
        kind: 'repeatable',
        headers: rest(accessToken),
      });
      return { id: String(readNumberOrString(body, 'id')), localizedName: readString(body, 'localizedName') };
    },
    async initializeImageUpload(accessToken, owner) {
      const { body } = await callLinkedIn(options, {
        method: 'POST',
        url: new URL('/rest/images?action=initializeUpload', options.apiBaseUrl),
        // An upload slot nobody fills or attaches is harmless: asking again is safe.
        kind: 'repeatable',
        body: JSON.stringify({ initializeUploadRequest: { owner } }),
        headers: { ...rest(accessToken), 'content-type': 'application/json' },
      });
      const value = readField(body, 'value');
      return { uploadUrl: readString(value, 'uploadUrl'), image: readString(value, 'image') };
    },
    async uploadImage(accessToken, uploadUrl, data, mimeType) {
      await callLinkedIn(options, {
        method: 'PUT',
        url: new URL(uploadUrl),
        kind: 'repeatable',
        body: new Uint8Array(data),
        headers: { authorization: `Bearer ${accessToken}`, 'content-type': mimeType },
        noJson: true,
      });
    },
    async createPost(accessToken, post) {
      const { headers } = await callLinkedIn(options, {
        method: 'POST',
        url: new URL('/rest/posts', options.apiBaseUrl),
        kind: 'effect',
        body: JSON.stringify(post),
        headers: { ...rest(accessToken), 'content-type': 'application/json' },
        noJson: true,
      });
      // "A successful response returns 201 Created, and the newly created post is identified by the
      // x-restli-id response header."
      const id = headers.get('x-restli-id');
      if (!id) throw new ConnectorError(NETWORK, 'unknown_outcome', 'LinkedIn answered 201 without the post URN');
      return id;
    },
    async createComment(accessToken, target, comment) {
      const { headers, body } = await callLinkedIn(options, {
        method: 'POST',
        url: new URL(`/rest/socialActions/${encodeURIComponent(target)}/comments`, options.apiBaseUrl),
        kind: 'effect',
        body: JSON.stringify(comment),
        headers: { ...rest(accessToken), 'content-type': 'application/json' },
      });
      const urn = headers.get('x-restli-id') ?? readOptionalString(body, 'commentUrn');
      if (!urn) throw new ConnectorError(NETWORK, 'unknown_outcome', 'LinkedIn answered 201 without the comment URN');
      return urn;
    },
  };
}

interface CallSpec {
  method: 'GET' | 'POST' | 'PUT';
  url: URL;
  kind: CallKind;
  body?: string | URLSearchParams | Uint8Array;
  headers: Record<string, string>;
  /** The answer has no JSON body worth reading (201 of a post, 201 of an upload). */
  noJson?: boolean;
}

async function callLinkedIn(
  options: ApiOptions,
  spec: CallSpec,
): Promise<{ status: number; headers: Headers; body: unknown }> {
  let response: Response;
  let text: string;
  try {
    // One deadline for the answer and its body: a body that stops halfway is as unknown as no answer.
    const signal = AbortSignal.timeout(options.timeoutMs);
    response = await outboundFetch(spec.url, {
      method: spec.method,
      headers: { accept: 'application/json', ...spec.headers },
      body: spec.body,
      signal,
    });
    text = await response.text();
  } catch (error) {
    throw toNetworkError(error, spec.kind, { network: NETWORK, label: 'LinkedIn' });
  }
  if (!response.ok) {
    throw toHttpError(response.status, (name) => response.headers.get(name) ?? undefined, text, spec.kind);
  }
  if (spec.noJson) return { status: response.status, headers: response.headers, body: undefined };
  try {
    return { status: response.status, headers: response.headers, body: JSON.parse(text) as unknown };
  } catch (error) {
    const code = spec.kind === 'effect' ? 'unknown_outcome' : 'unavailable';
    const what = `${spec.method} ${spec.url.pathname} answered ${response.status} with no JSON`;
    throw new ConnectorError(NETWORK, code, `LinkedIn: ${what}`, { cause: error });
  }
}

/**
 * An HTTP error answer as a code. The REST API answers `{status, serviceErrorCode, code, message}`; the token
 * endpoint's OAuth errors are shared/oauth.ts's.
 */
export function toHttpError(
  status: number,
  header: (name: string) => string | undefined,
  text: string,
  kind: CallKind,
  now = Date.now(),
): ConnectorError {
  const { message } = readError(text);
  const fail = (code: ConnectorError['code'], extra: { retryAfterMs?: number } = {}) =>
    new ConnectorError(NETWORK, code, `LinkedIn answered ${status}: ${message}`, extra);
  if (status === 429) return fail('rate_limited', { retryAfterMs: readRetryAfterMs(header, now) });
  // 401: the token expired or was revoked. 403: the member lost the role (no longer admin of the page) or
  // the app the permission: only a new authorisation fixes either.
  if (status === 401 || status === 403) return fail('auth_expired');
  return fail(codeForStatus(status, kind));
}

/** https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling */
const errorBodySchema = z.object({
  code: z.string().optional().catch(undefined),
  message: z.string().optional().catch(undefined),
});

function readError(text: string): { message: string } {
  try {
    const body = errorBodySchema.safeParse(JSON.parse(text));
    const parts = body.success ? [body.data.code, body.data.message].filter((part) => part !== undefined) : [];
    if (parts.length > 0) return { message: parts.join(': ') };
  } catch {
    // Not JSON: a proxy's HTML page, most likely.
  }
  return { message: summariseText(text) };
}

/**
 * LinkedIn's throttles are daily and "reset at midnight UTC"; it sends no Retry-After of its own. A proxy's
 * Retry-After (seconds or a date) wins when present.
 * https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/rate-limits
 */
export function readRetryAfterMs(header: (name: string) => string | undefined, now: number): number {
  const told = parseRetryAfterMs(header('retry-after'), now);
  if (told !== undefined) return told;
  const midnight = new Date(now);
  midnight.setUTCHours(24, 0, 0, 0);
  return midnight.getTime() - now;
}

function unreadable(field: string): ConnectorError {
  return new ConnectorError(NETWORK, 'unavailable', `LinkedIn's answer has no readable "${field}"`);
}

function readString(body: unknown, field: string): string {
  const value = readField(body, field);
  if (typeof value !== 'string' || value === '') throw unreadable(field);
  return value;
}

function readOptionalString(body: unknown, field: string): string | undefined {
  const value = readField(body, field);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function readOptionalNumber(body: unknown, field: string): number | undefined {
  const value = readField(body, field);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function readNumberOrString(body: unknown, field: string): number | string {
  const value = readField(body, field);
  if (typeof value === 'number' || (typeof value === 'string' && value !== '')) return value;
  throw unreadable(field);
}

function readArray(body: unknown, field: string): unknown[] {
  const value = readField(body, field);
  if (!Array.isArray(value)) throw unreadable(field);
  return value;
}
