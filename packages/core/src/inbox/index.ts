// The inbox: what people answer on the networks, threaded as the networks thread it, and the team's work on it.
export * from './types.js';
export * from './ports.js';
export * from './sla.js';
export * from './priority.js';
export * from './rules.js';
export * from './saved-replies.js';
export * from './automation-ports.js';
