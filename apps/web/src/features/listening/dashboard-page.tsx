// The listening dashboard: volume per topic over time, sentiment shares, top sources and authors, rising terms
// and hashtags, and the brand's share of voice against its competitors (by mentions, and by reach when
// networks give audience figures), over 24 hours, 7 or 30 days, for one topic or one group.
import { Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  SentimentDashboard,
  TopDashboard,
  Topic,
  TopicGroup,
  TrendingDashboard,
  TrendingTerm,
  VolumeDashboard,
} from '../../api/types';
import { ErrorAlert } from '../../ui/api-errors';
import { Chart } from '../../ui/chart';
import {
  buildBarOption,
  buildSentimentOption,
  buildVolumeOption,
  describePeriod,
  pickVoices,
  type Period,
} from './dashboard-options';
import { DashboardControls, VoiceShares } from './dashboard-sections';
import { useTopics } from './listening-api';
import { useDashboard } from './use-dashboard';

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

  const { volume, sentiment, top, trending, voices, error: errors } = useDashboard(span, topicId, group);

  const shownTopics = useMemo(
    () =>
      (topics.data?.items ?? []).filter(
        (topic) => (topicId ? topic.id === topicId : true) && (group ? topic.group === group : true),
      ),
    [topics.data, topicId, group],
  );
  const locale = i18n.language;
  const voiceItems = pickVoices(voices.data?.items ?? [], group);
  const voiceTotal = voiceItems.reduce((sum, item) => sum + item.mentions, 0);

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>{t('listening.dashboard.title')}</Title>
          <Text c="dimmed" size="sm" mt={4} maw={720}>
            {t('listening.dashboard.intro')}
          </Text>
        </div>
        <DashboardControls
          period={period}
          onPeriod={(value) => {
            setPeriod(value);
            setNow(Date.now());
          }}
          group={group}
          onGroup={(value) => {
            setGroup(value);
            setTopicId(null);
          }}
          topicId={topicId}
          onTopic={setTopicId}
          topics={topics.data?.items ?? []}
          onRefresh={() => setNow(Date.now())}
        />
      </Group>
      {errors && <ErrorAlert error={errors} />}

      <VolumePanel volume={volume.data} shownTopics={shownTopics} locale={locale} />

      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <SentimentPanel sentiment={sentiment.data} locale={locale} />
        <Panel title={t('listening.dashboard.shareOfVoice')} testId="chart-share-of-voice">
          <VoiceShares items={voiceItems} total={voiceTotal} />
        </Panel>
        <TopAndTrending top={top.data} trending={trending.data} />
      </SimpleGrid>
    </Stack>
  );
}

/** Mentions per day for each shown topic, with their total over the window. */
function VolumePanel({
  volume,
  shownTopics,
  locale,
}: {
  volume?: VolumeDashboard;
  shownTopics: Topic[];
  locale: string;
}) {
  const { t } = useTranslation();
  const volumeTotal = (volume?.series ?? [])
    .filter((s) => shownTopics.some((topic) => topic.id === s.topicId))
    .reduce((sum, s) => sum + s.points.reduce((acc, p) => acc + p.count, 0), 0);
  return (
    <Panel title={t('listening.dashboard.volume')} testId="chart-volume">
      <Group gap="xs" mb="xs">
        <Badge variant="light" tt="none" data-testid="dashboard-volume-total">
          {t('listening.dashboard.mentionsCount', { count: volumeTotal })}
        </Badge>
      </Group>
      {volume && shownTopics.length > 0 ? (
        <Chart
          label={t('listening.dashboard.volume')}
          option={buildVolumeOption(volume, shownTopics, locale)}
          table={{ category: t('listening.dashboard.table.day'), value: t('listening.dashboard.table.mentions') }}
        />
      ) : (
        <Empty />
      )}
    </Panel>
  );
}

/** The shares of negative, neutral and positive mentions per day. */
function SentimentPanel({ sentiment, locale }: { sentiment?: SentimentDashboard; locale: string }) {
  const { t } = useTranslation();
  const sentimentLabels = {
    negative: t('listening.sentiment.negative'),
    neutral: t('listening.sentiment.neutral'),
    positive: t('listening.sentiment.positive'),
  };
  return (
    <Panel title={t('listening.dashboard.sentiment')} testId="chart-sentiment">
      {sentiment && sentiment.points.length > 0 ? (
        <Chart
          label={t('listening.dashboard.sentiment')}
          option={buildSentimentOption(sentiment.points, sentiment, sentimentLabels, locale)}
          table={{ category: t('listening.dashboard.table.day'), value: t('listening.dashboard.table.share') }}
          unit=" %"
        />
      ) : (
        <Empty />
      )}
    </Panel>
  );
}

/** The top sources and authors, and the rising terms and hashtags. */
function TopAndTrending({ top, trending }: { top?: TopDashboard; trending?: TrendingDashboard }) {
  const { t } = useTranslation();
  return (
    <>
      <Panel title={t('listening.dashboard.topSources')} testId="chart-top-sources">
        {top && top.sources.length > 0 ? (
          <Chart
            label={t('listening.dashboard.topSources')}
            option={buildBarOption(top.sources.map((s) => ({ label: s.site, value: s.count })))}
            table={{ category: t('listening.dashboard.table.source'), value: t('listening.dashboard.table.mentions') }}
          />
        ) : (
          <Empty />
        )}
      </Panel>
      <Panel title={t('listening.dashboard.topAuthors')} testId="chart-top-authors">
        {top && top.authors.length > 0 ? (
          <Chart
            label={t('listening.dashboard.topAuthors')}
            option={buildBarOption(
              top.authors.map((a) => ({ label: a.name ?? a.handle ?? '?', value: a.count })),
              '#7048e8',
            )}
            table={{ category: t('listening.dashboard.table.author'), value: t('listening.dashboard.table.mentions') }}
          />
        ) : (
          <Empty />
        )}
      </Panel>
      <Panel title={t('listening.dashboard.trendingTerms')} testId="trending-terms">
        <TermList terms={trending?.terms ?? []} prefix="" />
      </Panel>
      <Panel title={t('listening.dashboard.trendingHashtags')} testId="trending-hashtags">
        <TermList terms={trending?.hashtags ?? []} prefix="#" />
      </Panel>
    </>
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
