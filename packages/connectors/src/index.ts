// Connectors to social networks and listening sources: the shared interface, the error taxonomy, the
// registry of shipped connectors, and one folder per network.
export * from './connector.js';
export * from './errors.js';
export * from './registry.js';
export * from './operator-apps.js';
export { createBlueskyConnector, type BlueskyConnector, type BlueskyConnectorOptions } from './bluesky/index.js';
export { createMastodonConnector, type MastodonConnector, type MastodonConnectorOptions } from './mastodon/index.js';
export { createXConnector, type XConnector, type XConnectorOptions } from './x/index.js';
export { createLinkedInConnector, type LinkedInConnector, type LinkedInConnectorOptions } from './linkedin/index.js';
export { createFacebookConnector, type FacebookConnector, type FacebookConnectorOptions } from './facebook/index.js';
export {
  createInstagramConnector,
  type InstagramConnector,
  type InstagramConnectorOptions,
} from './instagram/index.js';
export {
  createWordPressConnector,
  type WordPressConnector,
  type WordPressConnectorOptions,
} from './wordpress/index.js';
export * from './feeds/index.js';
export {
  createRedditConnector,
  createRedditMentions,
  REDDIT_NETWORK,
  type RedditConnectorOptions,
} from './reddit/index.js';
export {
  createHackerNewsConnector,
  createHackerNewsMentions,
  hackernews,
  HACKERNEWS_NETWORK,
  type HackerNewsOptions,
} from './hackernews/index.js';
export { createWebConnector, createWebMentions, web, WEB_NETWORK, type WebSourceOptions } from './web/index.js';
