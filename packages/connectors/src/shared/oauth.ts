// OAuth 2.0's authorization code flow for the networks that speak it (X, Mastodon, LinkedIn, Instagram): the
// authorization URL (with PKCE when the network takes it), the code exchange and the refresh built and sent by
// oauth4webapi through outboundFetch, the token answer read through one zod schema, and an OAuth error answer
// (RFC 6749 §5.2) as a ConnectorError. Each network's quirks are the options it passes, documented in its folder.
import * as oauth from 'oauth4webapi';
import { z } from 'zod';
import { ConnectorError } from '../errors.js';
import { outboundFetch } from '../outbound.js';
import { codeForStatus, summariseText, toNetworkError } from './network-errors.js';
import { readField } from './network-json.js';
import { createPkce } from './pkce.js';
import { parseRetryAfterMs } from './retry-after.js';

/** How the app proves itself at the token endpoint. */
export type ClientAuth =
  /** client_id and client_secret in the form body (RFC 6749 §2.3.1, `client_secret_post`): LinkedIn, Mastodon. */
  | { method: 'post'; clientId: string; clientSecret: string }
  /**
   * HTTP Basic over base64(`client_id:client_secret`) exactly as the network documents it (X). oauth4webapi's
   * ClientSecretBasic form-encodes both first (RFC 6749 §2.3.1), so a secret with `-` or `_` (X's have them)
   * would reach the network as `%2D`/`%5F` — https://github.com/panva/oauth4webapi/issues/148
   */
  | { method: 'basic'; clientId: string; clientSecret: string }
  /** A public client: only client_id, in the form (X without a secret, PKCE only). */
  | { method: 'none'; clientId: string };

export interface OAuthContext {
  network: string;
  /** How a person knows the network: "X", "LinkedIn". */
  label: string;
  /** The server tried, when a person typed it (a Mastodon instance): named in messages. */
  host?: string | undefined;
  tokenEndpoint: string;
  client: ClientAuth;
  /** Per call, response body included. */
  timeoutMs: number;
  /**
   * OAuth error codes that, like `invalid_grant`, mean the code or refresh token is used, expired or forged, so
   * only a new authorisation helps. X answers `invalid_request` for those.
   */
  refusedGrantErrors?: readonly string[];
  /** When a 429 says to call again, from the network's headers; Retry-After otherwise. */
  readRetryAfterMs?: (header: (name: string) => string | undefined, now: number) => number | undefined;
  /**
   * Where the token's fields are: at the top of the answer (RFC 6749 §5.1, the default), or, for Instagram
   * Login, inside `data[0]` in some versions of its answer (`{"data": [{access_token, user_id, permissions}]}`)
   * and at the top in others, so both are read.
   */
  tokenAnswer?: 'top' | 'top-or-data-list';
  /**
   * The network's own error answers at its token endpoint, when they are not RFC 6749's §5.2 (Instagram answers
   * `{error_type, code, error_message}` or a Graph error object): replaces toOAuthError's mapping.
   */
  toError?: (status: number, header: (name: string) => string | undefined, text: string) => ConnectorError;
  now?: () => number;
}

/** A token answer (RFC 6749 §5.1), with the fields networks add that Rostra keeps. */
export interface TokenSet {
  accessToken: string;
  /** Absent when the app gets none (LinkedIn without programmatic refresh, X without offline.access). */
  refreshToken: string | undefined;
  /** Seconds. */
  expiresIn: number | undefined;
  /** Seconds; LinkedIn's `refresh_token_expires_in`. */
  refreshTokenExpiresIn: number | undefined;
  /** As the network wrote it: space-separated (RFC 6749 §3.3), comma-separated at LinkedIn. */
  scope: string | undefined;
}

/**
 * Read leniently: `token_type`, which RFC 6749 requires and oauth4webapi's own response processing insists on,
 * is absent from LinkedIn's documented answer, so this schema reads the answer rather than that processing.
 * Numbers may come as numeric strings; an empty string is no value.
 */
