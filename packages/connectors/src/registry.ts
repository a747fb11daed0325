// Every connector Rostra ships, as an explicit list: adding a network is adding a line here. Networks whose
// API needs an app registered by the operator (X, LinkedIn, Facebook, Instagram) are offered only when it is
// configured (operator-apps.ts says where and how to register each, so a server can say what is missing).
import { bluesky } from './bluesky/index.js';
import type { Connector, NetworkId } from './connector.js';
import { mastodon } from './mastodon/index.js';
import { wordpress } from './wordpress/index.js';
import { createXConnector } from './x/index.js';
import { createLinkedInConnector } from './linkedin/index.js';
import { createFacebookConnector } from './facebook/index.js';
import { createInstagramConnector, type InstagramConnectorOptions } from './instagram/index.js';
import { feed } from './feeds/source.js';
import { hackernews } from './hackernews/index.js';
import { web } from './web/index.js';
import { createRedditConnector } from './reddit/index.js';

/** The connectors that need no settings. */
export const connectors: readonly Connector[] = [bluesky, mastodon, wordpress, feed, hackernews, web];

/** Apps the operator registered with the networks that require one (from the server's configuration). */
export interface ConnectorSettings {
  x?: { clientId: string; clientSecret?: string };
  linkedin?: { clientId: string; clientSecret: string };
  facebook?: { appId: string; appSecret: string };
  instagram?: { appId: string; appSecret: string };
  /**
   * Reddit asks every client for a descriptive User-Agent; with an app (client id and secret) the search goes
   * through OAuth and its larger quota, without it through the public listings.
   */
  reddit?: { userAgent: string; clientId?: string; clientSecret?: string };
}

/** What some connectors need from the server itself, beyond settings. */
export interface ConnectorServices {
  /** A public address where a network can download a media file (Instagram fetches media from a URL). */
  mediaUrl?: InstagramConnectorOptions['mediaUrl'];
}

export function createConnectors(settings: ConnectorSettings = {}, services: ConnectorServices = {}): Connector[] {
  const { mediaUrl } = services;
  return [
    ...connectors,
    ...(settings.x ? [createXConnector(settings.x)] : []),
    ...(settings.linkedin ? [createLinkedInConnector(settings.linkedin)] : []),
    ...(settings.facebook ? [createFacebookConnector(settings.facebook)] : []),
    ...(settings.instagram && mediaUrl ? [createInstagramConnector({ ...settings.instagram, mediaUrl })] : []),
    ...(settings.reddit ? [createRedditConnector(settings.reddit)] : []),
  ];
}

export function findConnector(network: NetworkId): Connector | undefined {
  return connectors.find((connector) => connector.network === network);
}
