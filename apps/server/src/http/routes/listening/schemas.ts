// Listening's API schemas (zod, also the OpenAPI document): topics, sources, mentions, the stream's filters and
// the path parameters, with the parsing of filters shared by the stream and the dashboards.
import { z } from 'zod';
import { validationError, TOPIC_GROUPS, type MentionFilters, type QueryLocale } from '@rostra/core';
import type { FastifyRequest } from 'fastify';
import { idSchema } from '../../schemas.js';

export const base = '/api/workspaces/:workspaceId/listening';
export const params = z.strictObject({ workspaceId: idSchema });
export const topicParams = z.strictObject({ workspaceId: idSchema, topicId: idSchema });
export const sourceParams = z.strictObject({ workspaceId: idSchema, sourceId: idSchema });
export const mentionParams = z.strictObject({ workspaceId: idSchema, mentionId: idSchema });

export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1c7ed6');
export const querySchema = z.string().trim().min(1).max(4000);
export const sentimentSchema = z.enum(['negative', 'neutral', 'positive']);

export const topicSchema = z.object({
  id: z.string(),
  name: z.string(),
  group: z.enum(TOPIC_GROUPS),
  query: z.string(),
  enabled: z.boolean(),
  color: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export const sourceSchema = z.object({
  id: z.string(),
  network: z.string(),
  kind: z.string(),
  config: z.record(z.string(), z.string()),
  label: z.string(),
  enabled: z.boolean(),
  realtime: z.boolean(),
  pollIntervalSeconds: z.number(),
  nextPollAt: z.iso.datetime(),
  host: z.string().nullable(),
  /** The connected channel the source searches as (its credentials), if any. */
  channelId: z.string().nullable(),
  health: z.object({
    status: z.enum(['ok', 'failing', 'waiting', 'disabled']),
    lastPolledAt: z.iso.datetime().nullable(),
    lastOkAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable(),
    lastErrorCode: z.string().nullable(),
    lastErrorAt: z.iso.datetime().nullable(),
    consecutiveFailures: z.number(),
    itemsTotal: z.number(),
  }),
  createdAt: z.iso.datetime(),
});

export const mentionSchema = z.object({
  id: z.string(),
  sourceId: z.string().nullable(),
  network: z.string(),
  externalId: z.string(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  text: z.string(),
  author: z.object({
    id: z.string().nullable(),
    handle: z.string().nullable(),
    name: z.string().nullable(),
    url: z.string().nullable(),
  }),
  site: z.string().nullable(),
  publishedAt: z.iso.datetime().nullable(),
  /** When its network says it was last edited; the text is then that version. */
  editedAt: z.iso.datetime().nullable(),
  seenAt: z.iso.datetime(),
  language: z.string(),
  languageHow: z.enum(['declared', 'detected', 'unknown']),
  sentiment: sentimentSchema,
  sentimentConfidence: z.number(),
  sentimentCorrected: z.boolean(),
  metrics: z.object({
    reach: z.number().nullable(),
    likes: z.number().nullable(),
    reposts: z.number().nullable(),
    replies: z.number().nullable(),
  }),
  hashtags: z.array(z.string()),
  repostOf: z.string().nullable(),
  replyTo: z.string().nullable(),
  duplicateOf: z.string().nullable(),
  topicIds: z.array(z.string()),
  tags: z.array(z.string()),
  handledAt: z.iso.datetime().nullable(),
  handledBy: z.string().nullable(),
});

export const filterQuery = {
  topicId: idSchema.optional(),
  group: z.enum(TOPIC_GROUPS).optional(),
  sourceId: idSchema.optional(),
  network: z.string().max(40).optional(),
  language: z.string().max(12).optional(),
  sentiment: sentimentSchema.optional(),
  author: z.string().max(200).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  handled: z.enum(['true', 'false']).optional(),
  tag: z.string().max(60).optional(),
  q: z.string().max(500).optional(),
};

type FilterQuery = { [K in keyof typeof filterQuery]?: string };

export function toFilters(query: FilterQuery): MentionFilters {
  const filters: MentionFilters = {};
  if (query.topicId) filters.topicId = query.topicId;
  if (query.group) filters.group = query.group as MentionFilters['group'];
  if (query.sourceId) filters.sourceId = query.sourceId;
  if (query.network) filters.network = query.network;
  if (query.language) filters.language = query.language.toLowerCase();
  if (query.sentiment) filters.sentiment = query.sentiment as MentionFilters['sentiment'];
  if (query.author) filters.author = query.author;
  if (query.from) filters.from = Date.parse(query.from);
  if (query.to) filters.to = Date.parse(query.to);
  if (query.handled) filters.handled = query.handled === 'true';
  if (query.tag) filters.tag = query.tag;
  if (query.q?.trim()) filters.q = query.q.trim();
  if (filters.from !== undefined && filters.to !== undefined && filters.from >= filters.to) {
    throw validationError([{ path: 'query.to', code: 'end_before_start', message: 'Must be after from' }]);
  }
  return filters;
}

/** The language of a query's error messages: the one asked, else the person's, else French. */
export function localeOf(request: FastifyRequest, wanted: QueryLocale | undefined): QueryLocale {
  if (wanted) return wanted;
  return request.principal?.kind === 'session' && request.principal.user.locale === 'en' ? 'en' : 'fr';
}