const seconds = z.preprocess(
  (value) => (typeof value === 'string' && value.trim() !== '' ? Number(value) : value),
  z.number().positive().finite().optional().catch(undefined),
);
const optionalText = z.string().optional().catch(undefined);
const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: optionalText,
  expires_in: seconds,
  refresh_token_expires_in: seconds,
  scope: optionalText,
});

/** Instagram Login's `{"data": [{…}]}`, read as its first entry; an answer without that list, as it is. */
const tokenInDataListSchema = z.preprocess((body) => {
  const data = readField(body, 'data');
  return Array.isArray(data) ? (data[0] as unknown) : body;
}, tokenAnswerSchema);

const oauthErrorSchema = z.object({
  error: z.string().min(1),
  error_description: z.string().optional().catch(undefined),
});

export interface AuthorizationRequest {
  clientId: string;
  redirectUri: string;
  /** As the network separates them: spaces (RFC 6749 §3.3), commas at Facebook. */
  scope: string;
  state: string;
}

/** Where to send the person: the authorization endpoint with response_type=code (RFC 6749 §4.1.1). */
export function authorizationUrl(endpoint: string, input: AuthorizationRequest & { codeChallenge?: string }): string {
  const url = new URL(endpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    scope: input.scope,
    state: input.state,
  };
  if (input.codeChallenge !== undefined) {
    params.code_challenge = input.codeChallenge;
    params.code_challenge_method = 'S256';
  }
  url.search = new URLSearchParams(params).toString();
  return url.toString();
}

/** The authorization URL with a PKCE challenge (S256); the verifier is kept with the pending login. */
export async function authorizationUrlWithPkce(
  endpoint: string,
  input: AuthorizationRequest,
): Promise<{ url: string; codeVerifier: string }> {
  const { codeVerifier, codeChallenge } = await createPkce();
  return { url: authorizationUrl(endpoint, { ...input, codeChallenge }), codeVerifier };
}

/**
 * The code for tokens (RFC 6749 §4.1.3). A code works once: repeating the call after a lost answer is refused
 * (auth_expired), never doubled, so the call is repeatable. The state was checked by the server already.
 */
export async function exchangeCode(
  context: OAuthContext,
  input: { code: string; redirectUri: string; codeVerifier?: string | undefined },
): Promise<TokenSet> {
  const { as, client } = endpointOf(context);
  return readTokenAnswer(context, () => {
    const callback = oauth.validateAuthResponse(
      as,
      client,
      new URLSearchParams({ code: input.code }),
      oauth.skipStateCheck,
    );
    return oauth.authorizationCodeGrantRequest(
      as,
      client,
      clientAuthentication(context.client),
      callback,
      input.redirectUri,
      input.codeVerifier ?? oauth.nopkce,
      requestOptions(context),
    );
  });
}

/** A refresh token for new tokens (RFC 6749 §6). Whether the network rotates it is the caller's business. */
export async function refreshTokens(context: OAuthContext, refreshToken: string): Promise<TokenSet> {
  const { as, client } = endpointOf(context);
  return readTokenAnswer(context, () =>
    oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuthentication(context.client),
      refreshToken,
      requestOptions(context),
    ),
  );
}

/**
 * A token endpoint's error answer as a code: a refused grant (invalid_grant and the network's equivalents) or
 * a refused client (401, invalid_client) means the person must connect again (`auth_expired`); 429 waits; the
 * rest is the shared status mapping.
 */
export function toOAuthError(
  status: number,
  header: (name: string) => string | undefined,
  text: string,
  context: Pick<OAuthContext, 'network' | 'label' | 'host' | 'refusedGrantErrors' | 'readRetryAfterMs'>,
  now = Date.now(),
): ConnectorError {
  const parsed = parseJson(text, oauthErrorSchema);
  const detail = parsed
    ? [parsed.error, parsed.error_description].filter((part) => part !== undefined && part !== '').join(': ')
    : summariseText(text);
  const where = context.host ? `${context.label} at ${context.host}` : context.label;
  const message = `${where} answered ${status}: ${detail}`;
  if (status === 429) {
    const retryAfterMs = (context.readRetryAfterMs ?? readRetryAfter)(header, now);
    return new ConnectorError(
      context.network,
      'rate_limited',
      message,
      retryAfterMs === undefined ? {} : { retryAfterMs },
    );
  }
  const grantRefused = parsed && ['invalid_grant', ...(context.refusedGrantErrors ?? [])].includes(parsed.error);
  if (grantRefused || status === 401 || parsed?.error === 'invalid_client')
    return refusedGrant(context.network, message);
  return new ConnectorError(context.network, codeForStatus(status, 'repeatable'), message);
}

