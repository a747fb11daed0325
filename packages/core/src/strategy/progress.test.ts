// Objective progress, table-driven: measured KPIs against declared or measured baselines, up and down KPIs, time
// elapsed, and KPIs Rostra does not measure (never a number).
import { describe, expect, it } from 'vitest';
import { computeProgress, type ProgressInput } from './progress.js';
import { kpiValue, KPI_CATALOGUE } from './kpis.js';

const base = { startDate: '2026-01-01', deadline: '2026-12-31' };
const cases: Array<[string, ProgressInput, Record<string, unknown>]> = [
  [
    'share of voice half way, a quarter of the year gone: on track',
    {
      objective: { ...base, kpi: 'share_of_voice', baseline: 0.2, target: 0.4 },
      current: 0.3,
      measuredBaseline: undefined,
      today: '2026-04-01',
    },
    { status: 'on_track', progress: 0.5, baselineSource: 'declared' },
  ],
  [
    'mentions behind: a tenth of the way, most of the year gone',
    {
      objective: { ...base, kpi: 'mentions_count', baseline: null, target: 110 },
      current: 20,
      measuredBaseline: 10,
      today: '2026-10-01',
    },
    { status: 'behind', progress: 0.1, baseline: 10, baselineSource: 'measured' },
  ],
  [
    'negative share going down reaches its target',
    {
      objective: { ...base, kpi: 'negative_share', baseline: 0.3, target: 0.1 },
      current: 0.08,
      measuredBaseline: undefined,
      today: '2026-03-01',
    },
    { status: 'reached', progress: 1 },
  ],
  [
    'negative share down part of the way',
    {
      objective: { ...base, kpi: 'negative_share', baseline: 0.3, target: 0.1 },
      current: 0.2,
      measuredBaseline: undefined,
      today: '2026-01-01',
    },
    { status: 'on_track', progress: 0.5, elapsed: 0 },
  ],
  [
    'a measured KPI with nothing to divide yet',
    {
      objective: { ...base, kpi: 'share_of_voice', baseline: null, target: 0.5 },
      current: null,
      measuredBaseline: null,
      today: '2026-06-01',
    },
    { status: 'no_data', current: null, progress: null, baselineSource: null },
  ],
  [
    'followers: not measured, the declared baseline shown as declared',
    {
      objective: { ...base, kpi: 'followers', baseline: 1200, target: 1500 },
      current: undefined,
      measuredBaseline: undefined,
      today: '2026-06-01',
    },
    { status: 'not_measured', current: null, progress: null, baseline: 1200, baselineSource: 'declared' },
  ],
  [
    'past the deadline, all the time gone',
    {
      objective: { ...base, kpi: 'posts_per_week', baseline: 1, target: 3 },
      current: 2,
      measuredBaseline: undefined,
      today: '2027-02-01',
    },
    { status: 'behind', elapsed: 1, progress: 0.5 },
  ],
];

describe('computeProgress', () => {
  it.each(cases)('%s', (_name, input, expected) => {
    expect(computeProgress(input)).toMatchObject(expected);
  });

  it('gives a number only for KPIs Rostra measures', () => {
    for (const kpi of KPI_CATALOGUE.filter((k) => k.source === null)) {
      const result = computeProgress({
        objective: { ...base, kpi: kpi.id, baseline: null, target: 10 },
        current: 5,
        measuredBaseline: 1,
        today: '2026-06-01',
      });
      expect(result).toMatchObject({ status: 'not_measured', current: null, progress: null });
    }
  });
});

describe('kpiValue', () => {
  it.each([
    [{ kpi: 'share_of_voice', brand: 1, competitors: 3, competitorTopics: 1 } as const, 0.25],
    [{ kpi: 'share_of_voice', brand: 0, competitors: 0, competitorTopics: 1 } as const, null],
    [{ kpi: 'share_of_voice', brand: 5, competitors: 0, competitorTopics: 0 } as const, null],
    [{ kpi: 'negative_share', matching: 2, total: 8 } as const, 0.25],
    [{ kpi: 'positive_share', matching: 0, total: 0 } as const, null],
    [{ kpi: 'posts_per_week', published: 10, weeks: 4 } as const, 2.5],
    [{ kpi: 'mentions_count', mentions: 7 } as const, 7],
  ])('%o → %s', (counts, expected) => {
    expect(kpiValue(counts)).toBe(expected);
  });
});
