// Connecting Facebook Pages: the Login dialog (state; Facebook's PKCE is for its SDK flows, not this web
// code flow), the code for a short-lived user token, that for a long-lived one, then the Pages the person
// manages with a Page access token each. A Page token got from a long-lived user token does not expire, so
// there is nothing to refresh: a revoked one is `auth_expired` and the person reconnects.
// https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow
// https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived#long-lived-page-token
import type { ChannelCredentials, ConnectedAccount, OAuthStart } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { authorizationUrl } from '../shared/oauth.js';
import { GRAPH_VERSION, type FacebookApi } from './api.js';
import { NETWORK } from './rules.js';

/**
 * pages_show_list: list the Pages (GET /me/accounts). pages_manage_posts: publish. pages_read_engagement:
 * read the Page's posts and comments, needed by pages_manage_posts.
 * https://developers.facebook.com/docs/permissions
 */
export const SCOPES = ['pages_show_list', 'pages_manage_posts', 'pages_read_engagement'];

export interface FacebookSession {
  pageId: string;
  pageAccessToken: string;
}

export function startOAuth(
  input: { redirectUri: string; state: string },
  dialogBaseUrl: string,
  appId: string,
): OAuthStart {
  const url = authorizationUrl(new URL(`/${GRAPH_VERSION}/dialog/oauth`, dialogBaseUrl).toString(), {
    clientId: appId,
    redirectUri: input.redirectUri,
    state: input.state,
    // Comma-separated, as Facebook's own examples write them.
    scope: SCOPES.join(','),
  });
  return { url, pending: { flow: 'facebook' } };
}

export async function finishOAuth(
  input: { redirectUri: string; code: string; pending: Record<string, string> },
  api: FacebookApi,
): Promise<ConnectedAccount | ConnectedAccount[]> {
  if (input.pending.flow !== 'facebook') {
    throw new ConnectorError(NETWORK, 'rejected', 'This Facebook connection was not started here: start again');
  }
  const shortLived = await api.exchangeCode({ code: input.code, redirectUri: input.redirectUri });
  const longLived = await api.exchangeForLongLived(shortLived);
  // Only Pages where the person may create content can be channels. https://developers.facebook.com/docs/pages-api/overview#tasks
  const pages = (await api.listPages(longLived)).filter((page) => page.tasks.includes('CREATE_CONTENT'));
  if (pages.length === 0) {
    throw new ConnectorError(
      NETWORK,
      'rejected',
      'This Facebook account manages no Page it may publish to (or did not share any with Rostra)',
    );
  }
  const accounts = pages.map((page) => ({
    accountId: page.id,
    name: page.name,
    credentials: { data: { pageId: page.id, pageAccessToken: page.accessToken } },
  }));
  return accounts.length === 1 ? accounts[0]! : accounts;
}

export function readSession(credentials: ChannelCredentials): FacebookSession {
  const { pageId, pageAccessToken } = credentials.data;
  if (!pageId || !pageAccessToken) {
    throw new ConnectorError(NETWORK, 'auth_expired', 'This channel has no Facebook Page token: reconnect it');
  }
  return { pageId, pageAccessToken };
}
