// Connectors to social networks and listening sources: the shared interface and error taxonomy.
// Network folders (bluesky/, mastodon/, …) arrive with the publishing and listening issues.
export * from './connector.js';
export * from './errors.js';
export * from './registry.js';