/**
 * A token endpoint refused the code or the token (used, expired, revoked, forged) or the app: only the person
 * authorising again helps. Also for the token calls outside RFC 6749 (Facebook's fb_exchange_token).
 */
export function refusedGrant(network: string, message: string): ConnectorError {
  return new ConnectorError(network, 'auth_expired', `${message} (connect the account again)`);
}

function readRetryAfter(header: (name: string) => string | undefined, now: number): number | undefined {
  return parseRetryAfterMs(header('retry-after'), now);
}

async function readTokenAnswer(context: OAuthContext, send: () => Promise<Response>): Promise<TokenSet> {
  const where = context.host ? `${context.label} at ${context.host}` : context.label;
  let response: Response;
  let text: string;
  try {
    response = await send();
    text = await response.text();
  } catch (error) {
    throw toNetworkError(error, 'repeatable', { network: context.network, label: context.label, host: context.host });
  }
  if (!response.ok) {
    const header = (name: string) => response.headers.get(name) ?? undefined;
    if (context.toError) throw context.toError(response.status, header, text);
    throw toOAuthError(response.status, header, text, context, (context.now ?? Date.now)());
  }
  const tokens = parseTokenAnswer(text, context.tokenAnswer);
  if (!tokens) {
    throw new ConnectorError(
      context.network,
      'unavailable',
      `${where} answered the token request with ${response.status} and no readable token`,
    );
  }
  return tokens;
}

/** A successful token answer's fields, or undefined when it holds no readable token. */
export function parseTokenAnswer(text: string, where: OAuthContext['tokenAnswer'] = 'top'): TokenSet | undefined {
  const parsed = parseJson(text, where === 'top-or-data-list' ? tokenInDataListSchema : tokenAnswerSchema);
  if (!parsed) return undefined;
  return {
    accessToken: parsed.access_token,
    refreshToken: parsed.refresh_token || undefined,
    expiresIn: parsed.expires_in,
    refreshTokenExpiresIn: parsed.refresh_token_expires_in,
    scope: parsed.scope,
  };
}

function parseJson<T>(text: string, schema: z.ZodType<T>): T | undefined {
  try {
    const result = schema.safeParse(JSON.parse(text));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

function endpointOf(context: OAuthContext): { as: oauth.AuthorizationServer; client: oauth.Client } {
  const endpoint = new URL(context.tokenEndpoint);
  return {
    as: { issuer: endpoint.origin, token_endpoint: endpoint.toString() },
    client: { client_id: context.client.clientId },
  };
}

function clientAuthentication(auth: ClientAuth): oauth.ClientAuth {
  switch (auth.method) {
    case 'post':
      return oauth.ClientSecretPost(auth.clientSecret);
    case 'none':
      return oauth.None();
    case 'basic': {
      const basic = Buffer.from(`${auth.clientId}:${auth.clientSecret}`, 'utf8').toString('base64');
      return (_as, _client, _body, headers) => {
        headers.set('authorization', `Basic ${basic}`);
      };
    }
  }
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

function requestOptions(context: OAuthContext): oauth.TokenEndpointRequestOptions {
  return {
    [oauth.customFetch]: (url, options) => outboundFetch(url, options),
    // One deadline for the answer and its body: read within the same signal.
    signal: AbortSignal.timeout(context.timeoutMs),
    // oauth4webapi refuses plain http; a fake or a development server on this machine is the one exception.
    [oauth.allowInsecureRequests]: LOOPBACK.has(new URL(context.tokenEndpoint).hostname),
  };
}
