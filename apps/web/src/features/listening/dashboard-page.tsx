// The listening dashboard: volume per topic over time, sentiment shares, top sources and authors, rising terms
// and hashtags, and the brand's share of voice against its competitors (by mentions, and by reach when
// networks give audience figures), over 24 hours, 7 or 30 days, for one topic or one group.
import { Badge, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type {
  SentimentDashboard,
  ShareOfVoiceDashboard,
  TopDashboard,
  TopicGroup,
  TrendingDashboard,
  TrendingTerm,
  VolumeDashboard,
} from '../../api/types';
import { ErrorAlert } from '../../ui/api-errors';
import { Chart } from '../../ui/chart';
import { useWorkspace } from '../workspaces/workspace-context';
import {
  buildBarOption,
  buildSentimentOption,
  buildShareOption,
  buildVolumeOption,
  describePeriod,
  hasReach,
  pickVoices,
  PERIODS,
  type Period,
} from './dashboard-options';
import { listeningKeys, listeningPath, useTopics } from './listening-api';
import { TOPIC_GROUPS } from './topics-page';

function useDashboardPart<T>(part: string, query: URLSearchParams) {
  const { workspace } = useWorkspace();
  const search = query.toString();
  return useQuery({
    queryKey: listeningKeys.dashboard(workspace.id, part, search),
    queryFn: () => api.get<T>(`${listeningPath(workspace.id, `dashboard/${part}`)}?${search}`),
  });
}

function Panel({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md" data-testid={testId}>
      <Title order={5} mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Empty() {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed" py="xl" ta="center">
      {t('listening.dashboard.noData')}
    </Text>
  );
}

export function DashboardPage() {
  const { t, i18n } = useTranslation();
  const topics = useTopics();
  const [period, setPeriod] = useState<Period>('7d');
  const [topicId, setTopicId] = useState<string | null>(null);
  const [group, setGroup] = useState<TopicGroup | null>(null);
  // The window is fixed when the period is chosen (or refreshed), so every chart covers the same instants.
  const [now, setNow] = useState(() => Date.now());
  const span = useMemo(() => describePeriod(period, now), [period, now]);

  const query = useMemo(() => {
    const params = new URLSearchParams({
      from: new Date(span.from).toISOString(),
      to: new Date(span.to).toISOString(),
      bucket: span.bucket,
      limit: '10',
    });
    if (topicId) params.set('topicId', topicId);
    else if (group) params.set('group', group);
    return params;
  }, [span, topicId, group]);

  const volume = useDashboardPart<VolumeDashboard>('volume', query);
  const sentiment = useDashboardPart<SentimentDashboard>('sentiment', query);
  const top = useDashboardPart<TopDashboard>('top', query);
  const trending = useDashboardPart<TrendingDashboard>('trending', query);
  const voices = useDashboardPart<ShareOfVoiceDashboard>('share-of-voice', query);

  const shownTopics = useMemo(
    () =>
      (topics.data?.items ?? []).filter(
        (topic) => (topicId ? topic.id === topicId : true) && (group ? topic.group === group : true),
      ),
    [topics.data, topicId, group],
  );
  const locale = i18n.language;
  const sentimentLabels = {
    negative: t('listening.sentiment.negative'),
    neutral: t('listening.sentiment.neutral'),
    positive: t('listening.sentiment.positive'),
  };
  const voiceItems = pickVoices(voices.data?.items ?? [], group);
  const voiceTotal = voiceItems.reduce((sum, item) => sum + item.mentions, 0);
  const volumeTotal = (volume.data?.series ?? [])
    .filter((s) => shownTopics.some((topic) => topic.id === s.topicId))
    .reduce((sum, s) => sum + s.points.reduce((acc, p) => acc + p.count, 0), 0);
  const errors = [volume, sentiment, top, trending, voices].find((part) => part.isError)?.error;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('listening.dashboard.title')}</Title>
          <Text c="dimmed" size="sm" mt={4} maw={720}>
            {t('listening.dashboard.intro')}
          </Text>
        </div>
        <Group gap="sm" align="flex-end">
          <SegmentedControl
            value={period}
            onChange={(value) => {
              setPeriod(value as Period);
              setNow(Date.now());
            }}
            data={PERIODS.map((value) => ({ value, label: t(`listening.dashboard.periods.${value}`) }))}
            data-testid="dashboard-period"
          />
          <Select
            aria-label={t('listening.dashboard.group')}
            placeholder={t('listening.dashboard.allGroups')}
            data={TOPIC_GROUPS.map((value) => ({ value, label: t(`listening.groups.${value}`) }))}
            value={group}
            onChange={(value) => {
              setGroup(value as TopicGroup | null);
              setTopicId(null);
            }}
            clearable
            w={170}
            data-testid="dashboard-group"
          />
          <Select
            aria-label={t('listening.dashboard.topic')}
            placeholder={t('listening.dashboard.allTopics')}
            data={(topics.data?.items ?? [])
              .filter((topic) => !group || topic.group === group)
              .map((topic) => ({ value: topic.id, label: topic.name }))}
            value={topicId}
            onChange={setTopicId}
            clearable
            searchable
            w={200}
            data-testid="dashboard-topic"
          />
          <Button variant="default" leftSection={<IconRefresh size={16} />} onClick={() => setNow(Date.now())}>
            {t('listening.dashboard.refresh')}
          </Button>
        </Group>
      </Group>
      {errors && <ErrorAlert error={errors} />}

      <Panel title={t('listening.dashboard.volume')} testId="chart-volume">
        <Group gap="xs" mb="xs">
          <Badge variant="light" tt="none" data-testid="dashboard-volume-total">
            {t('listening.dashboard.mentionsCount', { count: volumeTotal })}
          </Badge>
        </Group>
        {volume.data && shownTopics.length > 0 ? (
          <Chart label={t('listening.dashboard.volume')} option={buildVolumeOption(volume.data, shownTopics, locale)} />
        ) : (
          <Empty />
        )}
      </Panel>

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Panel title={t('listening.dashboard.sentiment')} testId="chart-sentiment">
          {sentiment.data && sentiment.data.points.length > 0 ? (
            <Chart
              label={t('listening.dashboard.sentiment')}
              option={buildSentimentOption(sentiment.data.points, sentiment.data, sentimentLabels, locale)}
            />
          ) : (
            <Empty />
          )}
        </Panel>
        <Panel title={t('listening.dashboard.shareOfVoice')} testId="chart-share-of-voice">
          {voiceTotal > 0 ? (
            <SimpleGrid cols={hasReach(voiceItems) ? 2 : 1}>
              <Stack gap={0}>
                <Text size="xs" c="dimmed" ta="center">
                  {t('listening.dashboard.byMentions')}
                </Text>
                <Chart
                  label={t('listening.dashboard.shareOfVoiceByMentions')}
                  option={buildShareOption(voiceItems, 'mentions', locale)}
                  height={260}
                />
              </Stack>
              {hasReach(voiceItems) && (
                <Stack gap={0} data-testid="chart-share-of-reach">
                  <Text size="xs" c="dimmed" ta="center">
                    {t('listening.dashboard.byReach')}
                  </Text>
                  <Chart
                    label={t('listening.dashboard.shareOfVoiceByReach')}
                    option={buildShareOption(voiceItems, 'reach', locale)}
                    height={260}
                  />
                </Stack>
              )}
            </SimpleGrid>
          ) : (
            <Text size="sm" c="dimmed" py="xl" ta="center">
              {t('listening.dashboard.noVoices')}
            </Text>
          )}
        </Panel>
        <Panel title={t('listening.dashboard.topSources')} testId="chart-top-sources">
          {top.data && top.data.sources.length > 0 ? (
            <Chart
              label={t('listening.dashboard.topSources')}
              option={buildBarOption(top.data.sources.map((s) => ({ label: s.site, value: s.count })))}
            />
          ) : (
            <Empty />
          )}
        </Panel>
        <Panel title={t('listening.dashboard.topAuthors')} testId="chart-top-authors">
          {top.data && top.data.authors.length > 0 ? (
            <Chart
              label={t('listening.dashboard.topAuthors')}
              option={buildBarOption(
                top.data.authors.map((a) => ({ label: a.name ?? a.handle ?? '?', value: a.count })),
                '#7048e8',
              )}
            />
          ) : (
            <Empty />
          )}
        </Panel>
        <Panel title={t('listening.dashboard.trendingTerms')} testId="trending-terms">
          <TermList terms={trending.data?.terms ?? []} prefix="" />
        </Panel>
        <Panel title={t('listening.dashboard.trendingHashtags')} testId="trending-hashtags">
          <TermList terms={trending.data?.hashtags ?? []} prefix="#" />
        </Panel>
      </SimpleGrid>
    </Stack>
  );
}

/** Rising terms as a tag cloud with counts and the change against the previous window. */
function TermList({ terms, prefix }: { terms: TrendingTerm[]; prefix: string }) {
  const { t } = useTranslation();
  if (terms.length === 0) return <Empty />;
  return (
    <Group gap="xs">
      {terms.map((term) => (
        <Badge
          key={term.term}
          size="lg"
          variant="light"
          tt="none"
          title={t('listening.dashboard.termTooltip', { count: term.count, previous: term.previousCount })}
          data-testid="trending-term"
        >
          {prefix}
          {term.term} · {term.count}
          {term.previousCount === 0 ? ` ${t('listening.dashboard.newTerm')}` : ''}
        </Badge>
      ))}
    </Group>
  );
}
