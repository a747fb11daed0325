// Posts through their workflow: compose for several channels, check against each network's rules, submit,
// approve, schedule, retry… Each write runs in one transaction with its audit entry and its webhook events (the
// outbox); delivery jobs, the events' sends and notifications follow once it is stored (the queue may be Redis).
import {
  AppError,
  validationError,
  type AuditAction,
  type ValidationIssue,
  decidePostDelete,
  decidePostEdit,
  decideTransition,
  type Post,
  type PostChangeDecision,
  type PostStatus,
  type Repositories,
  type WorkflowAction,
} from '@rostra/core';
import type { Connector, RuleViolation } from '@rostra/connectors';
import type { Store } from '@rostra/store';
import type { PublishingEngine } from './engine.js';
import type { EventOutbox } from '../events/webhooks.js';
import { auditWorkspace, type Caller } from '../audit/caller.js';
import { textLabel } from '../audit/record.js';
import { summarisePost } from './summary.js';
import type { ChannelContentInput, MediaInput, PostContent } from './post-content.js';
import type { Notifier } from '../notifications/service.js';
import { requireCharterClear } from './charter.js';

export interface PostInput {
  text: string;
  channels: ChannelContentInput[];
  /** The post's files in order, each with this post's alternative text. */
  media?: MediaInput[] | undefined;
  languages?: string[] | undefined;
  themeId?: string | null | undefined;
  contentTypeId?: string | null | undefined;
  ownerId?: string | null | undefined;
  backupOwnerId?: string | null | undefined;
  scheduledAt?: number | null | undefined;
}

/** A delivery to hand to the engine once the transaction that scheduled it is stored. */
type Due = { id: string; dueAt: number; attempts: number };

/** The domain's edit and delete rule (@rostra/core), the same the web app shows its buttons by. */
function requireMayChange(decision: PostChangeDecision, post: Post, verb: 'edit' | 'delete') {
  if (decision.ok) return;
  if (decision.reason === 'not_editable') {
    throw new AppError('not_editable', `A ${post.status} post cannot be ${verb}ed; unschedule it first`);
  }
  throw new AppError('forbidden', `Only the author of a draft or a community manager can ${verb} it`);
}

function auditPost(
  repos: Repositories,
  caller: Caller,
  post: Pick<Post, 'id' | 'workspaceId' | 'text'>,
  action: AuditAction,
  details?: Record<string, unknown>,
) {
  return auditWorkspace(repos, caller, post.workspaceId, {
    action,
    targetType: 'post',
    targetId: post.id,
    targetLabel: textLabel(post.text),
    ...(details ? { details } : {}),
  });
}

