// Listening's ports: what the server needs from storage, by what each part owns. The store implements them
// (packages/store/src/repositories/listening/); a transaction hands out the same ports bound to it.
import type { SentimentLabel } from './sentiment/index.js';
import type {
  Bucketed,
  Correction,
  DuplicateCandidate,
  HostActivity,
  MentionEdit,
  MentionFilters,
  MentionInsert,
  MentionPage,
  NewSource,
  NewTopic,
  Source,
  StoredMention,
  Topic,
} from './types.js';

/** Topics and their queries. */
export interface TopicsRepository {
  createTopic(topic: NewTopic): Promise<Topic>;
  getTopic(workspaceId: string, id: string): Promise<Topic | undefined>;
  listTopics(workspaceId: string): Promise<Topic[]>;
  updateTopic(
    workspaceId: string,
    id: string,
    patch: Partial<Pick<Topic, 'name' | 'group' | 'query' | 'enabled' | 'color'>>,
  ): Promise<Topic | undefined>;
  deleteTopic(workspaceId: string, id: string): Promise<boolean>;
  /** Changes whenever a topic of the workspace is added, changed or removed: the pipeline's cache key. */
  readTopicsVersion(workspaceId: string): Promise<string>;
}

/** Sources: settings, health, and the lease a worker holds while it polls or streams one. */
export interface SourcesRepository {
  createSource(source: NewSource, now: number): Promise<Source>;
  getSource(workspaceId: string, id: string): Promise<Source | undefined>;
  listSources(workspaceId: string): Promise<Source[]>;
  updateSource(
    workspaceId: string,
    id: string,
    patch: Partial<
      Pick<Source, 'label' | 'enabled' | 'pollIntervalMs' | 'config' | 'host' | 'nextPollAt' | 'channelId'>
    >,
  ): Promise<Source | undefined>;
  deleteSource(workspaceId: string, id: string): Promise<boolean>;
  /** Polled sources due now and not leased, least recently polled first, from every workspace. */
  listDueSources(now: number, limit: number): Promise<Source[]>;
  /** When each host was last polled (by each workspace too), and which have a poll under way (a stream is no poll). */
  readHostActivity(hosts: string[], now: number): Promise<Map<string, HostActivity>>;
  /** Takes the lease if nobody holds it; false when another worker was faster. */
  claimSource(id: string, owner: string, now: number, leaseMs: number, realtime: boolean): Promise<boolean>;
  /** Extends a lease this owner holds; false when it was lost. */
  renewLease(id: string, owner: string, until: number): Promise<boolean>;
  /** Realtime sources that are enabled, unleased and not backing off. */
  listClaimableStreams(now: number, limit: number): Promise<Source[]>;
  postpone(id: string, nextPollAt: number): Promise<void>;
  /** After the items are stored: the new cursor, health, next poll; releases the lease unless `keepLease`. */
  recordSuccess(
    id: string,
    owner: string,
    result: { cursor: string | null; now: number; nextPollAt: number; keepLease?: boolean },
  ): Promise<boolean>;
  recordFailure(
    id: string,
    owner: string,
    failure: { code: string; message: string; now: number; nextPollAt: number },
  ): Promise<void>;
  /** Gives a lease back (a stream stopping for shutdown) so another worker may take the source at once. */
  releaseLease(id: string, owner: string): Promise<void>;
}

/** The pipeline's side: what is stored already, near-duplicates, batches in and edits. */
export interface MentionsIngestRepository {
  /** Which of these items are stored already: `network\u0000externalId` → the stored id and group. */
  findStored(
    workspaceId: string,
    keys: { network: string; externalId: string }[],
  ): Promise<Map<string, { id: string; duplicateOf: string | null; editedAt: number | null }>>;
  /** Stored group heads (not copies) sharing at least one SimHash band with one of these fingerprints. */
  findDuplicateCandidates(workspaceId: string, bands: number[][]): Promise<DuplicateCandidate[]>;
  /** Mentions and their topic links, in one transaction; returns the ids really inserted (not lost to a race). */
  insertMentions(mentions: MentionInsert[], sourceId: string | null): Promise<Set<string>>;
  /**
   * Edited mentions of the workspace, in one transaction with their topic links and full-text rows; a user's
   * sentiment correction is kept. Skips a mention whose stored edit is as recent (another worker was first) and
   * returns the ids really updated.
   */
  updateEditedMentions(workspaceId: string, edits: MentionEdit[]): Promise<Set<string>>;
}

/** The mention stream: reading, searching, and people's work on a mention (sentiment, tags, handled). */
export interface MentionsRepository {
  getMention(workspaceId: string, id: string): Promise<StoredMention | undefined>;
  queryMentions(
    workspaceId: string,
    filters: MentionFilters,
    cursor: string | null,
    limit: number,
  ): Promise<MentionPage>;
  /** Stores the correction and the new label together. */
  correctSentiment(
    workspaceId: string,
    id: string,
    label: SentimentLabel,
    by: string | null,
    now: number,
  ): Promise<StoredMention | undefined>;
  setTags(workspaceId: string, id: string, tags: string[]): Promise<StoredMention | undefined>;
  setHandled(
    workspaceId: string,
    id: string,
    handled: boolean,
    by: string | null,
    now: number,
  ): Promise<StoredMention | undefined>;
  listCorrections(workspaceId: string): Promise<Correction[]>;
  readCorrectionsVersion(workspaceId: string): Promise<string>;
}

/** The sums the dashboards read. */
export interface ListeningStatsRepository {
  /** `originMs`: where buckets are counted from (local midnight, see `localBucketOrigin`); default the epoch. */
  countByBucket(
    workspaceId: string,
    filters: MentionFilters,
    bucketMs: number,
    originMs?: number,
  ): Promise<Array<Bucketed & { topicId: string }>>;
  countSentimentByBucket(
    workspaceId: string,
    filters: MentionFilters,
    bucketMs: number,
    originMs?: number,
  ): Promise<Array<Bucketed & { sentiment: SentimentLabel }>>;
  topSources(
    workspaceId: string,
    filters: MentionFilters,
    limit: number,
  ): Promise<Array<{ site: string; network: string; count: number }>>;
  topAuthors(
    workspaceId: string,
    filters: MentionFilters,
    limit: number,
  ): Promise<Array<{ network: string; handle: string | null; name: string | null; count: number; reach: number }>>;
  listTexts(
    workspaceId: string,
    filters: MentionFilters,
    limit: number,
  ): Promise<Array<{ text: string; hashtags: string[] }>>;
  countByTopic(
    workspaceId: string,
    filters: MentionFilters,
  ): Promise<Array<{ topicId: string; mentions: number; reach: number }>>;
}

export interface ListeningRepository
  extends TopicsRepository, SourcesRepository, MentionsIngestRepository, MentionsRepository, ListeningStatsRepository {}
