// « Relais ambassadeurs »: the one page an ambassador sees. First the employees' social media policy in force, to
// acknowledge (again after each new version); then the posts to relay, newest first, each with its share links,
// and the ambassador's Mastodon instance, set once.
import { Alert, Button, Collapse, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconInfoCircle, IconShieldCheck } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { useWorkspace } from '../workspaces/workspace-context';
import { PolicyText } from './policy-text';
import { RelayCard } from './relay-card';
import {
  useAcknowledgePolicy,
  useAmbassadorView,
  useSaveMastodonInstance,
  type AmbassadorView,
  type Policy,
} from './use-ambassador';

export function AmbassadorPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const view = useAmbassadorView(workspace.id);
  return (
    <Stack maw={860}>
      <Stack gap={4}>
        <Title order={2}>{t('ambassador.title')}</Title>
        <Text c="dimmed" size="sm">
          {t('ambassador.intro')}
        </Text>
      </Stack>
      {view.isPending ? (
        <PageLoader />
      ) : view.isError ? (
        <ErrorAlert error={view.error} onRetry={() => void view.refetch()} />
      ) : view.data.needsAcknowledgement ? (
        <PolicyGate view={view.data} />
      ) : (
        <RelayList view={view.data} />
      )}
    </Stack>
  );
}

/** The policy to read and acknowledge before any post is shown (or why there is nothing yet). */
function PolicyGate({ view }: { view: AmbassadorView }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const acknowledge = useAcknowledgePolicy(workspace.id);
  if (!view.policy) {
    return (
      <Alert color="gray" icon={<IconInfoCircle size={18} />} data-testid="policy-missing">
        {t('ambassador.policy.none')}
      </Alert>
    );
  }
  const version = view.policy.version;
  return (
    <Paper withBorder p="md" data-testid="policy-gate">
      <Stack>
        <Text size="sm" fw={600}>
          {view.acknowledgedVersion === null
            ? t('ambassador.policy.mustAcknowledge')
            : t('ambassador.policy.newVersion')}
        </Text>
        <PolicyBody policy={view.policy} />
        {acknowledge.error && <ErrorAlert error={acknowledge.error} />}
        <Group>
          <Button
            leftSection={<IconShieldCheck size={18} aria-hidden />}
            loading={acknowledge.isPending}
            onClick={() => acknowledge.mutate(version)}
            data-testid="policy-acknowledge"
          >
            {t('ambassador.policy.acknowledge')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

function PolicyBody({ policy }: { policy: Policy }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const formatDateTime = useFormatDateTime(workspace.timezone);
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        {t('ambassador.policy.title')}
      </Title>
      <Text size="xs" c="dimmed" data-testid="policy-version">
        {t('ambassador.policy.version', { version: policy.version, date: formatDateTime(policy.createdAt) })}
      </Text>
      <PolicyText text={policy.text} testId="policy-text" />
    </Stack>
  );
}

function RelayList({ view }: { view: AmbassadorView }) {
  const { t } = useTranslation();
  const [policyOpen, policy] = useDisclosure(false);
  return (
    <Stack>
      <Paper withBorder p="sm">
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" data-testid="policy-acknowledged">
              {t('ambassador.policy.acknowledged', { version: view.acknowledgedVersion })}
            </Text>
            <Button variant="subtle" size="xs" onClick={policy.toggle} aria-expanded={policyOpen}>
              {t('ambassador.policy.reread')}
            </Button>
          </Group>
          <Collapse expanded={policyOpen}>{view.policy && <PolicyBody policy={view.policy} />}</Collapse>
        </Stack>
      </Paper>
      <MastodonInstanceForm current={view.mastodonInstance} />
      <Text size="xs" c="dimmed" data-testid="relay-counting">
        {t('ambassador.counting')}
      </Text>
      {view.items.length === 0 ? (
        <Text c="dimmed" data-testid="relays-empty">
          {t('ambassador.empty')}
        </Text>
      ) : (
        <Stack data-testid="relay-list">
          {view.items.map((item) => (
            <RelayCard key={item.relay.postId} item={item} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function MastodonInstanceForm({ current }: { current: string | null }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const save = useSaveMastodonInstance(workspace.id);
  const [value, setValue] = useState(current ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(value.trim() === '' ? null : value, { onSuccess: () => notifySuccess(t('ambassador.mastodon.saved')) });
  };
  return (
    <form onSubmit={submit} noValidate data-testid="mastodon-instance-form">
      <Group align="flex-end" wrap="wrap" gap="xs">
        <TextInput
          label={t('ambassador.mastodon.label')}
          description={t('ambassador.mastodon.description')}
          placeholder="mastodon.social"
          value={value}
          onChange={(event) => setValue(event.currentTarget.value)}
          error={readFieldErrors(save.error).mastodonInstance}
          style={{ flex: '1 1 220px' }}
          autoComplete="off"
          data-testid="mastodon-instance"
        />
        <Button type="submit" variant="light" loading={save.isPending} data-testid="mastodon-instance-save">
          {t('ambassador.mastodon.save')}
        </Button>
      </Group>
    </form>
  );
}
