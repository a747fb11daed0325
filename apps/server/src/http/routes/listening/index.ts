// Listening ("veille"): topics and their queries, sources with their health, the mention stream with its
// actions (correct sentiment, tag, mark handled), and the dashboards. Viewers read; contributors act on
// mentions; managers edit topics and sources. Every write is audited.
import { z } from 'zod';
import {
  AppError,
  compileQuery,
  computeShareOfVoice,
  findTrending,
  isQueryError,
  localBucketOrigin,
  localiseQueryError,
  prepareMention,
  type BucketSize,
  type QueryLocale,
} from '@rostra/core';
import { TOPIC_GROUPS, type MentionFilters, type Source, type StoredMention, type Topic } from '@rostra/store';
import type { FastifyRequest } from 'fastify';
import type { RouteDeps, ZodApp } from '../app.js';
import { actionContext, requireWorkspace } from '../access.js';
import { commonErrors, idSchema, name, nameSchema, noContent, toIso, toIsoOrNull } from '../schemas.js';
import { deriveSourceHost, LISTEN_POLL_JOB } from '../../listening/sources.js';
import { prefixed, refuseDisallowedUrls } from '../outbound-check.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BUCKETS = { hour: HOUR, day: DAY, week: 7 * DAY } as const;
/** Mentions a preview reads at most: enough to judge a query, small enough to answer at once. */
const PREVIEW_SCAN = 5000;
const MIN_POLL_SECONDS = 60;

const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1c7ed6');
const querySchema = z.string().trim().min(1).max(4000);
const sentimentSchema = z.enum(['negative', 'neutral', 'positive']);

