// The workspace's editorial charter as the server keeps it (GET/PUT …/charter): read by the composer to check drafts
// live with @rostra/core's checkCharter, written by the charter page as a new version; and its versions' history.
import type { Charter } from '@rostra/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface StoredCharterResponse {
  charter: Charter;
  /** 0 while the workspace has written none. */
  version: number;
  updatedBy: string | null;
  updatedAt: string | null;
}

export function charterKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'charter'] as const;
}

export function useCharter(workspaceId: string) {
  return useQuery({
    queryKey: charterKey(workspaceId),
    queryFn: () => api.get<StoredCharterResponse>(`/api/workspaces/${workspaceId}/charter`),
    staleTime: 60_000,
  });
}

export function useSaveCharter(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { charter: Charter; version: number }) =>
      api.put<StoredCharterResponse>(`/api/workspaces/${workspaceId}/charter`, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(charterKey(workspaceId), saved);
      void queryClient.invalidateQueries({ queryKey: charterVersionsKey(workspaceId) });
    },
  });
}

export interface CharterVersion {
  version: number;
  /** Who saved it; null when saved from the command line or by a setup script. */
  updatedBy: string | null;
  updatedAt: string;
}

export function charterVersionsKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'charter-versions'] as const;
}

/** Who changed the charter and when, newest first (GET …/charter/versions). */
export function useCharterVersions(workspaceId: string) {
  return useQuery({
    queryKey: charterVersionsKey(workspaceId),
    queryFn: () => api.get<{ items: CharterVersion[] }>(`/api/workspaces/${workspaceId}/charter/versions`),
  });
}
