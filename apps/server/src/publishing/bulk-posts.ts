// One action over many posts (the posts list's selection): each post goes through the same service call, rules
// and audit entry as when acted on alone, in its own transaction; a post its state or the caller's role refuses
// is reported with the error it would have had alone, and the others go through.
import { AppError, validationError, type ErrorCode, type Post, type PostStatus } from '@rostra/core';
import type { Store } from '@rostra/store';
import type { Caller } from '../audit/caller.js';
import type { PublishingService } from './service.js';

export const BULK_ACTIONS = ['submit', 'approve', 'schedule', 'unschedule', 'shift', 'set_theme', 'delete'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

/** As many as the posts list shows on one page. */
export const MAX_BULK_POSTS = 500;

export interface BulkRequest {
  action: BulkAction;
  postIds: string[];
  /** `shift`: minutes to move each post's date by (negative: earlier). */
  shiftMinutes?: number | undefined;
  /** `set_theme`: the theme, or null to take it off. */
  themeId?: string | null | undefined;
}

/** Why the bulk step itself refused a post (the service's own refusals carry their error code only). */
export type BulkReason = 'no_date' | 'not_a_draft' | 'in_the_past';

export type BulkResult =
  | { postId: string; ok: true; status: PostStatus | null }
  | {
      postId: string;
      ok: false;
      error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
    };

type Services = Pick<PublishingService, 'act' | 'updatePost' | 'deletePost'>;

function refuse(code: ErrorCode, reason: BulkReason, message: string): AppError {
  return new AppError(code, message, { reason });
}

/** A refusal as the single route would have answered it; anything else as `internal`, its text kept for the log. */
function describeFailure(error: unknown): Extract<BulkResult, { ok: false }>['error'] {
  if (!(error instanceof AppError)) return { code: 'internal', message: 'Internal error' };
  return { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) };
}

/** Checks the request as a whole before any post is touched: what the action needs, and a theme of this workspace. */
async function checkRequest(store: Store, workspaceId: string, request: BulkRequest): Promise<void> {
  if (request.action === 'shift' && !request.shiftMinutes) {
    throw validationError([
      { path: 'body.shiftMinutes', code: 'required', message: 'Give the minutes to move the posts by' },
    ]);
  }
  if (request.action === 'set_theme') {
    if (request.themeId === undefined) {
      throw validationError([{ path: 'body.themeId', code: 'required', message: 'Give a theme, or null' }]);
    }
    const themes = await store.editorial.listThemes(workspaceId);
    if (request.themeId !== null && !themes.some((t) => t.id === request.themeId)) {
      throw validationError([{ path: 'body.themeId', code: 'unknown_theme', message: 'Unknown theme' }]);
    }
  }
}

/** One post, the single route's way: the workflow for workflow moves, the edit rule for date and theme. */
async function actOnOne(
  services: Services,
  post: Post,
  request: BulkRequest,
  caller: Caller,
  now: number,
): Promise<Post | null> {
  const { workspaceId, id } = post;
  switch (request.action) {
    case 'submit':
    case 'approve':
    case 'schedule':
    case 'unschedule':
      return services.act(workspaceId, id, request.action, caller);
    case 'set_theme':
      return services.updatePost(workspaceId, id, { themeId: request.themeId ?? null }, caller);
    case 'delete':
      // Kept to drafts: a selection that happens to hold published or approved posts never erases their history.
      if (post.status !== 'draft') throw refuse('not_editable', 'not_a_draft', 'Only drafts are deleted in bulk');
      await services.deletePost(workspaceId, id, caller);
      return null;
    case 'shift': {
      if (post.scheduledAt === null) throw refuse('invalid_transition', 'no_date', 'The post has no date to move');
      const scheduledAt = post.scheduledAt + (request.shiftMinutes ?? 0) * 60_000;
      if (post.status !== 'scheduled') return services.updatePost(workspaceId, id, { scheduledAt }, caller);
      // A scheduled post moved into the past would go out at once: refused, the person decides.
      if (scheduledAt < now) throw refuse('invalid_transition', 'in_the_past', 'The new time is in the past');
      return services.act(workspaceId, id, 'reschedule', caller, { scheduledAt });
    }
  }
}

/**
 * Runs the action on each post in turn (each in its own transaction, with its audit entry); ids of another
 * workspace or of no post are refused as `not_found`, like a single call. A post that fails never stops the
 * others, so the answer always says what happened to each.
 */
export async function actOnPosts(
  deps: {
    store: Store;
    services: Services;
    now?: () => number;
    /** Told of a failure that is no refusal (a database error…): the post is reported as `internal`. */
    onFailure?: (error: unknown, postId: string) => void;
  },
  workspaceId: string,
  request: BulkRequest,
  caller: Caller,
): Promise<BulkResult[]> {
  await checkRequest(deps.store, workspaceId, request);
  const now = deps.now ?? Date.now;
  const results: BulkResult[] = [];
  for (const postId of new Set(request.postIds)) {
    try {
      const post = await deps.store.posts.get(workspaceId, postId);
      if (!post) throw new AppError('not_found', 'Post not found');
      const after = await actOnOne(deps.services, post, request, caller, now());
      results.push({ postId, ok: true, status: after?.status ?? null });
    } catch (error) {
      results.push({ postId, ok: false, error: describeFailure(error) });
      if (!(error instanceof AppError)) deps.onFailure?.(error, postId);
    }
  }
  return results;
}
