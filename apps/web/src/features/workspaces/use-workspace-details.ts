// The open workspace's full record (approval setting, creation date), beyond what the session carries.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { WorkspaceDetails } from '../../api/types';

export function workspaceDetailsKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'details'] as const;
}

export function useWorkspaceDetails(workspaceId: string) {
  return useQuery({
    queryKey: workspaceDetailsKey(workspaceId),
    queryFn: () => api.get<WorkspaceDetails>(`/api/workspaces/${workspaceId}`),
  });
}
