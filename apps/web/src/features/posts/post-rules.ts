// Which workflow buttons a post shows: the workflow is the domain's (@rostra/core decideTransition, the one the
// server applies), so people only see the buttons the server would accept. Who may edit or delete a post is the
// domain's too: call canEditPost/canDeletePost from @rostra/core.
import { decideTransition, type WorkflowAction as PostAction } from '@rostra/core';
import type { PostStatus } from '../../api/types';
import type { Role } from '../workspaces/roles';

/** The workflow bar's buttons; `reschedule` is done by picking a new date rather than a button. */
export const WORKFLOW_ACTIONS = ['submit', 'approve', 'reject', 'schedule', 'unschedule', 'retry'] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export function canAct(action: PostAction, status: PostStatus, role: Role, approvalRequired: boolean): boolean {
  return decideTransition(status, action, { role, approvalRequired }).ok;
}

export function allowedActions(status: PostStatus, role: Role, approvalRequired: boolean): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => canAct(action, status, role, approvalRequired));
}

/** Statuses that still need a date: the calendar's "to plan" panel. */
export const PLANNABLE_STATUSES: readonly PostStatus[] = ['draft', 'in_review', 'approved'];
