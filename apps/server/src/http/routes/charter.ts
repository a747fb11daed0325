// The editorial charter of a workspace: every member reads it (the composer checks drafts against it live), the
// roles that edit the editorial line write it; each save is a new version, refused when based on an old one.
import { z } from 'zod';
import { CHARTER_LEVELS, CHARTER_RULES, CHARTER_TEXT_PARTS, charterSchema, type StoredCharter } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, errorSchema, toIso, workspaceParams } from '../schemas.js';
import { createCharterService, readCharter } from '../../publishing/charter.js';

/** One rule of the charter a post breaks, on one channel (core's CharterFinding). */
export const charterFindingSchema = z.object({
  rule: z.enum(CHARTER_RULES),
  level: z.enum(CHARTER_LEVELS).describe('blocking refuses approval; advice and warning are shown'),
  channelId: z.string(),
  network: z.string(),
  part: z.enum(CHARTER_TEXT_PARTS).describe('The post’s text or its first comment: range and fix are about it'),
  range: z
    .object({ start: z.number(), end: z.number() })
    .optional()
    .describe('Where in that part’s text (UTF-16 offsets), when the rule is about a piece of it'),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  fix: z.string().optional().describe('Text to put in place of the range that follows the rule'),
  explanation: z.string(),
});

const storedCharterSchema = z.object({
  charter: charterSchema,
  version: z.number().int().describe('0 while the workspace has written no charter (the empty one applies)'),
  updatedBy: z.string().nullable(),
  updatedAt: z.iso.datetime().nullable(),
});

function presentCharter(stored: StoredCharter) {
  return {
    charter: stored.charter,
    version: stored.version,
    updatedBy: stored.updatedBy,
    updatedAt: stored.version === 0 ? null : toIso(stored.updatedAt),
  };
}

export function registerCharterRoutes(api: ZodApp, { runtime }: RouteDeps): void {
  const { store } = runtime;
  const service = createCharterService({ store });

  api.get(
    '/api/workspaces/:workspaceId/charter',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'The editorial charter posts are checked against (the empty charter until one is written)',
        tags: ['editorial'],
        params: workspaceParams,
        response: { 200: storedCharterSchema, ...commonErrors },
      },
    },
    async (request) => presentCharter(await readCharter(store, requireWorkspace(request).id)),
  );

  api.put(
    '/api/workspaces/:workspaceId/charter',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Write the editorial charter as a new version; `version` is the one it was edited from (409 if stale)',
        tags: ['editorial'],
        params: workspaceParams,
        body: z.strictObject({ charter: charterSchema, version: z.number().int().min(0) }),
        response: { 200: storedCharterSchema, ...commonErrors, 409: errorSchema },
      },
    },
    async (request) =>
      presentCharter(
        await service.saveCharter(
          requireWorkspace(request).id,
          request.body.charter,
          request.body.version,
          callerOf(request),
        ),
      ),
  );

  api.get(
    '/api/workspaces/:workspaceId/charter/versions',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Who changed the charter and when, newest first',
        tags: ['editorial'],
        params: workspaceParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({
            items: z.array(z.object({ version: z.number(), updatedBy: z.string().nullable(), updatedAt: z.string() })),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => ({
      items: (await store.charter.history(requireWorkspace(request).id, request.query.limit)).map((v) => ({
        version: v.version,
        updatedBy: v.updatedBy,
        updatedAt: toIso(v.updatedAt),
      })),
    }),
  );
}
