// The ambassadors' API for the pages: the ambassador's own view (policy to acknowledge, posts with share links),
// their Mastodon instance and declared relays; the policy and acknowledgements for admins; a post's relay for the
// composer.
import type { RelayNetwork, RelayTexts } from '@rostra/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';

export interface Policy {
  version: number;
  text: string;
  createdBy: string | null;
  createdAt: string;
}

export interface Relay {
  postId: string;
  link: string;
  texts: RelayTexts;
  markedBy: string | null;
  markedAt: string;
  updatedAt: string;
}

export interface RelaySummary extends Relay {
  postText: string;
  shares: Partial<Record<RelayNetwork, number>>;
}

export interface ShareLink {
  network: RelayNetwork;
  url: string | null;
  text: string;
}

export interface AmbassadorView {
  policy: Policy | null;
  acknowledgedVersion: number | null;
  needsAcknowledgement: boolean;
  mastodonInstance: string | null;
  items: Array<{ relay: RelaySummary; links: ShareLink[]; shared: RelayNetwork[] }>;
}

export interface Acknowledgement {
  userId: string;
  name: string | null;
  email: string | null;
  version: number;
  acknowledgedAt: string;
}

const base = (workspaceId: string) => `/api/workspaces/${workspaceId}`;
export const ambassadorKey = (workspaceId: string) => ['workspaces', workspaceId, 'ambassador'] as const;
const policyKey = (workspaceId: string) => ['workspaces', workspaceId, 'ambassador-policy'] as const;
const relaysKey = (workspaceId: string) => ['workspaces', workspaceId, 'relays'] as const;
const relayKey = (workspaceId: string, postId: string) => ['workspaces', workspaceId, 'relays', postId] as const;

export function useAmbassadorView(workspaceId: string) {
  return useQuery({
    queryKey: ambassadorKey(workspaceId),
    queryFn: () => api.get<AmbassadorView>(`${base(workspaceId)}/ambassador`),
  });
}

export function useAcknowledgePolicy(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => api.post<void>(`${base(workspaceId)}/ambassador/policy/acknowledge`, { version }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ambassadorKey(workspaceId) }),
  });
}

export function useSaveMastodonInstance(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (mastodonInstance: string | null) =>
      api.put<{ mastodonInstance: string | null }>(`${base(workspaceId)}/ambassador/profile`, { mastodonInstance }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ambassadorKey(workspaceId) }),
  });
}

/** The ambassador opened a share link: counted once per network, shown as relayed. */
export function useDeclareShare(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ postId, network }: { postId: string; network: RelayNetwork }) =>
      api.post<{ counted: boolean }>(`${base(workspaceId)}/ambassador/relays/${postId}/shares`, { network }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ambassadorKey(workspaceId) }),
  });
}

export function usePolicy(workspaceId: string) {
  return useQuery({
    queryKey: policyKey(workspaceId),
    queryFn: () => api.get<{ policy: Policy | null }>(`${base(workspaceId)}/ambassador/policy`),
  });
}

export function useSavePolicy(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { text: string; version: number }) =>
      api.put<Policy>(`${base(workspaceId)}/ambassador/policy`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: policyKey(workspaceId) }),
  });
}

export function useAcknowledgements(workspaceId: string) {
  return useQuery({
    queryKey: [...policyKey(workspaceId), 'acknowledgements'],
    queryFn: () => api.get<{ items: Acknowledgement[] }>(`${base(workspaceId)}/ambassador/acknowledgements`),
  });
}

export function useRelays(workspaceId: string) {
  return useQuery({
    queryKey: relaysKey(workspaceId),
    queryFn: () => api.get<{ items: RelaySummary[] }>(`${base(workspaceId)}/relays`),
  });
}

/** The post's relay, or null when it is not marked. */
export function useRelay(workspaceId: string, postId: string) {
  return useQuery({
    queryKey: relayKey(workspaceId, postId),
    queryFn: async () => (await api.get<{ relay: Relay | null }>(`${base(workspaceId)}/posts/${postId}/relay`)).relay,
  });
}

export function useSaveRelay(workspaceId: string, postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { link: string; texts: RelayTexts }) =>
      api.put<Relay>(`${base(workspaceId)}/posts/${postId}/relay`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: relaysKey(workspaceId) }),
  });
}

export function useRemoveRelay(workspaceId: string, postId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.delete(`${base(workspaceId)}/posts/${postId}/relay`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: relaysKey(workspaceId) }),
  });
}
