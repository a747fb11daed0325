// Admin page for API keys. The secret is only returned on creation, so it is
// shown once in a modal and dropped from memory when it closes.
import { Badge, Button, Code, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ApiKey, Page } from '../../api/types';
import { useConfirmAction } from '../../ui/confirm-action';
import { ErrorAlert, notifyError, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { ListTable } from '../../ui/list-table';
import { SecretOnceModal } from '../../ui/secret-once-modal';
import { useFormatDate, useFormatDateTime } from '../../ui/format';
import { useRoleOptions } from '../workspaces/role-options';
import { isRole, type Role } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';

interface CreatedApiKey {
  apiKey: ApiKey;
  secret: string;
}

export function ApiKeysPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const formatDateTime = useFormatDateTime();
  const roleOptions = useRoleOptions();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('contributor');
  const [nameMissing, setNameMissing] = useState(false);
  const [secret, setSecret] = useState<CreatedApiKey | null>(null);
  const keysKey = ['workspaces', workspace.id, 'api-keys'];

  const keys = useQuery({
    queryKey: keysKey,
    queryFn: () => api.get<Page<ApiKey>>(`/api/workspaces/${workspace.id}/api-keys`),
  });

  const create = useMutation({
    mutationFn: () => api.post<CreatedApiKey>(`/api/workspaces/${workspace.id}/api-keys`, { name: name.trim(), role }),
    onSuccess: (result) => {
      setSecret(result);
      setName('');
      void queryClient.invalidateQueries({ queryKey: keysKey });
    },
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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = name.trim() === '';
    setNameMissing(missing);
    if (!missing) create.mutate();
  };

  const closeSecret = () => {
    setSecret(null);
    // The mutation result holds the secret too; drop it so it only lives as long as the modal.
    create.reset();
  };

  const fieldErrors = readFieldErrors(create.error);
  return (
    <Stack>
      <div>
        <Title order={2}>{t('apiKeys.title')}</Title>
        <Text c="dimmed" size="sm" mt={4}>
          {t('apiKeys.intro')}
        </Text>
      </div>

      <Paper withBorder p="md" radius="md">
        <form onSubmit={submit} noValidate data-testid="api-key-form">
          <Stack>
            <Title order={4}>{t('apiKeys.createTitle')}</Title>
            {create.error && <ErrorAlert error={create.error} />}
            <Group align="flex-start" grow preventGrowOverflow={false}>
              <TextInput
                label={t('apiKeys.name')}
                placeholder={t('apiKeys.namePlaceholder')}
                value={name}
                onChange={(event) => setName(event.currentTarget.value)}
                error={nameMissing ? t('validation.required') : fieldErrors.name}
                data-testid="write-api-key-name"
              />
              <Select
                label={t('apiKeys.role')}
                data={roleOptions}
                value={role}
                onChange={(value) => isRole(value) && setRole(value)}
                allowDeselect={false}
                error={fieldErrors.role}
                data-testid="write-api-key-role"
              />
            </Group>
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending} data-testid="write-api-key-submit">
                {t('apiKeys.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

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

      <SecretOnceModal
        secret={secret?.secret ?? null}
        onClose={closeSecret}
        title={t('apiKeys.secretTitle')}
        warning={t('apiKeys.secretWarning')}
        label={t('apiKeys.secretLabel')}
        done={t('apiKeys.secretDone')}
        subject={
          secret && (
            <Text size="sm" fw={500}>
              {secret.apiKey.name} · {t(`roles.${secret.apiKey.role}`)}
            </Text>
          )
        }
        testId="api-key-secret"
      />

      {revocation.modal}
    </Stack>
  );
}
