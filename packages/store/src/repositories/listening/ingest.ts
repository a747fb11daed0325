// Listening storage: topics, sources (with their cursor, health and lease), mentions with their topics and
// full-text search, sentiment corrections, and the aggregates the dashboards read. Batches of mentions are
// written in one transaction with multi-row inserts, so the pipeline pays one round trip per chunk.
import type SQLite from 'better-sqlite3';
import { sql, type Expression, type Kysely, type Selectable, type SqlBool } from 'kysely';
import { AppError } from '@rostra/core';
import type { Database, MentionsTable, SourcesTable, TopicsTable } from '../schema.js';
import type { Dialect } from '../database.js';
import { newId } from '../ids.js';

export const TOPIC_GROUPS = ['brand', 'competitor', 'sector', 'other'] as const;
export type TopicGroup = (typeof TOPIC_GROUPS)[number];
export type SentimentLabel = 'negative' | 'neutral' | 'positive';

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

export interface ListeningRepository {
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

// --- Row mapping -------------------------------------------------------------------------------------------

function toTopic(row: Selectable<TopicsTable>): Topic {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    group: row.topic_group as TopicGroup,
    query: row.query,
    enabled: row.enabled === 1,
    color: row.color,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toSource(row: Selectable<SourcesTable>): Source {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    network: row.network,
    kind: row.kind,
    config: JSON.parse(row.config) as Record<string, string>,
    label: row.label,
    enabled: row.enabled === 1,
    realtime: row.realtime === 1,
    cursor: row.cursor,
    pollIntervalMs: row.poll_interval_ms,
    nextPollAt: row.next_poll_at,
    host: row.host,
    lastPolledAt: row.last_polled_at,
    lastOkAt: row.last_ok_at,
    lastError: row.last_error,
    lastErrorCode: row.last_error_code,
    lastErrorAt: row.last_error_at,
    consecutiveFailures: row.consecutive_failures,
    itemsTotal: Number(row.items_total),
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    channelId: row.channel_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

type MentionRow = Omit<Selectable<MentionsTable>, never>;

function toMention(row: MentionRow, topicIds: string[] = []): StoredMention {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    sourceId: row.source_id,
    network: row.network,
    externalId: row.external_id,
    url: row.url,
    title: row.title,
    text: row.text,
    author: { id: row.author_id, handle: row.author_handle, name: row.author_name, url: row.author_url },
    site: row.site,
    publishedAt: row.published_at,
    seenAt: row.seen_at,
    sortAt: row.sort_at,
    language: row.language,
    languageHow: row.language_how as StoredMention['languageHow'],
    sentiment: row.sentiment as SentimentLabel,
    sentimentConfidence: row.sentiment_confidence,
    sentimentCorrected: row.sentiment_corrected === 1,
    metrics: { reach: row.reach, likes: row.likes, reposts: row.reposts, replies: row.replies },
    hashtags: JSON.parse(row.hashtags) as string[],
    repostOf: row.repost_of,
    replyTo: row.reply_to,
    duplicateOf: row.duplicate_of,
    simhash: row.simhash,
    handledAt: row.handled_at,
    handledBy: row.handled_by,
    tags: JSON.parse(row.tags) as string[],
    editedAt: row.edited_at,
    topicIds,
  };
}

const MENTION_COLUMNS = [
  'id',
  'workspace_id',
  'source_id',
  'network',
  'external_id',
  'url',
  'title',
  'text',
  'author_id',
  'author_handle',
  'author_name',
  'author_url',
  'site',
  'published_at',
  'seen_at',
  'sort_at',
  'language',
  'language_how',
  'sentiment',
  'sentiment_confidence',
  'sentiment_corrected',
  'reach',
  'likes',
  'reposts',
  'replies',
  'hashtags',
  'repost_of',
  'reply_to',
  'duplicate_of',
  'simhash',
  'simhash_band0',
  'simhash_band1',
  'simhash_band2',
  'simhash_band3',
  'handled_at',
  'handled_by',
  'tags',
  'edited_at',
] as const;

// --- Full-text search ----------------------------------------------------------------------------------------

const MARKS = /\p{M}/gu;

/** Lower case without accents: what PostgreSQL indexes and searches, so "élection" finds "election". */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

/** PostgreSQL's search vector of a mention: its title weighs more than its text and author (folded like queries). */
function searchVector(title: string | null, text: string, authorName: string | null, authorHandle: string | null) {
  return sql`setweight(to_tsvector('french', ${foldForSearch(title ?? '')}), 'A') || to_tsvector('french', ${foldForSearch(`${text} ${authorName ?? ''} ${authorHandle ?? ''}`)})`;
}

interface SearchTerm {
  words: string[];
  negated: boolean;
}

/** Words, "quoted phrases" and -excluded words; everything else in the input is only a separator. */
export function parseSearch(q: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const pattern = /(-?)"([^"]*)"|(-?)([^\s"]+)/gu;
  for (const match of q.matchAll(pattern)) {
    const negated = (match[1] ?? match[3]) === '-';
    const words = ((match[2] ?? match[4]) as string).match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length > 0) terms.push({ words: words.map(foldForSearch), negated });
  }
  return terms;
}

