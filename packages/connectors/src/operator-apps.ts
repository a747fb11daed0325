// The networks whose API needs an app registered by the operator (X, LinkedIn, Facebook, Instagram): where to
// register it and what to ask for, so a server without the app's keys can still tell an administrator the steps.
// The environment variables are the server's (apps/server/src/config.ts); the callback URL is its public URL's.
import { SCOPES as FACEBOOK_SCOPES } from './facebook/session.js';
import { SCOPES as INSTAGRAM_SCOPES } from './instagram/session.js';
import { MEMBER_SCOPES, ORGANIZATION_SCOPES } from './linkedin/session.js';
import { SCOPES as X_SCOPES } from './x/session.js';

export interface OperatorApp {
  network: string;
  /** Where an administrator creates the app. */
  consoleUrl: string;
  /** The network's guide to its login flow. */
  docsUrl: string;
  /** The permissions (scopes) Rostra asks for, which the app must be allowed to request. */
  permissions: readonly string[];
  /** Instagram downloads media from the server: its public URL must be reachable from the internet over https. */
  needsPublicMedia: boolean;
}

export const OPERATOR_APPS: readonly OperatorApp[] = [
  {
    network: 'facebook',
    consoleUrl: 'https://developers.facebook.com/apps/',
    docsUrl: 'https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow',
    permissions: FACEBOOK_SCOPES,
    needsPublicMedia: false,
  },
  {
    network: 'instagram',
    consoleUrl: 'https://developers.facebook.com/apps/',
    docsUrl:
      'https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login',
    permissions: INSTAGRAM_SCOPES,
    needsPublicMedia: true,
  },
  {
    network: 'linkedin',
    consoleUrl: 'https://www.linkedin.com/developers/apps',
    docsUrl: 'https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow',
    permissions: [...MEMBER_SCOPES, ...ORGANIZATION_SCOPES],
    needsPublicMedia: false,
  },
  {
    network: 'x',
    consoleUrl: 'https://developer.x.com/en/portal/dashboard',
    docsUrl: 'https://docs.x.com/resources/fundamentals/authentication/oauth-2-0/authorization-code',
    permissions: X_SCOPES,
    needsPublicMedia: false,
  },
];
