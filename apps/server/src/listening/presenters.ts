// Listening's API shapes: stored topics, sources (with a health summary) and mentions as the API returns them,
// with dates as ISO strings. The routes' zod schemas describe the same shapes.
import type { Source, StoredMention, Topic } from '@rostra/core';
import { toIso, toIsoOrNull } from '../http/schemas.js';

export function presentTopic(topic: Topic) {
  return {
    id: topic.id,
    name: topic.name,
    group: topic.group,
    query: topic.query,
    enabled: topic.enabled,
    color: topic.color,
    createdAt: toIso(topic.createdAt),
    updatedAt: toIso(topic.updatedAt),
  };
}

export function describeHealth(source: Source): 'ok' | 'failing' | 'waiting' | 'disabled' {
  if (!source.enabled) return 'disabled';
  if (source.lastErrorAt !== null && (source.lastOkAt === null || source.lastErrorAt > source.lastOkAt))
    return 'failing';
  return source.lastOkAt === null ? 'waiting' : 'ok';
}

export function presentSource(source: Source) {
  return {
    id: source.id,
    network: source.network,
    kind: source.kind,
    config: source.config,
    label: source.label,
    enabled: source.enabled,
    realtime: source.realtime,
    pollIntervalSeconds: Math.round(source.pollIntervalMs / 1000),
    nextPollAt: toIso(source.nextPollAt),
    host: source.host,
    channelId: source.channelId,
    health: {
      status: describeHealth(source),
      lastPolledAt: toIsoOrNull(source.lastPolledAt),
      lastOkAt: toIsoOrNull(source.lastOkAt),
      lastError: source.lastError,
      lastErrorCode: source.lastErrorCode,
      lastErrorAt: toIsoOrNull(source.lastErrorAt),
      consecutiveFailures: source.consecutiveFailures,
      itemsTotal: source.itemsTotal,
    },
    createdAt: toIso(source.createdAt),
  };
}

export function presentMention(m: StoredMention) {
  return {
    id: m.id,
    sourceId: m.sourceId,
    network: m.network,
    externalId: m.externalId,
    url: m.url,
    title: m.title,
    text: m.text,
    author: m.author,
    site: m.site,
    publishedAt: toIsoOrNull(m.publishedAt),
    editedAt: toIsoOrNull(m.editedAt),
    seenAt: toIso(m.seenAt),
    language: m.language,
    languageHow: m.languageHow,
    sentiment: m.sentiment,
    sentimentConfidence: m.sentimentConfidence,
    sentimentCorrected: m.sentimentCorrected,
    metrics: m.metrics,
    hashtags: m.hashtags,
    repostOf: m.repostOf,
    replyTo: m.replyTo,
    duplicateOf: m.duplicateOf,
    topicIds: m.topicIds,
    tags: m.tags,
    handledAt: toIsoOrNull(m.handledAt),
    handledBy: m.handledBy,
  };
}
