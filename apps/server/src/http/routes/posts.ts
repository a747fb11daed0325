// Posts: list (search and filters), compose for several channels, validate per network, workflow actions,
// comments; the bulk actions of the list's selection are in posts-bulk.ts.
import { z } from 'zod';
import { POST_STATUSES, type Post, type PostTarget, type WorkflowAction } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, errorSchema, idSchema, noContent, toIso, toIsoOrNull } from '../schemas.js';
import { mediaSchema, presentMedia } from './media.js';
import { MAX_ALT_LENGTH } from '../../publishing/media.js';
import { MAX_POST_TEXT } from '../../publishing/post-content.js';
import { checkPostCharter } from '../../publishing/charter.js';
import { charterFindingSchema } from './charter.js';
import { registerPostBulkRoutes } from './posts-bulk.js';

const violationSchema = z.object({
  channelId: z.string(),
  network: z.string(),
  rule: z.string(),
  message: z.string(),
  excess: z.number().optional(),
  severity: z.enum(['error', 'warning']).optional(),
});

const targetSchema = z.object({
  id: z.string(),
  channelId: z.string(),
  text: z.string().nullable(),
  status: z.enum(['pending', 'scheduled', 'publishing', 'published', 'failed', 'unconfirmed']),
  dueAt: z.iso.datetime().nullable(),
  attempts: z.number(),
  publishedUrl: z.string().nullable(),
  publishedAt: z.iso.datetime().nullable(),
  lastErrorCode: z.string().nullable(),
  lastError: z.string().nullable(),
  options: z.record(z.string(), z.unknown()).describe('Network settings (visibility, content warning, title…)'),
  firstComment: z.string().nullable(),
  thread: z
    .object({ mode: z.enum(['split', 'parts']), parts: z.array(z.string()), numbering: z.boolean().optional() })
    .nullable()
    .describe('The parts when the post goes out as a thread (split by Rostra, or written part by part)'),
  publishedParts: z
    .array(z.object({ key: z.string(), url: z.string() }))
    .describe('Parts (and the first comment) already on the network'),
});

const postSchema = z.object({
  id: z.string(),
  text: z.string(),
  status: z.enum(POST_STATUSES),
  themeId: z.string().nullable(),
  contentTypeId: z.string().nullable(),
  ownerId: z.string().nullable(),
  backupOwnerId: z.string().nullable(),
  scheduledAt: z.iso.datetime().nullable(),
  languages: z.array(z.string()),
  createdBy: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  targets: z.array(targetSchema),
});

const postMediaSchema = z.object({ mediaId: z.string(), alt: z.string(), position: z.number(), file: mediaSchema });

const postDetailSchema = postSchema.extend({
  media: z.array(postMediaSchema).describe('The files, in order, with this post’s alternative text'),
  violations: z.array(violationSchema),
  charterFindings: z
    .array(charterFindingSchema)
    .describe('What the editorial charter says of each channel’s text; blocking ones refuse approval'),
});

function presentTarget(target: PostTarget) {
  return {
    id: target.id,
    channelId: target.channelId,
    text: target.text,
    status: target.status,
    dueAt: toIsoOrNull(target.dueAt),
    attempts: target.attempts,
    publishedUrl: target.published?.url ?? null,
    publishedAt: toIsoOrNull(target.published?.at ?? null),
    lastErrorCode: target.lastErrorCode,
    lastError: target.lastError,
    options: target.options,
    firstComment: target.firstComment,
    thread: target.thread,
    publishedParts: target.publishedParts.map((p) => ({ key: p.key, url: p.url })),
  };
}

function presentPost(post: Post, targets: PostTarget[]) {
  return {
    id: post.id,
    text: post.text,
    status: post.status,
    themeId: post.themeId,
    contentTypeId: post.contentTypeId,
    ownerId: post.ownerId,
    backupOwnerId: post.backupOwnerId,
    scheduledAt: toIsoOrNull(post.scheduledAt),
    languages: post.languages,
    createdBy: post.createdBy,
    createdAt: toIso(post.createdAt),
    updatedAt: toIso(post.updatedAt),
    targets: targets.filter((t) => t.postId === post.id).map(presentTarget),
  };
}

