// The inbox's data: the list for the filters in the address, the counts by status, the open conversation, and
// people's changes to an item (each refreshes the list, the counts and the conversation).
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { InboxConversation, InboxCounts, InboxItem, InboxPage, InboxStatus } from '../../api/types';
import { notifyError } from '../../ui/api-errors';
import { useWorkspace } from '../workspaces/workspace-context';

export const INBOX_STATUSES: readonly InboxStatus[] = ['new', 'open', 'waiting', 'done'];

/** What the left pane chooses: a status (or every one) and whose items. */
export interface InboxFilterValues {
  status: InboxStatus | null;
  /** 'me', 'none' (nobody's) or null (everyone's). */
  assignee: 'me' | 'none' | null;
}

const inboxKey = (workspaceId: string) => ['workspaces', workspaceId, 'inbox'] as const;

export function useInboxItems(filters: InboxFilterValues, userId: string) {
  const { workspace } = useWorkspace();
  const query = new URLSearchParams({ limit: '100' });
  if (filters.status) query.set('status', filters.status);
  if (filters.assignee) query.set('assignee', filters.assignee === 'me' ? userId : 'none');
  return useQuery({
    queryKey: [...inboxKey(workspace.id), 'items', query.toString()],
    queryFn: () => api.get<InboxPage>(`/api/workspaces/${workspace.id}/inbox/items?${query}`),
    placeholderData: keepPreviousData,
  });
}

export function useInboxCounts() {
  const { workspace } = useWorkspace();
  return useQuery({
    queryKey: [...inboxKey(workspace.id), 'counts'],
    queryFn: () => api.get<InboxCounts>(`/api/workspaces/${workspace.id}/inbox/counts`),
  });
}

export function useConversation(conversationId: string | undefined) {
  const { workspace } = useWorkspace();
  return useQuery({
    queryKey: [...inboxKey(workspace.id), 'conversation', conversationId],
    queryFn: () => api.get<InboxConversation>(`/api/workspaces/${workspace.id}/inbox/conversations/${conversationId}`),
    enabled: conversationId !== undefined,
  });
}

export function useUpdateInboxItem() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: { status?: InboxStatus; assigneeId?: string | null } }) =>
      api.patch<InboxItem>(`/api/workspaces/${workspace.id}/inbox/items/${id}`, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKey(workspace.id) }),
    onError: (error) => notifyError(error, t),
  });
}
