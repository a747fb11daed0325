// The home page's one read, refreshed while the page stays open (a delivery fails, an alert fires).
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Home } from '../../api/types';

export function homeKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'home'] as const;
}

export function useHome(workspaceId: string) {
  return useQuery({
    queryKey: homeKey(workspaceId),
    queryFn: () => api.get<Home>(`/api/workspaces/${workspaceId}/home`),
    refetchInterval: 60_000,
  });
}
