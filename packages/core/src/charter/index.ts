// The editorial charter: its rules as data, the pure check the composer and the server share, its storage port.
export * from './charter.js';
export * from './findings.js';
export * from './text-match.js';
export * from './check-charter.js';
export * from './ports.js';
export { findHashtags, findEmoji } from './rules-format.js';
export { findUrls } from './rules-links.js';