/**
 * FTS5 syntax from the parsed search: each word a quoted prefix query (FTS5 on SQLite has no French stemmer, so
 * "élection" should find "élections"), phrases as phrases, exclusions with NOT (https://www.sqlite.org/fts5.html#full_text_query_syntax).
 */
function toFts5Query(terms: SearchTerm[]): string | undefined {
  const quote = (t: SearchTerm) => (t.words.length === 1 ? `"${t.words[0]}"*` : `"${t.words.join(' ')}"`);
  const wanted = terms.filter((t) => !t.negated).map(quote);
  if (wanted.length === 0) return undefined;
  const excluded = terms.filter((t) => t.negated).map(quote);
  return [wanted.join(' AND '), ...excluded.map((e) => `NOT ${e}`)].join(' ');
}

/** websearch_to_tsquery's own syntax is the same (https://www.postgresql.org/docs/current/textsearch-controls.html). */
function toWebSearch(terms: SearchTerm[]): string | undefined {
  if (!terms.some((t) => !t.negated)) return undefined;
  return terms
    .map((t) => `${t.negated ? '-' : ''}${t.words.length > 1 ? `"${t.words.join(' ')}"` : t.words[0]}`)
    .join(' ');
}

// --- Cursors ------------------------------------------------------------------------------------------------

function encodeCursor(sortAt: number, id: string): string {
  return Buffer.from(`${sortAt}:${id}`).toString('base64url');
}

function decodeCursor(cursor: string): { sortAt: number; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString();
  const at = text.indexOf(':');
  const sortAt = Number(text.slice(0, at));
  if (at < 1 || !Number.isSafeInteger(sortAt)) {
    throw new AppError('validation_failed', 'query.cursor: not a cursor this API gave', {
      issues: [{ path: 'query.cursor', message: 'Not a cursor this API gave' }],
    });
  }
  return { sortAt, id: text.slice(at + 1) };
}

/** SQLite allows 32,766 bound values per statement; 37 columns × 400 rows stays well under. */
const INSERT_CHUNK = 400;
const LOOKUP_CHUNK = 500;

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export function storedKey(network: string, externalId: string): string {
  return `${network}\u0000${externalId}`;
}

/** A mention as its `mentions` row (SQLite's full-text index is filled by a trigger; PostgreSQL's below). */
function mentionRow(m: MentionInsert) {
  return {
    id: m.id,
    workspace_id: m.workspaceId,
    source_id: m.sourceId,
    network: m.network,
    external_id: m.externalId,
    url: m.url,
    title: m.title,
    text: m.text,
    author_id: m.author.id,
    author_handle: m.author.handle,
    author_name: m.author.name,
    author_url: m.author.url,
    site: m.site,
    published_at: m.publishedAt,
    seen_at: m.seenAt,
    sort_at: m.sortAt,
    language: m.language,
    language_how: m.languageHow,
    sentiment: m.sentiment,
    sentiment_confidence: m.sentimentConfidence,
    sentiment_corrected: 0,
    reach: m.metrics.reach,
    likes: m.metrics.likes,
    reposts: m.metrics.reposts,
    replies: m.metrics.replies,
    hashtags: JSON.stringify(m.hashtags),
    repost_of: m.repostOf,
    reply_to: m.replyTo,
    duplicate_of: m.duplicateOf,
    simhash: m.simhash,
    simhash_band0: m.bands?.[0] ?? null,
    simhash_band1: m.bands?.[1] ?? null,
    simhash_band2: m.bands?.[2] ?? null,
    simhash_band3: m.bands?.[3] ?? null,
    handled_at: null,
    handled_by: null,
    tags: '[]',
    edited_at: m.editedAt ?? null,
  };
}

interface MentionStatements {
  lastSearchRowid: SQLite.Statement;
  mention: SQLite.Statement;
  search: SQLite.Statement;
  topic: SQLite.Statement;
  sourceTotal: SQLite.Statement;
}
const statementsByDatabase = new WeakMap<SQLite.Database, MentionStatements>();

function prepareMentionStatements(raw: SQLite.Database, columns: string[]): MentionStatements {
  const names = [...columns, 'search_rowid'];
  return {
    lastSearchRowid: raw.prepare('SELECT coalesce(max(search_rowid), 0) AS last FROM mentions').pluck(),
    mention: raw.prepare(
      `INSERT INTO mentions (${names.join(', ')}) VALUES (${names.map((c) => `@${c}`).join(', ')}) ` +
        'ON CONFLICT (workspace_id, network, external_id) DO NOTHING',
    ),
    search: raw.prepare('INSERT INTO mentions_fts (rowid, title, text, author) VALUES (?, ?, ?, ?)'),
    topic: raw.prepare('INSERT INTO mention_topics (mention_id, topic_id, workspace_id, sort_at) VALUES (?, ?, ?, ?)'),
    sourceTotal: raw.prepare('UPDATE sources SET items_total = items_total + ? WHERE id = ?'),
  };
}

/**
 * Stores a batch on SQLite in one IMMEDIATE transaction (the write lock first, so the full-text numbering read
 * at the start stays ours) with cached prepared statements. A row already stored (two workers racing on the same
 * item) is skipped by ON CONFLICT DO NOTHING and left out of the returned ids. Each mention's full-text row is
 * written here, numbered by `search_rowid` (see migration 0013).
 */
