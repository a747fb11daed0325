// « Statistiques »: first response and resolution times against the targets, in business time — median and 90th
// percentile per member, network and label, items overdue, and the daily medians as a chart with its data table.
import { Badge, Group, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxStats } from '../../api/types';
import { Chart, type ChartOption } from '../../ui/chart';
import { ErrorAlert } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { useMembers } from '../members/use-members';
import { useWorkspace } from '../workspaces/workspace-context';
import { useInboxStats } from './automation-api';

/** Business minutes as people say them: "45 min", "3 h 20". */
function useDuration() {
  const { t } = useTranslation();
  return (minutes: number | null) => {
    if (minutes === null) return t('inboxAutomation.stats.none');
    if (minutes < 60) return t('inboxAutomation.stats.minutes', { minutes });
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    return m === 0
      ? t('inboxAutomation.stats.hours', { hours: h })
      : t('inboxAutomation.stats.hoursMinutes', { hours: h, minutes: String(m).padStart(2, '0') });
  };
}

function buildOption(stats: InboxStats, labels: { first: string; resolution: string }, locale: string): ChartOption {
  const days = stats.days.map((d) =>
    new Date(`${d.date}T12:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'short' }),
  );
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 16, top: 32, bottom: 32 },
    xAxis: { type: 'category', data: days },
    yAxis: { type: 'value', name: 'min' },
    series: [
      { name: labels.first, type: 'line', data: stats.days.map((d) => d.firstResponseMedian) },
      { name: labels.resolution, type: 'line', data: stats.days.map((d) => d.resolutionMedian) },
    ],
  };
}

function Figure({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <Paper withBorder p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={600} data-testid={testId}>
        {value}
      </Text>
    </Paper>
  );
}

export function InboxStatsPage() {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspace();
  const [days, setDays] = useState('30');
  const stats = useInboxStats(Number(days));
  const members = useMembers(workspace.id);
  const duration = useDuration();
  if (stats.isPending) return <PageLoader />;
  if (stats.isError) return <ErrorAlert error={stats.error} onRetry={() => void stats.refetch()} />;
  const data = stats.data;
  const names = new Map((members.data?.items ?? []).map((m) => [m.userId, m.name]));
  const groupName = (group: InboxStats['groups'][number]) =>
    group.dimension === 'member'
      ? group.key === 'none'
        ? t('inboxAutomation.stats.unassigned')
        : (names.get(group.key) ?? t('inboxAutomation.stats.formerMember'))
      : group.key;
  const chartLabel = t('inboxAutomation.stats.chart');
  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('inboxAutomation.stats.intro', {
            first: duration(data.targets.firstResponseMinutes),
            resolution: duration(data.targets.resolutionMinutes),
          })}
        </Text>
        <SegmentedControl
          aria-label={t('inboxAutomation.stats.period')}
          value={days}
          onChange={setDays}
          data={['7', '30', '90'].map((d) => ({
            value: d,
            label: t('inboxAutomation.stats.days', { count: Number(d) }),
          }))}
        />
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label={t('inboxAutomation.stats.items')} value={String(data.overall.count)} />
        <Figure
          label={t('inboxAutomation.stats.firstMedian')}
          value={duration(data.overall.firstResponse.median)}
          testId="stats-first-median"
        />
        <Figure label={t('inboxAutomation.stats.resolutionMedian')} value={duration(data.overall.resolution.median)} />
        <Figure label={t('inboxAutomation.stats.overdue')} value={String(data.overdue)} testId="stats-overdue" />
      </SimpleGrid>
      <Paper withBorder p="md">
        <Title order={3} size="h4" mb="xs">
          {chartLabel}
        </Title>
        {data.days.length > 0 ? (
          <Chart
            label={chartLabel}
            option={buildOption(
              data,
              {
                first: t('inboxAutomation.stats.firstMedian'),
                resolution: t('inboxAutomation.stats.resolutionMedian'),
              },
              i18n.language,
            )}
            table={{ category: t('inboxAutomation.stats.day'), value: t('inboxAutomation.stats.minutesHeader') }}
            unit=" min"
          />
        ) : (
          <Text c="dimmed">{t('inboxAutomation.stats.empty')}</Text>
        )}
      </Paper>
      {data.groups.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="stats-groups">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inboxAutomation.stats.group')}</Table.Th>
                <Table.Th>{t('inboxAutomation.stats.items')}</Table.Th>
                <Table.Th>{t('inboxAutomation.stats.firstMedian')}</Table.Th>
                <Table.Th>{t('inboxAutomation.stats.firstP90')}</Table.Th>
                <Table.Th>{t('inboxAutomation.stats.resolutionMedian')}</Table.Th>
                <Table.Th>{t('inboxAutomation.stats.missed')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.groups.map((group) => (
                <Table.Tr key={`${group.dimension}:${group.key}`}>
                  <Table.Td>
                    <Group gap="xs">
                      <Badge variant="light" tt="none">
                        {t(`inboxAutomation.stats.dimensions.${group.dimension}`)}
                      </Badge>
                      {groupName(group)}
                    </Group>
                  </Table.Td>
                  <Table.Td>{group.count}</Table.Td>
                  <Table.Td>{duration(group.firstResponse.median)}</Table.Td>
                  <Table.Td>{duration(group.firstResponse.p90)}</Table.Td>
                  <Table.Td>{duration(group.resolution.median)}</Table.Td>
                  <Table.Td>{group.firstResponse.missed + group.resolution.missed}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
