// Admin page for API keys. The secret is only returned on creation, so it is
// shown once in a modal and dropped from memory when it closes.
import { Badge, Button, Code, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ApiKey, Page } from '../../api/types';
import { useConfirmAction } from '../../ui/confirm-action';
import { notifyError, notifySuccess } from '../../ui/api-errors';
import { ListTable } from '../../ui/list-table';
import { useFormatDate, useFormatDateTime } from '../../ui/format';
import { useWorkspace } from '../workspaces/workspace-context';
import { ApiKeyForm } from './api-key-form';

export function ApiKeysPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const formatDateTime = useFormatDateTime();
  const keysKey = ['workspaces', workspace.id, 'api-keys'];

  const keys = useQuery({
    queryKey: keysKey,
    queryFn: () => api.get<Page<ApiKey>>(`/api/workspaces/${workspace.id}/api-keys`),
  });

  const revoke = useMutation({
    mutationFn: (key: ApiKey) => api.delete(`/api/workspaces/${workspace.id}/api-keys/${key.id}`),
    onSuccess: () => {
      notifySuccess(t('apiKeys.revoked'));
    },
    onError: (error) => notifyError(error, t),
    onSettled: () => queryClient.invalidateQueries({ queryKey: keysKey }),
  });

  const revocation = useConfirmAction<ApiKey>({
    title: t('apiKeys.revokeTitle'),
    describe: (target) => t('apiKeys.revokeConfirm', { name: target.name }),
    confirmLabel: t('apiKeys.revoke'),
    mutation: revoke,
  });

  return (
    <Stack>
      <div>
        <Title order={2}>{t('apiKeys.title')}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('apiKeys.intro')}
        </Text>
      </div>

      <ApiKeyForm keysKey={keysKey} />

      <Title order={4}>{t('apiKeys.listTitle')}</Title>
      <ListTable
        query={keys}
        columns={[
          t('apiKeys.name'),
          t('apiKeys.prefix'),
          t('apiKeys.role'),
          t('apiKeys.created'),
          t('apiKeys.lastUsed'),
          t('apiKeys.status'),
        ]}
        actions
        empty={t('apiKeys.empty')}
        minWidth={760}
        testId="api-keys-table"
      >
        {(key) => (
          <Table.Tr key={key.id} data-testid="api-key-row">
            <Table.Td>
              <Text size="sm">{key.name}</Text>
              {key.createdBy && (
                <Text size="xs" c="dimmed">
                  {key.createdBy.name}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Code>{key.prefix}…</Code>
            </Table.Td>
            <Table.Td>{t(`roles.${key.role}`)}</Table.Td>
            <Table.Td title={formatDateTime(key.createdAt)}>{formatDate(key.createdAt)}</Table.Td>
            <Table.Td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : t('common.never')}</Table.Td>
            <Table.Td>
              {key.revokedAt ? (
                <Badge color="gray" variant="light">
                  {t('apiKeys.revokedOn', { date: formatDate(key.revokedAt) })}
                </Badge>
              ) : (
                <Badge color="teal" variant="light">
                  {t('apiKeys.active')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              {!key.revokedAt && (
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => revocation.ask(key)}
                  data-testid={`write-api-key-revoke-${key.id}`}
                >
                  {t('apiKeys.revoke')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        )}
      </ListTable>

      {revocation.modal}
    </Stack>
  );
}
