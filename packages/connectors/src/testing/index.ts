// Test kit for connectors and for the server's tests and benchmarks: the publisher contract suite,
// a fault proxy, test images, and the fake Mastodon server written from the official documentation.
export * from './publisher-contract.js';
export * from './fault-proxy.js';
export * from './images.js';
export * from '../mastodon/fake-mastodon.js';
