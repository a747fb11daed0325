// Connectors to social networks and listening sources: the shared interface, the error taxonomy, the
// registry of shipped connectors, and one folder per network.
export * from './connector.js';
export * from './errors.js';
export * from './registry.js';
export { createBlueskyConnector, type BlueskyConnector, type BlueskyConnectorOptions } from './bluesky/index.js';
export { createMastodonConnector, type MastodonConnector, type MastodonConnectorOptions } from './mastodon/index.js';
export * from './feeds/index.js';
