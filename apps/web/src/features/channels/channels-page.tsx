// Connected accounts with their health: status, last error, credential expiry, and the buttons to
// connect, reconnect (managers) or disconnect (admins).
import { describeConnectorError } from '../../ui/server-text';
import { Alert, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconPlugConnected } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Channel } from '../../api/types';
import { ConfirmModal } from '../../ui/confirm-modal';
import { ErrorAlert, notifyError, notifySuccess } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { useWorkspace } from '../workspaces/workspace-context';
import { NetworkIcon } from './channel-label';
import { ChannelStatusBadge } from './channel-status-badge';
import { ChooseAccountsModal } from './choose-accounts-modal';
import { ConnectChannelModal } from './connect-channel-modal';
import { describeNetwork } from './networks';
import { channelsKey, useChannels } from './use-channels';

/**
 * Back from a network's OAuth screen: announce the new channel once, then clean the address; after a login that gave
 * several accounts, the `choose` token lets the person pick which to connect.
 */
function useOAuthReturn(channels: Channel[] | undefined) {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const connectedId = searchParams.get('connected');
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!connectedId || !channels) return;
    if (announced.current !== connectedId) {
      announced.current = connectedId;
      const channel = channels.find((candidate) => candidate.id === connectedId);
      notifications.show({
        id: `oauth-connected-${connectedId}`,
        color: 'teal',
        message: channel ? t('channels.connected', { name: channel.name }) : t('channels.oauthConnected'),
      });
    }
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('connected');
        return next;
      },
      { replace: true },
    );
  }, [connectedId, channels, setSearchParams, t]);

  const closeChoice = () =>
    setSearchParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.delete('choose');
        return next;
      },
      { replace: true },
    );
  return { chooseToken: searchParams.get('choose'), closeChoice };
}

export function ChannelsPage() {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const queryClient = useQueryClient();
  const channels = useChannels(workspace.id);
  // undefined: closed; null: connecting a new account; a channel: reconnecting it.
  const [connecting, setConnecting] = useState<Channel | null | undefined>(undefined);
  const [disconnecting, setDisconnecting] = useState<Channel | null>(null);
  const { chooseToken, closeChoice } = useOAuthReturn(channels.data?.items);

  const disconnect = useMutation({
    mutationFn: (channel: Channel) => api.delete(`/api/workspaces/${workspace.id}/channels/${channel.id}`),
    onSuccess: () => {
      notifySuccess(t('channels.disconnected'));
      setDisconnecting(null);
    },
    onError: (error) => notifyError(error, t),
    onSettled: () => queryClient.invalidateQueries({ queryKey: channelsKey(workspace.id) }),
  });

  const networks = channels.data?.networks ?? [];
  const broken = (channels.data?.items ?? []).some((channel) => channel.status === 'needs_reconnect');

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('channels.title')}</Title>
          <Text c="dimmed" size="sm" mt={4} maw={720}>
            {t('channels.intro')}
          </Text>
        </div>
        {permissions.connectChannels && networks.length > 0 && (
          <Button
            leftSection={<IconPlugConnected size={18} />}
            onClick={() => setConnecting(null)}
            data-testid="write-channel-connect"
          >
            {t('channels.connect')}
          </Button>
        )}
      </Group>
      {channels.isPending && <PageLoader />}
      {channels.isError && <ErrorAlert error={channels.error} onRetry={() => void channels.refetch()} />}
      {broken && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} data-testid="channels-reconnect-alert">
          {t('channels.needsReconnectAlert')}
        </Alert>
      )}
      {channels.data && permissions.connectChannels && networks.length === 0 && (
        <Text size="sm" c="dimmed" data-testid="channels-no-networks">
          {t('channels.noNetworks')}
        </Text>
      )}
      {channels.data && (
        <ChannelsTable channels={channels.data.items} onReconnect={setConnecting} onDisconnect={setDisconnecting} />
      )}
      {permissions.connectChannels && (
        <ConnectChannelModal
          workspaceId={workspace.id}
          networks={networks}
          channel={connecting ?? null}
          opened={connecting !== undefined}
          onClose={() => setConnecting(undefined)}
        />
      )}
      <ChooseAccountsModal workspaceId={workspace.id} token={chooseToken} onClose={closeChoice} />
      <ConfirmModal
        opened={disconnecting !== null}
        title={t('channels.disconnectTitle')}
        message={t('channels.disconnectConfirm', { name: disconnecting?.name ?? '' })}
        confirmLabel={t('channels.disconnect')}
        loading={disconnect.isPending}
        onConfirm={() => disconnecting && disconnect.mutate(disconnecting)}
        onClose={() => setDisconnecting(null)}
      />
    </Stack>
  );
}

