// Dialog shown when one OAuth login gave several accounts (the LinkedIn member and the pages they run,
// each Facebook Page the person manages): the person picks which become channels. The server keeps the
// accounts sealed under the `?choose=` token, for this person only, once, for a few minutes.
import { Badge, Button, Checkbox, Group, Modal, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Channel, OAuthChoices } from '../../api/types';
import { ErrorAlert, notifySuccess } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { NetworkIcon } from './channel-label';
import { describeNetwork } from './networks';
import { channelsKey } from './use-channels';

interface ChooseAccountsModalProps {
  workspaceId: string;
  /** The `?choose=` token; null when closed. */
  token: string | null;
  onClose: () => void;
}

export function ChooseAccountsModal({ workspaceId, token, onClose }: ChooseAccountsModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={token !== null} onClose={onClose} title={t('channels.choose.title')} size="lg">
      {token && <ChooseAccountsForm workspaceId={workspaceId} token={token} onClose={onClose} />}
    </Modal>
  );
}

function ChooseAccountsForm({
  workspaceId,
  token,
  onClose,
}: {
  workspaceId: string;
  token: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState<string[]>([]);
  const path = `/api/workspaces/${workspaceId}/channels/oauth/choices/${encodeURIComponent(token)}`;
  const choices = useQuery({
    queryKey: ['workspaces', workspaceId, 'oauth-choices', token],
    queryFn: () => api.get<OAuthChoices>(path),
    // Single use: once chosen it is gone, so never refetch behind the person's back.
    staleTime: Infinity,
    retry: false,
  });
  const choose = useMutation({
    mutationFn: (accountIds: string[]) => api.post<{ items: Channel[] }>(path, { accountIds }),
    onSuccess: async (result) => {
      notifySuccess(t('channels.choose.connected', { count: result.items.length }));
      await queryClient.invalidateQueries({ queryKey: channelsKey(workspaceId) });
      onClose();
    },
  });

  if (choices.isPending) return <PageLoader />;
  if (choices.isError) {
    return (
      <Stack>
        <ErrorAlert error={choices.error} />
        <Text size="sm" c="dimmed">
          {t('channels.choose.expired')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }
  const { network, accounts } = choices.data;
  const label = describeNetwork(network).label;

  return (
    <Stack data-testid="choose-accounts">
      <Group gap="xs" wrap="nowrap">
        <NetworkIcon network={network} size={20} />
        <Text size="sm">{t('channels.choose.intro', { network: label })}</Text>
      </Group>
      {choose.error && <ErrorAlert error={choose.error} />}
      <Checkbox.Group value={selected} onChange={setSelected}>
        <Stack gap="sm">
          {accounts.map((account) => (
            <Checkbox
              key={account.accountId}
              value={account.accountId}
              data-testid="choose-account"
              label={
                <Group gap="xs">
                  {/* Names come from the network: plain text, never HTML. */}
                  <Text size="sm" fw={500}>
                    {account.name}
                  </Text>
                  {account.connected && (
                    <Badge size="xs" variant="light">
                      {t('channels.choose.alreadyConnected')}
                    </Badge>
                  )}
                </Group>
              }
              description={account.accountId}
            />
          ))}
        </Stack>
      </Checkbox.Group>
      <Text size="xs" c="dimmed">
        {t('channels.choose.reconnectHint')}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('common.cancel')}
        </Button>
        <Button
          onClick={() => choose.mutate(selected)}
          disabled={selected.length === 0}
          loading={choose.isPending}
          data-testid="write-choose-accounts"
        >
          {t('channels.choose.submit', { count: selected.length })}
        </Button>
      </Group>
    </Stack>
  );
}
