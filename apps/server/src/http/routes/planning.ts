// Posting slots of the workspace, and the next free slot of a channel ("prochain créneau libre").
import { z } from 'zod';
import { AppError, nextFreeSlot, type PostingSlot } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { actionContext, requireWorkspace } from '../access.js';
import { commonErrors, idSchema } from '../schemas.js';

const slotSchema = z.strictObject({
  days: z
    .array(z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6), z.literal(7)]))
    .min(1)
    .max(7),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:mm, e.g. 09:30'),
});

const DAY = 24 * 3600 * 1000;

export function registerPlanningRoutes(api: ZodApp, { runtime }: RouteDeps): void {
  const { store } = runtime;
  const params = z.strictObject({ workspaceId: idSchema });

  api.get(
    '/api/workspaces/:workspaceId/posting-slots',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: "The workspace's posting slots (ISO weekdays 1 = Monday; local times in its time zone)",
        tags: ['planning'],
        params,
        response: { 200: z.object({ timezone: z.string(), slots: z.array(slotSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const workspace = await store.accounts.getWorkspace(requireWorkspace(request).id);
      if (!workspace) throw new AppError('not_found', 'Workspace not found');
      return { timezone: workspace.timezone, slots: workspace.postingSlots };
    },
  );

  api.put(
    '/api/workspaces/:workspaceId/posting-slots',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Replace the posting slots',
        tags: ['planning'],
        params,
        body: z.strictObject({ slots: z.array(slotSchema).max(100) }),
        response: { 200: z.object({ timezone: z.string(), slots: z.array(slotSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const slots = request.body.slots as PostingSlot[];
      const workspace = await store.accounts.updateWorkspace(workspaceId, { postingSlots: slots });
      const ctx = actionContext(request);
      await store.audit.record({
        organisationId: workspace.organisationId,
        workspaceId,
        actor: ctx.actor,
        action: 'workspace.posting_slots_changed',
        targetType: 'workspace',
        targetId: workspaceId,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        details: { slots },
      });
      return { timezone: workspace.timezone, slots: workspace.postingSlots };
    },
  );

  api.get(
    '/api/workspaces/:workspaceId/channels/:channelId/next-slot',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'The next posting slot with no post on this channel (within 60 days), or null',
        tags: ['planning'],
        params: z.strictObject({ workspaceId: idSchema, channelId: idSchema }),
        querystring: z.strictObject({ after: z.iso.datetime({ offset: true }).optional() }),
        response: { 200: z.object({ at: z.iso.datetime().nullable() }), ...commonErrors },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const workspace = await store.accounts.getWorkspace(workspaceId);
      const channel = await store.channels.get(workspaceId, request.params.channelId);
      if (!workspace || !channel) throw new AppError('not_found', 'Channel not found');
      const after = request.query.after ? Date.parse(request.query.after) : Date.now();
      const planned = await store.posts.list({
        workspaceId,
        channelId: channel.id,
        from: after,
        to: after + 61 * DAY,
        limit: 5000,
      });
      const at = nextFreeSlot({
        slots: workspace.postingSlots,
        timeZone: workspace.timezone,
        after,
        taken: planned.flatMap((p) => (p.scheduledAt === null ? [] : [p.scheduledAt])),
      });
      return { at: at === undefined ? null : new Date(at).toISOString() };
    },
  );
}
