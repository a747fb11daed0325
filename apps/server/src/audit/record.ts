// The one way a server service writes an audit entry: given the repositories of the transaction that makes the
// change, so a write and its entry are stored together or not at all.
import type { ActionContext, AuditAction, Repositories } from '@rostra/core';

export interface AuditEntry {
  organisationId: string;
  /** Null for what belongs to the organisation or a person rather than one workspace (logins, ownership). */
  workspaceId: string | null;
  action: AuditAction;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
  /**
   * What people call the target (a post's opening words, a person's name), kept with the entry so the log still
   * names it after the target is gone; stored as `details.targetLabel`.
   */
  targetLabel?: string;
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
    details: { ...entry.details, ...(entry.targetLabel ? { targetLabel: entry.targetLabel } : {}) },
  });
}

/** A long text's label in the log: its first line, cut at a word near `max` characters with an ellipsis. */
export function textLabel(text: string, max = 60): string {
  const line = text.trim().split('\n', 1)[0]?.trim() ?? '';
  const chars = [...line];
  if (chars.length <= max) return line;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
