// The workspace's audit log: every write, who, what, on what, when, from where; filtered by person, kind of
// action and time, each entry naming its actor and target so the web app can write it as a sentence.
import { z } from 'zod';
import { AUDIT_ACTION_KINDS, validationError } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { commonErrors, idSchema, isoDate, toIso } from '../schemas.js';
import { createAuditLog } from '../../audit/log.js';

const entrySchema = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  actor: z.object({
    type: z.enum(['user', 'api_key', 'system']),
    id: z.string().nullable(),
    /** As recorded (a person's email, a key's name, "cli"). */
    label: z.string(),
    /** What people call them today: a person's name, else the label. */
    name: z.string(),
  }),
  action: z.string().describe('One of AUDIT_ACTIONS (@rostra/core), e.g. post.schedule'),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  target: z
    .object({
      type: z.string(),
      id: z.string().nullable(),
      label: z.string().nullable().describe("A post's opening words, a member's name…; null when nothing names it"),
    })
    .nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

export function registerAuditRoutes(api: ZodApp, { runtime }: RouteDeps): void {
  const log = createAuditLog(runtime.store);
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
          action: z
            .string()
            .max(100)
            .regex(/^[a-z_.]+$/)
            .optional()
            .describe('An action (post.schedule) or its beginning (post.)'),
          kind: z
            .enum(AUDIT_ACTION_KINDS as [string, ...string[]])
            .optional()
            .describe('post, member, topic…'),
          actorId: idSchema.optional().describe('Entries by this person or API key'),
          from: isoDate.optional().describe('Entries at or after this time'),
          to: isoDate.optional().describe('Entries before this time'),
        }),
        response: {
          200: z.object({ items: z.array(entrySchema), nextCursor: z.string().nullable() }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { limit, cursor, action, kind, actorId, from, to } = request.query;
      const fromMs = from === undefined ? undefined : Date.parse(from);
      const toMs = to === undefined ? undefined : Date.parse(to);
      if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) {
        throw validationError([{ path: 'query.to', code: 'end_before_start', message: 'Must be after from' }]);
      }
      if (action && kind && !action.startsWith(`${kind}.`)) {
        throw validationError([
          { path: 'query.action', code: 'invalid', params: { kind }, message: `Not an action of kind ${kind}` },
        ]);
      }
      const page = await log.list({
        workspaceId: requireWorkspace(request).id,
        limit,
        cursor,
        action: action ?? (kind ? `${kind}.` : undefined),
        actorId,
        from: fromMs,
        to: toMs,
      });
      return {
        items: page.items.map((e) => ({
          id: e.id,
          at: toIso(e.at),
          actor: { ...e.actor, name: e.actorName },
          action: e.action,
          targetType: e.targetType,
          targetId: e.targetId,
          target: e.target,
          ip: e.ip,
          userAgent: e.userAgent,
          details: e.details,
        })),
        nextCursor: page.nextCursor,
      };
    },
  );
}