/** Its length is the operations it returns, closed over the same deps; each one stays short. */
export function createPostsService(deps: {
  store: Store;
  connectors: readonly Connector[];
  engine: PublishingEngine;
  content: PostContent;
  notifier: Notifier;
  events?: EventOutbox | undefined;
  now: () => number;
}) {
  const { store, content, notifier, now } = deps;
  const byNetwork = new Map(deps.connectors.map((c) => [c.network, c]));

  /** In the write's transaction: the event about the post as it now is; returns the deliveries to send. */
  async function record(
    repos: Repositories,
    workspaceId: string,
    event: Parameters<EventOutbox['record']>[2],
    postId: string,
  ): Promise<string[]> {
    if (!deps.events) return [];
    return deps.events.record(repos, workspaceId, event, await summarisePost(repos, workspaceId, postId));
  }

  async function send(deliveryIds: string[]): Promise<void> {
    await deps.events?.send(deliveryIds);
  }

  async function requirePost(workspaceId: string, postId: string): Promise<Post> {
    const post = await store.posts.get(workspaceId, postId);
    if (!post) throw new AppError('not_found', 'Post not found');
    return post;
  }

  /** Everything the post refers to must belong to the same workspace: ids from elsewhere are refused. */
  async function checkReferences(workspaceId: string, input: Partial<PostInput>): Promise<void> {
    const issues: ValidationIssue[] = [];
    if (input.channels) {
      const channels = new Set((await store.channels.list(workspaceId)).map((c) => c.id));
      input.channels.forEach((c, i) => {
        if (!channels.has(c.channelId))
          issues.push({ path: `body.channels.${i}.channelId`, code: 'unknown_channel', message: 'Unknown channel' });
      });
      const ids = input.channels.map((c) => c.channelId);
      if (new Set(ids).size !== ids.length)
        issues.push({ path: 'body.channels', code: 'duplicate', message: 'A channel appears twice' });
    }
    if (input.themeId) {
      const themes = await store.editorial.listThemes(workspaceId);
      if (!themes.some((t) => t.id === input.themeId))
        issues.push({ path: 'body.themeId', code: 'unknown_theme', message: 'Unknown theme' });
    }
    if (input.contentTypeId) {
      const types = await store.editorial.listContentTypes(workspaceId);
      if (!types.some((t) => t.id === input.contentTypeId))
        issues.push({ path: 'body.contentTypeId', code: 'unknown_content_type', message: 'Unknown content type' });
    }
    for (const field of ['ownerId', 'backupOwnerId'] as const) {
      const userId = input[field];
      if (userId && !(await store.accounts.getMembership(workspaceId, userId))) {
        issues.push({ path: `body.${field}`, code: 'not_a_member', message: 'Not a member of this workspace' });
      }
    }
    issues.push(...(await content.checkMedia(workspaceId, input.media)));
    if (issues.length > 0) {
      throw validationError(issues);
    }
  }

  /** Each channel's rules, counted the network's way; an empty list means the post can go out. */
  async function validatePost(post: Post): Promise<Array<RuleViolation & { channelId: string }>> {
    const targets = await store.posts.targets(post.id);
    const violations: Array<RuleViolation & { channelId: string }> = [];
    const media = targets.length > 0 ? await content.loadMedia(post) : [];
    for (const target of targets) {
      const channel = await store.channels.get(post.workspaceId, target.channelId);
      const publisher = channel && byNetwork.get(channel.network)?.publisher;
      if (!channel || !publisher) {
        violations.push({
          channelId: target.channelId,
          network: channel?.network ?? 'unknown',
          rule: 'channel_unsupported',
          message: 'Rostra cannot publish to this channel',
        });
        continue;
      }
      if (channel.status !== 'active') {
        violations.push({
          channelId: channel.id,
          network: channel.network,
          rule: 'channel_inactive',
          message: `${channel.name} needs reconnecting before it can publish`,
        });
      }
      for (const v of content.validateTarget(publisher, channel.network, post, target, media))
        violations.push({ ...v, channelId: channel.id });
    }
    return violations;
  }

  /** Before a post is submitted, scheduled or retried: it has channels and breaks none of their rules. */
  async function requireCanGoOut(post: Post): Promise<void> {
    if ((await store.posts.targets(post.id)).length === 0) {
      throw new AppError('post_invalid', 'Choose at least one channel', { violations: [] });
    }
    // Warnings (e.g. missing alt text) are shown to people but do not block the post.
    const violations = (await validatePost(post)).filter((v) => (v.severity ?? 'error') === 'error');
    if (violations.length > 0) {
      throw new AppError('post_invalid', violations.map((v) => `${v.network}: ${v.message}`).join('; '), {
        violations,
      });
    }
  }

  /** When a schedule or reschedule takes the post out; a time in the past means "now" (9:00 chosen at 9:00:30). */
  function dueTimeOf(action: WorkflowAction, post: Post, scheduledAt: number | undefined): number | undefined {
    if (action === 'schedule') {
      const dueAt = scheduledAt ?? post.scheduledAt ?? undefined;
      if (dueAt === undefined) {
        throw new AppError('validation_failed', 'body.scheduledAt: choose when to publish', {
          issues: [{ path: 'body.scheduledAt', code: 'required_to_schedule', message: 'Required to schedule' }],
        });
      }
      return Math.max(dueAt, now());
    }
    if (action === 'reschedule') {
      if (scheduledAt === undefined) {
        throw new AppError('validation_failed', 'body.scheduledAt: choose the new time', {
          issues: [{ path: 'body.scheduledAt', code: 'required_to_schedule', message: 'Required to reschedule' }],
        });
      }
      return Math.max(scheduledAt, now());
    }
    return undefined;
  }

  /** Moves the post and its deliveries, in the caller's transaction; returns the deliveries now due. */
  async function moveDeliveries(
    repos: Repositories,
    post: Post,
    action: WorkflowAction,
    to: PostStatus,
    dueAt: number | undefined,
  ): Promise<Due[]> {
    const changed = () => new AppError('invalid_transition', 'The post changed meanwhile; reload it');
    if (action === 'reschedule' && dueAt !== undefined) {
      // Post and deliveries move together; the old jobs find a later due time (or a done delivery) and end.
      const moved = await repos.pacing.reschedulePost(post.id, dueAt);
      if (!moved) throw changed();
      return moved.map((target) => ({ ...target, dueAt }));
    }
    if (action === 'schedule' && dueAt !== undefined) await repos.posts.update(post.id, { scheduledAt: dueAt });
    if (!(await repos.posts.setStatus(post.id, post.status, to))) throw changed();
    if (action === 'schedule' && dueAt !== undefined) {
      return (await repos.deliveries.scheduleTargets(post.id, dueAt)).map((id) => ({ id, dueAt, attempts: 0 }));
    }
    if (action === 'unschedule') await repos.deliveries.unscheduleTargets(post.id);
    if (action !== 'retry') return [];
    const at = now();
    const due: Due[] = [];
    for (const id of await repos.deliveries.retryTargets(post.id, at)) {
      due.push({ id, dueAt: at, attempts: (await repos.deliveries.getTarget(id))?.attempts ?? 0 });
    }
    return due;
  }

  /** The webhook event a workflow move tells of, in its transaction. */
  async function recordMove(repos: Repositories, post: Post, action: WorkflowAction): Promise<string[]> {
    if (action === 'approve') return record(repos, post.workspaceId, 'post.approved', post.id);
    if (action === 'schedule' || action === 'reschedule') {
      return record(repos, post.workspaceId, 'post.scheduled', post.id);
    }
    return [];
  }

  /** After a workflow move is stored: in-app notifications. */
  async function announce(post: Post, action: WorkflowAction, caller: Caller): Promise<void> {
    const told = ({ submit: 'post.submitted', approve: 'post.approved', reject: 'post.rejected' } as const)[
      action as 'submit' | 'approve' | 'reject'
    ];
    if (told) await notifier.notifyPost(told, post.workspaceId, post.id, caller.userId);
  }

  return {
    validatePost,

    async createPost(workspaceId: string, input: PostInput, caller: Caller) {
      await checkReferences(workspaceId, input);
      const targets = await content.planTargets(workspaceId, input.channels, input.text);
      const { post, events } = await store.transaction(async (repos) => {
        const created = await repos.posts.create({
          workspaceId,
          text: input.text,
          themeId: input.themeId ?? null,
          contentTypeId: input.contentTypeId ?? null,
          ownerId: input.ownerId ?? caller.userId,
          backupOwnerId: input.backupOwnerId ?? null,
          scheduledAt: input.scheduledAt ?? null,
          languages: input.languages ?? [],
          createdBy: caller.userId,
          targets,
        });
        if (input.media?.length) await content.setMedia(workspaceId, created.id, input.media, repos);
        await auditPost(repos, caller, created, 'post.created', { channels: input.channels.length });
        return { post: created, events: await record(repos, workspaceId, 'post.created', created.id) };
      });
      await send(events);
      return post;
    },

    async updatePost(workspaceId: string, postId: string, patch: Partial<PostInput>, caller: Caller) {
      const post = await requirePost(workspaceId, postId);
      requireMayChange(decidePostEdit(post, caller), post, 'edit');
      await checkReferences(workspaceId, patch);
      const targets =
        patch.channels && (await content.planTargets(workspaceId, patch.channels, patch.text ?? post.text));
      const events = await store.transaction(async (repos) => {
        await repos.posts.update(postId, {
          ...(patch.text !== undefined ? { text: patch.text } : {}),
          ...(patch.themeId !== undefined ? { themeId: patch.themeId } : {}),
          ...(patch.contentTypeId !== undefined ? { contentTypeId: patch.contentTypeId } : {}),
          ...(patch.ownerId !== undefined ? { ownerId: patch.ownerId } : {}),
          ...(patch.backupOwnerId !== undefined ? { backupOwnerId: patch.backupOwnerId } : {}),
          ...(patch.scheduledAt !== undefined ? { scheduledAt: patch.scheduledAt } : {}),
          ...(patch.languages !== undefined ? { languages: patch.languages } : {}),
        });
        if (targets) await repos.posts.setTargets(postId, workspaceId, targets);
        else if (patch.text !== undefined) await content.resplit({ ...post, text: patch.text }, repos);
        if (patch.media !== undefined) await content.setMedia(workspaceId, postId, patch.media, repos);
        await auditPost(repos, caller, post, 'post.updated', { fields: Object.keys(patch) });
        return record(repos, workspaceId, 'post.updated', postId);
      });
      await send(events);
      return requirePost(workspaceId, postId);
    },

    async deletePost(workspaceId: string, postId: string, caller: Caller) {
      const post = await requirePost(workspaceId, postId);
      requireMayChange(decidePostDelete(post, caller), post, 'delete');
      await store.transaction(async (repos) => {
        await repos.posts.delete(workspaceId, postId);
        await auditPost(repos, caller, post, 'post.deleted', { status: post.status });
      });
    },

    async act(
      workspaceId: string,
      postId: string,
      action: WorkflowAction,
      caller: Caller,
      options: { scheduledAt?: number | undefined } = {},
    ) {
      const post = await requirePost(workspaceId, postId);
      const workspace = await store.accounts.getWorkspace(workspaceId);
      const decision = decideTransition(post.status, action, {
        role: caller.role,
        approvalRequired: workspace?.approvalRequired ?? true,
      });
      if (!decision.ok) {
        throw new AppError(decision.reason === 'forbidden' ? 'forbidden' : 'invalid_transition', decision.message);
      }
      if (action === 'submit' || action === 'schedule' || action === 'retry') await requireCanGoOut(post);
      // The editorial charter's blocking rules hold at approval (or at scheduling when no approval is asked).
      if (decision.to === 'approved' || (action === 'schedule' && post.status !== 'approved')) {
        await requireCharterClear(store, post);
      }
      const dueAt = dueTimeOf(action, post, options.scheduledAt);
      const due = await store.transaction(async (repos) => {
        const moved = await moveDeliveries(repos, post, action, decision.to, dueAt);
        await auditPost(repos, caller, post, `post.${action}`, {
          from: post.status,
          to: decision.to,
          ...(dueAt ? { scheduledAt: new Date(dueAt).toISOString() } : {}),
        });
        return { moved, events: await recordMove(repos, post, action) };
      });
      for (const delivery of due.moved) await deps.engine.enqueueDelivery(delivery);
      await send(due.events);
      await announce(post, action, caller);
      return requirePost(workspaceId, postId);
    },

    async comment(workspaceId: string, postId: string, text: string, caller: Caller) {
      const post = await requirePost(workspaceId, postId);
      const userId = caller.userId;
      if (!userId) throw new AppError('forbidden', 'Comments are written by people, not API keys');
      const comment = await store.transaction(async (repos) => {
        const added = await repos.editorial.addComment(postId, userId, text);
        await auditPost(repos, caller, post, 'post.commented');
        return added;
      });
      await notifier.notifyPost('post.commented', workspaceId, postId, caller.userId);
      return comment;
    },
  };
}
