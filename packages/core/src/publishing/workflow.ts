// The editorial workflow of a post: who may move it from which state to which.
// draft → in_review → approved → scheduled → publishing → published | failed | unconfirmed
import { hasRole, type Role } from '../accounts/roles.js';

export const POST_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'unconfirmed',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

/** What a person asks for; the engine's own moves (publishing, published…) are not actions. */
export type WorkflowAction = 'submit' | 'approve' | 'reject' | 'schedule' | 'reschedule' | 'unschedule' | 'retry';

export interface WorkflowContext {
  role: Role;
  /** A workspace may turn approval off: community managers then schedule directly. */
  approvalRequired: boolean;
}

interface Rule {
  from: readonly PostStatus[];
  to: PostStatus;
  /** The least role that may do it. */
  role: Role;
}

const RULES: Record<WorkflowAction, Rule> = {
  // Contributors propose ("mobilisez vos ressources"); anybody who writes may submit.
  submit: { from: ['draft'], to: 'in_review', role: 'contributor' },
  approve: { from: ['in_review'], to: 'approved', role: 'manager' },
  reject: { from: ['in_review', 'approved'], to: 'draft', role: 'manager' },
  schedule: { from: ['approved'], to: 'scheduled', role: 'community_manager' },
  // Moving a scheduled post keeps it scheduled: one step, so it is never off the schedule in between.
  reschedule: { from: ['scheduled'], to: 'scheduled', role: 'community_manager' },
  unschedule: { from: ['scheduled'], to: 'approved', role: 'community_manager' },
  // A failed or unconfirmed post goes back to the schedule only when a person decides so.
  retry: { from: ['failed', 'unconfirmed'], to: 'scheduled', role: 'community_manager' },
};

export type WorkflowDecision =
  { ok: true; to: PostStatus } | { ok: false; reason: 'forbidden' | 'invalid_transition'; message: string };

export function decideTransition(from: PostStatus, action: WorkflowAction, context: WorkflowContext): WorkflowDecision {
  const rule = RULES[action];
  // Without approval, scheduling a draft is allowed to whoever may schedule.
  const from_ = !context.approvalRequired && action === 'schedule' ? [...rule.from, 'draft', 'in_review'] : rule.from;
  if (!from_.includes(from)) {
    return { ok: false, reason: 'invalid_transition', message: `Cannot ${action} a post that is ${from}` };
  }
  if (!hasRole(context.role, rule.role)) {
    return { ok: false, reason: 'forbidden', message: `Only a ${rule.role} or above can ${action} a post` };
  }
  return { ok: true, to: rule.to };
}

/** Whether the post's content may still be edited: never once it is on its way out. */
export function isEditable(status: PostStatus): boolean {
  return status === 'draft' || status === 'in_review' || status === 'approved' || status === 'failed';
}
