// The bell: a person's in-app notifications across the workspaces they belong to. Person routes (sessions
// only): an API key belongs to a workspace, not to somebody who reads notifications.
import { z } from 'zod';
import { AppError } from '@rostra/core';
import type { Notification } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireUser } from '../access.js';
import { commonErrors, idSchema, toIso, toIsoOrNull } from '../schemas.js';
import { createNotifier } from '../../notifications/service.js';

const notificationSchema = z.object({
  id: z.string(),
  workspaceId: z.string(),
  kind: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  link: z.string().nullable(),
  actorId: z.string().nullable(),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});

function present(n: Notification) {
  return {
    id: n.id,
    workspaceId: n.workspaceId,
    kind: n.kind,
    params: n.params,
    link: n.link,
    actorId: n.actorId,
    createdAt: toIso(n.createdAt),
    readAt: toIsoOrNull(n.readAt),
  };
}

export function registerNotificationRoutes(api: ZodApp, { runtime }: RouteDeps): void {
  const notifications = createNotifier({ store: runtime.store });

  api.get(
    '/api/notifications',
    {
      config: { access: { kind: 'user' } },
      schema: {
        summary: 'Your notifications, newest first, with the unread count; pass `nextCursor` back as `cursor`',
        tags: ['notifications'],
        querystring: z.strictObject({
          workspaceId: idSchema.optional(),
          unread: z.enum(['true', 'false']).optional(),
          limit: z.coerce.number().int().min(1).max(100).default(20),
          cursor: z.string().max(100).optional(),
        }),
        response: {
          200: z.object({ items: z.array(notificationSchema), nextCursor: z.string().nullable(), unread: z.number() }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { user } = requireUser(request);
      const q = request.query;
      const page = await notifications.listForUser(user.id, {
        workspaceId: q.workspaceId,
        cursor: q.cursor,
        limit: q.limit,
        unreadOnly: q.unread === 'true',
      });
      return { items: page.items.map(present), nextCursor: page.nextCursor, unread: page.unread };
    },
  );

  api.post(
    '/api/notifications/:notificationId/read',
    {
      config: { access: { kind: 'user' } },
      schema: {
        summary: 'Mark one of your notifications as read',
        tags: ['notifications'],
        params: z.strictObject({ notificationId: idSchema }),
        response: { 200: notificationSchema, ...commonErrors },
      },
    },
    async (request) => {
      const { user } = requireUser(request);
      const read = await notifications.markRead(user.id, request.params.notificationId);
      // Somebody else's notification, or one of a workspace you left, does not exist for you.
      if (!read) throw new AppError('not_found', 'Notification not found');
      return present(read);
    },
  );

  api.post(
    '/api/notifications/read-all',
    {
      config: { access: { kind: 'user' } },
      schema: {
        summary: 'Mark all your notifications as read (optionally those of one workspace)',
        tags: ['notifications'],
        body: z.strictObject({ workspaceId: idSchema.optional() }).optional(),
        response: { 200: z.object({ marked: z.number() }), ...commonErrors },
      },
    },
    async (request) => {
      const { user } = requireUser(request);
      const workspaceId = request.body?.workspaceId;
      return { marked: await notifications.markAllRead(user.id, workspaceId) };
    },
  );
}
