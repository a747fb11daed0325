// Who calls a workspace service: the person (or null for an API key), their role there, and where from.
import type { ActionContext, Repositories, Role } from '@rostra/core';
import { recordAudit, type AuditEntry } from './record.js';

export interface Caller {
  userId: string | null;
  role: Role;
  ctx: ActionContext;
}

/** Records a workspace write's audit entry with the transaction's repositories (the entry names its organisation). */
export async function auditWorkspace(
  repos: Repositories,
  caller: Pick<Caller, 'ctx'>,
  workspaceId: string,
  entry: Omit<AuditEntry, 'organisationId' | 'workspaceId'>,
): Promise<void> {
  const workspace = await repos.accounts.getWorkspace(workspaceId);
  await recordAudit(repos, caller.ctx, { organisationId: workspace?.organisationId ?? '', workspaceId, ...entry });
}
