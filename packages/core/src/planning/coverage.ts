// The coverage board of the animation plan: how far ahead each channel is planned, posts per week against the
// target, variety of themes and content types (share of the top one and Shannon entropy, in bits), open slots in
// the next 14 days and rubrics with nobody to step in ("backup"). Weeks are local calendar weeks from today.
import { daysBetween, localDateAt } from './local-dates.js';
import { slotStatus, type PlanSlot } from './plan-slots.js';
import type { Rubric } from './rubrics.js';

export const SOON_DAYS = 14;

export interface ChannelCoverage {
  channelId: string;
  /** Consecutive weeks from this one with at least one planned (open or filled) slot. */
  weeksCovered: number;
  /** Planned slots in each of the board's weeks. */
  perWeek: number[];
  averagePerWeek: number;
  /** Posts a week the team aims at on this channel, null when none is set. */
  target: number | null;
}

export interface VarietyShare {
  /** The top theme or content type (null: slots without one), with its share of the planned slots. */
  id: string | null;
  share: number;
}

export interface Variety {
  /** Planned slots counted (open or filled, in the board's weeks). */
  slots: number;
  topTheme: VarietyShare | null;
  themeEntropy: number;
  topContentType: VarietyShare | null;
  contentTypeEntropy: number;
}

export interface Coverage {
  weeks: number;
  channels: ChannelCoverage[];
  variety: Variety;
  /** Open slots (no post) from now to 14 days ahead, in time order. */
  openSoon: PlanSlot[];
  rubricsWithoutBackup: Array<Pick<Rubric, 'id' | 'name'>>;
  /** Open slots in the board's weeks whose rubric has no backup owner. */
  openSlotsWithoutBackup: number;
}

/** Shannon entropy in bits of the counts (0 when one value takes everything). */
export function shannonEntropy(counts: number[]): number {
  const total = counts.reduce((sum, n) => sum + n, 0);
  if (total === 0) return 0;
  return counts.reduce((h, n) => (n === 0 ? h : h - (n / total) * Math.log2(n / total)), 0);
}

function shareOf(values: Array<string | null>): { top: VarietyShare | null; entropy: number } {
  const counts = new Map<string | null, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let top: VarietyShare | null = null;
  for (const [id, n] of [...counts].sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''))) {
    if (!top || n / values.length > top.share) top = { id, share: n / values.length };
  }
  return { top, entropy: shannonEntropy([...counts.values()]) };
}

function channelCoverage(
  channelId: string,
  planned: PlanSlot[],
  weekOf: (slot: PlanSlot) => number,
  weeks: number,
  target: number | null,
): ChannelCoverage {
  const perWeek = Array.from({ length: weeks }, () => 0);
  for (const slot of planned) if (slot.channelId === channelId) perWeek[weekOf(slot)]! += 1;
  const uncovered = perWeek.findIndex((n) => n === 0);
  return {
    channelId,
    weeksCovered: uncovered === -1 ? weeks : uncovered,
    perWeek,
    averagePerWeek: perWeek.reduce((sum, n) => sum + n, 0) / weeks,
    target,
  };
}

export function computeCoverage(input: {
  now: number;
  timeZone: string;
  weeks: number;
  channelIds: string[];
  rubrics: Rubric[];
  slots: PlanSlot[];
  /** Posts a week aimed at, by channel id. */
  targets: Record<string, number>;
}): Coverage {
  const today = localDateAt(input.now, input.timeZone);
  const weekOf = (slot: PlanSlot) => Math.floor(daysBetween(today, slot.localDate) / 7);
  const inBoard = input.slots.filter((s) => s.at > input.now && weekOf(s) >= 0 && weekOf(s) < input.weeks);
  const planned = inBoard.filter((s) => slotStatus(s) !== 'skipped');
  const themes = shareOf(planned.map((s) => s.themeId));
  const types = shareOf(planned.map((s) => s.contentTypeId));
  const withoutBackup = input.rubrics.filter((r) => r.backupOwnerId === null);
  const noBackup = new Set(withoutBackup.map((r) => r.id));
  const soonUntil = input.now + SOON_DAYS * 86_400_000;
  return {
    weeks: input.weeks,
    channels: input.channelIds.map((id) =>
      channelCoverage(id, planned, weekOf, input.weeks, input.targets[id] ?? null),
    ),
    variety: {
      slots: planned.length,
      topTheme: themes.top,
      themeEntropy: themes.entropy,
      topContentType: types.top,
      contentTypeEntropy: types.entropy,
    },
    openSoon: planned.filter((s) => slotStatus(s) === 'open' && s.at <= soonUntil).sort((a, b) => a.at - b.at),
    rubricsWithoutBackup: withoutBackup.map(({ id, name }) => ({ id, name })),
    openSlotsWithoutBackup: planned.filter(
      (s) => slotStatus(s) === 'open' && s.rubricId !== null && noBackup.has(s.rubricId),
    ).length,
  };
}
