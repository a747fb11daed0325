// The RSS / Atom / JSON Feed listening source: poll a feed with a conditional GET and get normalised, plain-text
// items with stable ids. Parsing (bytes → items) and fetching (HTTP → ConnectorError codes) are separate files.
export { fetchFeed } from './fetch.js';
export { createFeedConnector, createFeedMentions, feed, type FeedSourceOptions } from './source.js';
export { parseFeed } from './parse.js';
export { parseFeedDate } from './dates.js';
export { htmlToText } from './html-to-text.js';
export {
  FEED_NETWORK,
  type FeedFetchOptions,
  type FeedFetchResult,
  type FeedFetchState,
  type FeedItem,
  type ParsedFeed,
} from './types.js';
