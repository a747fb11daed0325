// Employees as ambassadors: relays with suggested texts, share links, the social media policy, the storage port.
export * from './types.js';
export * from './share-links.js';
export * from './relay-texts.js';
export * from './ports.js';
