// Themes and content types of the workspace: the vocabulary posts are tagged with.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { ContentType, Page, Theme } from '../../api/types';

export function themesKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'themes'] as const;
}

export function contentTypesKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'content-types'] as const;
}

export function useThemes(workspaceId: string) {
  return useQuery({
    queryKey: themesKey(workspaceId),
    queryFn: () => api.get<Page<Theme>>(`/api/workspaces/${workspaceId}/themes`),
    staleTime: 60_000,
  });
}

export function useContentTypes(workspaceId: string) {
  return useQuery({
    queryKey: contentTypesKey(workspaceId),
    queryFn: () => api.get<Page<ContentType>>(`/api/workspaces/${workspaceId}/content-types`),
    staleTime: 60_000,
  });
}
