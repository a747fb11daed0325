// The person's notifications: one query (list + unread count) polled every 30 s while the app is open.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { AppNotification, NotificationPage } from './notification-text';

export const NOTIFICATIONS_POLL_MS = 30_000;
const LIMIT = 30;

export const notificationsKey = ['notifications'] as const;

export function useNotifications() {
  return useQuery({
    queryKey: notificationsKey,
    queryFn: () => api.get<NotificationPage>(`/api/notifications?limit=${LIMIT}`),
    refetchInterval: NOTIFICATIONS_POLL_MS,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post<AppNotification>(`/api/notifications/${id}/read`, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}

export function useMarkAllRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ marked: number }>('/api/notifications/read-all', {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: notificationsKey }),
  });
}
