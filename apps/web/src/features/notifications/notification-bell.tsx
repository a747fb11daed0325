// The bell in the header: unread count, and a drawer listing the person's notifications across their
// workspaces. A click opens what it is about and marks it read.
import { ActionIcon, Button, Drawer, Group, Indicator, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell, IconChecks } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import type { WorkspaceSummary } from '../../api/types';
import { ErrorAlert, notifyError } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { describeNotification, notificationDetail, safeLink, type AppNotification } from './notification-text';
import { useMarkAllRead, useMarkRead, useNotifications } from './use-notifications';

export function NotificationBell({ workspaces }: { workspaces: WorkspaceSummary[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, drawer] = useDisclosure(false);
  const query = useNotifications();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const formatDateTime = useFormatDateTime();
  const unread = query.data?.unread ?? 0;
  const names = new Map(workspaces.map((w) => [w.id, w.name]));

  const open = async (notification: AppNotification) => {
    if (notification.readAt === null) {
      try {
        await markRead.mutateAsync(notification.id);
      } catch (error) {
        notifyError(error, t);
      }
    }
    const link = safeLink(notification.link);
    drawer.close();
    if (link) void navigate(link);
  };

  return (
    <>
      <Indicator
        label={unread > 99 ? '99+' : unread}
        size={16}
        color="red"
        disabled={unread === 0}
        offset={4}
        data-testid="notification-count"
        data-count={unread}
      >
        <ActionIcon
          variant="subtle"
          size="lg"
          onClick={drawer.open}
          aria-label={t('notifications.open', { count: unread })}
          data-testid="notification-bell"
        >
          <IconBell size={20} />
        </ActionIcon>
      </Indicator>
      <Drawer opened={opened} onClose={drawer.close} position="right" title={t('notifications.title')}>
        <Stack gap="xs" data-testid="notification-list">
          <Group justify="flex-end">
            <Button
              size="compact-sm"
              variant="subtle"
              leftSection={<IconChecks size={14} />}
              disabled={unread === 0}
              loading={markAll.isPending}
              onClick={() => markAll.mutate(undefined, { onError: (error) => notifyError(error, t) })}
              data-testid="notification-read-all"
            >
              {t('notifications.markAllRead')}
            </Button>
          </Group>
          {query.error && <ErrorAlert error={query.error} onRetry={() => void query.refetch()} />}
          {query.data?.items.length === 0 && (
            <Text c="dimmed" size="sm" data-testid="notification-empty">
              {t('notifications.empty')}
            </Text>
          )}
          {query.data?.items.map((notification) => {
            const detail = notificationDetail(notification);
            const workspaceName = workspaces.length > 1 ? names.get(notification.workspaceId) : undefined;
            return (
              <UnstyledButton
                key={notification.id}
                onClick={() => void open(notification)}
                p="xs"
                style={{
                  borderRadius: 'var(--mantine-radius-sm)',
                  background: notification.readAt === null ? 'var(--mantine-color-blue-light)' : undefined,
                }}
                data-testid="notification-item"
                data-kind={notification.kind}
                data-read={notification.readAt !== null}
              >
                <Text size="sm" fw={notification.readAt === null ? 600 : 400}>
                  {describeNotification(notification, t)}
                </Text>
                {detail && (
                  <Text size="xs" c="dimmed" lineClamp={2}>
                    {detail}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {formatDateTime(notification.createdAt)}
                  {workspaceName ? ` · ${workspaceName}` : ''}
                </Text>
              </UnstyledButton>
            );
          })}
        </Stack>
      </Drawer>
    </>
  );
}
