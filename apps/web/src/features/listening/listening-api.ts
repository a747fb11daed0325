// Paths, cache keys and shared queries of the listening pages, so every page reads topics and sources the
// same way and a change made on one page refreshes the others.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { SourceList, TopicList } from '../../api/types';
import { hasRoleAtLeast } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';

export function listeningPath(workspaceId: string, path: string): string {
  return `/api/workspaces/${workspaceId}/listening/${path}`;
}

export const listeningKeys = {
  all: (workspaceId: string) => ['workspaces', workspaceId, 'listening'] as const,
  topics: (workspaceId: string) => ['workspaces', workspaceId, 'listening', 'topics'] as const,
  sources: (workspaceId: string) => ['workspaces', workspaceId, 'listening', 'sources'] as const,
  mentions: (workspaceId: string, filters: string) =>
    ['workspaces', workspaceId, 'listening', 'mentions', filters] as const,
  dashboard: (workspaceId: string, part: string, filters: string) =>
    ['workspaces', workspaceId, 'listening', 'dashboard', part, filters] as const,
};

export function useTopics() {
  const { workspace } = useWorkspace();
  return useQuery({
    queryKey: listeningKeys.topics(workspace.id),
    queryFn: () => api.get<TopicList>(listeningPath(workspace.id, 'topics')),
  });
}

export function useSources(options: { follow?: boolean } = {}) {
  const { workspace } = useWorkspace();
  return useQuery({
    queryKey: listeningKeys.sources(workspace.id),
    queryFn: () => api.get<SourceList>(listeningPath(workspace.id, 'sources')),
    // After "poll now", follow the source until a worker has polled it.
    refetchInterval: options.follow ? 2_000 : false,
  });
}

/** What the server lets this role do on the listening pages (viewers read, contributors act, managers edit). */
export function useListeningRights() {
  const { workspace } = useWorkspace();
  return {
    actOnMentions: hasRoleAtLeast(workspace.role, 'contributor'),
    manage: hasRoleAtLeast(workspace.role, 'manager'),
  };
}
