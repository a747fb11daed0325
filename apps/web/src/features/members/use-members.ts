// Members of a workspace, for the Members page and the owner pickers of the composer.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Member, Page } from '../../api/types';

export function membersKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'members'] as const;
}

export function useMembers(workspaceId: string) {
  return useQuery({
    queryKey: membersKey(workspaceId),
    queryFn: () => api.get<Page<Member>>(`/api/workspaces/${workspaceId}/members`),
  });
}
