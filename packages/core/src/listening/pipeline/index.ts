// The listening pipeline's pure steps: tidy a mention's text, fingerprint it for near-duplicates, choose its
// language, and compute dashboard figures (rising terms and hashtags, share of voice).
export * from './normalise.js';
export * from './fingerprint.js';
export * from './language.js';
export * from './trending.js';
