// Connecting a Mastodon account: OAuth with PKCE against the instance the person names (an app is registered
// there first, since every instance is its own authorisation server), or a personal access token made in
// Preferences → Development. What Rostra stores for a channel, and how it reads it back.
// https://docs.joinmastodon.org/client/token/ and https://docs.joinmastodon.org/spec/oauth/
import type { ChannelCredentials, ConnectedAccount, OAuthStart } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { authorizationUrlWithPkce, exchangeCode } from '../shared/oauth.js';
import { createMastodonApi, readRetryAfterMs, type ApiOptions } from './api.js';
import type { InstanceProfile } from './mapping.js';
import { NETWORK } from './rules.js';

/**
 * `read write`: publishing needs write:statuses and write:media, connecting read:accounts; the inbox,
 * mentions and metrics to come need the rest of `read`. Narrower scopes would mean reconnecting every channel.
 */
export const SCOPES = 'read write';

export interface SessionContext {
  api: ApiOptions;
  /** Shown on the instance's authorisation page and in the person's authorised apps. */
  clientName: string;
  website: string | undefined;
  /** The instance's domain and limits (cached by the connector). */
  loadProfile(instance: string): Promise<InstanceProfile>;
}

export interface MastodonSession {
  /** `https://host` of the instance's API. */
  instance: string;
  accessToken: string;
}

/**
 * Registers Rostra on the instance, then sends the person to its authorisation page. PKCE (S256) has been
 * supported since Mastodon 4.3; older servers ignore the challenge and the verifier, and still work.
 */
export async function startOAuth(
  input: { redirectUri: string; state: string; fields: Record<string, string> },
  context: SessionContext,
): Promise<OAuthStart> {
  const instance = normalizeInstanceUrl(input.fields.instance);
  const app = await createMastodonApi(instance, undefined, context.api).registerApp({
    clientName: context.clientName,
    redirectUri: input.redirectUri,
    scopes: SCOPES,
    website: context.website,
  });
  const { url, codeVerifier } = await authorizationUrlWithPkce(new URL('/oauth/authorize', instance).toString(), {
    clientId: app.clientId,
    redirectUri: input.redirectUri,
    scope: SCOPES,
    state: input.state,
  });
  return {
    url,
    pending: { instance, clientId: app.clientId, clientSecret: app.clientSecret, codeVerifier },
  };
}

export async function finishOAuth(
  input: { redirectUri: string; code: string; pending: Record<string, string> },
  context: SessionContext,
): Promise<ConnectedAccount> {
  const { instance, clientId, clientSecret, codeVerifier } = input.pending;
  if (!instance || !clientId || !clientSecret || !codeVerifier) {
    throw new ConnectorError(NETWORK, 'rejected', 'This Mastodon connection was not started here: start again');
  }
  // The app registered on this instance authenticates with client_id and client_secret in the form
  // (client_secret_post); a used, expired or forged code, or a wrong verifier, is invalid_grant.
  // https://docs.joinmastodon.org/methods/oauth/#token
  const { accessToken } = await exchangeCode(
    {
      network: NETWORK,
      label: 'Mastodon',
      host: new URL(instance).host,
      tokenEndpoint: new URL('/oauth/token', instance).toString(),
      client: { method: 'post', clientId, clientSecret },
      timeoutMs: context.api.timeoutMs,
      readRetryAfterMs,
    },
    { code: input.code, redirectUri: input.redirectUri, codeVerifier },
  );
  // Mastodon's tokens do not expire and there is no refresh token: kept until revoked.
  return describeAccount({ instance, accessToken }, { clientId, clientSecret }, context);
}

/** `input`: `instance` (e.g. mastodon.social) and `accessToken`, from Preferences → Development → New application. */
export async function connectWithToken(
  input: Record<string, string>,
  context: SessionContext,
): Promise<ConnectedAccount> {
  const accessToken = input.accessToken?.trim();
  if (!input.instance?.trim() || !accessToken) {
    throw new ConnectorError(NETWORK, 'rejected', 'Give the Mastodon server and an access token');
  }
  return describeAccount({ instance: normalizeInstanceUrl(input.instance), accessToken }, {}, context);
}

async function describeAccount(
  session: MastodonSession,
  app: { clientId?: string; clientSecret?: string },
  context: SessionContext,
): Promise<ConnectedAccount> {
  const account = await createMastodonApi(session.instance, session.accessToken, context.api).verifyCredentials();
  const { domain } = await context.loadProfile(session.instance);
  const host = new URL(session.instance).host;
  const data: Record<string, string> = { instance: session.instance, accessToken: session.accessToken };
  if (app.clientId && app.clientSecret) Object.assign(data, { clientId: app.clientId, clientSecret: app.clientSecret });
  return {
    // Account ids are only unique within their instance.
    accountId: `${host}:${account.id}`,
    // `acct` is the bare username for a local account; the handle people know carries the instance's domain.
    name: `@${account.acct.includes('@') ? account.acct : `${account.acct}@${domain}`}`,
    credentials: { data },
  };
}

export function readSession(credentials: ChannelCredentials): MastodonSession {
  const { instance, accessToken } = credentials.data;
  if (!instance || !accessToken) {
    throw new ConnectorError(NETWORK, 'auth_expired', 'This channel has no Mastodon access token: connect it again');
  }
  return { instance, accessToken };
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * What a person types as their server — `mastodon.social`, `https://piaille.fr/about`, or their handle
 * `@nom@piaille.fr` — as the instance's origin. https only, but for a server on this machine (tests, dev).
 */
export function normalizeInstanceUrl(value: string | undefined): string {
  const raw = value?.trim() ?? '';
  if (raw === '') throw new ConnectorError(NETWORK, 'rejected', 'Give the Mastodon server (e.g. mastodon.social)');
  const handle = /^@?[^@\s/]+@([^@\s/]+)$/.exec(raw);
  const candidate = handle?.[1] ?? raw;
  let url: URL;
  try {
    url = new URL(candidate.includes('://') ? candidate : `https://${candidate}`);
  } catch {
    throw new ConnectorError(NETWORK, 'rejected', `"${raw}" is not a server address`);
  }
  const local = url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    throw new ConnectorError(NETWORK, 'rejected', `"${raw}": Mastodon servers are reached over https`);
  }
  return url.origin;
}