interface ChannelActions {
  onReconnect: (channel: Channel) => void;
  onDisconnect: (channel: Channel) => void;
}

function ChannelsTable({ channels, onReconnect, onDisconnect }: ChannelActions & { channels: Channel[] }) {
  const { t } = useTranslation();
  const { permissions } = useWorkspace();
  const showActions = permissions.connectChannels || permissions.disconnectChannels;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped verticalSpacing="sm" data-testid="channels-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('channels.network')}</Table.Th>
            <Table.Th>{t('channels.account')}</Table.Th>
            <Table.Th>{t('channels.status')}</Table.Th>
            <Table.Th>{t('channels.lastError')}</Table.Th>
            {showActions && <Table.Th aria-label={t('common.actions')} />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {channels.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>
                <Text c="dimmed" size="sm">
                  {t('channels.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {channels.map((channel) => (
            <ChannelRow
              key={channel.id}
              channel={channel}
              showActions={showActions}
              onReconnect={onReconnect}
              onDisconnect={onDisconnect}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ChannelRow({
  channel,
  showActions,
  onReconnect,
  onDisconnect,
}: ChannelActions & { channel: Channel; showActions: boolean }) {
  const { t } = useTranslation();
  const { permissions } = useWorkspace();
  const formatDateTime = useFormatDateTime();
  return (
    <Table.Tr data-testid="channel-row" data-status={channel.status}>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <NetworkIcon network={channel.network} size={18} />
          <Text size="sm">{describeNetwork(channel.network).label}</Text>
        </Group>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {channel.name}
        </Text>
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {channel.accountId}
        </Text>
      </Table.Td>
      <Table.Td>
        <ChannelStatusBadge status={channel.status} />
        {channel.credentialsExpiresAt && (
          <Text size="xs" c="dimmed" mt={4}>
            {t('channels.expires', { date: formatDateTime(channel.credentialsExpiresAt) })}
          </Text>
        )}
      </Table.Td>
      <Table.Td maw={320}>
        {/* The network's own words stay on hover; people read what it means for the channel. */}
        <Text size="sm" c={channel.lastError ? 'red' : 'dimmed'} title={channel.lastError ?? undefined}>
          {channel.lastError
            ? describeConnectorError(channel.status === 'needs_reconnect' ? 'auth_expired' : null, t)
            : '—'}
        </Text>
      </Table.Td>
      {showActions && (
        <Table.Td>
          <Group gap="xs" wrap="nowrap" justify="flex-end">
            {permissions.connectChannels && (
              <Button
                size="xs"
                variant={channel.status === 'needs_reconnect' ? 'filled' : 'light'}
                color={channel.status === 'needs_reconnect' ? 'red' : undefined}
                onClick={() => onReconnect(channel)}
                data-testid={`write-channel-reconnect-${channel.id}`}
              >
                {t('channels.reconnect')}
              </Button>
            )}
            {permissions.disconnectChannels && channel.status !== 'disabled' && (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => onDisconnect(channel)}
                data-testid={`write-channel-disconnect-${channel.id}`}
              >
                {t('channels.disconnect')}
              </Button>
            )}
          </Group>
        </Table.Td>
      )}
    </Table.Tr>
  );
}
