// Connecting an Instagram professional account with Business Login for Instagram: the authorisation window
// at instagram.com (state; no PKCE), the code for a short-lived token (one hour), that for a long-lived one
// (60 days), refreshed for 60 more days before it expires. The account is read from /me.
// https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login
// https://developers.facebook.com/docs/instagram-platform/reference/refresh_access_token
import type { ChannelCredentials, ConnectedAccount, OAuthStart } from '../connector.js';
import { ConnectorError } from '../errors.js';
import type { InstagramApi, InstagramToken } from './api.js';
import { NETWORK } from './rules.js';

/**
 * instagram_business_basic: the account (/me). instagram_business_content_publish: containers and
 * media_publish. instagram_business_manage_comments: the first comment and answers.
 * https://developers.facebook.com/docs/permissions#i
 */
export const SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_comments',
];

/** A long-lived token lasts 60 days; Rostra renews it a week early, so a failed refresh has days to succeed. */
const REFRESH_EARLY_MS = 7 * 24 * 3_600_000;
const LONG_LIVED_S = 60 * 24 * 3600;

export interface InstagramSession {
  userId: string;
  username: string;
  accessToken: string;
}

export function startOAuth(
  input: { redirectUri: string; state: string },
  loginBaseUrl: string,
  appId: string,
): OAuthStart {
  const url = new URL('/oauth/authorize', loginBaseUrl);
  url.search = new URLSearchParams({
    client_id: appId,
    redirect_uri: input.redirectUri,
    response_type: 'code',
    scope: SCOPES.join(','),
    state: input.state,
  }).toString();
  return { url: url.toString(), pending: { flow: 'instagram' } };
}

export async function finishOAuth(
  input: { redirectUri: string; code: string; pending: Record<string, string> },
  api: InstagramApi,
  now: () => number,
): Promise<ConnectedAccount> {
  if (input.pending.flow !== 'instagram') {
    throw new ConnectorError(NETWORK, 'rejected', 'This Instagram connection was not started here: start again');
  }
  // Instagram appends `#_` to the redirect; a code copied with it is refused, so it is cut off.
  const code = input.code.replace(/#_$/, '');
  const shortLived = await api.exchangeCode({ code, redirectUri: input.redirectUri });
  const longLived = await api.exchangeForLongLived(shortLived);
  const me = await api.readMe(longLived.accessToken);
  return {
    accountId: me.userId,
    name: `@${me.username}`,
    credentials: toCredentials({ ...me, accessToken: longLived.accessToken }, longLived, now),
  };
}

export async function refreshSession(
  credentials: ChannelCredentials,
  api: InstagramApi,
  now: () => number,
): Promise<ChannelCredentials> {
  const session = readSession(credentials);
  const renewed = await api.refreshLongLived(session.accessToken);
  return toCredentials({ ...session, accessToken: renewed.accessToken }, renewed, now);
}

export function readSession(credentials: ChannelCredentials): InstagramSession {
  const { userId, username, accessToken } = credentials.data;
  if (!userId || !accessToken) {
    throw new ConnectorError(NETWORK, 'auth_expired', 'This channel has no Instagram token: reconnect it');
  }
  return { userId, username: username ?? '', accessToken };
}

function toCredentials(session: InstagramSession, token: InstagramToken, now: () => number): ChannelCredentials {
  const lifetimeMs = (token.expiresIn ?? LONG_LIVED_S) * 1000;
  return {
    data: { userId: session.userId, username: session.username, accessToken: session.accessToken },
    expiresAt: now() + Math.max(lifetimeMs - REFRESH_EARLY_MS, lifetimeMs / 2),
  };
}
