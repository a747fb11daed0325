// Who may do what to a post, mirrored from packages/core/src/publishing/workflow.ts and the
// publishing service, so people only see the buttons the server would accept.
import type { Post, PostStatus } from '../../api/types';
import { hasRoleAtLeast, type Role } from '../workspaces/roles';

/** The workflow bar's buttons. */
export const WORKFLOW_ACTIONS = ['submit', 'approve', 'reject', 'schedule', 'unschedule', 'retry'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];
/** Every action the server knows, including `reschedule`, done by picking a new date rather than a button. */
export const POST_ACTIONS = [...WORKFLOW_ACTIONS, 'reschedule'] as const;
export type PostAction = (typeof POST_ACTIONS)[number];

const RULES: Record<PostAction, { from: readonly PostStatus[]; role: Role }> = {
  submit: { from: ['draft'], role: 'contributor' },
  approve: { from: ['in_review'], role: 'manager' },
  reject: { from: ['in_review', 'approved'], role: 'manager' },
  schedule: { from: ['approved'], role: 'community_manager' },
  reschedule: { from: ['scheduled'], role: 'community_manager' },
  unschedule: { from: ['scheduled'], role: 'community_manager' },
  retry: { from: ['failed', 'unconfirmed'], role: 'community_manager' },
};

export function canAct(action: PostAction, status: PostStatus, role: Role, approvalRequired: boolean): boolean {
  const rule = RULES[action];
  // Without approval, whoever may schedule can schedule a draft or a post in review directly.
  const from =
    action === 'schedule' && !approvalRequired ? [...rule.from, 'draft', 'in_review'] : (rule.from as PostStatus[]);
  return from.includes(status) && hasRoleAtLeast(role, rule.role);
}

export function allowedActions(status: PostStatus, role: Role, approvalRequired: boolean): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => canAct(action, status, role, approvalRequired));
}

/** Whether the content may still change: never once it is on its way out. */
export function isEditableStatus(status: PostStatus): boolean {
  return status === 'draft' || status === 'in_review' || status === 'approved' || status === 'failed';
}

/** Authors edit their own drafts; community managers and above edit any editable post. */
export function canEditPost(post: Pick<Post, 'status' | 'createdBy'>, role: Role, userId: string): boolean {
  if (!isEditableStatus(post.status)) return false;
  if (hasRoleAtLeast(role, 'community_manager')) return true;
  return (
    hasRoleAtLeast(role, 'contributor') &&
    post.createdBy === userId &&
    (post.status === 'draft' || post.status === 'in_review')
  );
}

export function canDeletePost(post: Pick<Post, 'status' | 'createdBy'>, role: Role, userId: string): boolean {
  if (post.status === 'scheduled' || post.status === 'publishing') return false;
  if (hasRoleAtLeast(role, 'community_manager')) return true;
  return (
    hasRoleAtLeast(role, 'contributor') &&
    post.createdBy === userId &&
    (post.status === 'draft' || post.status === 'in_review')
  );
}

/** Statuses that still need a date: the calendar's "to plan" panel. */
export const PLANNABLE_STATUSES: readonly PostStatus[] = ['draft', 'in_review', 'approved'];
