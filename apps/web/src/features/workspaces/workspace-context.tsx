// The workspace currently open in the URL, with the user's role and what it allows.
import { createContext, useContext } from 'react';
import type { Session, WorkspaceSummary } from '../../api/types';
import type { WorkspacePermissions } from './roles';

export interface WorkspaceContextValue {
  session: Session;
  workspace: WorkspaceSummary;
  permissions: WorkspacePermissions;
}

export const WorkspaceContext = createContext<WorkspaceContextValue | null>(null);

export function useWorkspace(): WorkspaceContextValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace must be used inside a workspace route');
  return value;
}

const LAST_WORKSPACE_KEY = 'rostra.workspace';

export function rememberWorkspace(workspaceId: string): void {
  try {
    window.localStorage.setItem(LAST_WORKSPACE_KEY, workspaceId);
  } catch {
    // Only a convenience for the next visit.
  }
}

/** Picks the workspace to open by default: the last one used, otherwise the first. */
export function pickDefaultWorkspace(workspaces: WorkspaceSummary[]): WorkspaceSummary | undefined {
  let last: string | null = null;
  try {
    last = window.localStorage.getItem(LAST_WORKSPACE_KEY);
  } catch {
    last = null;
  }
  return workspaces.find((workspace) => workspace.id === last) ?? workspaces[0];
}
