// Test kit for connectors and for the server's tests and benchmarks: the publisher contract suite, a fault
// proxy, test images, and each network's fake written from its official documentation (testing/<network>/).
export * from './publisher-contract.js';
export * from './mention-source-contract.js';
export * from './fault-proxy.js';
export * from './images.js';
export * from './mastodon/fake-mastodon.js';
export {
  buildPostEvent,
  startFakeJetstream,
  type FakeJetstream,
  type JetstreamAccountEvent,
  type JetstreamCommitEvent,
  type JetstreamEvent,
  type JetstreamIdentityEvent,
  type PostEventInput,
} from './bluesky/fake-jetstream.js';
export {
  startFakeAppView,
  type FakeAppView,
  type FakeAppViewFailure,
  type FakeAppViewPost,
  type FakeAppViewPostInput,
} from './bluesky/fake-appview.js';
export {
  startFakeX,
  type FakeX,
  type FakeXFailure,
  type FakeXLostAnswer,
  type FakeXOptions,
  type FakeXRoute,
} from './x/fake-x.js';
export {
  startFakeLinkedIn,
  type FakeLinkedIn,
  type FakeLinkedInFailure,
  type FakeLinkedInOptions,
  type FakeLinkedInRoute,
} from './linkedin/fake-linkedin.js';
export {
  startFakeFacebook,
  type FakeFacebook,
  type FakeFacebookFailure,
  type FakeFacebookOptions,
  type FakeFacebookRoute,
} from './facebook/fake-facebook.js';
export {
  startFakeInstagram,
  startFakeMediaHost,
  type FakeInstagram,
  type FakeInstagramFailure,
  type FakeInstagramOptions,
  type FakeInstagramRoute,
  type FakeMediaHost,
} from './instagram/fake-instagram.js';
export {
  startWordPressServer,
  DEBIAN_WORDPRESS_DIR,
  type WordPressTestServer,
  type WordPressTestUser,
} from './wordpress-server.js';
export {
  assertRefusedLiteral,
  INTERNAL_SECRET,
  rebindingHost,
  ssrfLookup,
  startSsrfTargets,
  TEST_OUTBOUND_ALLOW,
  type SsrfTargets,
} from './ssrf.js';
