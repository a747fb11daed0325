// The form that creates an API key (name and role), and the modal that shows its secret once — dropped from
// memory when the modal closes.
import { Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ApiKey } from '../../api/types';
import { ErrorAlert, readFieldErrors } from '../../ui/api-errors';
import { SecretOnceModal, useSecretOnce } from '../../ui/secret-once-modal';
import { useRoleOptions } from '../workspaces/role-options';
import { isRole, type Role } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';

interface CreatedApiKey {
  apiKey: ApiKey;
  secret: string;
}

export function ApiKeyForm({ keysKey }: { keysKey: readonly unknown[] }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const roleOptions = useRoleOptions();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('contributor');
  const [nameMissing, setNameMissing] = useState(false);

  const create = useMutation({
    mutationFn: () => api.post<CreatedApiKey>(`/api/workspaces/${workspace.id}/api-keys`, { name: name.trim(), role }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: keysKey });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = name.trim() === '';
    setNameMissing(missing);
    if (!missing) create.mutate();
  };

  const secret = useSecretOnce(create);

  const fieldErrors = readFieldErrors(create.error);
  return (
    <>
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

      <SecretOnceModal
        secret={secret.created?.secret ?? null}
        onClose={secret.close}
        title={t('apiKeys.secretTitle')}
        warning={t('apiKeys.secretWarning')}
        label={t('apiKeys.secretLabel')}
        done={t('apiKeys.secretDone')}
        subject={
          secret.created && (
            <Text size="sm" fw={500}>
              {secret.created.apiKey.name} · {t(`roles.${secret.created.apiKey.role}`)}
            </Text>
          )
        }
        testId="api-key-secret"
      />
    </>
  );
}
