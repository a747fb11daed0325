// Who may do what to a post: the workflow is the domain's (@rostra/core decideTransition, the one the server
// applies), so people only see the buttons the server would accept.
import { decideTransition, isEditable, type WorkflowAction as PostAction } from '@rostra/core';
import type { Post, PostStatus } from '../../api/types';
import { hasRoleAtLeast, type Role } from '../workspaces/roles';

/** The workflow bar's buttons; `reschedule` is done by picking a new date rather than a button. */
export const WORKFLOW_ACTIONS = ['submit', 'approve', 'reject', 'schedule', 'unschedule', 'retry'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export function canAct(action: PostAction, status: PostStatus, role: Role, approvalRequired: boolean): boolean {
  return decideTransition(status, action, { role, approvalRequired }).ok;
}

export function allowedActions(status: PostStatus, role: Role, approvalRequired: boolean): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => canAct(action, status, role, approvalRequired));
}

/** Whether the content may still change: never once it is on its way out. */
export const isEditableStatus = isEditable;

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
