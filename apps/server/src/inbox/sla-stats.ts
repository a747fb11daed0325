// Service levels measured: when an item got its first response and when it was done (recorded as people move it,
// in the transaction of their change), and the figures over a period — median and 90th percentile of first
// response and resolution in business minutes per member, network and label, targets missed, the items overdue
// now, and a day-by-day series for the chart. Items a rule closed at ingest (spam) are left out of the figures.
import {
  createBusinessClock,
  isOverdue,
  localDateAt,
  measureSla,
  summariseSla,
  type InboxItem,
  type Repositories,
  type SlaSample,
  type SlaSummary,
} from '@rostra/core';
import type { Store } from '@rostra/store';
import { readServiceLevels } from './triage.js';

/**
 * First response: the first time a person moves an item to `waiting` (answered, now on the author) or `done`;
 * resolution: its move to `done` (reopening clears it). Replies sent through Rostra will set the first response too.
 */
export async function recordStatusTimes(repos: Repositories, before: InboxItem, after: InboxItem, at: number) {
  if (before.status === after.status) return;
  const times = await repos.inboxAutomation.getItemTimes(after.workspaceId, after.id);
  const answered = after.status === 'waiting' || after.status === 'done';
  await repos.inboxAutomation.setItemTimes(after.workspaceId, after.id, {
    ...(answered && !times?.firstResponseAt ? { firstResponseAt: at } : {}),
    ...(after.status === 'done' ? { resolvedAt: at, autoResolved: false } : {}),
    ...(before.status === 'done' ? { resolvedAt: null, autoResolved: false } : {}),
  });
}

export const STATS_DIMENSIONS = ['member', 'network', 'label'] as const;
export type StatsDimension = (typeof STATS_DIMENSIONS)[number];

export interface InboxStats {
  from: number;
  to: number;
  timeZone: string;
  targets: { firstResponseMinutes: number; resolutionMinutes: number };
  /** Items of the period still waiting for an answer or to be done after their due time. */
  overdue: number;
  overall: Omit<SlaSummary, 'key'>;
  /** `key` is a member id (or `none`), a network, a label. */
  groups: Array<SlaSummary & { dimension: StatsDimension }>;
  days: Array<{
    date: string;
    count: number;
    firstResponseMedian: number | null;
    resolutionMedian: number | null;
    missed: number;
  }>;
}

const EMPTY_FIGURES = { measured: 0, median: null, p90: null, missed: 0 };

export async function computeInboxStats(
  store: Store,
  workspaceId: string,
  period: { from: number; to: number },
  now: number,
): Promise<InboxStats> {
  const levels = await readServiceLevels(store, workspaceId);
  const clock = createBusinessClock(levels);
  const rows = (await store.inboxAutomation.listSlaRows(workspaceId, period.from, period.to)).filter(
    (row) => !row.autoResolved,
  );
  const samples: Array<SlaSample & { date: string }> = rows.map((row) => ({
    date: localDateAt(row.receivedAt, levels.timeZone),
    keys: [
      'all',
      `member:${row.assigneeId ?? 'none'}`,
      `network:${row.network}`,
      ...row.labels.map((label) => `label:${label}`),
    ],
    status: measureSla(clock, row, now),
  }));
  const summaries = summariseSla(samples);
  const overall = summaries.find((s) => s.key === 'all');
  const groups = summaries.flatMap((summary) => {
    const at = summary.key.indexOf(':');
    const dimension = summary.key.slice(0, at) as StatsDimension;
    return STATS_DIMENSIONS.includes(dimension) ? [{ ...summary, dimension, key: summary.key.slice(at + 1) }] : [];
  });
  const byDay = new Map<string, SlaSample[]>();
  for (const sample of samples)
    byDay.set(sample.date, [...(byDay.get(sample.date) ?? []), { keys: ['all'], status: sample.status }]);
  const days = [...byDay.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([date, daySamples]) => {
      const [summary] = summariseSla(daySamples) as [SlaSummary];
      return {
        date,
        count: summary.count,
        firstResponseMedian: summary.firstResponse.median,
        resolutionMedian: summary.resolution.median,
        missed: summary.firstResponse.missed,
      };
    });
  return {
    ...period,
    timeZone: levels.timeZone,
    targets: { firstResponseMinutes: levels.firstResponseMinutes, resolutionMinutes: levels.resolutionMinutes },
    overdue: rows.filter((row) => isOverdue(clock, row, now)).length,
    overall: overall
      ? { count: overall.count, firstResponse: overall.firstResponse, resolution: overall.resolution }
      : { count: 0, firstResponse: EMPTY_FIGURES, resolution: EMPTY_FIGURES },
    groups,
    days,
  };
}
