// Chart options of the listening dashboard, built from the API's figures by pure functions (tested without a
// browser): empty buckets filled with zeros so a quiet day reads as zero rather than a line across the gap,
// dates labelled in the UI language, shares as percentages.
import type { DashboardBucket, SentimentPoint, Topic, TopicGroup, VolumeDashboard, VoiceShare } from '../../api/types';
import type { ChartOption } from '../../ui/chart';
import { html } from '../../ui/escape-html';

export const PERIODS = ['24h', '7d', '30d'] as const;
export type Period = (typeof PERIODS)[number];

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BUCKET_MS: Record<DashboardBucket, number> = { hour: HOUR, day: DAY, week: 7 * DAY };

/** The window and bucket a period asks for: hours for a day, days beyond. */
export function describePeriod(period: Period, now: number): { from: number; to: number; bucket: DashboardBucket } {
  const span = period === '24h' ? DAY : period === '7d' ? 7 * DAY : 30 * DAY;
  return { from: now - span, to: now, bucket: period === '24h' ? 'hour' : 'day' };
}

/**
 * Every bucket start of the window, oldest first. The server counts buckets from `origin` (midnight, or
 * Monday, in the workspace's time zone: `origin + floor((t − origin) / size) × size`), so the same arithmetic
 * lines the filled buckets up with its own.
 */
export function listBuckets(from: number, to: number, bucket: DashboardBucket, origin = 0): number[] {
  const size = BUCKET_MS[bucket];
  const starts: number[] = [];
  for (let at = origin + Math.floor((from - origin) / size) * size; at < to; at += size) starts.push(at);
  return starts;
}

export function formatBucket(at: number, bucket: DashboardBucket, locale: string): string {
  return new Intl.DateTimeFormat(
    locale,
    bucket === 'hour' ? { weekday: 'short', hour: '2-digit', minute: '2-digit' } : { day: 'numeric', month: 'short' },
  ).format(new Date(at));
}

const SENTIMENT_COLORS = { negative: '#fa5252', neutral: '#adb5bd', positive: '#12b886' } as const;

export interface SentimentLabels {
  negative: string;
  neutral: string;
  positive: string;
}

/** Volume per topic over time, stacked areas; only the topics given (the group filter) are drawn. */
export function buildVolumeOption(data: VolumeDashboard, topics: readonly Topic[], locale: string): ChartOption {
  const buckets = listBuckets(Date.parse(data.from), Date.parse(data.to), data.bucket, Date.parse(data.origin));
  const byTopic = new Map(
    data.series.map((s) => [s.topicId, new Map(s.points.map((p) => [Date.parse(p.at), p.count]))]),
  );
  return {
    tooltip: { trigger: 'axis' },
    legend: { type: 'scroll', top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 28 },
    xAxis: { type: 'category', boundaryGap: false, data: buckets.map((at) => formatBucket(at, data.bucket, locale)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: topics.map((topic) => ({
      type: 'line',
      name: topic.name,
      stack: 'volume',
      areaStyle: { opacity: 0.35 },
      showSymbol: false,
      color: topic.color,
      emphasis: { focus: 'series' },
      data: buckets.map((at) => byTopic.get(topic.id)?.get(at) ?? 0),
    })),
  };
}

/** Share of each sentiment per bucket, stacked to 100 %; an empty bucket stays empty rather than 0/0. */
export function buildSentimentOption(
  points: readonly SentimentPoint[],
  period: { from: string; to: string; bucket: DashboardBucket; origin: string },
  labels: SentimentLabels,
  locale: string,
): ChartOption {
  const buckets = listBuckets(Date.parse(period.from), Date.parse(period.to), period.bucket, Date.parse(period.origin));
  const byBucket = new Map(points.map((p) => [Date.parse(p.at), p]));
  const share = (at: number, key: keyof SentimentLabels) => {
    const point = byBucket.get(at);
    return point && point.total > 0 ? Math.round((point[key] / point.total) * 1000) / 10 : null;
  };
  const filled = buckets.filter((at) => (byBucket.get(at)?.total ?? 0) > 0).length;
  return {
    tooltip: { trigger: 'axis', valueFormatter: (value) => (value === null ? '—' : `${String(value)} %`) },
    legend: { top: 0 },
    grid: { left: 44, right: 16, top: 36, bottom: 28 },
    xAxis: {
      type: 'category',
      boundaryGap: false,
      data: buckets.map((at) => formatBucket(at, period.bucket, locale)),
    },
    yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
    series: (['negative', 'neutral', 'positive'] as const).map((key) => ({
      type: 'line',
      name: labels[key],
      stack: 'share',
      areaStyle: { opacity: 0.6 },
      // Quiet buckets have no share: join the buckets around them, and mark the points when there are too
      // few to draw an area (a single day of mentions).
      connectNulls: true,
      showSymbol: filled < 2,
      symbolSize: 8,
      color: SENTIMENT_COLORS[key],
      data: buckets.map((at) => share(at, key)),
    })),
  };
}

/** A horizontal bar chart, biggest on top. */
export function buildBarOption(rows: readonly { label: string; value: number }[], color = '#1c7ed6'): ChartOption {
  const ordered = [...rows].reverse();
  return {
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      data: ordered.map((r) => r.label),
      axisLabel: { width: 160, overflow: 'truncate' },
    },
    series: [{ type: 'bar', color, data: ordered.map((r) => r.value), barMaxWidth: 18 }],
  };
}

/** The voices to draw: brand and competitors, or one group when the dashboard is filtered on it. */
export function pickVoices(items: readonly VoiceShare[], group: TopicGroup | null): VoiceShare[] {
  return items.filter((item) => group === null || item.group === group);
}

export function hasReach(items: readonly VoiceShare[]): boolean {
  return items.some((item) => item.reach > 0);
}

/** A donut of each voice's mentions or reach, in the topics' own colours. */
export function buildShareOption(items: readonly VoiceShare[], by: 'mentions' | 'reach', locale: string): ChartOption {
  const format = new Intl.NumberFormat(locale);
  return {
    tooltip: {
      trigger: 'item',
      formatter: (params) => {
        // ECharts renders a formatter's string as HTML, and topic names are typed by members.
        const p = params as { name: string; value: number; percent: number };
        return html`${p.name} : ${format.format(p.value)} (${p.percent} %)`;
      },
    },
    legend: { bottom: 0, type: 'scroll' },
    series: [
      {
        type: 'pie',
        radius: ['45%', '70%'],
        center: ['50%', '45%'],
        label: { formatter: '{d} %' },
        data: items.map((item) => ({
          name: item.name,
          value: by === 'mentions' ? item.mentions : item.reach,
          itemStyle: { color: item.color },
        })),
      },
    ],
  };
}
