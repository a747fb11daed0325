// The catalogue of what an objective can be measured by. Each KPI says where Rostra measures it; one that Rostra
// does not measure yet (no analytics, no inbox) is in the catalogue so the team can name it, and its progress reads
// "not measured yet" — never a number typed by hand pretending to be measured.
export const KPI_IDS = [
  'mentions_count',
  'share_of_voice',
  'positive_share',
  'negative_share',
  'posts_per_week',
  'followers',
  'engagement_rate',
  'response_time',
  'clicks',
  'conversions',
] as const;
export type KpiId = (typeof KPI_IDS)[number];

/** Where the figure comes from; `null` when Rostra does not measure it yet. */
export type KpiSource = 'listening' | 'publishing' | null;

export type KpiUnit = 'count' | 'share' | 'per_week' | 'hours';

export interface KpiDefinition {
  id: KpiId;
  source: KpiSource;
  unit: KpiUnit;
  /** `down`: lower is better (negative share, response time). */
  direction: 'up' | 'down';
  /** Whether the objective may name a listening topic / a channel to narrow the measure. */
  scope: 'topic' | 'channel' | 'none';
}

export const KPI_CATALOGUE: readonly KpiDefinition[] = [
  { id: 'mentions_count', source: 'listening', unit: 'count', direction: 'up', scope: 'topic' },
  { id: 'share_of_voice', source: 'listening', unit: 'share', direction: 'up', scope: 'none' },
  { id: 'positive_share', source: 'listening', unit: 'share', direction: 'up', scope: 'topic' },
  { id: 'negative_share', source: 'listening', unit: 'share', direction: 'down', scope: 'topic' },
  { id: 'posts_per_week', source: 'publishing', unit: 'per_week', direction: 'up', scope: 'channel' },
  { id: 'followers', source: null, unit: 'count', direction: 'up', scope: 'channel' },
  { id: 'engagement_rate', source: null, unit: 'share', direction: 'up', scope: 'channel' },
  { id: 'response_time', source: null, unit: 'hours', direction: 'down', scope: 'none' },
  { id: 'clicks', source: null, unit: 'count', direction: 'up', scope: 'none' },
  { id: 'conversions', source: null, unit: 'count', direction: 'up', scope: 'none' },
];

export function kpiDefinition(id: KpiId): KpiDefinition {
  const found = KPI_CATALOGUE.find((k) => k.id === id);
  if (!found) throw new Error(`Unknown KPI ${id}`);
  return found;
}

export function isMeasured(id: KpiId): boolean {
  return kpiDefinition(id).source !== null;
}

/** Every measured KPI is read over this window ending now (mentions in 30 days, posts a week over 4 weeks). */
export const KPI_WINDOW_DAYS = 28;

/** The raw counts of one window a measured KPI is computed from. */
export type KpiCounts =
  | { kpi: 'mentions_count'; mentions: number }
  /** `competitorTopics`: without a competitor followed, there is no voice to share. */
  | { kpi: 'share_of_voice'; brand: number; competitors: number; competitorTopics: number }
  | { kpi: 'positive_share' | 'negative_share'; matching: number; total: number }
  | { kpi: 'posts_per_week'; published: number; weeks: number };

/** The KPI's value from its counts; null when there is nothing to divide (no mention at all in the window). */
export function kpiValue(counts: KpiCounts): number | null {
  switch (counts.kpi) {
    case 'mentions_count':
      return counts.mentions;
    case 'share_of_voice': {
      const total = counts.brand + counts.competitors;
      return total > 0 && counts.competitorTopics > 0 ? counts.brand / total : null;
    }
    case 'positive_share':
    case 'negative_share':
      return counts.total > 0 ? counts.matching / counts.total : null;
    case 'posts_per_week':
      return counts.weeks > 0 ? counts.published / counts.weeks : null;
  }
}