const topicSchema = z.object({
  id: z.string(),
  name: z.string(),
  group: z.enum(TOPIC_GROUPS),
  query: z.string(),
  enabled: z.boolean(),
  color: z.string(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const sourceSchema = z.object({
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

const mentionSchema = z.object({
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

function presentTopic(topic: Topic) {
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

function describeHealth(source: Source): 'ok' | 'failing' | 'waiting' | 'disabled' {
  if (!source.enabled) return 'disabled';
  if (source.lastErrorAt !== null && (source.lastOkAt === null || source.lastErrorAt > source.lastOkAt))
    return 'failing';
  return source.lastOkAt === null ? 'waiting' : 'ok';
}

function presentSource(source: Source) {
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

function presentMention(m: StoredMention) {
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

const filterQuery = {
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

function toFilters(query: FilterQuery): MentionFilters {
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
    throw new AppError('validation_failed', 'query.to: must be after query.from', {
      issues: [{ path: 'query.to', message: 'Must be after from' }],
    });
  }
  return filters;
}

function localeOf(request: FastifyRequest, wanted: QueryLocale | undefined): QueryLocale {
  if (wanted) return wanted;
  return request.principal?.kind === 'session' && request.principal.user.locale === 'en' ? 'en' : 'fr';
}

function describeQueryError(query: string, locale: QueryLocale) {
  try {
    compileQuery(query);
    return null;
  } catch (error) {
    if (!isQueryError(error)) throw error;
    const { message, hint } = localiseQueryError(error, locale);
    return { code: error.code, column: error.column, length: error.length, message, hint };
  }
}

function requireValidQuery(query: string, locale: QueryLocale): void {
  const problem = describeQueryError(query, locale);
  if (problem) {
    throw new AppError('validation_failed', `body.query: ${problem.message} ${problem.hint}`, {
      issues: [{ path: 'body.query', message: `${problem.message} ${problem.hint}` }],
      query: problem,
    });
  }
}

export function registerListeningRoutes(api: ZodApp, deps: RouteDeps): void {
  const { runtime, connectors } = deps;
  const { store } = runtime;
  const base = '/api/workspaces/:workspaceId/listening';
  const params = z.strictObject({ workspaceId: idSchema });
  const topicParams = z.strictObject({ workspaceId: idSchema, topicId: idSchema });
  const sourceParams = z.strictObject({ workspaceId: idSchema, sourceId: idSchema });
  const mentionParams = z.strictObject({ workspaceId: idSchema, mentionId: idSchema });

  async function audit(
    request: FastifyRequest,
    workspaceId: string,
    action: string,
    targetType: string,
    targetId: string,
    details: Record<string, unknown> = {},
  ) {
    const ctx = actionContext(request);
    const workspace = await store.accounts.getWorkspace(workspaceId);
    await store.audit.record({
      organisationId: workspace?.organisationId ?? '',
      workspaceId,
      actor: ctx.actor,
      action,
      targetType,
      targetId,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      details,
    });
  }

  const userIdOf = (request: FastifyRequest) =>
    request.principal?.kind === 'session' ? request.principal.user.id : null;

  async function requireTopic(workspaceId: string, id: string): Promise<Topic> {
    const topic = await store.listening.getTopic(workspaceId, id);
    if (!topic) throw new AppError('not_found', 'Topic not found');
    return topic;
  }
  /** A source searches as a channel of its own workspace and network; anything else names body.channelId. */
  async function checkSourceChannel(
    workspaceId: string,
    network: string,
    channelId: string | null | undefined,
  ): Promise<string | null> {
    if (!channelId) return null;
    const channel = await store.channels.get(workspaceId, channelId);
    const problem = !channel
      ? 'No such channel in this workspace'
      : channel.network !== network
        ? `The channel is on ${channel.network}, the source on ${network}`
        : null;
    if (problem) {
      throw new AppError('validation_failed', `body.channelId: ${problem}`, {
        issues: [{ path: 'body.channelId', message: problem }],
      });
    }
    return channelId;
  }

  async function requireSource(workspaceId: string, id: string): Promise<Source> {
    const source = await store.listening.getSource(workspaceId, id);
    if (!source) throw new AppError('not_found', 'Source not found');
    return source;
  }
  async function requireMention(workspaceId: string, id: string): Promise<StoredMention> {
    const mention = await store.listening.getMention(workspaceId, id);
    if (!mention) throw new AppError('not_found', 'Mention not found');
    return mention;
  }

  // --- Topics ------------------------------------------------------------------------------------------------

  api.get(
    `${base}/topics`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Listening topics, grouped as brand, competitor, sector or other',
        tags: ['listening'],
        params,
        response: { 200: z.object({ items: z.array(topicSchema), groups: z.array(z.string()) }), ...commonErrors },
      },
    },
    async (request) => ({
      items: (await store.listening.listTopics(requireWorkspace(request).id)).map(presentTopic),
      groups: [...TOPIC_GROUPS],
    }),
  );

  api.get(
    `${base}/topics/validate`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Check a topic query; the error says where (1-based column, length) and how to fix it',
        tags: ['listening'],
        params,
        querystring: z.strictObject({ query: z.string().max(4000), locale: z.enum(['fr', 'en']).optional() }),
        response: {
          200: z.object({
            valid: z.boolean(),
            error: z
              .object({
                code: z.string(),
                column: z.number(),
                length: z.number(),
                message: z.string(),
                hint: z.string(),
              })
              .nullable(),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const error = describeQueryError(request.query.query, localeOf(request, request.query.locale));
      return { valid: error === null, error };
    },
  );

  api.get(
    `${base}/topics/preview`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Run a query against the latest stored mentions, to see what a topic would catch',
        tags: ['listening'],
        params,
        querystring: z.strictObject({
          query: querySchema,
          days: z.coerce.number().int().min(1).max(90).default(7),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          locale: z.enum(['fr', 'en']).optional(),
        }),
        response: {
          200: z.object({ scanned: z.number(), matched: z.number(), items: z.array(mentionSchema) }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const locale = localeOf(request, request.query.locale);
      let compiled;
      try {
        compiled = compileQuery(request.query.query);
      } catch (error) {
        if (!isQueryError(error)) throw error;
        const { message, hint } = localiseQueryError(error, locale);
        throw new AppError('validation_failed', `query.query: ${message} ${hint}`, {
          issues: [{ path: 'query.query', message: `${message} ${hint}` }],
          query: { code: error.code, column: error.column, length: error.length, message, hint },
        });
      }
      const page = await store.listening.queryMentions(
        workspaceId,
        { from: Date.now() - request.query.days * DAY },
        null,
        PREVIEW_SCAN,
      );
      const matched = page.items.filter((m) =>
        compiled.test(
          prepareMention({
            text: m.text,
            ...(m.title ? { title: m.title } : {}),
            ...(m.author.handle || m.author.name ? { author: m.author.handle ?? m.author.name ?? '' } : {}),
            ...(m.url ? { url: m.url } : {}),
            ...(m.language !== 'und' ? { lang: m.language } : {}),
            source: m.network,
            hashtags: m.hashtags,
          }),
        ),
      );
      return {
        scanned: page.items.length,
        matched: matched.length,
        items: matched.slice(0, request.query.limit).map(presentMention),
      };
    },
  );

  api.post(
    `${base}/topics`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Create a topic; an invalid query is refused with its column and a hint',
        tags: ['listening'],
        params,
        body: z.strictObject({
          name: nameSchema,
          group: z.enum(TOPIC_GROUPS),
          query: querySchema,
          enabled: z.boolean().default(true),
          color: colorSchema.default('#1c7ed6'),
        }),
        response: { 201: topicSchema, ...commonErrors, 409: commonErrors[400] },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      requireValidQuery(request.body.query, localeOf(request, undefined));
      const topic = await store.listening.createTopic({
        workspaceId,
        ...request.body,
        createdBy: userIdOf(request),
      });
      await audit(request, workspaceId, 'topic.created', 'topic', topic.id, {
        name: topic.name,
        group: topic.group,
        query: topic.query,
      });
      return reply.status(201).send(presentTopic(topic));
    },
  );

  api.patch(
    `${base}/topics/:topicId`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Change a topic (name, group, query, colour, enabled)',
        tags: ['listening'],
        params: topicParams,
        body: z.strictObject({
          name: nameSchema.optional(),
          group: z.enum(TOPIC_GROUPS).optional(),
          query: querySchema.optional(),
          enabled: z.boolean().optional(),
          color: colorSchema.optional(),
        }),
        response: { 200: topicSchema, ...commonErrors, 409: commonErrors[400] },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const before = await requireTopic(workspaceId, request.params.topicId);
      if (request.body.query !== undefined) requireValidQuery(request.body.query, localeOf(request, undefined));
      const topic = (await store.listening.updateTopic(workspaceId, before.id, request.body)) as Topic;
      await audit(request, workspaceId, 'topic.updated', 'topic', topic.id, {
        changes: request.body,
        before: { name: before.name, group: before.group, query: before.query, enabled: before.enabled },
      });
      return presentTopic(topic);
    },
  );

  api.delete(
    `${base}/topics/:topicId`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Delete a topic (its mentions stay in the stream)',
        tags: ['listening'],
        params: topicParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const topic = await requireTopic(workspaceId, request.params.topicId);
      await store.listening.deleteTopic(workspaceId, topic.id);
      await audit(request, workspaceId, 'topic.deleted', 'topic', topic.id, { name: topic.name, query: topic.query });
      return reply.status(204).send(null);
    },
  );

  // --- Sources -----------------------------------------------------------------------------------------------

  const networksSchema = z.array(
    z.object({
      network: z.string(),
      kinds: z.array(z.object({ kind: z.string(), fields: z.array(z.string()), realtime: z.boolean() })),
    }),
  );

  api.get(
    `${base}/sources`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Sources with their health, and the kinds of sources each installed network offers',
        tags: ['listening'],
        params,
        response: { 200: z.object({ items: z.array(sourceSchema), networks: networksSchema }), ...commonErrors },
      },
    },
    async (request) => ({
      items: (await store.listening.listSources(requireWorkspace(request).id)).map(presentSource),
      networks: connectors
        .filter((c) => c.mentions)
        .map((c) => ({
          network: c.network,
          kinds: (c.mentions?.kinds ?? []).map((k) => ({
            kind: k.kind,
            fields: [...k.fields],
            realtime: k.realtime === true,
          })),
        })),
    }),
  );

  function checkSourceSpec(network: string, kind: string, config: Record<string, string>): boolean {
    const mentions = connectors.find((c) => c.network === network)?.mentions;
    if (!mentions) {
      throw new AppError('validation_failed', `body.network: no installed source for "${network}"`, {
        issues: [{ path: 'body.network', message: `No installed source for "${network}"` }],
      });
    }
    const found = mentions.kinds.find((k) => k.kind === kind);
    if (!found) {
      const kinds = mentions.kinds.map((k) => k.kind).join(', ');
      throw new AppError('validation_failed', `body.kind: "${network}" offers ${kinds}`, {
        issues: [{ path: 'body.kind', message: `"${network}" offers ${kinds}` }],
      });
    }
    const problems = mentions.validate({ kind, config });
    if (problems.length > 0) {
      const issues = problems.map((p) => ({ path: `body.config.${p.field}`, message: p.message }));
      throw new AppError('validation_failed', `${issues[0]?.path}: ${issues[0]?.message}`, { issues });
    }
    return found.realtime === true;
  }

  api.post(
    `${base}/sources`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Add a source; its settings are checked by the network (one message per bad field)',
        tags: ['listening'],
        params,
        body: z.strictObject({
          network: z.string().min(1).max(40),
          kind: z.string().min(1).max(40),
          config: z.record(z.string().max(64), z.string().max(2000)),
          label: name().optional(),
          enabled: z.boolean().default(true),
          pollIntervalSeconds: z.number().int().min(MIN_POLL_SECONDS).max(86_400).default(300),
          channelId: idSchema.nullable().optional(),
        }),
        response: { 201: sourceSchema, ...commonErrors, 422: commonErrors[400] },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const { network, kind, config } = request.body;
      const realtime = checkSourceSpec(network, kind, config);
      await refuseDisallowedUrls(prefixed('body.config', config));
      const channelId = await checkSourceChannel(workspaceId, network, request.body.channelId);
      const source = await store.listening.createSource(
        {
          workspaceId,
          network,
          kind,
          config,
          label: request.body.label || Object.values(config)[0] || `${network} ${kind}`,
          enabled: request.body.enabled,
          realtime,
          pollIntervalMs: request.body.pollIntervalSeconds * 1000,
          host: deriveSourceHost(network, config),
          channelId,
          createdBy: userIdOf(request),
        },
        Date.now(),
      );
      await audit(request, workspaceId, 'source.created', 'source', source.id, { network, kind, config });
      return reply.status(201).send(presentSource(source));
    },
  );

  api.patch(
    `${base}/sources/:sourceId`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Change a source (label, settings, interval, enabled)',
        tags: ['listening'],
        params: sourceParams,
        body: z.strictObject({
          label: nameSchema.optional(),
          enabled: z.boolean().optional(),
          pollIntervalSeconds: z.number().int().min(MIN_POLL_SECONDS).max(86_400).optional(),
          config: z.record(z.string().max(64), z.string().max(2000)).optional(),
          channelId: idSchema.nullable().optional(),
        }),
        response: { 200: sourceSchema, ...commonErrors, 422: commonErrors[400] },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const before = await requireSource(workspaceId, request.params.sourceId);
      const { config, pollIntervalSeconds, channelId, ...rest } = request.body;
      if (config) {
        checkSourceSpec(before.network, before.kind, config);
        await refuseDisallowedUrls(prefixed('body.config', config));
      }
      if (channelId !== undefined) {
        Object.assign(rest, { channelId: await checkSourceChannel(workspaceId, before.network, channelId) });
      }
      const source = (await store.listening.updateSource(workspaceId, before.id, {
        ...rest,
        ...(config ? { config, host: deriveSourceHost(before.network, config) } : {}),
        ...(pollIntervalSeconds === undefined ? {} : { pollIntervalMs: pollIntervalSeconds * 1000 }),
        // Re-enabling, or new settings, deserve a poll now rather than after the backoff.
        ...(request.body.enabled === true || config || channelId !== undefined ? { nextPollAt: Date.now() } : {}),
      })) as Source;
      await audit(request, workspaceId, 'source.updated', 'source', source.id, { changes: request.body });
      return presentSource(source);
    },
  );

  api.delete(
    `${base}/sources/:sourceId`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Remove a source (the mentions it found stay)',
        tags: ['listening'],
        params: sourceParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const source = await requireSource(workspaceId, request.params.sourceId);
      await store.listening.deleteSource(workspaceId, source.id);
      await audit(request, workspaceId, 'source.deleted', 'source', source.id, {
        network: source.network,
        config: source.config,
      });
      return reply.status(204).send(null);
    },
  );

  api.post(
    `${base}/sources/:sourceId/poll`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Poll this source now (a worker does it within seconds), even while it backs off',
        tags: ['listening'],
        params: sourceParams,
        response: { 202: sourceSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const before = await requireSource(workspaceId, request.params.sourceId);
      const t = Date.now();
      const source = (await store.listening.updateSource(workspaceId, before.id, { nextPollAt: t })) as Source;
      await runtime.queue.enqueue(
        LISTEN_POLL_JOB,
        {},
        { key: `${LISTEN_POLL_JOB}:now:${source.id}:${t}`, maxAttempts: 1 },
      );
      await audit(request, workspaceId, 'source.poll_requested', 'source', source.id);
      return reply.status(202).send(presentSource(source));
    },
  );

  // --- Mentions ----------------------------------------------------------------------------------------------

  api.get(
    `${base}/mentions`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'The mention stream, newest first, filtered and searched; page with nextCursor',
        tags: ['listening'],
        params,
        querystring: z.strictObject({
          ...filterQuery,
          cursor: z.string().max(400).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ items: z.array(mentionSchema), nextCursor: z.string().nullable() }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { cursor, limit, ...query } = request.query;
      const page = await store.listening.queryMentions(
        requireWorkspace(request).id,
        toFilters(query),
        cursor ?? null,
        limit,
      );
      return { items: page.items.map(presentMention), nextCursor: page.nextCursor };
    },
  );

  api.get(
    `${base}/mentions/:mentionId`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'One mention',
        tags: ['listening'],
        params: mentionParams,
        response: { 200: mentionSchema, ...commonErrors },
      },
    },
    async (request) => presentMention(await requireMention(requireWorkspace(request).id, request.params.mentionId)),
  );

  api.post(
    `${base}/mentions/:mentionId/sentiment`,
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary: "Correct a mention's sentiment; the correction also teaches the workspace's analyzer",
        tags: ['listening'],
        params: mentionParams,
        body: z.strictObject({ label: sentimentSchema }),
        response: { 200: mentionSchema, ...commonErrors },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const before = await requireMention(workspaceId, request.params.mentionId);
      const mention = (await store.listening.correctSentiment(
        workspaceId,
        before.id,
        request.body.label,
        userIdOf(request),
        Date.now(),
      )) as StoredMention;
      await audit(request, workspaceId, 'mention.sentiment_corrected', 'mention', mention.id, {
        from: before.sentiment,
        to: mention.sentiment,
      });
      return presentMention(mention);
    },
  );

  api.put(
    `${base}/mentions/:mentionId/tags`,
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary: "Replace a mention's tags",
        tags: ['listening'],
        params: mentionParams,
        body: z.strictObject({ tags: z.array(name(60).min(1)).max(30) }),
        response: { 200: mentionSchema, ...commonErrors },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const before = await requireMention(workspaceId, request.params.mentionId);
      const tags = [...new Set(request.body.tags)];
      const mention = (await store.listening.setTags(workspaceId, before.id, tags)) as StoredMention;
      await audit(request, workspaceId, 'mention.tagged', 'mention', mention.id, { from: before.tags, to: tags });
      return presentMention(mention);
    },
  );

  api.post(
    `${base}/mentions/:mentionId/handled`,
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary: 'Mark a mention handled (or not)',
        tags: ['listening'],
        params: mentionParams,
        body: z.strictObject({ handled: z.boolean() }),
        response: { 200: mentionSchema, ...commonErrors },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const before = await requireMention(workspaceId, request.params.mentionId);
      const mention = (await store.listening.setHandled(
        workspaceId,
        before.id,
        request.body.handled,
        userIdOf(request) ?? actionContext(request).actor.label,
        Date.now(),
      )) as StoredMention;
      await audit(
        request,
        workspaceId,
        request.body.handled ? 'mention.handled' : 'mention.reopened',
        'mention',
        mention.id,
      );
      return presentMention(mention);
    },
  );

  // --- Dashboards --------------------------------------------------------------------------------------------

  const dashboardQuery = z.strictObject({
    ...filterQuery,
    bucket: z.enum(['hour', 'day', 'week']).default('day'),
    limit: z.coerce.number().int().min(1).max(100).default(10),
  });
  const bucketSize = z.enum(['hour', 'day', 'week']);
  /** Days start at midnight and weeks on Monday in the workspace's time zone. */
  const originFor = async (workspaceId: string, bucket: BucketSize, at: number) => {
    const workspace = await store.accounts.getWorkspace(workspaceId);
    return localBucketOrigin(workspace?.timezone ?? 'UTC', bucket, at);
  };

  interface DashboardAsk {
    workspaceId: string;
    /** The stream's filters, with the period made explicit. */
    filters: MentionFilters & { from: number; to: number };
    bucket: BucketSize;
    limit: number;
  }

  /**
   * A dashboard: viewers and up, the mention stream's filters plus `bucket` and `limit`, over the period asked
   * (by default the last `defaultDays` days up to now), echoed in the answer beside what `compute` returns.
   */
  function dashboard<Shape extends z.ZodRawShape>(
    path: string,
    summary: string,
    shape: Shape,
    compute: (ask: DashboardAsk) => Promise<z.infer<z.ZodObject<Shape>>>,
    defaultDays = 30,
  ): void {
    api.get(
      `${base}/dashboard/${path}`,
      {
        config: { access: { kind: 'workspace', role: 'viewer' } },
        schema: {
          summary,
          tags: ['listening'],
          params,
          querystring: dashboardQuery,
          response: {
            // Fastify cannot infer a reply type from a generic shape; `compute` is checked against `shape` above.
            200: z.object({ from: z.iso.datetime(), to: z.iso.datetime(), ...shape }) as z.ZodType<object>,
            ...commonErrors,
          },
        },
      },
      async (request) => {
        const { bucket, limit, ...query } = request.query;
        const asked = toFilters(query);
        const to = asked.to ?? Date.now();
        const filters = { ...asked, to, from: asked.from ?? to - defaultDays * DAY };
        const result = await compute({ workspaceId: requireWorkspace(request).id, filters, bucket, limit });
        return { from: toIso(filters.from), to: toIso(filters.to), ...result };
      },
    );
  }

  dashboard(
    'volume',
    'Mentions per topic over time (buckets in the workspace time zone); default the last 30 days',
    {
      bucket: bucketSize,
      /** Buckets start at origin + k × bucket size (local midnight, or Monday, in the workspace's zone). */
      origin: z.iso.datetime(),
      series: z.array(
        z.object({ topicId: z.string(), points: z.array(z.object({ at: z.iso.datetime(), count: z.number() })) }),
      ),
    },
    async ({ workspaceId, filters, bucket }) => {
      const origin = await originFor(workspaceId, bucket, filters.to);
      const rows = await store.listening.countByBucket(workspaceId, filters, BUCKETS[bucket], origin);
      const series = new Map<string, Array<{ at: string; count: number }>>();
      for (const row of rows) {
        series.set(row.topicId, [...(series.get(row.topicId) ?? []), { at: toIso(row.bucket), count: row.count }]);
      }
      return {
        bucket,
        origin: toIso(origin),
        series: [...series].map(([topicId, points]) => ({ topicId, points })),
      };
    },
  );

  dashboard(
    'sentiment',
    'Negative, neutral and positive mentions per bucket, with shares',
    {
      bucket: bucketSize,
      origin: z.iso.datetime(),
      points: z.array(
        z.object({
          at: z.iso.datetime(),
          negative: z.number(),
          neutral: z.number(),
          positive: z.number(),
          total: z.number(),
          negativeShare: z.number(),
          positiveShare: z.number(),
        }),
      ),
    },
    async ({ workspaceId, filters, bucket }) => {
      const origin = await originFor(workspaceId, bucket, filters.to);
      const rows = await store.listening.countSentimentByBucket(workspaceId, filters, BUCKETS[bucket], origin);
      const points = new Map<number, { negative: number; neutral: number; positive: number }>();
      for (const row of rows) {
        const point = points.get(row.bucket) ?? { negative: 0, neutral: 0, positive: 0 };
        point[row.sentiment] += row.count;
        points.set(row.bucket, point);
      }
      return {
        bucket,
        origin: toIso(origin),
        points: [...points].map(([at, p]) => {
          const total = p.negative + p.neutral + p.positive;
          return {
            at: toIso(at),
            ...p,
            total,
            negativeShare: total ? p.negative / total : 0,
            positiveShare: total ? p.positive / total : 0,
          };
        }),
      };
    },
  );

  dashboard(
    'top',
    'The sources (sites, or networks) and authors with the most mentions',
    {
      sources: z.array(z.object({ site: z.string(), network: z.string(), count: z.number() })),
      authors: z.array(
        z.object({
          network: z.string(),
          handle: z.string().nullable(),
          name: z.string().nullable(),
          count: z.number(),
          reach: z.number(),
        }),
      ),
    },
    async ({ workspaceId, filters, limit }) => ({
      sources: await store.listening.topSources(workspaceId, filters, limit),
      authors: await store.listening.topAuthors(workspaceId, filters, limit),
    }),
  );

  const termSchema = z.object({ term: z.string(), count: z.number(), previousCount: z.number(), score: z.number() });
  /** Texts read per window for trends: the latest ones when a window has more. */
  const TREND_SAMPLE = 5000;

  dashboard(
    'trending',
    'Terms and hashtags rising against the previous window of the same length (default: 7 days)',
    { terms: z.array(termSchema), hashtags: z.array(termSchema) },
    async ({ workspaceId, filters, limit }) => {
      const { from, to } = filters;
      const current = await store.listening.listTexts(workspaceId, filters, TREND_SAMPLE);
      const previous = await store.listening.listTexts(
        workspaceId,
        { ...filters, from: from - (to - from), to: from },
        TREND_SAMPLE,
      );
      return findTrending({ current, previous, limit });
    },
    7,
  );

  dashboard(
    'share-of-voice',
    'Share of voice of brand against competitor topics, by mentions and by reach',
    {
      items: z.array(
        z.object({
          topicId: z.string(),
          name: z.string(),
          group: z.enum(TOPIC_GROUPS),
          color: z.string(),
          mentions: z.number(),
          reach: z.number(),
          shareOfMentions: z.number(),
          shareOfReach: z.number(),
        }),
      ),
    },
    async ({ workspaceId, filters }) => {
      const topics = await store.listening.listTopics(workspaceId);
      const counts = new Map((await store.listening.countByTopic(workspaceId, filters)).map((c) => [c.topicId, c]));
      const shares = computeShareOfVoice(
        topics.map((t) => ({
          topicId: t.id,
          group: t.group,
          mentions: counts.get(t.id)?.mentions ?? 0,
          reach: counts.get(t.id)?.reach ?? 0,
        })),
      );
      const byId = new Map(topics.map((t) => [t.id, t]));
      return {
        items: shares.map((s) => {
          const topic = byId.get(s.topicId) as Topic;
          return { ...s, name: topic.name, group: topic.group, color: topic.color };
        }),
      };
    },
  );
}
