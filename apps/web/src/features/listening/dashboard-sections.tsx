// The dashboard's controls (period, group, topic, refresh) and its share-of-voice charts (by mentions, and by reach
// when the networks give audience figures).
import { Button, Group, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Topic, TopicGroup } from '../../api/types';
import { Chart } from '../../ui/chart';
import { buildShareOption, hasReach, PERIODS, type pickVoices, type Period } from './dashboard-options';
import { TOPIC_GROUPS } from './topics-page';

export function DashboardControls(props: {
  period: Period;
  onPeriod: (period: Period) => void;
  group: TopicGroup | null;
  onGroup: (group: TopicGroup | null) => void;
  topicId: string | null;
  onTopic: (topicId: string | null) => void;
  topics: Topic[];
  onRefresh: () => void;
}) {
  const { t } = useTranslation();
  const { period, group, topicId } = props;
  return (
    <Group gap="sm" align="flex-end">
      <SegmentedControl
        value={period}
        onChange={(value) => props.onPeriod(value as Period)}
        data={PERIODS.map((value) => ({ value, label: t(`listening.dashboard.periods.${value}`) }))}
        data-testid="dashboard-period"
      />
      <Select
        aria-label={t('listening.dashboard.group')}
        placeholder={t('listening.dashboard.allGroups')}
        data={TOPIC_GROUPS.map((value) => ({ value, label: t(`listening.groups.${value}`) }))}
        value={group}
        onChange={(value) => props.onGroup(value as TopicGroup | null)}
        clearable
        w={170}
        data-testid="dashboard-group"
      />
      <Select
        aria-label={t('listening.dashboard.topic')}
        placeholder={t('listening.dashboard.allTopics')}
        data={props.topics
          .filter((topic) => !group || topic.group === group)
          .map((topic) => ({ value: topic.id, label: topic.name }))}
        value={topicId}
        onChange={props.onTopic}
        clearable
        searchable
        w={200}
        data-testid="dashboard-topic"
      />
      <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={props.onRefresh}>
        {t('listening.dashboard.refresh')}
      </Button>
    </Group>
  );
}

export function VoiceShares({ items, total }: { items: ReturnType<typeof pickVoices>; total: number }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const table = (by: 'mentions' | 'reach') => ({
    category: t('listening.dashboard.table.topic'),
    value: t(`listening.dashboard.table.${by}`),
    share: t('listening.dashboard.table.share'),
  });
  return total > 0 ? (
    <SimpleGrid cols={hasReach(items) ? 2 : 1}>
      <Stack gap={0}>
        <Text size="xs" c="dimmed" ta="center">
          {t('listening.dashboard.byMentions')}
        </Text>
        <Chart
          label={t('listening.dashboard.shareOfVoiceByMentions')}
          option={buildShareOption(items, 'mentions', locale)}
          table={table('mentions')}
          height={260}
        />
      </Stack>
      {hasReach(items) && (
        <Stack gap={0} data-testid="chart-share-of-reach">
          <Text size="xs" c="dimmed" ta="center">
            {t('listening.dashboard.byReach')}
          </Text>
          <Chart
            label={t('listening.dashboard.shareOfVoiceByReach')}
            option={buildShareOption(items, 'reach', locale)}
            table={table('reach')}
            height={260}
          />
        </Stack>
      )}
    </SimpleGrid>
  ) : (
    <Text size="sm" c="dimmed" py="xl" ta="center">
      {t('listening.dashboard.noVoices')}
    </Text>
  );
}
