// The calendar outside Rostra: CSV export and import, and the workspace's secret read-only iCal feed.
import { z } from 'zod';
import { AppError, POST_STATUSES } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { actionContext, requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, idSchema } from '../schemas.js';
import { exportCsv, parseImport, renderIcal, type CalendarContext } from '../../publishing/calendar.js';
import { hashToken, randomToken } from '../../accounts/credentials.js';
import type { Runtime } from '../../runtime.js';

const FEED_CONTEXT = (workspaceId: string) => `ical-feed:${workspaceId}`;

const params = z.strictObject({ workspaceId: idSchema });

/** What the CSV and the feed name things by: the workspace's channels, themes, content types and members. */
async function contextOf(
  store: Runtime['store'],
  workspaceId: string,
): Promise<CalendarContext & { workspace: { id: string; name: string; timezone: string } }> {
  const workspace = await store.accounts.getWorkspace(workspaceId);
  if (!workspace) throw new AppError('not_found', 'Workspace not found');
  return {
    workspace,
    timeZone: workspace.timezone,
    channels: await store.channels.list(workspaceId),
    themes: await store.editorial.listThemes(workspaceId),
    contentTypes: await store.editorial.listContentTypes(workspaceId),
    members: (await store.accounts.listMembers(workspaceId)).map((m) => ({ userId: m.userId, email: m.email })),
  };
}

/** The feed's address; its token is made on first use, and anew on `rotate` (only its hash finds the workspace). */
async function feedUrl(runtime: Runtime, workspaceId: string, rotate: boolean): Promise<string> {
  const { store } = runtime;
  const sealed = rotate ? undefined : await store.editorial.getCalendarFeed(workspaceId);
  let token = sealed ? runtime.secrets.decrypt(sealed, FEED_CONTEXT(workspaceId)) : undefined;
  if (!token) {
    token = randomToken(24);
    await store.editorial.setCalendarFeed(
      workspaceId,
      hashToken(token),
      runtime.secrets.encrypt(token, FEED_CONTEXT(workspaceId)),
    );
  }
  return `${runtime.config.publicUrl}/api/calendar/${token}.ics`;
}

/** The calendar routes, in the order the API lists them: CSV export, import and its preview, the iCal feed. */
export function registerCalendarRoutes(api: ZodApp, deps: RouteDeps): void {
  registerCalendarExport(api, deps);
  registerCalendarImport(api, deps);
  registerCalendarImportPreview(api, deps);
  registerCalendarFeed(api, deps);
}

