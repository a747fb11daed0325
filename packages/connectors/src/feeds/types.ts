// What a polled feed gives the listening side: normalised items, whatever the format (RSS 0.9x/1.0/2.0, Atom,
// JSON Feed), and the validators that make the next poll a cheap conditional GET.

/** The network id on every `ConnectorError` this source throws. */
export const FEED_NETWORK = 'feed';

export interface FeedItem {
  /** Stable across polls: the guid / id when the feed has one, else the link, else a hash of title, date and feed. */
  id: string;
  /** Absolute http(s) link to the item, when it has one. */
  url: string | null;
  /** Plain text, one line (from the text when the item has no title). */
  title: string;
  /**
   * Plain text, paragraphs separated by a blank line; never HTML to render: markup the feed escaped (a code sample,
   * "x &lt; y") stays as the characters its author wrote.
   */
  text: string;
  author: string | null;
  /**
   * Milliseconds since the epoch (the update date when the item has no other); null when the feed gives no readable
   * date (never "now").
   */
  publishedAt: number | null;
  /**
   * When the entry was last updated (Atom `updated` or 0.3 `modified`, `dcterms:modified`, JSON Feed `date_modified`;
   * the latest when there are several), only when later than its publication: many generators write the same date
   * in both. Null otherwise.
   */
  updatedAt: number | null;
  /** BCP 47 tag from the item or the feed, e.g. "fr-FR"; null when neither says. */
  language: string | null;
  source: { kind: 'feed'; feedUrl: string; site: string | null };
}

/** Validators from the last successful fetch, kept by the caller and given back on the next one. */
export interface FeedFetchState {
  etag?: string;
  lastModified?: string;
}

export interface ParsedFeed {
  items: FeedItem[];
  feedTitle: string | null;
  /** The site the feed belongs to, absolute. */
  siteUrl: string | null;
  language: string | null;
}

export type FeedFetchResult =
  | ({ status: 'ok'; state: FeedFetchState } & ParsedFeed)
  | { status: 'not_modified'; state: FeedFetchState; items: FeedItem[] };

export interface FeedFetchOptions {
  /** For the whole exchange, body included. Default 20 s. */
  timeoutMs?: number;
  /** Bodies above this are refused (`rejected`). Default 10 MiB. */
  maxBytes?: number;
  fetch?: typeof fetch;
  /** Should name the instance and a contact URL, so a publisher can reach its operator. */
  userAgent?: string;
}
