// One listening source in the sources table: its label, network and kind, its health (the last error in French,
// the network's own words behind a "details" toggletip), when it was and will be polled, the items found, and its
// actions.
import { Badge, Button, Code, Group, Stack, Table, Text } from '@mantine/core';
import { IconBolt, IconInfoCircle, IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ListeningSource, SourceHealthStatus } from '../../api/types';
import { useFormatDateTime } from '../../ui/format';
import { describeConnectorError } from '../../ui/server-text';
import { Toggletip } from '../../ui/toggletip';
import { useListeningRights } from './listening-api';

const HEALTH_COLORS: Record<SourceHealthStatus, string> = {
  ok: 'teal',
  failing: 'red',
  waiting: 'yellow',
  disabled: 'gray',
};

export interface SourceRowActions {
  pollNow: () => void;
  /** A poll asked for and not finished yet. */
  polling: boolean;
  edit: () => void;
  toggle: () => void;
  remove: () => void;
}

export function SourceRow({ source, actions }: { source: ListeningSource; actions: SourceRowActions }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <Table.Tr data-testid="source-row" data-source-id={source.id}>
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
        <SourceHealth source={source} />
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
        <SourceButtons source={source} actions={actions} />
      </Table.Td>
    </Table.Tr>
  );
}

function SourceHealth({ source }: { source: ListeningSource }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <>
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
      {source.health.status === 'failing' && source.health.lastError && (
        <Toggletip
          label={
            <Stack gap={4}>
              <Text size="xs" fw={600}>
                {t('hoverInfo.errorDetailsTitle')}
              </Text>
              {/* Wrapped, not scrolled: a scrolling box would need the keyboard focus of its own. */}
              <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {source.health.lastError}
              </Code>
            </Stack>
          }
          position="bottom-start"
          testId="source-error-details"
        >
          <Button
            size="compact-xs"
            variant="subtle"
            color="gray"
            leftSection={<IconInfoCircle size={12} />}
            data-testid="source-error-details-button"
          >
            {t('hoverInfo.errorDetails')}
          </Button>
        </Toggletip>
      )}
    </>
  );
}

function SourceButtons({ source, actions }: { source: ListeningSource; actions: SourceRowActions }) {
  const { t } = useTranslation();
  const rights = useListeningRights();
  if (!rights.manage) return null;
  return (
    <Group gap={4} justify="flex-end" wrap="nowrap">
      {!source.realtime && source.enabled && (
        <Button
          size="xs"
          variant="light"
          leftSection={<IconRefresh size={14} />}
          loading={actions.polling}
          onClick={actions.pollNow}
          data-testid={`write-source-poll-${source.id}`}
        >
          {t('listening.sources.pollNow')}
        </Button>
      )}
      <Button size="xs" variant="subtle" onClick={actions.edit} data-testid={`write-source-edit-${source.id}`}>
        {t('listening.sources.edit')}
      </Button>
      <Button size="xs" variant="subtle" onClick={actions.toggle}>
        {source.enabled ? t('listening.sources.pause') : t('listening.sources.resume')}
      </Button>
      <Button size="xs" variant="subtle" color="red" onClick={actions.remove}>
        {t('common.delete')}
      </Button>
    </Group>
  );
}
