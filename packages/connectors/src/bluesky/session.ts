// Signing in to Bluesky with an app password and keeping the session: what Rostra stores for a channel
// (tokens, DID, handle, server) and how it is renewed.
// https://docs.bsky.app/docs/api/com-atproto-server-create-session
import type { ChannelCredentials, ConnectedAccount } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { readField } from '../shared/network-json.js';
import { createBlueskyApi, type ApiOptions, type SessionTokens } from './api.js';
import { NETWORK } from './rules.js';

/** Where accounts live unless the person names another server (a self-hosted PDS). */
export const DEFAULT_PDS_URL = 'https://bsky.social';

export interface BlueskySession extends SessionTokens {
  pdsUrl: string;
}

/**
 * `input`, as the web form and the CLI send it: `identifier` (handle or e-mail), `appPassword` (made in
 * Bluesky's settings) and optionally `service` (a self-hosted PDS); `password` and `pdsUrl` are accepted as
 * the same. We keep the URL the person signed in at, not the PDS named in their DID document: bsky.social
 * is an entryway that proxies every call to the account's PDS, and sessions minted there are refreshed there.
 */
export async function connectWithAppPassword(
  input: Record<string, string>,
  options: ApiOptions,
): Promise<ConnectedAccount> {
  const identifier = input.identifier?.trim().replace(/^@/, '');
  const password = (input.appPassword ?? input.password)?.trim();
  if (!identifier || !password) {
    throw new ConnectorError(NETWORK, 'rejected', 'Give the handle (or e-mail) and an app password');
  }
  const pdsUrl = normalizePdsUrl(input.service || input.pdsUrl || DEFAULT_PDS_URL);
  const tokens = await createBlueskyApi(pdsUrl, undefined, options).createSession(identifier, password);
  return { accountId: tokens.did, name: tokens.handle, credentials: toCredentials({ ...tokens, pdsUrl }) };
}

/**
 * refreshSession rotates both tokens: the result must replace what was stored. A revoked app password or
 * an expired refresh token is `auth_expired`; a server that is down is `unavailable`.
 * https://docs.bsky.app/docs/api/com-atproto-server-refresh-session
 */
export async function refreshCredentials(
  credentials: ChannelCredentials,
  options: ApiOptions,
): Promise<ChannelCredentials> {
  const session = readSession(credentials);
  const tokens = await createBlueskyApi(session.pdsUrl, session.refreshJwt, options).refreshSession();
  return toCredentials({ ...tokens, pdsUrl: session.pdsUrl });
}

export function readSession(credentials: ChannelCredentials): BlueskySession {
  const { accessJwt, refreshJwt, did, handle, pdsUrl } = credentials.data;
  if (!accessJwt || !refreshJwt || !did || !pdsUrl) {
    throw new ConnectorError(NETWORK, 'auth_expired', 'This channel has no Bluesky session: connect it again');
  }
  return { accessJwt, refreshJwt, did, handle: handle ?? did, pdsUrl };
}

export function toCredentials(session: BlueskySession): ChannelCredentials {
  const { accessJwt, refreshJwt, did, handle, pdsUrl } = session;
  const expiresAt = readJwtExpiry(accessJwt);
  return { data: { accessJwt, refreshJwt, did, handle, pdsUrl }, ...(expiresAt ? { expiresAt } : {}) };
}

/** The access token's `exp` in milliseconds; the token is only decoded, its signature is the PDS's business. */
export function readJwtExpiry(jwt: string): number | undefined {
  try {
    const payload: unknown = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
    const exp = readField(payload, 'exp');
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function normalizePdsUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value.includes('://') ? value : `https://${value}`);
  } catch {
    throw new ConnectorError(NETWORK, 'rejected', `"${value}" is not a server address`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConnectorError(NETWORK, 'rejected', `"${value}" is not an http(s) server address`);
  }
  return url.origin;
}
