// Owner-only dialog creating another workspace (POST /api/workspaces).
import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { WorkspaceSummary } from '../../api/types';
import { ErrorAlert, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { sessionQueryKey } from '../auth/session';
import { TimezoneSelect, browserTimeZone } from './timezone-select';

interface NewWorkspaceModalProps {
  opened: boolean;
  onClose: () => void;
}

export function NewWorkspaceModal({ opened, onClose }: NewWorkspaceModalProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [timezone, setTimezone] = useState(browserTimeZone);
  const [nameMissing, setNameMissing] = useState(false);

  const create = useMutation({
    mutationFn: () => api.post<WorkspaceSummary>('/api/workspaces', { name: name.trim(), timezone }),
    onSuccess: async (workspace) => {
      await queryClient.invalidateQueries({ queryKey: sessionQueryKey });
      notifySuccess(t('workspace.created', { name: workspace.name }));
      close();
      void navigate(`/w/${workspace.id}/today`);
    },
  });

  const close = () => {
    setName('');
    setNameMissing(false);
    create.reset();
    onClose();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = name.trim() === '';
    setNameMissing(missing);
    if (!missing) create.mutate();
  };

  const fieldErrors = readFieldErrors(create.error);
  return (
    <Modal opened={opened} onClose={close} title={t('workspace.createTitle')} centered>
      <form onSubmit={submit} noValidate>
        <Stack>
          {create.error && <ErrorAlert error={create.error} />}
          <TextInput
            label={t('workspace.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={nameMissing ? t('validation.required') : fieldErrors.name}
            data-testid="write-new-workspace-name"
            data-autofocus
          />
          <TimezoneSelect
            label={t('workspace.timezone')}
            value={timezone}
            onChange={setTimezone}
            error={fieldErrors.timezone}
            testId="write-new-workspace-timezone"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} data-testid="write-new-workspace-submit">
              {t('workspace.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