const nullableId = idSchema.nullable().optional();
const postBody = {
  text: z.string().max(MAX_POST_TEXT),
  channels: z
    .array(
      z.strictObject({
        channelId: idSchema,
        text: z.string().max(MAX_POST_TEXT).nullable().optional(),
        options: z
          .record(z.string().max(64), z.unknown())
          .refine((o) => JSON.stringify(o).length <= 20_000, 'At most 20,000 characters of options')
          .optional()
          .describe('Network settings, checked by the network: Mastodon visibility/spoilerText, WordPress title…'),
        firstComment: z.string().max(10_000).nullable().optional(),
        thread: z
          .union([z.boolean(), z.array(z.string().max(MAX_POST_TEXT)).min(1).max(100)])
          .optional()
          .describe('true: split the text at sentence boundaries for this network; a list: the parts as written'),
        threadNumbering: z.boolean().optional().describe('With thread: true, end each part with " 1/3"…'),
      }),
    )
    .max(50),
  media: z
    .array(z.strictObject({ mediaId: idSchema, alt: z.string().max(MAX_ALT_LENGTH).optional() }))
    .max(20)
    .optional()
    .describe('Uploaded files, in order; alt defaults to the file’s proposed text'),
  languages: z
    .array(z.string().regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/, 'A BCP 47 tag such as "fr" or "fr-CA"'))
    .max(3)
    .optional(),
  themeId: nullableId,
  contentTypeId: nullableId,
  ownerId: nullableId,
  backupOwnerId: nullableId,
  scheduledAt: z.iso.datetime({ offset: true }).nullable().optional(),
};

function toMs(iso: string | null | undefined): number | null | undefined {
  return iso === undefined ? undefined : iso === null ? null : Date.parse(iso);
}

const postParams = z.strictObject({ workspaceId: idSchema, postId: idSchema });

const ACTIONS: Array<{
  action: WorkflowAction;
  role: 'contributor' | 'manager' | 'community_manager';
  summary: string;
}> = [
  { action: 'submit', role: 'contributor', summary: 'Submit a draft for approval' },
  { action: 'approve', role: 'manager', summary: 'Approve a post in review' },
  { action: 'reject', role: 'manager', summary: 'Send a post back to draft' },
  { action: 'schedule', role: 'community_manager', summary: 'Schedule an approved post (at scheduledAt)' },
  {
    action: 'reschedule',
    role: 'community_manager',
    summary: 'Move a scheduled post to another time (scheduledAt, required); it stays scheduled throughout',
  },
  { action: 'unschedule', role: 'community_manager', summary: 'Take a scheduled post off the schedule' },
  {
    action: 'retry',
    role: 'community_manager',
    summary: 'Retry a failed or unconfirmed post (after checking the network)',
  },
];

type PostDetail = (workspaceId: string, postId: string) => Promise<z.infer<typeof postDetailSchema>>;

/** A post as every route answers it: with its files and the rules it breaks. */
function postDetailOf({ runtime, publishing }: RouteDeps): PostDetail {
  const { store } = runtime;
  return async (workspaceId, postId) => {
    const post = await store.posts.get(workspaceId, postId);
    if (!post) throw new Error('post vanished');
    const media = (await store.media.postMedia(postId)).map((m) => ({
      mediaId: m.media.id,
      alt: m.alt,
      position: m.position,
      file: presentMedia(m.media),
    }));
    return {
      ...presentPost(post, await store.posts.targets(postId)),
      media,
      violations: await publishing.validatePost(post),
      charterFindings: await checkPostCharter(store, post),
    };
  };
}