function insertMentionsSqlite(raw: SQLite.Database, mentions: MentionInsert[], sourceId: string | null): Set<string> {
  let statements = statementsByDatabase.get(raw);
  if (!statements) {
    statements = prepareMentionStatements(raw, Object.keys(mentionRow(mentions[0] as MentionInsert)));
    statementsByDatabase.set(raw, statements);
  }
  const { lastSearchRowid, mention, search, topic, sourceTotal } = statements;
  const inserted = new Set<string>();
  raw
    .transaction(() => {
      let searchRowid = lastSearchRowid.get() as number;
      for (const m of mentions) {
        if (mention.run({ ...mentionRow(m), search_rowid: searchRowid + 1 }).changes === 0) continue;
        searchRowid++;
        search.run(searchRowid, m.title ?? '', m.text, `${m.author.name ?? ''} ${m.author.handle ?? ''}`);
        inserted.add(m.id);
        for (const topicId of m.topicIds) topic.run(m.id, topicId, m.workspaceId, m.sortAt);
      }
      if (sourceId) sourceTotal.run(inserted.size, sourceId);
    })
    .immediate();
  return inserted;
}

/** The columns an edit rewrites, as named parameters (shared by both dialects). */
function editRow(e: MentionEdit) {
  return {
    title: e.title,
    text: e.text,
    language: e.language,
    language_how: e.languageHow,
    sentiment: e.sentiment,
    sentiment_confidence: e.sentimentConfidence,
    simhash: e.simhash,
    simhash_band0: e.bands?.[0] ?? null,
    simhash_band1: e.bands?.[1] ?? null,
    simhash_band2: e.bands?.[2] ?? null,
    simhash_band3: e.bands?.[3] ?? null,
    hashtags: JSON.stringify(e.hashtags),
    reach: e.metrics.reach,
    likes: e.metrics.likes,
    reposts: e.metrics.reposts,
    replies: e.metrics.replies,
    edited_at: e.editedAt,
  };
}

/** What an edit keeps of the stored row: its full-text row, its clock for the topic links, its author's words. */
interface EditedTarget {
  id: string;
  search_rowid: number | null;
  sort_at: number;
  author_name: string | null;
  author_handle: string | null;
}

interface EditStatements {
  target: SQLite.Statement;
  lastSearchRowid: SQLite.Statement;
  update: SQLite.Statement;
  searchDelete: SQLite.Statement;
  searchInsert: SQLite.Statement;
  topicsDelete: SQLite.Statement;
  topic: SQLite.Statement;
}
const editStatementsByDatabase = new WeakMap<SQLite.Database, EditStatements>();

/**
 * A corrected sentiment is a person's judgement of this mention and wins over the model's new reading; a figure
 * the edited item no longer carries keeps its stored value rather than becoming unknown.
 */
const EDIT_SET_SQLITE = `title = @title, text = @text, language = @language, language_how = @language_how,
  sentiment = CASE WHEN sentiment_corrected = 1 THEN sentiment ELSE @sentiment END,
  sentiment_confidence = CASE WHEN sentiment_corrected = 1 THEN sentiment_confidence ELSE @sentiment_confidence END,
  simhash = @simhash, simhash_band0 = @simhash_band0, simhash_band1 = @simhash_band1,
  simhash_band2 = @simhash_band2, simhash_band3 = @simhash_band3, hashtags = @hashtags,
  reach = coalesce(@reach, reach), likes = coalesce(@likes, likes), reposts = coalesce(@reposts, reposts),
  replies = coalesce(@replies, replies), edited_at = @edited_at, search_rowid = @search_rowid`;

function prepareEditStatements(raw: SQLite.Database): EditStatements {
  return {
    target: raw.prepare(
      'SELECT id, search_rowid, sort_at, author_name, author_handle FROM mentions ' +
        'WHERE id = ? AND workspace_id = ? AND (edited_at IS NULL OR edited_at < ?)',
    ),
    lastSearchRowid: raw.prepare('SELECT coalesce(max(search_rowid), 0) AS last FROM mentions').pluck(),
    update: raw.prepare(`UPDATE mentions SET ${EDIT_SET_SQLITE} WHERE id = @id`),
    searchDelete: raw.prepare('DELETE FROM mentions_fts WHERE rowid = ?'),
    searchInsert: raw.prepare('INSERT INTO mentions_fts (rowid, title, text, author) VALUES (?, ?, ?, ?)'),
    topicsDelete: raw.prepare('DELETE FROM mention_topics WHERE mention_id = ?'),
    topic: raw.prepare('INSERT INTO mention_topics (mention_id, topic_id, workspace_id, sort_at) VALUES (?, ?, ?, ?)'),
  };
}

/**
 * Edits on SQLite, in one IMMEDIATE transaction like inserts. The contentless FTS5 table cannot update a row's
 * terms: its row (numbered by `search_rowid`, see migration 0013) is deleted and written again with the new text.
 */
