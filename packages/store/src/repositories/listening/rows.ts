// Listening rows ↔ domain types: topics, sources and mentions as their tables hold them, and back.
import type { Selectable } from 'kysely';
import type {
  MentionEdit,
  MentionInsert,
  SentimentLabel,
  Source,
  StoredMention,
  Topic,
  TopicGroup,
} from '@rostra/core';
import type { MentionsTable, SourcesTable, TopicsTable } from '../../schema.js';

export function toTopic(row: Selectable<TopicsTable>): Topic {
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

export function toSource(row: Selectable<SourcesTable>): Source {
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

export type MentionRow = Omit<Selectable<MentionsTable>, never>;

export function toMention(row: MentionRow, topicIds: string[] = []): StoredMention {
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

export const MENTION_COLUMNS = [
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

/** SQLite allows 32,766 bound values per statement; 37 columns × 400 rows stays well under. */
export const INSERT_CHUNK = 400;
export const LOOKUP_CHUNK = 500;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

export function storedKey(network: string, externalId: string): string {
  return `${network}\u0000${externalId}`;
}

/** A mention as its `mentions` row (SQLite's full-text index is filled by a trigger; PostgreSQL's below). */
export function mentionRow(m: MentionInsert) {
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

/** The columns an edit rewrites, as named parameters (shared by both dialects). */
export function editRow(e: MentionEdit) {
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
