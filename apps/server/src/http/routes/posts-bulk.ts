// The posts list's bulk actions: one action over the selected posts, each post checked and audited as if acted
// on alone; the answer says, post by post, what was done and what was refused and why.
import { z } from 'zod';
import { ERROR_CODES, POST_STATUSES } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, idSchema } from '../schemas.js';
import { actOnPosts, BULK_ACTIONS, MAX_BULK_POSTS } from '../../publishing/bulk-posts.js';

const MINUTES_IN_A_YEAR = 366 * 24 * 60;

const bulkBody = z.strictObject({
  action: z
    .enum(BULK_ACTIONS)
    .describe(
      'submit, approve, schedule (at each post’s date), unschedule: the workflow; shift: move each post’s date ' +
        '(a scheduled post stays scheduled); set_theme; delete: drafts only',
    ),
  postIds: z.array(idSchema).min(1).max(MAX_BULK_POSTS),
  shiftMinutes: z
    .number()
    .int()
    .min(-MINUTES_IN_A_YEAR)
    .max(MINUTES_IN_A_YEAR)
    .optional()
    .describe('shift: minutes to move by, negative for earlier'),
  themeId: idSchema.nullable().optional().describe('set_theme: the theme, or null for none'),
});

const resultSchema = z.object({
  postId: z.string(),
  ok: z.boolean(),
  status: z.enum(POST_STATUSES).nullable().optional().describe('When done: the post’s status now (null: deleted)'),
  error: z
    .object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z
        .record(z.string(), z.unknown())
        .optional()
        .describe('As the single call’s error; `reason` (no_date, not_a_draft, in_the_past) for the bulk step’s own'),
    })
    .optional()
    .describe('When refused: the error the single call would have answered'),
});

export function registerPostBulkRoutes(api: ZodApp, { runtime, publishing }: RouteDeps): void {
  api.post(
    '/api/workspaces/:workspaceId/posts/bulk',
    {
      // Contributors submit and delete their drafts; each post's own rule (workflow role, authorship) decides.
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary: 'One action over several posts: done or refused post by post (each audited as a single action)',
        tags: ['posts'],
        params: z.strictObject({ workspaceId: idSchema }),
        body: bulkBody,
        response: {
          200: z.object({ results: z.array(resultSchema), done: z.number(), refused: z.number() }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const results = await actOnPosts(
        {
          store: runtime.store,
          services: publishing,
          onFailure: (err, postId) => request.log.error({ err, postId }, 'bulk action failed on a post'),
        },
        requireWorkspace(request).id,
        request.body,
        callerOf(request),
      );
      const done = results.filter((r) => r.ok).length;
      return { results, done, refused: results.length - done };
    },
  );
}
