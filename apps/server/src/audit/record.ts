// The one way a server service writes an audit entry: given the repositories of the transaction that makes the
// change, so a write and its entry are stored together or not at all.
import type { ActionContext, Repositories } from '@rostra/core';

export interface AuditEntry {
  organisationId: string;
  /** Null for what belongs to the organisation or a person rather than one workspace (logins, ownership). */
  workspaceId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Records who did what from where; call it with the transaction's repositories, inside `store.transaction`. */
export async function recordAudit(repos: Repositories, ctx: ActionContext, entry: AuditEntry): Promise<void> {
  await repos.audit.record({
    organisationId: entry.organisationId,
    workspaceId: entry.workspaceId,
    actor: ctx.actor,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    details: entry.details ?? {},
  });
}