const listQuery = z.strictObject({
  q: z
    .string()
    .trim()
    .max(200)
    .optional()
    .describe('Words every post contains (text or a channel’s text), accents aside'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(POST_STATUSES).optional(),
  channelId: idSchema.optional(),
  themeId: idSchema.optional(),
  authorId: idSchema.optional().describe('A member: the posts they wrote or are responsible for'),
  scheduled: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

function registerPostReadRoutes(api: ZodApp, { runtime }: RouteDeps, detail: PostDetail): void {
  const { store } = runtime;
  api.get(
    '/api/workspaces/:workspaceId/posts',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary:
          'Posts, by scheduled time (search q; filters: from, to, status, channelId, themeId, authorId, scheduled)',
        tags: ['posts'],
        params: z.strictObject({ workspaceId: idSchema }),
        querystring: listQuery,
        response: { 200: z.object({ items: z.array(postSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const q = request.query;
      const posts = await store.posts.list({
        workspaceId: requireWorkspace(request).id,
        search: q.q || undefined,
        from: q.from ? Date.parse(q.from) : undefined,
        to: q.to ? Date.parse(q.to) : undefined,
        status: q.status,
        channelId: q.channelId,
        themeId: q.themeId,
        authorId: q.authorId,
        scheduled: q.scheduled === undefined ? undefined : q.scheduled === 'true',
        limit: q.limit,
      });
      const targets = await store.posts.targetsOf(posts.map((p) => p.id));
      return { items: posts.map((p) => presentPost(p, targets)) };
    },
  );

  api.get(
    '/api/workspaces/:workspaceId/posts/:postId',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'One post, its deliveries per channel and the rules it breaks',
        tags: ['posts'],
        params: postParams,
        response: { 200: postDetailSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      if (!(await store.posts.get(workspaceId, request.params.postId))) {
        return reply.status(404).send({ code: 'not_found', message: 'Post not found' });
      }
      return detail(workspaceId, request.params.postId);
    },
  );
}

function registerPostWriteRoutes(api: ZodApp, { publishing }: RouteDeps, detail: PostDetail): void {
  api.post(
    '/api/workspaces/:workspaceId/posts',
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary: 'Create a draft for one or more channels; the answer lists each network rule it breaks',
        tags: ['posts'],
        params: z.strictObject({ workspaceId: idSchema }),
        body: z.strictObject(postBody),
        response: { 201: postDetailSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const body = request.body;
      const post = await publishing.createPost(
        workspaceId,
        { ...body, scheduledAt: toMs(body.scheduledAt) },
        callerOf(request),
      );
      return reply.status(201).send(await detail(workspaceId, post.id));
    },
  );

  api.patch(
    '/api/workspaces/:workspaceId/posts/:postId',
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary: 'Edit a post (authors edit their drafts; community managers any post not yet scheduled)',
        tags: ['posts'],
        params: postParams,
        body: z.strictObject(postBody).partial(),
        response: { 200: postDetailSchema, ...commonErrors, 409: errorSchema },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const { scheduledAt, ...rest } = request.body;
      await publishing.updatePost(
        workspaceId,
        request.params.postId,
        { ...rest, ...(scheduledAt !== undefined ? { scheduledAt: toMs(scheduledAt) } : {}) },
        callerOf(request),
      );
      return detail(workspaceId, request.params.postId);
    },
  );

  api.delete(
    '/api/workspaces/:workspaceId/posts/:postId',
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary: 'Delete a post from Rostra (not from the networks); never while scheduled or publishing',
        tags: ['posts'],
        params: postParams,
        response: { ...noContent, ...commonErrors, 409: errorSchema },
      },
    },
    async (request, reply) => {
      await publishing.deletePost(requireWorkspace(request).id, request.params.postId, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}

function registerPostWorkflowRoutes(api: ZodApp, { publishing }: RouteDeps, detail: PostDetail): void {
  for (const { action, role, summary } of ACTIONS) {
    api.post(
      `/api/workspaces/:workspaceId/posts/:postId/${action}`,
      {
        config: { access: { kind: 'workspace', role } },
        schema: {
          summary,
          tags: ['posts'],
          params: postParams,
          body: z.strictObject({ scheduledAt: z.iso.datetime({ offset: true }).optional() }).optional(),
          response: { 200: postDetailSchema, ...commonErrors, 409: errorSchema, 422: errorSchema },
        },
      },
      async (request) => {
        const workspaceId = requireWorkspace(request).id;
        const at = request.body?.scheduledAt;
        await publishing.act(workspaceId, request.params.postId, action, callerOf(request), {
          scheduledAt: at ? Date.parse(at) : undefined,
        });
        return detail(workspaceId, request.params.postId);
      },
    );
  }
}

const commentSchema = z.object({
  id: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  text: z.string(),
  createdAt: z.iso.datetime(),
});

function registerPostCommentRoutes(api: ZodApp, { runtime, publishing }: RouteDeps): void {
  api.get(
    '/api/workspaces/:workspaceId/posts/:postId/comments',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'The discussion on a post',
        tags: ['posts'],
        params: postParams,
        response: { 200: z.object({ items: z.array(commentSchema) }), ...commonErrors },
      },
    },
    async (request, reply) => {
      if (!(await runtime.store.posts.get(requireWorkspace(request).id, request.params.postId))) {
        return reply.status(404).send({ code: 'not_found', message: 'Post not found' });
      }
      const comments = await runtime.store.editorial.listComments(request.params.postId);
      return { items: comments.map((c) => ({ ...c, createdAt: toIso(c.createdAt) })) };
    },
  );

  api.post(
    '/api/workspaces/:workspaceId/posts/:postId/comments',
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary: 'Comment on a post (reviewers and authors talk here)',
        tags: ['posts'],
        params: postParams,
        body: z.strictObject({ text: z.string().trim().min(1).max(5000) }),
        response: { 201: commentSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const comment = await publishing.comment(
        requireWorkspace(request).id,
        request.params.postId,
        request.body.text,
        callerOf(request),
      );
      return reply.status(201).send({ ...comment, createdAt: toIso(comment.createdAt) });
    },
  );
}

/** The posts routes, by kind: reading, writing, the workflow, comments, and the list's bulk actions. */
export function registerPostRoutes(api: ZodApp, deps: RouteDeps): void {
  const detail = postDetailOf(deps);
  registerPostReadRoutes(api, deps, detail);
  registerPostWriteRoutes(api, deps, detail);
  registerPostWorkflowRoutes(api, deps, detail);
  registerPostCommentRoutes(api, deps);
  registerPostBulkRoutes(api, deps);
}
