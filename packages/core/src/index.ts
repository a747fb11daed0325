// Rostra's domain: types, rules and ports, free of I/O. Adapters live in store, connectors and server.
export * from './errors.js';
export * from './audit.js';
export * from './accounts/roles.js';
export * from './accounts/types.js';
export * from './accounts/ports.js';
export * from './jobs/port.js';
export * from './publishing/index.js';
export * from './planning/index.js';
export * from './charter/index.js';
export * from './events/index.js';
export * from './alerts/ports.js';
export * from './notifications/ports.js';
export * from './listening/index.js';
export * from './listening/sentiment/index.js';
export * from './listening/query/index.js';
export * from './listening/alerts/index.js';
export * from './listening/pipeline/index.js';
