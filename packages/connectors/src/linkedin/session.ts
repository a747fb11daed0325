// Connecting LinkedIn: 3-legged OAuth (state, no PKCE: LinkedIn offers PKCE to native apps only), then the
// member and every organisation page they administer, each a channel the person may pick. Tokens live 60
// days; apps enrolled in programmatic refresh tokens also get a refresh token (a year), used ahead of expiry.
// https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow
// https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens
import type { ChannelCredentials, ConnectedAccount, OAuthStart } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { authorizationUrl } from '../shared/oauth.js';
import type { LinkedInApi, TokenAnswer } from './api.js';
import { NETWORK } from './rules.js';

/**
 * openid + profile: who the member is (/v2/userinfo). w_member_social: posting as the member.
 * w_organization_social + r_organization_admin (Community Management API): posting as a page, and finding the
 * pages the member administers. https://learn.microsoft.com/en-us/linkedin/shared/authentication/getting-access
 */
export const MEMBER_SCOPES = ['openid', 'profile', 'w_member_social'];
export const ORGANIZATION_SCOPES = ['w_organization_social', 'r_organization_admin'];

/** Roles that may post as the page; others (analysts, ads posters) cannot publish organic posts. */
const PUBLISHING_ROLES = new Set(['ADMINISTRATOR', 'CONTENT_ADMINISTRATOR']);

export interface LinkedInSession {
  accessToken: string;
  /** `urn:li:person:…` or `urn:li:organization:…`: who posts. */
  author: string;
}

export function startOAuth(
  input: { redirectUri: string; state: string },
  authBaseUrl: string,
  clientId: string,
  organizations: boolean,
): OAuthStart {
  const url = authorizationUrl(new URL('/oauth/v2/authorization', authBaseUrl).toString(), {
    clientId,
    redirectUri: input.redirectUri,
    state: input.state,
    scope: [...MEMBER_SCOPES, ...(organizations ? ORGANIZATION_SCOPES : [])].join(' '),
  });
  // Nothing to keep: the app's credentials are Rostra's own, and the state is checked by Rostra.
  return { url, pending: { flow: 'linkedin' } };
}

export async function finishOAuth(
  input: { redirectUri: string; code: string; pending: Record<string, string> },
  api: LinkedInApi,
  now: number,
): Promise<ConnectedAccount | ConnectedAccount[]> {
  if (input.pending.flow !== 'linkedin') {
    throw new ConnectorError(NETWORK, 'rejected', 'This LinkedIn connection was not started here: start again');
  }
  const token = await api.exchangeCode({ code: input.code, redirectUri: input.redirectUri });
  const member = await api.getMember(token.accessToken);
  const accounts: ConnectedAccount[] = [
    {
      accountId: `urn:li:person:${member.sub}`,
      name: member.name,
      credentials: toCredentials(token, `urn:li:person:${member.sub}`, now),
    },
  ];
  // The member may have refused the organisation scopes, or the app may not have the Community Management API.
  const canReadPages = token.scopes.includes('r_organization_admin') || token.scopes.includes('rw_organization_admin');
  if (canReadPages) {
    const roles = await api.listOrganizationRoles(token.accessToken);
    const pages = [...new Set(roles.filter((r) => PUBLISHING_ROLES.has(r.role)).map((r) => r.organization))];
    for (const urn of pages) {
      const organization = await api.getOrganization(token.accessToken, urn.replace(/^urn:li:organization:/, ''));
      accounts.push({ accountId: urn, name: organization.localizedName, credentials: toCredentials(token, urn, now) });
    }
  }
  return accounts.length === 1 ? accounts[0]! : accounts;
}

/**
 * A new access token (and, once LinkedIn rolls it, a new refresh token). An answer without a refresh token
 * keeps the one held: LinkedIn "does not return a new refresh token" on every refresh.
 */
export async function refreshCredentials(
  credentials: ChannelCredentials,
  api: LinkedInApi,
  now: number,
): Promise<ChannelCredentials> {
  const session = readSession(credentials);
  const refreshToken = credentials.data.refreshToken;
  if (!refreshToken) {
    // Without programmatic refresh tokens the only way on is the person authorising again.
    throw new ConnectorError(NETWORK, 'auth_expired', 'This LinkedIn channel has no refresh token: reconnect it');
  }
  const token = await api.refresh(refreshToken);
  const next = toCredentials(token, session.author, now);
  if (!token.refreshToken) {
    next.data.refreshToken = refreshToken;
    if (credentials.data.refreshTokenExpiresAt)
      next.data.refreshTokenExpiresAt = credentials.data.refreshTokenExpiresAt;
  }
  return next;
}

export function readSession(credentials: ChannelCredentials): LinkedInSession {
  const { accessToken, author } = credentials.data;
  if (!accessToken || !author?.startsWith('urn:li:')) {
    throw new ConnectorError(NETWORK, 'auth_expired', 'This channel has no LinkedIn access token: reconnect it');
  }
  return { accessToken, author };
}

function toCredentials(token: TokenAnswer, author: string, now: number): ChannelCredentials {
  const data: Record<string, string> = { accessToken: token.accessToken, author };
  if (token.refreshToken) data.refreshToken = token.refreshToken;
  if (token.refreshToken && token.refreshTokenExpiresIn !== undefined) {
    data.refreshTokenExpiresAt = String(now + token.refreshTokenExpiresIn * 1000);
  }
  return { data, expiresAt: now + token.expiresIn * 1000 };
}