/** The calendar as CSV. */
function registerCalendarExport(api: ZodApp, { runtime }: RouteDeps): void {
  const { store } = runtime;
  api.get(
    '/api/workspaces/:workspaceId/calendar.csv',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary:
          'The calendar as CSV (semicolon-separated, UTF-8 with BOM, local times with offset), optionally one status',
        tags: ['calendar'],
        params,
        querystring: z.strictObject({
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          status: z.enum(POST_STATUSES).optional(),
        }),
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const context = await contextOf(store, workspaceId);
      const posts = await store.posts.list({
        workspaceId,
        from: request.query.from ? Date.parse(request.query.from) : undefined,
        to: request.query.to ? Date.parse(request.query.to) : undefined,
        status: request.query.status,
        limit: 10_000,
      });
      const targets = await store.posts.targetsOf(posts.map((p) => p.id));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="rostra-calendar.csv"`)
        .send(exportCsv(posts, targets, context));
    },
  );
}

/** Planned posts from CSV, all or nothing. */
function registerCalendarImport(api: ZodApp, { runtime, publishing }: RouteDeps): void {
  const { store } = runtime;
  api.post(
    '/api/workspaces/:workspaceId/calendar/import',
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary:
          'Import planned posts from CSV (columns: text, scheduled_at, channels, theme, content_type, owner). ' +
          'All or nothing: any problem imports no line, and each problem names its line and column.',
        tags: ['calendar'],
        params,
        body: z.strictObject({ csv: z.string().min(1).max(2_000_000), dryRun: z.boolean().default(false) }),
        response: { 200: z.object({ created: z.number(), postIds: z.array(z.string()) }), ...commonErrors },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const { posts, problems } = parseImport(request.body.csv, await contextOf(store, workspaceId));
      if (problems.length > 0) {
        const first = problems[0] as (typeof problems)[number];
        throw new AppError('validation_failed', `line ${first.line}, ${first.column}: ${first.message}`, {
          issues: problems.map((p) => ({
            path: `body.csv.line${p.line}${p.column ? `.${p.column}` : ''}`,
            code: p.code,
            params: { ...p.params, line: p.line, column: p.column },
            message: p.message,
          })),
        });
      }
      if (request.body.dryRun) return { created: posts.length, postIds: [] };
      const caller = callerOf(request);
      const postIds: string[] = [];
      for (const row of posts) {
        const created = await publishing.createPost(
          workspaceId,
          {
            text: row.text,
            channels: row.channelIds.map((channelId) => ({ channelId })),
            scheduledAt: row.scheduledAt,
            themeId: row.themeId,
            contentTypeId: row.contentTypeId,
            ownerId: row.ownerId ?? caller.userId,
          },
          caller,
        );
        postIds.push(created.id);
      }
      return { created: postIds.length, postIds };
    },
  );
}

/** What an import would create, and its problems, without writing anything. */
function registerCalendarImportPreview(api: ZodApp, { runtime }: RouteDeps): void {
  const { store } = runtime;
  api.post(
    '/api/workspaces/:workspaceId/calendar/import/preview',
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary:
          'Check a CSV import without writing anything: the post each line would create and every problem, ' +
          'each with its line and column (the same checks as the import itself)',
        tags: ['calendar'],
        params,
        body: z.strictObject({ csv: z.string().min(1).max(2_000_000) }),
        response: {
          200: z.object({
            posts: z.array(
              z.object({
                line: z.number(),
                text: z.string(),
                scheduledAt: z.string().nullable(),
                channelIds: z.array(z.string()),
                themeId: z.string().nullable(),
                contentTypeId: z.string().nullable(),
                ownerId: z.string().nullable(),
              }),
            ),
            issues: z.array(
              z.object({
                line: z.number(),
                column: z.string(),
                code: z.string(),
                params: z.record(z.string(), z.unknown()),
              }),
            ),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const { posts, problems } = parseImport(request.body.csv, await contextOf(store, workspaceId));
      return {
        posts: posts.map((post) => ({
          ...post,
          scheduledAt: post.scheduledAt === null ? null : new Date(post.scheduledAt).toISOString(),
        })),
        issues: problems.map((p) => ({
          line: p.line,
          column: p.column,
          code: p.code,
          params: { ...p.params, line: p.line, column: p.column },
        })),
      };
    },
  );
}

/** The read-only iCal feed: its secret address, a new one, and the feed itself. */
function registerCalendarFeed(api: ZodApp, { runtime }: RouteDeps): void {
  const { store } = runtime;
  api.get(
    '/api/workspaces/:workspaceId/calendar/feed',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'The secret address of the read-only iCal feed (for Outlook, Google Calendar, Thunderbird…)',
        tags: ['calendar'],
        params,
        response: { 200: z.object({ url: z.string() }), ...commonErrors },
      },
    },
    async (request) => ({ url: await feedUrl(runtime, requireWorkspace(request).id, false) }),
  );

  api.post(
    '/api/workspaces/:workspaceId/calendar/feed/rotate',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Give the iCal feed a new secret address; the old one stops working',
        tags: ['calendar'],
        params,
        response: { 200: z.object({ url: z.string() }), ...commonErrors },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const url = await feedUrl(runtime, workspaceId, true);
      const ctx = actionContext(request);
      const workspace = await store.accounts.getWorkspace(workspaceId);
      await store.audit.record({
        organisationId: workspace?.organisationId ?? '',
        workspaceId,
        actor: ctx.actor,
        action: 'calendar.feed_rotated',
        targetType: 'calendar',
        targetId: workspaceId,
        ip: ctx.ip,
        userAgent: ctx.userAgent,
        details: {},
      });
      return { url };
    },
  );

  api.get(
    '/api/calendar/:file',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'The iCal feed itself (public: the secret token in the address is the credential)',
        tags: ['calendar'],
        params: z.strictObject({ file: z.string().max(100) }),
      },
    },
    async (request, reply) => {
      const token = request.params.file.replace(/\.ics$/, '');
      const workspaceId = await store.editorial.findWorkspaceByCalendarToken(hashToken(token));
      if (!workspaceId) throw new AppError('not_found', 'Unknown calendar');
      const context = await contextOf(store, workspaceId);
      const now = Date.now();
      const posts = await store.posts.list({
        workspaceId,
        from: now - 31 * 24 * 3600 * 1000,
        to: now + 190 * 24 * 3600 * 1000,
        limit: 5000,
      });
      const targets = await store.posts.targetsOf(posts.map((p) => p.id));
      // The animation plan's open slots, as posts still to write.
      const rubrics = new Map((await store.plan.listRubrics(workspaceId)).map((r) => [r.id, r.name]));
      const placeholders = (await store.plan.listSlots(workspaceId, { from: now, to: now + 190 * 24 * 3600 * 1000 }))
        .filter((slot) => slot.postId === null && !slot.skipped)
        .map((slot) => ({
          slotId: slot.id,
          at: slot.at,
          rubric: (slot.rubricId && rubrics.get(slot.rubricId)) || '',
          channelId: slot.channelId,
        }));
      return reply
        .type('text/calendar; charset=utf-8')
        .header('cache-control', 'private, max-age=300')
        .send(renderIcal(context.workspace, posts, targets, context, runtime.config.publicUrl, placeholders));
    },
  );
}
