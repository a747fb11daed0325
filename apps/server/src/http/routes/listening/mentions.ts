// The mention stream: a filtered, searched page; one mention; and people's work on it (correct the sentiment,
// tag, mark handled). Viewers read; contributors act. Each handler is one call to the listening service.
import { z } from 'zod';
import type { ZodApp } from '../../app.js';
import { actionContext, requireWorkspace } from '../../access.js';
import { commonErrors, name } from '../../schemas.js';
import type { ListeningService } from '../../../listening/service.js';
import { presentMention } from '../../../listening/presenters.js';
import { base, filterQuery, mentionParams, mentionSchema, params, sentimentSchema, toFilters } from './schemas.js';

/** Five route declarations, one statement each: the length is the routes' schemas, not logic. */
export function registerMentionRoutes(api: ZodApp, listening: ListeningService): void {
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
      const workspaceId = requireWorkspace(request).id;
      const page = await listening.queryMentions(workspaceId, toFilters(query), cursor ?? null, limit);
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
    async (request) =>
      presentMention(await listening.getMention(requireWorkspace(request).id, request.params.mentionId)),
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
      const { mentionId } = request.params;
      const ctx = actionContext(request);
      return presentMention(await listening.correctSentiment(ctx, workspaceId, mentionId, request.body.label));
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
      const { mentionId } = request.params;
      return presentMention(await listening.setTags(actionContext(request), workspaceId, mentionId, request.body.tags));
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
      const { mentionId } = request.params;
      return presentMention(
        await listening.setHandled(actionContext(request), workspaceId, mentionId, request.body.handled),
      );
    },
  );
}
