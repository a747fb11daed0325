// Connecting an X account: OAuth 2.0 Authorization Code Flow with PKCE (S256), with `offline.access` so
// that a refresh token comes back; access tokens live two hours, and each refresh rotates the refresh token.
// What Rostra stores for a channel, and how it reads it back.
// https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
import type { ChannelCredentials, ConnectedAccount, OAuthStart } from '../connector.js';
import { ConnectorError } from '../errors.js';
import {
  authorizationUrlWithPkce,
  exchangeCode,
  type OAuthContext,
  refreshTokens,
  type TokenSet,
} from '../shared/oauth.js';
import { createXApi, readRetryAfterMs, type ApiOptions, type XClient } from './api.js';
import { NETWORK } from './rules.js';

/**
 * tweet.write and media.write to publish, users.read (with tweet.read, which /2/users/me requires) to know
 * whose account it is, offline.access for a refresh token. https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code
 */
export const SCOPES = ['tweet.read', 'tweet.write', 'users.read', 'media.write', 'offline.access'] as const;

export interface SessionContext {
  api: ApiOptions;
  client: XClient;
  /** https://x.com/i/oauth2/authorize */
  authorizeUrl: string;
  /** Injected for tests of expiry; Date.now otherwise. */
  now: () => number;
}

export interface XSession {
  accessToken: string;
  userId: string;
  username: string;
}

export async function startOAuth(
  input: { redirectUri: string; state: string; fields: Record<string, string> },
  context: SessionContext,
): Promise<OAuthStart> {
  const { url, codeVerifier } = await authorizationUrlWithPkce(context.authorizeUrl, {
    clientId: context.client.clientId,
    redirectUri: input.redirectUri,
    scope: SCOPES.join(' '),
    state: input.state,
  });
  return { url, pending: { codeVerifier } };
}

export async function finishOAuth(
  input: { redirectUri: string; code: string; pending: Record<string, string> },
  context: SessionContext,
): Promise<ConnectedAccount> {
  const { codeVerifier } = input.pending;
  if (!codeVerifier) {
    throw new ConnectorError(NETWORK, 'rejected', 'This X connection was not started here: start again');
  }
  const tokens = await exchangeCode(tokenEndpoint(context), {
    code: input.code,
    redirectUri: input.redirectUri,
    codeVerifier,
  });
  const user = await createXApi({ accessToken: tokens.accessToken }, context.api).getMe();
  return {
    accountId: user.id,
    name: `@${user.username}`,
    credentials: toCredentials(tokens, { userId: user.id, username: user.username }, undefined, context.now()),
  };
}

/**
 * A new access token from the refresh token. X rotates refresh tokens: the one sent stops working, and the one
 * answered is the only one left, so it replaces it in what is stored. A lost answer therefore loses the channel
 * (the old token is spent); that is X's design, and the refusal that follows asks the person to reconnect.
 */
export async function refreshSession(
  credentials: ChannelCredentials,
  context: SessionContext,
): Promise<ChannelCredentials> {
  const { refreshToken, userId, username } = credentials.data;
  if (!refreshToken) {
    throw new ConnectorError(NETWORK, 'auth_expired', 'This X channel has no refresh token: connect it again');
  }
  const tokens = await refreshTokens(tokenEndpoint(context), refreshToken);
  return toCredentials(tokens, { userId: userId ?? '', username: username ?? '' }, refreshToken, context.now());
}

/**
 * X's token endpoint, POST /2/oauth2/token on the API's host. A confidential client authenticates with HTTP
 * Basic over base64(client_id:client_secret), not form-encoded first ("you will need to use a basic
 * authentication scheme"); a public one names itself with client_id in the form. A used, expired or forged
 * code or refresh token, or a wrong PKCE verifier, is answered `invalid_request` ("Value passed for the token
 * was invalid.") where RFC 6749 says invalid_grant: either way the person connects again.
 * https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token
 */
function tokenEndpoint(context: SessionContext): OAuthContext {
  const { clientId, clientSecret } = context.client;
  return {
    network: NETWORK,
    label: 'X',
    tokenEndpoint: `${context.api.apiBaseUrl.replace(/\/+$/, '')}/2/oauth2/token`,
    client: clientSecret === undefined ? { method: 'none', clientId } : { method: 'basic', clientId, clientSecret },
    timeoutMs: context.api.timeoutMs,
    refusedGrantErrors: ['invalid_request'],
    readRetryAfterMs,
    now: context.now,
  };
}

function toCredentials(
  tokens: TokenSet,
  account: { userId: string; username: string },
  previousRefreshToken: string | undefined,
  now: number,
): ChannelCredentials {
  const data: Record<string, string> = {
    accessToken: tokens.accessToken,
    userId: account.userId,
    username: account.username,
  };
  // X always answers a new one when offline.access was granted; keeping the previous one otherwise is the best
  // chance left, rather than none.
  const refreshToken = tokens.refreshToken ?? previousRefreshToken;
  if (refreshToken) data.refreshToken = refreshToken;
  if (tokens.scope) data.scope = tokens.scope;
  // "the access token … will only stay valid for two hours": 7200 when X does not say.
  return { data, expiresAt: now + (tokens.expiresIn ?? 7200) * 1000 };
}

export function readSession(credentials: ChannelCredentials): XSession {
  const { accessToken, userId, username } = credentials.data;
  if (!accessToken) {
    throw new ConnectorError(NETWORK, 'auth_expired', 'This channel has no X access token: connect it again');
  }
  return { accessToken, userId: userId ?? '', username: username ?? '' };
}
