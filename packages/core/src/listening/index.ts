// Listening's domain entry: types and ports; the query language, pipeline, sentiment and alerts rules have their own.
export * from './types.js';
export * from './ports.js';
