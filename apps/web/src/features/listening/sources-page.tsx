// Where mentions come from: RSS/Atom feeds, network searches and hashtags, web pages… each with its health
// (last poll, last error, items found), "poll now", pause and removal, and a form per network and kind.
import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { IconAlertTriangle, IconBolt, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ListeningSource, SourceHealthStatus, SourceNetwork } from '../../api/types';
import { describeConnectorError } from '../../ui/server-text';
import { ErrorAlert, notifyError, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { useWorkspace } from '../workspaces/workspace-context';
import { useChannels } from '../channels/use-channels';
import { BOOLEAN_FIELDS, SourceEditModal } from './source-edit-modal';
import { listeningKeys, listeningPath, useListeningRights, useSources } from './listening-api';

const HEALTH_COLORS: Record<SourceHealthStatus, string> = {
  ok: 'teal',
  failing: 'red',
  waiting: 'yellow',
  disabled: 'gray',
};

/** Changes when a poll ends, well or badly. */
function pollSignature(source: ListeningSource): string {
  return `${source.health.lastOkAt ?? ''}|${source.health.lastErrorAt ?? ''}`;
}

export function SourcesPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const rights = useListeningRights();
  const queryClient = useQueryClient();
  const formatDateTime = useFormatDateTime();
  // Sources asked to poll now: refresh the list until their poll time has passed.
  const [following, setFollowing] = useState<Record<string, string>>({});
  const sources = useSources({ follow: Object.keys(following).length > 0 });
  const [removing, setRemoving] = useState<ListeningSource | null>(null);
  const [editing, setEditing] = useState<ListeningSource | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: listeningKeys.sources(workspace.id) });

  const pollNow = useMutation({
    mutationFn: (source: ListeningSource) =>
      api.post<ListeningSource>(listeningPath(workspace.id, `sources/${source.id}/poll`)),
    onSuccess: (source) => {
      notifySuccess(t('listening.sources.pollRequested'));
      setFollowing((current) => ({ ...current, [source.id]: pollSignature(source) }));
      void invalidate();
    },
    onError: (error) => notifyError(error, t),
  });

  // Stop following a source once a worker has finished polling it (success or failure recorded).
  const items = useMemo(() => sources.data?.items ?? [], [sources.data]);
  useEffect(() => {
    const settled = items.filter((s) => s.id in following && pollSignature(s) !== following[s.id]);
    if (settled.length === 0) return;
    setFollowing((current) => {
      const next = { ...current };
      for (const source of settled) delete next[source.id];
      return next;
    });
    void queryClient.invalidateQueries({ queryKey: [...listeningKeys.all(workspace.id), 'mentions'] });
  }, [items, following, queryClient, workspace.id]);

  const toggle = useMutation({
    mutationFn: (source: ListeningSource) =>
      api.patch<ListeningSource>(listeningPath(workspace.id, `sources/${source.id}`), { enabled: !source.enabled }),
    onError: (error) => notifyError(error, t),
    onSettled: invalidate,
  });

  const remove = useMutation({
    mutationFn: (source: ListeningSource) => api.delete(listeningPath(workspace.id, `sources/${source.id}`)),
    onSuccess: () => {
      notifySuccess(t('listening.sources.removed'));
      setRemoving(null);
    },
    onError: (error) => notifyError(error, t),
    onSettled: invalidate,
  });

  return (
    <Stack>
      <div>
        <Title order={2}>{t('listening.sources.title')}</Title>
        <Text c="dimmed" size="sm" mt={4} maw={720}>
          {t('listening.sources.intro')}
        </Text>
      </div>

      {sources.isPending && <PageLoader />}
      {sources.isError && <ErrorAlert error={sources.error} onRetry={() => void sources.refetch()} />}
      {sources.data && rights.manage && (
        <AddSourceForm networks={sources.data.networks} onAdded={() => void invalidate()} />
      )}

      {sources.data && (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" striped data-testid="sources-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('listening.sources.source')}</Table.Th>
                <Table.Th>{t('listening.sources.health')}</Table.Th>
                <Table.Th>{t('listening.sources.lastPoll')}</Table.Th>
                <Table.Th>{t('listening.sources.items')}</Table.Th>
                <Table.Th aria-label={t('common.actions')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{t('listening.sources.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((source) => (
                <Table.Tr key={source.id} data-testid="source-row" data-source-id={source.id}>
                  <Table.Td maw={360}>
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {source.label}
                    </Text>
                    <Group gap={4}>
                      <Badge size="xs" variant="light" color="gray" tt="none">
                        {t(`listening.sources.networks.${source.network}`, { defaultValue: source.network })} ·{' '}
                        {t(`listening.sources.kinds.${source.kind}`, { defaultValue: source.kind })}
                      </Badge>
                      {source.realtime && (
                        <Badge size="xs" variant="light" color="grape" tt="none" leftSection={<IconBolt size={10} />}>
                          {t('listening.sources.realtime')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      color={HEALTH_COLORS[source.health.status]}
                      variant="light"
                      tt="none"
                      data-testid="source-health"
                      data-status={source.health.status}
                    >
                      {t(`listening.sources.status.${source.health.status}`)}
                    </Badge>
                    {source.health.status === 'failing' && source.health.lastError && (
                      <Text
                        size="xs"
                        c="red"
                        mt={4}
                        maw={320}
                        style={{ overflowWrap: 'anywhere' }}
                        data-testid="source-last-error"
                        data-code={source.health.lastErrorCode ?? undefined}
                        // The network's own words (status, URL) stay available to whoever debugs, on hover.
                        title={source.health.lastError}
                      >
                        {t('listening.sources.lastError', {
                          date: formatDateTime(source.health.lastErrorAt),
                          failures: source.health.consecutiveFailures,
                        })}{' '}
                        {describeConnectorError(source.health.lastErrorCode, t)}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{formatDateTime(source.health.lastPolledAt)}</Text>
                    {!source.realtime && source.enabled && (
                      <Text size="xs" c="dimmed">
                        {t('listening.sources.nextPoll', { date: formatDateTime(source.nextPollAt) })}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td data-testid="source-items">{source.health.itemsTotal}</Table.Td>
                  <Table.Td>
                    {rights.manage && (
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        {!source.realtime && source.enabled && (
                          <Button
                            size="xs"
                            variant="light"
                            leftSection={<IconRefresh size={14} />}
                            loading={
                              (pollNow.isPending && pollNow.variables.id === source.id) || source.id in following
                            }
                            onClick={() => pollNow.mutate(source)}
                            data-testid={`write-source-poll-${source.id}`}
                          >
                            {t('listening.sources.pollNow')}
                          </Button>
                        )}
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => setEditing(source)}
                          data-testid={`write-source-edit-${source.id}`}
                        >
                          {t('listening.sources.edit')}
                        </Button>
                        <Button size="xs" variant="subtle" onClick={() => toggle.mutate(source)}>
                          {source.enabled ? t('listening.sources.pause') : t('listening.sources.resume')}
                        </Button>
                        <Button size="xs" variant="subtle" color="red" onClick={() => setRemoving(source)}>
                          {t('common.delete')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {editing && sources.data && (
        <SourceEditModal
          source={editing}
          networks={sources.data.networks}
          onClose={() => setEditing(null)}
          onSaved={() => void invalidate()}
        />
      )}

      <ConfirmModal
        opened={removing !== null}
        title={t('listening.sources.removeTitle')}
        message={t('listening.sources.removeConfirm', { label: removing?.label ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}

function AddSourceForm({ networks, onAdded }: { networks: SourceNetwork[]; onAdded: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const [network, setNetwork] = useState<string | null>(networks[0]?.network ?? null);
  const kinds = networks.find((n) => n.network === network)?.kinds ?? [];
  const [kind, setKind] = useState<string | null>(kinds[0]?.kind ?? null);
  const spec = kinds.find((k) => k.kind === kind);
  const [config, setConfig] = useState<Record<string, string>>({});
  const [label, setLabel] = useState('');
  const [minutes, setMinutes] = useState<number>(5);
  // Some searches answer only signed-in clients (Bluesky's, some Mastodon instances): the source may borrow a
  // connected channel of the same network.
  const channels = useChannels(workspace.id);
  const networkChannels = (channels.data?.items ?? []).filter((channel) => channel.network === network);
  const [channelId, setChannelId] = useState<string | null>(null);

  const add = useMutation({
    mutationFn: () => {
      // Only the fields of the chosen kind, and only those filled in: the network decides what is optional.
      const values = Object.fromEntries(
        (spec?.fields ?? []).map((field) => [field, config[field]?.trim() ?? '']).filter(([, value]) => value !== ''),
      );
      return api.post<ListeningSource>(listeningPath(workspace.id, 'sources'), {
        network,
        kind,
        config: values,
        ...(label.trim() ? { label: label.trim() } : {}),
        pollIntervalSeconds: Math.round(minutes * 60),
        ...(channelId ? { channelId } : {}),
      });
    },
    onSuccess: () => {
      notifySuccess(t('listening.sources.added'));
      setConfig({});
      setLabel('');
      onAdded();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (network && kind) add.mutate();
  };

  const fieldErrors = readFieldErrors(add.error);
  if (networks.length === 0) {
    return (
      <Alert color="yellow" icon={<IconAlertTriangle size={18} />}>
        {t('listening.sources.noNetworks')}
      </Alert>
    );
  }
  return (
    <Paper withBorder p="md" radius="md">
      <form onSubmit={submit} noValidate data-testid="source-form">
        <Stack>
          <Title order={4}>{t('listening.sources.addTitle')}</Title>
          {add.error && <ErrorAlert error={add.error} />}
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Select
              label={t('listening.sources.network')}
              data={networks.map((n) => ({
                value: n.network,
                label: t(`listening.sources.networks.${n.network}`, { defaultValue: n.network }),
              }))}
              value={network}
              allowDeselect={false}
              onChange={(value) => {
                setNetwork(value);
                setKind(networks.find((n) => n.network === value)?.kinds[0]?.kind ?? null);
                setConfig({});
                setChannelId(null);
              }}
              data-testid="write-source-network"
            />
            <Select
              label={t('listening.sources.kind')}
              data={kinds.map((k) => ({
                value: k.kind,
                label: t(`listening.sources.kinds.${k.kind}`, { defaultValue: k.kind }),
              }))}
              value={kind}
              allowDeselect={false}
              onChange={(value) => {
                setKind(value);
                setConfig({});
              }}
              data-testid="write-source-kind"
            />
            <NumberInput
              label={t('listening.sources.interval')}
              description={spec?.realtime ? t('listening.sources.intervalRealtime') : undefined}
              min={1}
              max={1440}
              value={minutes}
              onChange={(value) => setMinutes(typeof value === 'number' ? value : Number(value) || 5)}
              error={fieldErrors.pollIntervalSeconds}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {(spec?.fields ?? []).map((field) =>
              BOOLEAN_FIELDS.has(field) ? (
                <Tooltip
                  key={field}
                  label={t(`listening.sources.fieldHelp.${field}`, { defaultValue: '' })}
                  disabled={!t(`listening.sources.fieldHelp.${field}`, { defaultValue: '' })}
                >
                  <Switch
                    mt="lg"
                    label={t(`listening.sources.fields.${field}`, { defaultValue: field })}
                    checked={config[field] === 'true'}
                    onChange={(event) =>
                      setConfig({ ...config, [field]: event.currentTarget.checked ? 'true' : 'false' })
                    }
                    data-testid={`write-source-field-${field}`}
                  />
                </Tooltip>
              ) : (
                <TextInput
                  key={field}
                  label={t(`listening.sources.fields.${field}`, { defaultValue: field })}
                  description={t(`listening.sources.fieldHelp.${field}`, { defaultValue: '' }) || undefined}
                  value={config[field] ?? ''}
                  onChange={(event) => setConfig({ ...config, [field]: event.currentTarget.value })}
                  error={fieldErrors[`config.${field}`]}
                  data-testid={`write-source-field-${field}`}
                />
              ),
            )}
          </SimpleGrid>
          {networkChannels.length > 0 && (
            <Select
              label={t('listening.sources.channel')}
              description={t('listening.sources.channelHelp')}
              placeholder={t('listening.sources.channelNone')}
              data={networkChannels.map((channel) => ({ value: channel.id, label: channel.name }))}
              value={channelId}
              onChange={setChannelId}
              clearable
              error={fieldErrors.channelId}
              data-testid="write-source-channel"
            />
          )}
          <Group align="flex-end" justify="space-between">
            <TextInput
              label={t('listening.sources.label')}
              placeholder={t('listening.sources.labelPlaceholder')}
              value={label}
              maxLength={120}
              onChange={(event) => setLabel(event.currentTarget.value)}
              style={{ flex: 1 }}
              data-testid="write-source-label"
            />
            <Button type="submit" loading={add.isPending} data-testid="write-source-submit">
              {t('listening.sources.add')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
