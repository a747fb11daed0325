// How far an objective has come: its KPI's value now against its baseline and target, and against the time gone
// from its start to its deadline. Only measured KPIs have a progress; the others say so.
import { daysBetween, type LocalDate } from '../planning/local-dates.js';
import { kpiDefinition } from './kpis.js';
import type { Objective } from './types.js';

export const PROGRESS_STATUSES = ['not_measured', 'no_data', 'reached', 'on_track', 'behind'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];

export interface ObjectiveProgress {
  status: ProgressStatus;
  /** The KPI's value over the last window; null when not measured or nothing to measure yet. */
  current: number | null;
  /** The baseline used: the declared one, else the one measured before the start. */
  baseline: number | null;
  baselineSource: 'declared' | 'measured' | null;
  /** Share of the way from baseline to target, 0–1 (past the target: 1); null without a current value. */
  progress: number | null;
  /** Share of the time from start to deadline already gone, 0–1. */
  elapsed: number;
}

export interface ProgressInput {
  objective: Pick<Objective, 'kpi' | 'baseline' | 'target' | 'startDate' | 'deadline'>;
  /** The KPI over the last window (kpiValue); undefined for a KPI Rostra does not measure. */
  current: number | null | undefined;
  /** The KPI over the window before the start, used when no baseline was declared. */
  measuredBaseline: number | null | undefined;
  today: LocalDate;
}

function elapsedShare(startDate: LocalDate, deadline: LocalDate, today: LocalDate): number {
  const span = daysBetween(startDate, deadline);
  if (span <= 0) return today >= deadline ? 1 : 0;
  return Math.min(1, Math.max(0, daysBetween(startDate, today) / span));
}

/** Shares kept to six decimals, so 0.3 between 0.2 and 0.4 is half way, not 0.4999…. */
function roundShare(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/** Progress of one objective; pure, so the page, the API, the CLI and the PDF say the same. */
export function computeProgress({ objective, current, measuredBaseline, today }: ProgressInput): ObjectiveProgress {
  const elapsed = elapsedShare(objective.startDate, objective.deadline, today);
  const declared = objective.baseline;
  const baseline = declared ?? measuredBaseline ?? null;
  const baselineSource = declared !== null ? 'declared' : baseline !== null ? 'measured' : null;
  if (current === undefined || kpiDefinition(objective.kpi).source === null) {
    return {
      status: 'not_measured',
      current: null,
      baseline: declared,
      baselineSource: declared === null ? null : 'declared',
      progress: null,
      elapsed,
    };
  }
  if (current === null) return { status: 'no_data', current, baseline, baselineSource, progress: null, elapsed };
  const up = kpiDefinition(objective.kpi).direction === 'up';
  const reached = up ? current >= objective.target : current <= objective.target;
  const from = baseline ?? (up ? 0 : current);
  const way = objective.target - from;
  const progress = reached ? 1 : way === 0 ? 0 : roundShare(Math.min(1, Math.max(0, (current - from) / way)));
  const status: ProgressStatus = reached ? 'reached' : progress >= elapsed ? 'on_track' : 'behind';
  return { status, current, baseline, baselineSource, progress, elapsed };
}
