// Connectors to social networks and listening sources: the shared interface, the error taxonomy, the
// registry of shipped connectors, and one folder per network (bluesky/ so far).
export * from './connector.js';
export * from './errors.js';
export * from './registry.js';
export { createBlueskyConnector, type BlueskyConnector, type BlueskyConnectorOptions } from './bluesky/index.js';
