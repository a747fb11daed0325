// The workspace's audit log: every write, who, what, when, from where.
import { z } from 'zod';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { commonErrors, idSchema, toIso } from '../schemas.js';

const entrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.object({ type: z.enum(['user', 'api_key', 'system']), id: z.string().nullable(), label: z.string() }),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export function registerAuditRoutes(api: ZodApp, { runtime }: RouteDeps): void {
  api.get(
    '/api/workspaces/:workspaceId/audit',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Audit log, newest first; pass `nextCursor` back as `cursor` for the next page',
        tags: ['audit'],
        params: z.strictObject({ workspaceId: idSchema }),
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          cursor: z.string().max(200).optional(),
          action: z.string().max(100).optional(),
        }),
        response: {
          200: z.object({ items: z.array(entrySchema), nextCursor: z.string().nullable() }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const page = await runtime.store.audit.list({ workspaceId: requireWorkspace(request).id, ...request.query });
      return {
        items: page.items.map((e) => ({
          id: e.id,
          at: toIso(e.at),
          actor: e.actor,
          action: e.action,
          targetType: e.targetType,
          targetId: e.targetId,
          ip: e.ip,
          userAgent: e.userAgent,
          details: e.details,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
