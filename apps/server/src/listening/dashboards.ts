// The listening dashboards, computed from the store's sums: volume per topic and sentiment over time (buckets in
// the workspace's time zone), top sources and authors, trending terms against the previous window, share of voice.
import {
  computeShareOfVoice,
  findTrending,
  localBucketOrigin,
  type BucketSize,
  type MentionFilters,
  type Topic,
} from '@rostra/core';
import type { Store } from '@rostra/store';
import { toIso } from '../http/schemas.js';

const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
const BUCKETS = { hour: HOUR, day: DAY, week: 7 * DAY } as const;
/** Texts read per window for trends: the latest ones when a window has more. */
const TREND_SAMPLE = 5000;

export interface DashboardAsk {
  workspaceId: string;
  /** The stream's filters, with the period made explicit. */
  filters: MentionFilters & { from: number; to: number };
  bucket: BucketSize;
  limit: number;
}

export type Dashboards = ReturnType<typeof createDashboards>;

export function createDashboards(store: Store) {
  /** Days start at midnight and weeks on Monday in the workspace's time zone. */
  async function originFor(workspaceId: string, bucket: BucketSize, at: number): Promise<number> {
    const workspace = await store.accounts.getWorkspace(workspaceId);
    return localBucketOrigin(workspace?.timezone ?? 'UTC', bucket, at);
  }

  return {
    async volume({ workspaceId, filters, bucket }: DashboardAsk) {
      const origin = await originFor(workspaceId, bucket, filters.to);
      const rows = await store.listening.countByBucket(workspaceId, filters, BUCKETS[bucket], origin);
      const series = new Map<string, Array<{ at: string; count: number }>>();
      for (const row of rows) {
        series.set(row.topicId, [...(series.get(row.topicId) ?? []), { at: toIso(row.bucket), count: row.count }]);
      }
      return {
        bucket,
        origin: toIso(origin),
        series: [...series].map(([topicId, points]) => ({ topicId, points })),
      };
    },

    async sentiment({ workspaceId, filters, bucket }: DashboardAsk) {
      const origin = await originFor(workspaceId, bucket, filters.to);
      const rows = await store.listening.countSentimentByBucket(workspaceId, filters, BUCKETS[bucket], origin);
      const points = new Map<number, { negative: number; neutral: number; positive: number }>();
      for (const row of rows) {
        const point = points.get(row.bucket) ?? { negative: 0, neutral: 0, positive: 0 };
        point[row.sentiment] += row.count;
        points.set(row.bucket, point);
      }
      return {
        bucket,
        origin: toIso(origin),
        points: [...points].map(([at, p]) => {
          const total = p.negative + p.neutral + p.positive;
          return {
            at: toIso(at),
            ...p,
            total,
            negativeShare: total ? p.negative / total : 0,
            positiveShare: total ? p.positive / total : 0,
          };
        }),
      };
    },

    async top({ workspaceId, filters, limit }: DashboardAsk) {
      return {
        sources: await store.listening.topSources(workspaceId, filters, limit),
        authors: await store.listening.topAuthors(workspaceId, filters, limit),
      };
    },

    async trending({ workspaceId, filters, limit }: DashboardAsk) {
      const { from, to } = filters;
      const current = await store.listening.listTexts(workspaceId, filters, TREND_SAMPLE);
      const previous = await store.listening.listTexts(
        workspaceId,
        { ...filters, from: from - (to - from), to: from },
        TREND_SAMPLE,
      );
      return findTrending({ current, previous, limit });
    },

    async shareOfVoice({ workspaceId, filters }: DashboardAsk) {
      const topics = await store.listening.listTopics(workspaceId);
      const counts = new Map((await store.listening.countByTopic(workspaceId, filters)).map((c) => [c.topicId, c]));
      const shares = computeShareOfVoice(
        topics.map((t) => ({
          topicId: t.id,
          group: t.group,
          mentions: counts.get(t.id)?.mentions ?? 0,
          reach: counts.get(t.id)?.reach ?? 0,
        })),
      );
      const byId = new Map(topics.map((t) => [t.id, t]));
      return {
        items: shares.map((s) => {
          const topic = byId.get(s.topicId) as Topic;
          return { ...s, name: topic.name, group: topic.group, color: topic.color };
        }),
      };
    },
  };
}
