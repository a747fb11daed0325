// Every action the audit log records, in one list: the store accepts only these, and the web app renders each one
// as a sentence in French and English (a test fails when one of them has no sentence).
import type { WorkflowAction } from './publishing/workflow.js';

const WORKFLOW_ACTIONS = ['submit', 'approve', 'reject', 'schedule', 'reschedule', 'unschedule', 'retry'] as const;
// A workflow action added in core without being listed here fails to compile.
const workflowListed: Exclude<WorkflowAction, (typeof WORKFLOW_ACTIONS)[number]> extends never ? true : never = true;
void workflowListed;

/** A post's move through the workflow, recorded as `post.<action>` (e.g. `post.schedule`). */
export type PostWorkflowAuditAction = `post.${WorkflowAction}`;

export const AUDIT_ACTIONS = [
  'setup.completed',
  'auth.login',
  'auth.logout',
  'user.updated',
  'user.password_changed',
  'user.password_reset_requested',
  'user.password_reset_link_created',
  'user.password_reset',
  'organisation.ownership_transferred',
  'workspace.created',
  'workspace.updated',
  'workspace.posting_slots_changed',
  'member.added',
  'member.role_changed',
  'member.removed',
  'member.password_reset_link_created',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'apikey.created',
  'apikey.revoked',
  'webhook.created',
  'webhook.disabled',
  'webhook.pinged',
  'calendar.feed_rotated',
  'channel.connected',
  'channel.reconnected',
  'channel.oauth_started',
  'channel.oauth_choice_offered',
  'channel.disconnected',
  'media.uploaded',
  'media.updated',
  'media.deleted',
  'theme.created',
  'theme.deleted',
  'content_type.created',
  'content_type.deleted',
  'post.created',
  'post.updated',
  'post.deleted',
  'post.commented',
  ...WORKFLOW_ACTIONS.map((action): PostWorkflowAuditAction => `post.${action}`),
  'topic.created',
  'topic.updated',
  'topic.deleted',
  'source.created',
  'source.updated',
  'source.deleted',
  'source.poll_requested',
  'mention.sentiment_corrected',
  'mention.tagged',
  'mention.handled',
  'mention.reopened',
  'alert.create',
  'alert.update',
  'alert.delete',
  'mail.test_sent',
  'charter.updated',
  'rubric.created',
  'rubric.updated',
  'rubric.deleted',
  'plan.generated',
  'plan.settings_changed',
  'plan.slot_filled',
  'plan.idea_created',
  'plan.idea_updated',
  'plan.idea_deleted',
  'plan.event_created',
  'plan.event_deleted',
  'plan.events_imported',
  'ambassador.relay_marked',
  'ambassador.relay_updated',
  'ambassador.relay_unmarked',
  'ambassador.policy_updated',
  'ambassador.policy_acknowledged',
  'ambassador.profile_updated',
  'strategy.updated',
  'objective.created',
  'objective.updated',
  'objective.deleted',
  'persona.created',
  'persona.updated',
  'persona.deleted',
  'inbox.item_updated',
  'inbox.note_added',
  'inbox.service_levels_updated',
  'inbox.saved_reply_created',
  'inbox.saved_reply_updated',
  'inbox.saved_reply_deleted',
  'inbox.rule_created',
  'inbox.rule_updated',
  'inbox.rule_deleted',
  'inbox.rules_reordered',
  'inbox.rule_applied',
  'inbox.rule_decision_recorded',
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an action is about, the part before the dot (`post`, `member`…): the audit log filters by it. */
export type AuditActionKind = AuditAction extends `${infer Kind}.${string}` ? Kind : never;

export const AUDIT_ACTION_KINDS: readonly AuditActionKind[] = [
  ...new Set(AUDIT_ACTIONS.map((action) => action.slice(0, action.indexOf('.')) as AuditActionKind)),
];

export function isAuditAction(value: string): value is AuditAction {
  return (AUDIT_ACTIONS as readonly string[]).includes(value);
}
