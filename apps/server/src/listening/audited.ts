// A service's write and its audit entry, in one transaction: both are stored, or neither.
import type { ActionContext, AuditAction, Repositories } from '@rostra/core';
import type { Store } from '@rostra/store';
import { recordAudit } from '../audit/record.js';

export interface AuditedOutcome {
  action: AuditAction;
  targetType: string;
  details?: Record<string, unknown>;
  /** The target's name in the log, kept for when it is gone (see `recordAudit`). */
  targetLabel?: string;
}

export type AuditedWrite = <T extends { id: string }>(
  ctx: ActionContext,
  workspaceId: string,
  work: (repos: Repositories) => Promise<T>,
  entry: (result: T) => AuditedOutcome,
) => Promise<T>;

/** Runs `work` in one transaction and records its audit entry there, built from the result (its id the target). */
export function createAuditedWrite(store: Store): AuditedWrite {
  return (ctx, workspaceId, work, entry) =>
    store.transaction(async (repos) => {
      const result = await work(repos);
      const workspace = await repos.accounts.getWorkspace(workspaceId);
      await recordAudit(repos, ctx, {
        organisationId: workspace?.organisationId ?? '',
        workspaceId,
        targetId: result.id,
        ...entry(result),
      });
      return result;
    });
}

/** The person behind an action, when it is one (API keys and the CLI act as nobody's user). */
export function userIdOf(ctx: ActionContext): string | null {
  return ctx.actor.type === 'user' ? ctx.actor.id : null;
}
