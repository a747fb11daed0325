// Publishing: the editorial workflow and the delivery rules that keep posts from being lost or doubled.
export * from './workflow.js';
export * from './post-access.js';
export * from './delivery.js';
export * from './types.js';
export * from './ports.js';
export * from './media.js';
export * from './thread.js';
