// The coverage board of the animation plan: posts a week planned against the target and weeks covered ahead per
// channel (charts, each with its data table), variety of themes and content types, open slots in the next 14
// days, rubrics without a backup and strategy objectives no rubric serves, flagged, and the events of its weeks to
// prepare content for.
import { Alert, Badge, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconTarget } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Chart, type ChartOption } from '../../ui/chart';
import { useFormatDateTime } from '../../ui/format';
import type { Channel, ContentType, Theme } from '../../api/types';
import type { Coverage } from './plan-api';

interface Names {
  channels: Map<string, Channel>;
  themes: Theme[];
  contentTypes: ContentType[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function perWeekOption(coverage: Coverage, names: Names, labels: { planned: string; target: string }): ChartOption {
  const channels = coverage.channels.map((c) => names.channels.get(c.channelId)?.name ?? c.channelId);
  return {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 8, right: 8, top: 16, bottom: 40, containLabel: true },
    xAxis: { type: 'category', data: channels },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      { type: 'bar', name: labels.planned, data: coverage.channels.map((c) => round1(c.averagePerWeek)) },
      { type: 'bar', name: labels.target, data: coverage.channels.map((c) => c.target ?? 0) },
    ],
  };
}

function weeksOption(coverage: Coverage, names: Names, label: string): ChartOption {
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: coverage.channels.map((c) => names.channels.get(c.channelId)?.name ?? '') },
    yAxis: { type: 'value', max: coverage.weeks, minInterval: 1 },
    series: [{ type: 'bar', name: label, data: coverage.channels.map((c) => c.weeksCovered) }],
  };
}

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Paper withBorder p="sm" data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg">
        {value}
      </Text>
    </Paper>
  );
}

// Rubrics with no backup person, and how many open slots they leave uncovered.
function MissingBackupAlert({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} data-testid="coverage-missing-backup">
      <Text fw={600}>{t('animationPlan.coverage.missingBackup', { count: coverage.rubricsWithoutBackup.length })}</Text>
      <List size="sm">
        {coverage.rubricsWithoutBackup.map((rubric) => (
          <List.Item key={rubric.id}>{rubric.name}</List.Item>
        ))}
      </List>
      <Text size="sm">{t('animationPlan.coverage.openWithoutBackup', { count: coverage.openSlotsWithoutBackup })}</Text>
    </Alert>
  );
}

type VarietyShare = Coverage['variety']['topTheme'];
interface VarietyKeys {
  top: 'animationPlan.coverage.topTheme' | 'animationPlan.coverage.topContentType';
  noneYet: 'animationPlan.coverage.noThemeYet' | 'animationPlan.coverage.noContentTypeYet';
  without: 'animationPlan.coverage.withoutTheme' | 'animationPlan.coverage.withoutContentType';
}
const THEME_KEYS: VarietyKeys = {
  top: 'animationPlan.coverage.topTheme',
  noneYet: 'animationPlan.coverage.noThemeYet',
  without: 'animationPlan.coverage.withoutTheme',
};
const TYPE_KEYS: VarietyKeys = {
  top: 'animationPlan.coverage.topContentType',
  noneYet: 'animationPlan.coverage.noContentTypeYet',
  without: 'animationPlan.coverage.withoutContentType',
};

// Variety of themes and content types: the top share of each and its entropy.
function VarietyFigures({ variety, names }: { variety: Coverage['variety']; names: Names }) {
  const { t, i18n } = useTranslation();
  const percent = (share: number | undefined) =>
    share === undefined ? '—' : new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(share);
  const bits = (n: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(n);
  // The top "value" may be no theme at all: every slot without one says there is none yet, some say how many.
  const top = (share: VarietyShare, list: Array<{ id: string; name: string }>, keys: VarietyKeys) => {
    if (!share) return { label: t(keys.noneYet), value: '—' };
    if (share.id)
      return {
        label: t(keys.top, { name: list.find((x) => x.id === share.id)?.name ?? '' }),
        value: percent(share.share),
      };
    if (share.share === 1) return { label: t(keys.noneYet), value: '—' };
    return { label: t(keys.without), value: percent(share.share) };
  };
  const theme = top(variety.topTheme, names.themes, THEME_KEYS);
  const type = top(variety.topContentType, names.contentTypes, TYPE_KEYS);
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }}>
      <Figure label={theme.label} value={theme.value} testId="coverage-top-theme" />
      <Figure
        label={t('animationPlan.coverage.themeEntropy')}
        value={bits(variety.themeEntropy)}
        testId="coverage-theme-entropy"
      />
      <Figure label={type.label} value={type.value} testId="coverage-top-type" />
      <Figure
        label={t('animationPlan.coverage.typeEntropy')}
        value={bits(variety.contentTypeEntropy)}
        testId="coverage-type-entropy"
      />
    </SimpleGrid>
  );
}

