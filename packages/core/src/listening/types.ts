// Listening's domain types: topics, sources, the mention a source hands over and the mention as stored, with
// the filters the stream and the dashboards share. Plain data, no I/O: the store maps rows to these and back.
import type { SentimentLabel } from './sentiment/index.js';

export const TOPIC_GROUPS = ['brand', 'competitor', 'sector', 'other'] as const;
export type TopicGroup = (typeof TOPIC_GROUPS)[number];

export interface Topic {
  id: string;
  workspaceId: string;
  name: string;
  group: TopicGroup;
  query: string;
  enabled: boolean;
  color: string;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewTopic {
  workspaceId: string;
  name: string;
  group: TopicGroup;
  query: string;
  enabled: boolean;
  color: string;
  createdBy: string | null;
}

export interface Source {
  id: string;
  workspaceId: string;
  network: string;
  kind: string;
  config: Record<string, string>;
  label: string;
  enabled: boolean;
  realtime: boolean;
  cursor: string | null;
  pollIntervalMs: number;
  nextPollAt: number;
  host: string | null;
  lastPolledAt: number | null;
  lastOkAt: number | null;
  lastError: string | null;
  lastErrorCode: string | null;
  lastErrorAt: number | null;
  consecutiveFailures: number;
  itemsTotal: number;
  leaseOwner: string | null;
  leaseUntil: number | null;
  /** The connected channel whose credentials the source searches with, if any. */
  channelId: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface NewSource {
  workspaceId: string;
  network: string;
  kind: string;
  config: Record<string, string>;
  label: string;
  enabled: boolean;
  realtime: boolean;
  pollIntervalMs: number;
  host: string | null;
  channelId?: string | null;
  createdBy: string | null;
}

export interface StoredMention {
  id: string;
  workspaceId: string;
  sourceId: string | null;
  network: string;
  externalId: string;
  url: string | null;
  title: string | null;
  text: string;
  author: { id: string | null; handle: string | null; name: string | null; url: string | null };
  site: string | null;
  publishedAt: number | null;
  seenAt: number;
  sortAt: number;
  language: string;
  languageHow: 'declared' | 'detected' | 'unknown';
  sentiment: SentimentLabel;
  sentimentConfidence: number;
  sentimentCorrected: boolean;
  metrics: { reach: number | null; likes: number | null; reposts: number | null; replies: number | null };
  hashtags: string[];
  repostOf: string | null;
  replyTo: string | null;
  duplicateOf: string | null;
  simhash: string | null;
  handledAt: number | null;
  handledBy: string | null;
  tags: string[];
  /** When the network says the item was last edited (ms); null when it never said so. */
  editedAt: number | null;
  /** Filled by queries that ask for them. */
  topicIds: string[];
}

/** A mention ready to insert: the pipeline has chosen its language, sentiment, group and topics. */
export interface MentionInsert extends Omit<
  StoredMention,
  'handledAt' | 'handledBy' | 'tags' | 'sentimentCorrected' | 'editedAt'
> {
  editedAt?: number | null;
  bands: [number, number, number, number] | null;
}

/**
 * A stored mention edited on its network, read again by the pipeline: everything that follows from its words.
 * Its identity, author, dates, group and the people's work on it (tags, handled, a corrected sentiment) stay.
 */
export interface MentionEdit extends Pick<
  MentionInsert,
  | 'id'
  | 'title'
  | 'text'
  | 'language'
  | 'languageHow'
  | 'sentiment'
  | 'sentimentConfidence'
  | 'simhash'
  | 'bands'
  | 'hashtags'
  | 'metrics'
  | 'topicIds'
> {
  editedAt: number;
}

export interface MentionFilters {
  topicId?: string;
  /** Mentions of any topic of this group (brand, competitors, sector). */
  group?: TopicGroup;
  sourceId?: string;
  network?: string;
  language?: string;
  sentiment?: SentimentLabel;
  /** Handle or name, exact after case folding. */
  author?: string;
  from?: number;
  to?: number;
  handled?: boolean;
  tag?: string;
  /** Full text: words (prefixes on SQLite, French stems on PostgreSQL), "quoted phrases", -excluded words. */
  q?: string;
}

export interface MentionPage {
  items: StoredMention[];
  /** Give back to get the next page; null on the last one. */
  nextCursor: string | null;
}

export interface DuplicateCandidate {
  id: string;
  simhash: string;
  duplicateOf: string | null;
}

export interface Correction {
  text: string;
  language: string;
  label: SentimentLabel;
}

export interface Bucketed {
  bucket: number;
  count: number;
}

/** What politeness needs to know about one host. */
export interface HostActivity {
  lastPolledAt: number | null;
  /** A poll of the host holds a lease now. */
  busy: boolean;
  /** The last poll of the host by each workspace's sources (absent: never), for fair turns between tenants. */
  lastPolledByWorkspace: Map<string, number>;
}

/** A public item a listening source found (a post, an article, a comment), normalised, plain text only. */
export interface SourceMention {
  /** Stable id on its network, the same every time the item is seen (an at:// URI, a status URI, a feed guid…). */
  externalId: string;
  /** The network or source family: "bluesky", "mastodon", "feed", "reddit", "hackernews", "web". */
  network: string;
  /** Where a person can open the original. */
  url: string | null;
  /** Articles and threads have titles; posts do not. Plain text. */
  title: string | null;
  /** Plain text, never HTML; paragraphs separated by a blank line. */
  text: string;
  author: MentionAuthor;
  /** Milliseconds since the epoch; null when the source gives no readable date. */
  publishedAt: number | null;
  /**
   * When the network says the item was last edited (ms since the epoch); null or absent when it was not, or the
   * network does not say. A stored mention seen again with a later edit is stored again in place.
   */
  editedAt?: number | null;
  /** The language the network declares (BCP 47), when it declares one; detection is the pipeline's job. */
  language: string | null;
  /** The host the item was published on, e.g. "www.lemonde.fr", for `site:` queries. */
  site: string | null;
  /** When the item is a repost / boost: the original's externalId (reposts are grouped with their original). */
  repostOf: string | null;
  /** When the item answers another: the parent's externalId. */
  replyTo: string | null;
  /** Hashtags without "#", as the network lists them (also found in the text by the query language). */
  hashtags: string[];
  /** Audience and engagement, when the network gives them (share of voice weighted by reach). */
  metrics: { reach?: number; likes?: number; reposts?: number; replies?: number };
}

export interface MentionAuthor {
  /** The network's stable id (a DID, an account id, a feed's site); null when unknown. */
  id: string | null;
  /** The handle without "@" (e.g. "alice.bsky.social", "alice@mastodon.social"), when the network has handles. */
  handle: string | null;
  /** What people read: a display name or a byline. */
  name: string | null;
  url: string | null;
}
