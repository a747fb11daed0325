// Paramètres → « Ambassadeurs » (admins): the employees' social media policy, written as versions (each one asks
// every ambassador to acknowledge it again), who acknowledged which version and when, and the posts suggested to
// ambassadors with the relays they declared.
import { Button, Group, Paper, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { RELAY_NETWORKS } from '@rostra/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { describeNetwork } from '../channels/networks';
import { useWorkspace } from '../workspaces/workspace-context';
import { useAcknowledgements, usePolicy, useRelays, useSavePolicy, type Policy } from './use-ambassador';

export function AmbassadorSettingsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const policy = usePolicy(workspace.id);
  return (
    <Stack maw={960}>
      <Text c="dimmed" size="sm">
        {t('ambassadorSettings.intro')}
      </Text>
      {policy.isPending ? (
        <PageLoader />
      ) : policy.isError ? (
        <ErrorAlert error={policy.error} onRetry={() => void policy.refetch()} />
      ) : (
        // Keyed by version: a version published (here or elsewhere) starts from its text.
        <PolicyForm key={policy.data.policy?.version ?? 0} policy={policy.data.policy} />
      )}
      <AcknowledgementsTable />
      <RelaysTable />
    </Stack>
  );
}

function PolicyForm({ policy }: { policy: Policy | null }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const formatDateTime = useFormatDateTime(workspace.timezone);
  const save = useSavePolicy(workspace.id);
  const [text, setText] = useState(policy?.text ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      { text, version: policy?.version ?? 0 },
      { onSuccess: (saved) => notifySuccess(t('ambassadorSettings.published', { version: saved.version })) },
    );
  };
  const fieldErrors = readFieldErrors(save.error);
  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} noValidate data-testid="policy-form">
      <Stack>
        <Text size="sm" c="dimmed" data-testid="policy-current">
          {policy
            ? t('ambassadorSettings.currentVersion', {
                version: policy.version,
                date: formatDateTime(policy.createdAt),
              })
            : t('ambassadorSettings.noPolicy')}
        </Text>
        <Textarea
          label={t('ambassadorSettings.policyLabel')}
          description={t('ambassadorSettings.policyDescription')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          autosize
          minRows={6}
          maxRows={20}
          error={fieldErrors.text}
          data-testid="policy-editor"
        />
        {save.error && !fieldErrors.text && <ErrorAlert error={save.error} />}
        <Group>
          <Button type="submit" loading={save.isPending} disabled={text.trim() === ''} data-testid="policy-publish">
            {t('ambassadorSettings.publish')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function AcknowledgementsTable() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const formatDateTime = useFormatDateTime(workspace.timezone);
  const acknowledgements = useAcknowledgements(workspace.id);
  if (acknowledgements.isError) return <ErrorAlert error={acknowledgements.error} />;
  const items = acknowledgements.data?.items ?? [];
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('ambassadorSettings.acknowledgements')}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="acknowledgements-empty">
          {t('ambassadorSettings.noAcknowledgements')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table data-testid="acknowledgements">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ambassadorSettings.columns.member')}</Table.Th>
                <Table.Th>{t('ambassadorSettings.columns.version')}</Table.Th>
                <Table.Th>{t('ambassadorSettings.columns.date')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={`${item.userId}-${item.version}`} data-testid="acknowledgement-row">
                  <Table.Td>{item.name ?? t('ambassadorSettings.formerMember')}</Table.Td>
                  <Table.Td>{item.version}</Table.Td>
                  <Table.Td>{formatDateTime(item.acknowledgedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function RelaysTable() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const relays = useRelays(workspace.id);
  if (relays.isError) return <ErrorAlert error={relays.error} />;
  const items = relays.data?.items ?? [];
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('ambassadorSettings.relays')}
      </Title>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="relays-overview-empty">
          {t('ambassadorSettings.noRelays')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={420}>
          <Table data-testid="relays-overview">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('ambassadorSettings.columns.post')}</Table.Th>
                <Table.Th>{t('ambassadorSettings.columns.shares')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.postId}>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {item.postText}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {RELAY_NETWORKS.filter((n) => item.shares[n])
                      .map((n) => `${describeNetwork(n).label} ${item.shares[n]}`)
                      .join(' · ') || '0'}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
