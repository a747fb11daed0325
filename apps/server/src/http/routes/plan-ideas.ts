// The animation plan's idea bank: ideas listed, typed in, taken from a listening mention, edited, removed, and
// used for a plan slot (the slot's draft, with the idea's text; the idea then counts as used). Anyone who writes
// posts may keep ideas; everyone in the workspace may read them.
import { z } from 'zod';
import { IDEA_SOURCES, IDEA_TITLE_MAX, type Idea, type IdeaInput } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, errorSchema, idSchema, name, noContent, toIso, toIsoOrNull } from '../schemas.js';
import { createIdeaService, type IdeaService } from '../../planning/ideas.js';
import type { PlanService } from '../../planning/service.js';
import { presentSlot, slotSchema } from './plan-schemas.js';

const ideaBody = z.strictObject({
  title: name(IDEA_TITLE_MAX).min(1),
  notes: z.string().max(10_000).default(''),
  themeId: idSchema.nullable().default(null),
  persona: z.string().max(2000).default(''),
});

const ideaSchema = z.object({
  id: z.string(),
  title: z.string(),
  notes: z.string(),
  themeId: z.string().nullable(),
  persona: z.string(),
  source: z.enum(IDEA_SOURCES),
  mentionId: z.string().nullable().describe('The listening mention it came from, while it is kept'),
  sourceUrl: z.string().nullable().describe("The mention's link on its network"),
  usedAt: z.iso.datetime().nullable().describe('When it became a slot draft; null while it waits'),
  usedPostId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

function presentIdea(idea: Idea) {
  const { workspaceId: _w, createdBy: _c, usedAt, createdAt, updatedAt, ...rest } = idea;
  return { ...rest, usedAt: toIsoOrNull(usedAt), createdAt: toIso(createdAt), updatedAt: toIso(updatedAt) };
}

export function registerIdeaRoutes(api: ZodApp, { runtime }: RouteDeps, plan: PlanService): void {
  const { store } = runtime;
  const ideas = createIdeaService({ store });
  const params = z.strictObject({ workspaceId: idSchema });
  const base = '/api/workspaces/:workspaceId/plan/ideas';

  api.get(
    base,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'The idea bank, newest first (status: waiting ideas, used ones, or all)',
        tags: ['plan'],
        params,
        querystring: z.strictObject({ status: z.enum(['waiting', 'used', 'all']).default('all') }),
        response: { 200: z.object({ items: z.array(ideaSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const { status } = request.query;
      const filter = status === 'all' ? {} : { used: status === 'used' };
      return { items: (await store.plan.listIdeas(requireWorkspace(request).id, filter)).map(presentIdea) };
    },
  );

  api.post(
    base,
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary: 'Add an idea to the bank',
        tags: ['plan'],
        params,
        body: ideaBody,
        response: { 201: ideaSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const idea = await ideas.createIdea(requireWorkspace(request).id, request.body as IdeaInput, callerOf(request));
      return reply.status(201).send(presentIdea(idea));
    },
  );

  api.post(
    `${base}/from-mention`,
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary: 'Turn a listening mention into an idea: its opening words, its text and author, its link',
        tags: ['plan'],
        params,
        body: z.strictObject({ mentionId: idSchema }),
        response: { 201: ideaSchema, ...commonErrors, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const idea = await ideas.createIdeaFromMention(workspaceId, request.body.mentionId, callerOf(request));
      return reply.status(201).send(presentIdea(idea));
    },
  );

  registerIdeaWriteRoutes(api, ideas, plan);
}

/** Editing, removing and using one idea. */
function registerIdeaWriteRoutes(api: ZodApp, ideas: IdeaService, plan: PlanService): void {
  const ideaParams = z.strictObject({ workspaceId: idSchema, ideaId: idSchema });
  const base = '/api/workspaces/:workspaceId/plan/ideas';

  api.put(
    `${base}/:ideaId`,
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary: "Replace an idea's title, notes, theme and persona",
        tags: ['plan'],
        params: ideaParams,
        body: ideaBody,
        response: { 200: ideaSchema, ...commonErrors },
      },
    },
    async (request) =>
      presentIdea(
        await ideas.updateIdea(
          requireWorkspace(request).id,
          request.params.ideaId,
          request.body as IdeaInput,
          callerOf(request),
        ),
      ),
  );

  api.delete(
    `${base}/:ideaId`,
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary: 'Remove an idea (a draft made from it stays)',
        tags: ['plan'],
        params: ideaParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await ideas.deleteIdea(requireWorkspace(request).id, request.params.ideaId, callerOf(request));
      return reply.status(204).send(null);
    },
  );

  api.post(
    `${base}/:ideaId/use`,
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary:
          "Use an idea for an open plan slot: the slot's draft is created with the idea's text and attached, and " +
          'the idea counts as used (409 when the slot has a post or the idea was used meanwhile)',
        tags: ['plan'],
        params: ideaParams,
        body: z.strictObject({ slotId: idSchema }),
        response: { 201: z.object({ slot: slotSchema, postId: z.string() }), ...commonErrors, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const { slot, post } = await plan.createSlotPost(
        requireWorkspace(request).id,
        request.body.slotId,
        callerOf(request),
        { ideaId: request.params.ideaId },
      );
      return reply.status(201).send({ slot: presentSlot(slot), postId: post.id });
    },
  );
}