function updateEditedMentionsSqlite(raw: SQLite.Database, workspaceId: string, edits: MentionEdit[]): Set<string> {
  let statements = editStatementsByDatabase.get(raw);
  if (!statements) {
    statements = prepareEditStatements(raw);
    editStatementsByDatabase.set(raw, statements);
  }
  const { target, lastSearchRowid, update, searchDelete, searchInsert, topicsDelete, topic } = statements;
  const updated = new Set<string>();
  raw
    .transaction(() => {
      for (const e of edits) {
        const row = target.get(e.id, workspaceId, e.editedAt) as EditedTarget | undefined;
        if (!row) continue;
        // A row written before FTS numbering existed has none: it gets the next number now.
        const searchRowid = row.search_rowid ?? (lastSearchRowid.get() as number) + 1;
        if (row.search_rowid !== null) searchDelete.run(row.search_rowid);
        update.run({ ...editRow(e), id: e.id, search_rowid: searchRowid });
        searchInsert.run(searchRowid, e.title ?? '', e.text, `${row.author_name ?? ''} ${row.author_handle ?? ''}`);
        topicsDelete.run(e.id);
        for (const topicId of e.topicIds) topic.run(e.id, topicId, workspaceId, row.sort_at);
        updated.add(e.id);
      }
    })
    .immediate();
  return updated;
}

