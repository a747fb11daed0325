// Admin form to rename the workspace, set its time zone and whether posts need approval.
import { Button, Group, Paper, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { WorkspaceDetails } from '../../api/types';
import { ErrorAlert, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { useFormatDate } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { sessionQueryKey } from '../auth/session';
import { TimezoneSelect } from './timezone-select';
import { workspaceDetailsKey, useWorkspaceDetails } from './use-workspace-details';
import { useWorkspace } from './workspace-context';
import { SmtpStatusPanel } from '../mail/smtp-status';

export function WorkspaceSettingsPage() {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const details = useWorkspaceDetails(workspace.id);

  return (
    <Stack maw={560}>
      <Title order={2}>{t('workspace.settingsTitle')}</Title>
      {details.isPending && <PageLoader />}
      {details.isError && <ErrorAlert error={details.error} onRetry={() => void details.refetch()} />}
      {/* Keyed by id so switching workspace resets the form to the new one's values. */}
      {details.data && <SettingsForm key={details.data.id} details={details.data} />}
      <SmtpStatusPanel usage={t('smtp.settingsUsage')} testButton={permissions.manageInvitations} />
    </Stack>
  );
}

function SettingsForm({ details }: { details: WorkspaceDetails }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const [name, setName] = useState(details.name);
  const [timezone, setTimezone] = useState(details.timezone);
  const [approvalRequired, setApprovalRequired] = useState(details.approvalRequired);
  const [nameMissing, setNameMissing] = useState(false);

  const save = useMutation({
    mutationFn: () =>
      api.patch<WorkspaceDetails>(`/api/workspaces/${details.id}`, { name: name.trim(), timezone, approvalRequired }),
    onSuccess: async () => {
      notifySuccess(t('common.saved'));
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: sessionQueryKey }),
        queryClient.invalidateQueries({ queryKey: workspaceDetailsKey(details.id) }),
      ]);
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = name.trim() === '';
    setNameMissing(missing);
    if (!missing) save.mutate();
  };

  const fieldErrors = readFieldErrors(save.error);
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} noValidate data-testid="workspace-settings-form">
        <Stack>
          {save.error && <ErrorAlert error={save.error} />}
          <TextInput
            label={t('workspace.name')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={nameMissing ? t('validation.required') : fieldErrors.name}
            data-testid="write-workspace-name"
          />
          <TimezoneSelect
            label={t('workspace.timezone')}
            value={timezone}
            onChange={setTimezone}
            error={fieldErrors.timezone}
            testId="write-workspace-timezone"
          />
          <Switch
            label={t('workspace.approvalRequired')}
            description={t('workspace.approvalRequiredHint')}
            checked={approvalRequired}
            onChange={(event) => setApprovalRequired(event.currentTarget.checked)}
            data-testid="write-workspace-approval"
          />
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              {t('workspace.createdOn', { date: formatDate(details.createdAt) })}
            </Text>
            <Button type="submit" loading={save.isPending} data-testid="write-workspace-save">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
