// The inbox's team settings from the API: service levels, saved replies (and their preview), moderation rules (and a
// trial on the last 30 days), the service-level figures. Each write refreshes what it changed.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type {
  InboxRule,
  InboxServiceLevels,
  InboxStats,
  RuleTrial,
  SavedReply,
  SavedReplyPreview,
  ServiceLevelsValues,
} from '../../api/types';
import { useWorkspace } from '../workspaces/workspace-context';

export type RuleInput = Pick<InboxRule, 'name' | 'enabled' | 'match' | 'conditions' | 'actions' | 'stop'>;
export type SavedReplyInput = Pick<SavedReply, 'name' | 'text' | 'link'>;

const key = (workspaceId: string, part: string) => ['workspaces', workspaceId, 'inbox-automation', part] as const;

function useBase() {
  const { workspace } = useWorkspace();
  return { workspaceId: workspace.id, base: `/api/workspaces/${workspace.id}/inbox` };
}

export function useServiceLevels() {
  const { workspaceId, base } = useBase();
  return useQuery({
    queryKey: key(workspaceId, 'service-levels'),
    queryFn: () => api.get<InboxServiceLevels>(`${base}/service-levels`),
  });
}

export function useSaveServiceLevels() {
  const { workspaceId, base } = useBase();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (levels: ServiceLevelsValues) => api.put<InboxServiceLevels>(`${base}/service-levels`, levels),
    onSuccess: (saved) => client.setQueryData(key(workspaceId, 'service-levels'), saved),
  });
}

export function useSavedReplies() {
  const { workspaceId, base } = useBase();
  return useQuery({
    queryKey: key(workspaceId, 'saved-replies'),
    queryFn: () => api.get<SavedReply[]>(`${base}/saved-replies`),
  });
}

export function useSaveSavedReply() {
  const { workspaceId, base } = useBase();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: SavedReplyInput }) =>
      id
        ? api.put<SavedReply>(`${base}/saved-replies/${id}`, input)
        : api.post<SavedReply>(`${base}/saved-replies`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: key(workspaceId, 'saved-replies') }),
  });
}

export function useDeleteSavedReply() {
  const { workspaceId, base } = useBase();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (reply: SavedReply) => api.delete(`${base}/saved-replies/${reply.id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: key(workspaceId, 'saved-replies') }),
  });
}

export function usePreviewSavedReply() {
  const { base } = useBase();
  return useMutation({
    mutationFn: (body: {
      text: string;
      link: string | null;
      network: string;
      author: { name: string | null; handle: string | null };
    }) => api.post<SavedReplyPreview>(`${base}/saved-replies/preview`, body),
  });
}

export function useRules() {
  const { workspaceId, base } = useBase();
  return useQuery({ queryKey: key(workspaceId, 'rules'), queryFn: () => api.get<InboxRule[]>(`${base}/rules`) });
}

export function useSaveRule(locale: string) {
  const { workspaceId, base } = useBase();
  const client = useQueryClient();
  const lang = locale.startsWith('en') ? 'en' : 'fr';
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: RuleInput }) =>
      id
        ? api.put<InboxRule>(`${base}/rules/${id}?locale=${lang}`, input)
        : api.post<InboxRule>(`${base}/rules?locale=${lang}`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: key(workspaceId, 'rules') }),
  });
}

export function useMoveRule() {
  const { workspaceId, base } = useBase();
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, position }: { id: string; position: number }) =>
      api.post<InboxRule[]>(`${base}/rules/${id}/move`, { position }),
    onSuccess: (rules) => client.setQueryData(key(workspaceId, 'rules'), rules),
  });
}

export function useDeleteRule() {
  const { workspaceId, base } = useBase();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (rule: InboxRule) => api.delete(`${base}/rules/${rule.id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: key(workspaceId, 'rules') }),
  });
}

export function useTryRule(locale: string) {
  const { base } = useBase();
  const lang = locale.startsWith('en') ? 'en' : 'fr';
  return useMutation({
    mutationFn: (input: RuleInput) => api.post<RuleTrial>(`${base}/rules/try?locale=${lang}`, input),
  });
}

export function useInboxStats(days: number) {
  const { workspaceId, base } = useBase();
  return useQuery({
    queryKey: key(workspaceId, `stats-${days}`),
    queryFn: () => {
      const to = new Date();
      const from = new Date(to.getTime() - days * 24 * 3_600_000);
      const query = new URLSearchParams({ from: from.toISOString(), to: to.toISOString() });
      return api.get<InboxStats>(`${base}/stats?${query}`);
    },
  });
}