export function createListeningRepository(
  db: Kysely<Database>,
  dialect: Dialect,
  /** The embedded database's own handle, for the ingestion hot path; absent on PostgreSQL. */
  rawSqlite?: SQLite.Database,
): ListeningRepository {
  /** The filters shared by the stream and every dashboard, as one WHERE on `mentions as m`. */
  function applyFilters<QB extends { where: (expression: Expression<SqlBool>) => QB }>(
    query: QB,
    workspaceId: string,
    filters: MentionFilters,
  ): QB {
    const conditions: Expression<SqlBool>[] = [sql<SqlBool>`m.workspace_id = ${workspaceId}`];
    if (filters.topicId)
      conditions.push(
        sql<SqlBool>`exists (select 1 from mention_topics mt where mt.mention_id = m.id and mt.topic_id = ${filters.topicId})`,
      );
    if (filters.group)
      conditions.push(
        sql<SqlBool>`exists (select 1 from mention_topics mt join topics t on t.id = mt.topic_id where mt.mention_id = m.id and t.topic_group = ${filters.group})`,
      );
    if (filters.sourceId) conditions.push(sql<SqlBool>`m.source_id = ${filters.sourceId}`);
    if (filters.network) conditions.push(sql<SqlBool>`m.network = ${filters.network}`);
    if (filters.language) conditions.push(sql<SqlBool>`m.language = ${filters.language}`);
    if (filters.sentiment) conditions.push(sql<SqlBool>`m.sentiment = ${filters.sentiment}`);
    if (filters.author) {
      const author = filters.author.replace(/^@/, '').toLowerCase();
      conditions.push(sql<SqlBool>`(lower(m.author_handle) = ${author} or lower(m.author_name) = ${author})`);
    }
    if (filters.from !== undefined) conditions.push(sql<SqlBool>`m.sort_at >= ${filters.from}`);
    if (filters.to !== undefined) conditions.push(sql<SqlBool>`m.sort_at < ${filters.to}`);
    if (filters.handled !== undefined)
      conditions.push(filters.handled ? sql<SqlBool>`m.handled_at is not null` : sql<SqlBool>`m.handled_at is null`);
    if (filters.tag) {
      // Tags are a JSON array of strings; the quoted form cannot match inside another tag.
      conditions.push(
        sql<SqlBool>`m.tags like ${`%${JSON.stringify(filters.tag).replace(/[%_\\]/g, '\\$&')}%`} escape '\\'`,
      );
    }
    if (filters.q) {
      const terms = parseSearch(filters.q);
      if (dialect === 'sqlite') {
        const match = toFts5Query(terms);
        if (match)
          conditions.push(
            sql<SqlBool>`m.search_rowid in (select rowid from mentions_fts where mentions_fts match ${match})`,
          );
      } else {
        const search = toWebSearch(terms);
        if (search) conditions.push(sql<SqlBool>`m.search @@ websearch_to_tsquery('french', ${search})`);
      }
    }
    return query.where(sql<SqlBool>`${sql.join(conditions, sql` and `)}`);
  }

  async function loadTopicIds(ids: string[]): Promise<Map<string, string[]>> {
    const byMention = new Map<string, string[]>();
    if (ids.length === 0) return byMention;
    const links = await db
      .selectFrom('mention_topics')
      .select(['mention_id', 'topic_id'])
      .where('mention_id', 'in', ids)
      .execute();
    for (const link of links)
      byMention.set(link.mention_id, [...(byMention.get(link.mention_id) ?? []), link.topic_id]);
    return byMention;
  }

  async function getMention(workspaceId: string, id: string): Promise<StoredMention | undefined> {
    const row = await db
      .selectFrom('mentions')
      .select(MENTION_COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return toMention(row, (await loadTopicIds([id])).get(id) ?? []);
  }

  // Literals, not parameters: better-sqlite3 binds JS numbers as REAL, which would make SQLite divide exactly.
  const bucketOf = (bucketMs: number, originMs = 0) => {
    const size = sql.lit(Math.trunc(bucketMs));
    const origin = sql.lit(Math.trunc(originMs));
    return sql<number>`((m.sort_at - (${origin})) / ${size}) * ${size} + (${origin})`;
  };

  return {
    async createTopic(topic) {
      const now = Date.now();
      const row = {
        id: newId(),
        workspace_id: topic.workspaceId,
        name: topic.name,
        topic_group: topic.group,
        query: topic.query,
        enabled: topic.enabled ? 1 : 0,
        color: topic.color,
        created_by: topic.createdBy,
        created_at: now,
        updated_at: now,
      };
      const clash = await db
        .selectFrom('topics')
        .select('id')
        .where('workspace_id', '=', topic.workspaceId)
        .where('name', '=', topic.name)
        .executeTakeFirst();
      if (clash) throw new AppError('conflict', `A topic is already named "${topic.name}"`, { field: 'name' });
      await db.insertInto('topics').values(row).execute();
      return toTopic(row);
    },
    async getTopic(workspaceId, id) {
      const row = await db
        .selectFrom('topics')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toTopic(row);
    },
    async listTopics(workspaceId) {
      const rows = await db
        .selectFrom('topics')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('topic_group')
        .orderBy('name')
        .execute();
      return rows.map(toTopic);
    },
    async updateTopic(workspaceId, id, patch) {
      if (patch.name !== undefined) {
        const clash = await db
          .selectFrom('topics')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('name', '=', patch.name)
          .where('id', '!=', id)
          .executeTakeFirst();
        if (clash) throw new AppError('conflict', `A topic is already named "${patch.name}"`, { field: 'name' });
      }
      await db
        .updateTable('topics')
        .set({
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.group === undefined ? {} : { topic_group: patch.group }),
          ...(patch.query === undefined ? {} : { query: patch.query }),
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled ? 1 : 0 }),
          ...(patch.color === undefined ? {} : { color: patch.color }),
          updated_at: Date.now(),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
      return this.getTopic(workspaceId, id);
    },
    async deleteTopic(workspaceId, id) {
      const result = await db
        .deleteFrom('topics')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async readTopicsVersion(workspaceId) {
      const row = await db
        .selectFrom('topics')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('latest')])
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      return `${Number(row.n)}:${Number(row.latest ?? 0)}`;
    },

    async createSource(source, now) {
      const row = {
        id: newId(),
        workspace_id: source.workspaceId,
        network: source.network,
        kind: source.kind,
        config: JSON.stringify(source.config),
        label: source.label,
        enabled: source.enabled ? 1 : 0,
        realtime: source.realtime ? 1 : 0,
        cursor: null,
        poll_interval_ms: source.pollIntervalMs,
        next_poll_at: now,
        host: source.host,
        last_polled_at: null,
        last_ok_at: null,
        last_error: null,
        last_error_code: null,
        last_error_at: null,
        consecutive_failures: 0,
        items_total: 0,
        lease_owner: null,
        lease_until: null,
        channel_id: source.channelId ?? null,
        created_by: source.createdBy,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('sources').values(row).execute();
      return toSource(row);
    },
    async getSource(workspaceId, id) {
      const row = await db
        .selectFrom('sources')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toSource(row);
    },
    async listSources(workspaceId) {
      const rows = await db
        .selectFrom('sources')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at')
        .execute();
      return rows.map(toSource);
    },
    async updateSource(workspaceId, id, patch) {
      await db
        .updateTable('sources')
        .set({
          ...(patch.label === undefined ? {} : { label: patch.label }),
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled ? 1 : 0 }),
          ...(patch.pollIntervalMs === undefined ? {} : { poll_interval_ms: patch.pollIntervalMs }),
          ...(patch.config === undefined ? {} : { config: JSON.stringify(patch.config) }),
          ...(patch.host === undefined ? {} : { host: patch.host }),
          ...(patch.nextPollAt === undefined ? {} : { next_poll_at: patch.nextPollAt }),
          ...(patch.channelId === undefined ? {} : { channel_id: patch.channelId }),
          updated_at: Date.now(),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
      return this.getSource(workspaceId, id);
    },
    async deleteSource(workspaceId, id) {
      const result = await db
        .deleteFrom('sources')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async listDueSources(now, limit) {
      const rows = await db
        .selectFrom('sources')
        .selectAll()
        .where('enabled', '=', 1)
        .where('realtime', '=', 0)
        .where('next_poll_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        // Least recently polled first, not earliest due: a source postponed for its host's pace gets a new due
        // time each run, and ordered by it would lose to every source polled since — starved for good.
        .orderBy(sql`coalesce(last_polled_at, 0)`)
        .orderBy('next_poll_at')
        .limit(limit)
        .execute();
      return rows.map(toSource);
    },
    async readHostActivity(hosts, now) {
      const activity = new Map<string, HostActivity>();
      if (hosts.length === 0) return activity;
      const rows = await db
        .selectFrom('sources')
        .select((eb) => [
          'host',
          'workspace_id',
          eb.fn.max('last_polled_at').as('last'),
          // Only a poll makes a host busy: a stream holds its lease for as long as it lives, and counting it
          // would stop every polled source of that host, in every workspace, for good.
          eb.fn.max(sql<number>`case when realtime = 0 and lease_until >= ${now} then 1 else 0 end`).as('busy'),
        ])
        .where('host', 'in', hosts)
        .groupBy(['host', 'workspace_id'])
        .execute();
      for (const row of rows) {
        const host = row.host as string;
        const entry = activity.get(host) ?? { lastPolledAt: null, busy: false, lastPolledByWorkspace: new Map() };
        const last = row.last === null ? null : Number(row.last);
        if (last !== null) {
          entry.lastPolledByWorkspace.set(row.workspace_id, last);
          entry.lastPolledAt = Math.max(entry.lastPolledAt ?? last, last);
        }
        entry.busy ||= Number(row.busy) === 1;
        activity.set(host, entry);
      }
      return activity;
    },
    async claimSource(id, owner, now, leaseMs, realtime) {
      const result = await db
        .updateTable('sources')
        .set({ lease_owner: owner, lease_until: now + leaseMs, ...(realtime ? {} : { last_polled_at: now }) })
        .where('id', '=', id)
        .where('enabled', '=', 1)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async renewLease(id, owner, until) {
      const result = await db
        .updateTable('sources')
        .set({ lease_until: until })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('enabled', '=', 1)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async listClaimableStreams(now, limit) {
      const rows = await db
        .selectFrom('sources')
        .selectAll()
        .where('enabled', '=', 1)
        .where('realtime', '=', 1)
        .where('next_poll_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .orderBy('next_poll_at')
        .limit(limit)
        .execute();
      return rows.map(toSource);
    },
    async postpone(id, nextPollAt) {
      await db.updateTable('sources').set({ next_poll_at: nextPollAt }).where('id', '=', id).execute();
    },
    async recordSuccess(id, owner, result) {
      const update = await db
        .updateTable('sources')
        .set({
          cursor: result.cursor,
          last_ok_at: result.now,
          consecutive_failures: 0,
          next_poll_at: result.nextPollAt,
          ...(result.keepLease ? {} : { lease_owner: null, lease_until: null }),
        })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(update.numUpdatedRows) === 1;
    },
    async recordFailure(id, owner, failure) {
      await db
        .updateTable('sources')
        .set((eb) => ({
          last_error: failure.message.slice(0, 2000),
          last_error_code: failure.code,
          last_error_at: failure.now,
          consecutive_failures: eb('consecutive_failures', '+', 1),
          next_poll_at: failure.nextPollAt,
          lease_owner: null,
          lease_until: null,
        }))
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },
    async releaseLease(id, owner) {
      await db
        .updateTable('sources')
        .set({ lease_owner: null, lease_until: null })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },

    async findStored(workspaceId, keys) {
      const found = new Map<string, { id: string; duplicateOf: string | null; editedAt: number | null }>();
      // By network, so each lookup uses the (workspace, network, external id) unique index.
      const byNetwork = new Map<string, Set<string>>();
      for (const k of keys) byNetwork.set(k.network, (byNetwork.get(k.network) ?? new Set()).add(k.externalId));
      for (const [network, externalIds] of byNetwork) {
        for (const ids of chunk([...externalIds], LOOKUP_CHUNK)) {
          const rows = await db
            .selectFrom('mentions')
            .select(['id', 'external_id', 'duplicate_of', 'edited_at'])
            .where('workspace_id', '=', workspaceId)
            .where('network', '=', network)
            .where('external_id', 'in', ids)
            .execute();
          for (const row of rows)
            found.set(storedKey(network, row.external_id), {
              id: row.id,
              duplicateOf: row.duplicate_of,
              editedAt: row.edited_at,
            });
        }
      }
      return found;
    },
    async findDuplicateCandidates(workspaceId, bands) {
      if (bands.length === 0) return [];
      const candidates = new Map<string, DuplicateCandidate>();
      for (const part of chunk(bands, LOOKUP_CHUNK)) {
        // One SELECT per band, joined by UNION ALL, each answered by its partial covering index (migration 0013).
        // Four ORed IN lists in one WHERE made SQLite's planner scan the whole workspace, batch after batch.
        // Group heads only: a copy joins the group of the text it is near, never a chain of copies, and a storm
        // of reposts does not make every later copy compare with all the earlier ones.
        const perBand = ([0, 1, 2, 3] as const).map((i) =>
          db
            .selectFrom('mentions')
            .select(['id', 'simhash'])
            .where('workspace_id', '=', workspaceId)
            .where(`simhash_band${i}`, 'in', [...new Set(part.map((b) => b[i] as number))])
            .where('duplicate_of', 'is', null),
        );
        const [first, ...others] = perBand;
        const union = others.reduce((query, next) => query.unionAll(next), first as NonNullable<typeof first>);
        for (const row of await union.execute()) {
          if (row.simhash) candidates.set(row.id, { id: row.id, simhash: row.simhash, duplicateOf: null });
        }
      }
      return [...candidates.values()];
    },
    async insertMentions(mentions, sourceId) {
      if (mentions.length === 0) return new Set<string>();
      if (rawSqlite) {
        const raw = rawSqlite;
        // The hot path of listening on SQLite: statements prepared once and run in one synchronous transaction,
        // while Kysely's single connection is held so no other query interleaves. Kysely would compile and
        // prepare a 15,000-value statement per chunk.
        return db.connection().execute(async () => insertMentionsSqlite(raw, mentions, sourceId));
      }
      const inserted = new Set<string>();
      await db.transaction().execute(async (trx) => {
        for (const part of chunk(mentions, INSERT_CHUNK)) {
          const rows = await trx
            .insertInto('mentions')
            .values(
              part.map((m) => ({
                ...mentionRow(m),
                search: searchVector(m.title, m.text, m.author.name, m.author.handle),
              })) as never,
            )
            // Two workers racing on the same item (a source polled while another streams it) store it once;
            // RETURNING lists only the rows really inserted.
            .onConflict((oc) => oc.columns(['workspace_id', 'network', 'external_id']).doNothing())
            .returning('id')
            .execute();
          for (const row of rows) inserted.add(row.id);
        }
        const links = mentions
          .filter((m) => inserted.has(m.id))
          .flatMap((m) =>
            m.topicIds.map((topicId) => ({
              mention_id: m.id,
              topic_id: topicId,
              workspace_id: m.workspaceId,
              sort_at: m.sortAt,
            })),
          );
        for (const part of chunk(links, 2000)) {
          await trx.insertInto('mention_topics').values(part).execute();
        }
        if (sourceId) {
          await trx
            .updateTable('sources')
            .set((eb) => ({ items_total: eb('items_total', '+', inserted.size) }))
            .where('id', '=', sourceId)
            .execute();
        }
      });
      return inserted;
    },
    async updateEditedMentions(workspaceId, edits) {
      if (edits.length === 0) return new Set<string>();
      if (rawSqlite) {
        const raw = rawSqlite;
        return db.connection().execute(async () => updateEditedMentionsSqlite(raw, workspaceId, edits));
      }
      const updated = new Set<string>();
      await db.transaction().execute(async (trx) => {
        for (const e of edits) {
          // Locked, so two workers storing the same edit do not both rewrite it, and an older one never wins.
          const row = await trx
            .selectFrom('mentions')
            .select(['id', 'sort_at', 'author_name', 'author_handle'])
            .where('id', '=', e.id)
            .where('workspace_id', '=', workspaceId)
            .where((eb) => eb.or([eb('edited_at', 'is', null), eb('edited_at', '<', e.editedAt)]))
            .forUpdate()
            .executeTakeFirst();
          if (!row) continue;
          const values = editRow(e);
          await trx
            .updateTable('mentions')
            .set({
              ...values,
              // As in EDIT_SET_SQLITE: a person's correction wins, a figure no longer given keeps its value.
              sentiment: sql`case when sentiment_corrected = 1 then sentiment else ${values.sentiment} end`,
              sentiment_confidence: sql`case when sentiment_corrected = 1 then sentiment_confidence else ${values.sentiment_confidence}::double precision end`,
              reach: sql`coalesce(${values.reach}::bigint, reach)`,
              likes: sql`coalesce(${values.likes}::bigint, likes)`,
              reposts: sql`coalesce(${values.reposts}::bigint, reposts)`,
              replies: sql`coalesce(${values.replies}::bigint, replies)`,
              search: searchVector(e.title, e.text, row.author_name, row.author_handle),
            } as never)
            .where('id', '=', e.id)
            .execute();
          await trx.deleteFrom('mention_topics').where('mention_id', '=', e.id).execute();
          if (e.topicIds.length > 0) {
            await trx
              .insertInto('mention_topics')
              .values(
                e.topicIds.map((topicId) => ({
                  mention_id: e.id,
                  topic_id: topicId,
                  workspace_id: workspaceId,
                  sort_at: row.sort_at,
                })),
              )
              .execute();
          }
          updated.add(e.id);
        }
      });
      return updated;
    },
    getMention,
    async queryMentions(workspaceId, filters, cursor, limit) {
      let query = applyFilters(
        db.selectFrom('mentions as m').select(MENTION_COLUMNS.map((c) => `m.${c}` as const)),
        workspaceId,
        filters,
      );
      if (cursor) {
        const after = decodeCursor(cursor);
        query = query.where(
          sql<SqlBool>`(m.sort_at < ${after.sortAt} or (m.sort_at = ${after.sortAt} and m.id < ${after.id}))`,
        );
      }
      const rows = await query
        .orderBy('m.sort_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit) as MentionRow[];
      const topics = await loadTopicIds(page.map((r) => r.id));
      const last = page.at(-1);
      return {
        items: page.map((row) => toMention(row, topics.get(row.id) ?? [])),
        nextCursor: rows.length > limit && last ? encodeCursor(last.sort_at, last.id) : null,
      };
    },
    async correctSentiment(workspaceId, id, label, by, now) {
      const mention = await getMention(workspaceId, id);
      if (!mention) return undefined;
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('sentiment_corrections')
          .values({
            id: newId(),
            workspace_id: workspaceId,
            mention_id: id,
            text: mention.title ? `${mention.title}\n\n${mention.text}` : mention.text,
            language: mention.language,
            label,
            previous_label: mention.sentiment,
            corrected_by: by,
            created_at: now,
          })
          .execute();
        await trx
          .updateTable('mentions')
          .set({ sentiment: label, sentiment_confidence: 1, sentiment_corrected: 1 })
          .where('id', '=', id)
          .execute();
      });
      return getMention(workspaceId, id);
    },
    async setTags(workspaceId, id, tags) {
      const result = await db
        .updateTable('mentions')
        .set({ tags: JSON.stringify(tags) })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 0 ? undefined : getMention(workspaceId, id);
    },
    async setHandled(workspaceId, id, handled, by, now) {
      const result = await db
        .updateTable('mentions')
        .set(handled ? { handled_at: now, handled_by: by } : { handled_at: null, handled_by: null })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 0 ? undefined : getMention(workspaceId, id);
    },
    async listCorrections(workspaceId) {
      const rows = await db
        .selectFrom('sentiment_corrections')
        .select(['text', 'language', 'label'])
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ text: r.text, language: r.language, label: r.label as SentimentLabel }));
    },
    async readCorrectionsVersion(workspaceId) {
      const row = await db
        .selectFrom('sentiment_corrections')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('latest')])
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      return `${Number(row.n)}:${Number(row.latest ?? 0)}`;
    },

    async countByBucket(workspaceId, filters, bucketMs, originMs = 0) {
      const { topicId, ...rest } = filters;
      let query = applyFilters(
        db
          .selectFrom('mention_topics as mt')
          .innerJoin('mentions as m', 'm.id', 'mt.mention_id')
          .select([
            'mt.topic_id as topicId',
            bucketOf(bucketMs, originMs).as('bucket'),
            (eb) => eb.fn.countAll<number>().as('count'),
          ]),
        workspaceId,
        rest,
      );
      if (topicId) query = query.where('mt.topic_id', '=', topicId);
      const rows = await query.groupBy(['mt.topic_id', 'bucket']).orderBy('bucket').execute();
      return rows.map((r) => ({ topicId: r.topicId, bucket: Number(r.bucket), count: Number(r.count) }));
    },
    async countSentimentByBucket(workspaceId, filters, bucketMs, originMs = 0) {
      const rows = await applyFilters(
        db
          .selectFrom('mentions as m')
          .select([
            'm.sentiment',
            bucketOf(bucketMs, originMs).as('bucket'),
            (eb) => eb.fn.countAll<number>().as('count'),
          ]),
        workspaceId,
        filters,
      )
        .groupBy(['bucket', 'm.sentiment'])
        .orderBy('bucket')
        .execute();
      return rows.map((r) => ({
        sentiment: r.sentiment as SentimentLabel,
        bucket: Number(r.bucket),
        count: Number(r.count),
      }));
    },
    async topSources(workspaceId, filters, limit) {
      const rows = await applyFilters(
        db
          .selectFrom('mentions as m')
          .select([
            sql<string>`coalesce(m.site, m.network)`.as('site'),
            'm.network',
            (eb) => eb.fn.countAll<number>().as('count'),
          ]),
        workspaceId,
        filters,
      )
        .groupBy([sql`coalesce(m.site, m.network)`, 'm.network'])
        .orderBy('count', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ site: r.site, network: r.network, count: Number(r.count) }));
    },
    async topAuthors(workspaceId, filters, limit) {
      // An author is a handle on networks, a byline (name) in feeds and on web pages.
      const who = sql<string>`coalesce(m.author_handle, m.author_name)`;
      const rows = await applyFilters(
        db
          .selectFrom('mentions as m')
          .select([
            'm.network',
            sql<string | null>`max(m.author_handle)`.as('handle'),
            sql<string | null>`max(m.author_name)`.as('name'),
            (eb) => eb.fn.countAll<number>().as('count'),
            sql<number>`coalesce(max(m.reach), 0)`.as('reach'),
          ]),
        workspaceId,
        filters,
      )
        .where(sql<SqlBool>`${who} is not null`)
        .groupBy(['m.network', who])
        .orderBy('count', 'desc')
        .orderBy('reach', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        network: r.network,
        handle: r.handle,
        name: r.name,
        count: Number(r.count),
        reach: Number(r.reach),
      }));
    },
    async listTexts(workspaceId, filters, limit) {
      const rows = await applyFilters(
        db.selectFrom('mentions as m').select(['m.title', 'm.text', 'm.hashtags']),
        workspaceId,
        filters,
      )
        .orderBy('m.sort_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        text: r.title ? `${r.title}\n\n${r.text}` : r.text,
        hashtags: JSON.parse(r.hashtags) as string[],
      }));
    },
    async countByTopic(workspaceId, filters) {
      const { topicId: _unused, ...rest } = filters;
      const rows = await applyFilters(
        db
          .selectFrom('mention_topics as mt')
          .innerJoin('mentions as m', 'm.id', 'mt.mention_id')
          .select([
            'mt.topic_id as topicId',
            (eb) => eb.fn.countAll<number>().as('mentions'),
            sql<number>`coalesce(sum(m.reach), 0)`.as('reach'),
          ]),
        workspaceId,
        rest,
      )
        .groupBy('mt.topic_id')
        .execute();
      return rows.map((r) => ({ topicId: r.topicId, mentions: Number(r.mentions), reach: Number(r.reach) }));
    },
  };
}
