// The measured KPIs of the strategy's objectives, read from Rostra's own data: listening's mentions (count, share
// of voice brand vs competitors, positive/negative share) and publishing's posts a week. A KPI Rostra does not
// measure yet gives `undefined`, which the progress shows as "not measured yet".
import {
  computeProgress,
  isMeasured,
  KPI_WINDOW_DAYS,
  kpiValue,
  localDateAt,
  localInstant,
  type KpiCounts,
  type MentionFilters,
  type Objective,
  type ObjectiveProgress,
} from '@rostra/core';
import type { Store } from '@rostra/store';

const DAY = 86_400_000;

interface Window {
  from: number;
  to: number;
}

/** Mentions of the objective's topic, else of every brand topic (the organisation's own voice). */
function scopeOf(objective: Objective): MentionFilters {
  return objective.topicId ? { topicId: objective.topicId } : { group: 'brand' };
}

async function countMentions(store: Store, workspaceId: string, filters: MentionFilters): Promise<number> {
  const rows = await store.listening.countSentimentByBucket(workspaceId, filters, Number.MAX_SAFE_INTEGER);
  return rows.reduce((sum, row) => sum + row.count, 0);
}

async function countsFor(store: Store, objective: Objective, window: Window): Promise<KpiCounts | undefined> {
  const ws = objective.workspaceId;
  const range = { from: window.from, to: window.to };
  switch (objective.kpi) {
    case 'mentions_count':
      return { kpi: objective.kpi, mentions: await countMentions(store, ws, { ...scopeOf(objective), ...range }) };
    case 'share_of_voice':
      return {
        kpi: objective.kpi,
        brand: await countMentions(store, ws, { group: 'brand', ...range }),
        competitors: await countMentions(store, ws, { group: 'competitor', ...range }),
        competitorTopics: (await store.listening.listTopics(ws)).filter((t) => t.group === 'competitor').length,
      };
    case 'positive_share':
    case 'negative_share': {
      const filters = { ...scopeOf(objective), ...range };
      const total = await countMentions(store, ws, filters);
      const sentiment = objective.kpi === 'positive_share' ? 'positive' : 'negative';
      return { kpi: objective.kpi, total, matching: await countMentions(store, ws, { ...filters, sentiment }) };
    }
    case 'posts_per_week': {
      const posts = await store.posts.list({
        workspaceId: ws,
        from: window.from,
        to: window.to,
        status: 'published',
        channelId: objective.channelId ?? undefined,
        limit: 100_000,
      });
      return { kpi: objective.kpi, published: posts.length, weeks: (window.to - window.from) / (7 * DAY) };
    }
    default:
      return undefined;
  }
}

/** The KPI over the window; undefined when Rostra does not measure it. */
export async function measureKpi(
  store: Store,
  objective: Objective,
  window: Window,
): Promise<number | null | undefined> {
  if (!isMeasured(objective.kpi)) return undefined;
  const counts = await countsFor(store, objective, window);
  return counts ? kpiValue(counts) : undefined;
}

/** Each objective's progress now: the last window against the declared baseline, else the window before its start. */
export async function measureProgress(
  store: Store,
  objectives: Objective[],
  timeZone: string,
  now: number,
): Promise<Map<string, ObjectiveProgress>> {
  const span = KPI_WINDOW_DAYS * DAY;
  const today = localDateAt(now, timeZone);
  const result = new Map<string, ObjectiveProgress>();
  for (const objective of objectives) {
    const current = await measureKpi(store, objective, { from: now - span, to: now });
    const start = localInstant(objective.startDate, '00:00', timeZone);
    const measuredBaseline =
      objective.baseline === null && start <= now && current !== undefined
        ? await measureKpi(store, objective, { from: start - span, to: start })
        : undefined;
    result.set(objective.id, computeProgress({ objective, current, measuredBaseline, today }));
  }
  return result;
}
