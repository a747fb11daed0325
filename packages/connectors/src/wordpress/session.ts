// Connecting a WordPress site with an application password (Users → Profile → Application Passwords, since
// WordPress 5.6): the site's REST API is found, the password checked, and what Rostra stores for the channel.
// https://make.wordpress.org/core/2020/11/05/application-passwords-integration-guide/
import type { ChannelCredentials, ConnectedAccount } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { createWordPressApi, discoverApi, type ApiOptions, type SiteSession } from './api.js';
import { NETWORK } from './rules.js';

/** `input`: `site` (e.g. mairie-exemple.fr), `username` and `applicationPassword` (spaces allowed, as shown). */
export async function connectSite(input: Record<string, string>, api: ApiOptions): Promise<ConnectedAccount> {
  const username = input.username?.trim() ?? '';
  const applicationPassword = input.applicationPassword?.trim() ?? '';
  const missing = [
    input.site?.trim() ? undefined : 'the site address',
    username ? undefined : 'the username',
    applicationPassword ? undefined : 'an application password',
  ].filter((field) => field !== undefined);
  if (missing.length > 0) throw new ConnectorError(NETWORK, 'rejected', `WordPress: give ${missing.join(', ')}`);
  const site = normalizeSiteUrl(input.site);
  const { apiRoot, index } = await discoverApi(site, api);
  const session: SiteSession = { apiRoot, username, applicationPassword };
  let user;
  try {
    user = await createWordPressApi(session, api).getMe();
  } catch (error) {
    if (error instanceof ConnectorError && error.code === 'auth_expired') {
      // wp_is_application_passwords_available(): off without HTTPS unless WP_ENVIRONMENT_TYPE is "local",
      // and any plugin may turn them off; the API index then lists no "application-passwords".
      const reason = index.applicationPasswords
        ? `${site} refused this username and application password`
        : `${site} does not accept application passwords (they need HTTPS, or a plugin turned them off)`;
      throw new ConnectorError(NETWORK, 'auth_expired', `WordPress: ${reason}`, { cause: error });
    }
    throw error;
  }
  const home = readHome(index.home) ?? site;
  const data: Record<string, string> = { site: home, apiRoot, username, applicationPassword, userId: String(user.id) };
  return {
    // User ids are only unique within their site.
    accountId: `${home}#user-${user.id}`,
    name: `${index.name || new URL(home).host} (${user.username})`,
    // Application passwords do not expire; they last until revoked.
    credentials: { data },
  };
}

export interface WordPressSession extends SiteSession {
  site: string;
  userId: number;
}

export function readSession(credentials: ChannelCredentials): WordPressSession {
  const { site, apiRoot, username, applicationPassword, userId } = credentials.data;
  const id = Number(userId);
  if (!site || !apiRoot || !username || !applicationPassword || !Number.isInteger(id)) {
    throw new ConnectorError(
      NETWORK,
      'auth_expired',
      'This channel has no WordPress application password: connect it again',
    );
  }
  return { site, apiRoot, username, applicationPassword, userId: id };
}

function readHome(value: string): string | undefined {
  try {
    return value ? trimSlash(new URL(value).toString()) : undefined;
  } catch {
    return undefined;
  }
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * What a person types as their site — `mairie-exemple.fr`, `https://exemple.fr/blog/`, or a page of it — as
 * the address WordPress lives at (a subfolder kept, query and fragment dropped). https only, but for a site on
 * this machine: application passwords travel in every request.
 */
export function normalizeSiteUrl(value: string | undefined): string {
  const raw = value?.trim() ?? '';
  if (raw === '') throw new ConnectorError(NETWORK, 'rejected', 'WordPress: give the site address (e.g. exemple.fr)');
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new ConnectorError(NETWORK, 'rejected', `WordPress: "${raw}" is not a site address`);
  }
  const local = url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname);
  if (url.protocol !== 'https:' && !local) {
    throw new ConnectorError(
      NETWORK,
      'rejected',
      `WordPress: "${raw}" must be reached over https (application passwords travel with every request)`,
    );
  }
  // Pasting the admin or the API address is common: the site is what comes before.
  const path = url.pathname.replace(/\/(?:wp-admin|wp-json|wp-login\.php)(?:\/.*)?$/, '');
  return trimSlash(`${url.origin}${path}`);
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