// Per channel: posts a week planned against the target, and weeks covered ahead.
function ChannelCharts({ coverage, names }: { coverage: Coverage; names: Names }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }}>
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t('animationPlan.coverage.perWeek')}
        </Text>
        <Chart
          height={220}
          label={t('animationPlan.coverage.perWeek')}
          option={perWeekOption(coverage, names, {
            planned: t('animationPlan.coverage.planned'),
            target: t('animationPlan.coverage.target'),
          })}
          table={{ category: t('animationPlan.coverage.channel'), value: t('animationPlan.coverage.planned') }}
          testId="coverage-per-week"
        />
      </Paper>
      <Paper withBorder p="sm">
        <Text fw={600} mb="xs">
          {t('animationPlan.coverage.weeksCovered')}
        </Text>
        <Chart
          height={220}
          label={t('animationPlan.coverage.weeksCovered')}
          option={weeksOption(coverage, names, t('animationPlan.coverage.weeks'))}
          table={{ category: t('animationPlan.coverage.channel'), value: t('animationPlan.coverage.weeks') }}
          testId="coverage-weeks"
        />
      </Paper>
    </SimpleGrid>
  );
}

// Open slots in the next 14 days (the first ten listed).
function OpenSoon({ coverage, names, timeZone }: { coverage: Coverage; names: Names; timeZone: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime(timeZone);
  return (
    <Paper withBorder p="sm" data-testid="coverage-open-soon">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('animationPlan.coverage.openSoon')}</Text>
        <Badge color={coverage.openSoon.length > 0 ? 'orange' : 'green'}>{coverage.openSoon.length}</Badge>
      </Group>
      {coverage.openSoon.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('animationPlan.coverage.noOpenSoon')}
        </Text>
      ) : (
        <List size="sm">
          {coverage.openSoon.slice(0, 10).map((slot) => (
            <List.Item key={slot.id}>
              {formatDateTime(slot.at)} · {names.channels.get(slot.channelId)?.name ?? ''}
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

// The events of the board's weeks (one-off, or yearly « journées mondiales »), by date.
function EventsAhead({ coverage }: { coverage: Coverage }) {
  const { t, i18n } = useTranslation();
  const day = new Intl.DateTimeFormat(i18n.language, {
    weekday: 'short',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
  return (
    <Paper withBorder p="sm" data-testid="coverage-events">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{t('animationPlan.coverage.eventsAhead')}</Text>
        <Badge color="grape">{coverage.events.length}</Badge>
      </Group>
      {coverage.events.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('animationPlan.coverage.noEventsAhead')}
        </Text>
      ) : (
        <List size="sm">
          {coverage.events.map((event) => (
            <List.Item key={`${event.eventId}-${event.date}`} data-testid="coverage-event">
              {day.format(new Date(`${event.date}T12:00:00Z`))} · {event.name}
            </List.Item>
          ))}
        </List>
      )}
    </Paper>
  );
}

// The strategy's objectives no rubric names: content nobody plans for.
function ObjectivesWithoutRubric({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" icon={<IconTarget aria-hidden />} data-testid="coverage-objectives-without-rubric">
      <Text fw={600}>
        {t('animationPlan.coverage.objectivesWithoutRubric', { count: coverage.objectivesWithoutRubric.length })}
      </Text>
      <List size="sm">
        {coverage.objectivesWithoutRubric.map((objective) => (
          <List.Item key={objective.id}>{objective.statement}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

export function CoverageBoard({ coverage, names, timeZone }: { coverage: Coverage; names: Names; timeZone: string }) {
  const { t } = useTranslation();
  return (
    <Stack data-testid="coverage-board">
      <Title order={3}>{t('animationPlan.coverage.title', { count: coverage.weeks })}</Title>
      {coverage.rubricsWithoutBackup.length > 0 ? <MissingBackupAlert coverage={coverage} /> : null}
      {coverage.objectivesWithoutRubric.length > 0 ? <ObjectivesWithoutRubric coverage={coverage} /> : null}
      <VarietyFigures variety={coverage.variety} names={names} />
      {coverage.channels.length > 0 ? <ChannelCharts coverage={coverage} names={names} /> : null}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <OpenSoon coverage={coverage} names={names} timeZone={timeZone} />
        <EventsAhead coverage={coverage} />
      </SimpleGrid>
    </Stack>
  );
}
