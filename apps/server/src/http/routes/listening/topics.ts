// Listening topics: list, check a query, preview what it would catch, create, change, delete. Viewers read;
// managers edit. Each handler is one call to the listening service.
import { z } from 'zod';
import { TOPIC_GROUPS } from '@rostra/core';
import type { ZodApp } from '../../app.js';
import { actionContext, requireWorkspace } from '../../access.js';
import { commonErrors, nameSchema, noContent } from '../../schemas.js';
import type { ListeningService } from '../../../listening/service.js';
import { presentMention, presentTopic } from '../../../listening/presenters.js';
import { describeQueryError } from '../../../listening/topic-query.js';
import {
  base,
  colorSchema,
  localeOf,
  mentionSchema,
  params,
  querySchema,
  topicParams,
  topicSchema,
} from './schemas.js';

const topicErrors = { ...commonErrors, 409: commonErrors[400] };

/** The topic routes, in the order the API lists them: reads (the list, checking and trying a query), then writes. */
export function registerTopicRoutes(api: ZodApp, listening: ListeningService): void {
  registerTopicReads(api, listening);
  registerTopicWrites(api, listening);
}

/** The topics, and a query checked or tried against stored mentions before it is saved. */
function registerTopicReads(api: ZodApp, listening: ListeningService): void {
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
      items: (await listening.listTopics(requireWorkspace(request).id)).map(presentTopic),
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
      const { query, days, limit, locale } = request.query;
      const ask = { query, days, limit, locale: localeOf(request, locale) };
      const preview = await listening.previewQuery(requireWorkspace(request).id, ask);
      return { ...preview, items: preview.items.map(presentMention) };
    },
  );
}

/** Creating, changing and deleting a topic. */
function registerTopicWrites(api: ZodApp, listening: ListeningService): void {
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
        response: { 201: topicSchema, ...topicErrors },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const ctx = actionContext(request);
      const topic = await listening.createTopic(ctx, workspaceId, request.body, localeOf(request, undefined));
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
        response: { 200: topicSchema, ...topicErrors },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const { topicId } = request.params;
      const locale = localeOf(request, undefined);
      return presentTopic(
        await listening.updateTopic(actionContext(request), workspaceId, topicId, request.body, locale),
      );
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
      await listening.deleteTopic(actionContext(request), requireWorkspace(request).id, request.params.topicId);
      return reply.status(204).send(null);
    },
  );
}
