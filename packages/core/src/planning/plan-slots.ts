// The planned slots of the animation plan: what the rubrics ask for over the next weeks, and how a regeneration
// turns the slots already stored into those. Regenerating is idempotent and never loses a post: a slot with a
// post stays (flagged "hors rubrique" when no rubric asks for it any more); only empty slots move or go.
import { holidayCalendar, type HolidayKey, type HolidayRegion } from './holidays.js';
import { addDays, localDateAt, localInstant, type LocalDate } from './local-dates.js';
import { rubricDates, type Rubric } from './rubrics.js';

export const PLAN_SLOT_STATUSES = ['open', 'filled', 'skipped'] as const;
export type PlanSlotStatus = (typeof PLAN_SLOT_STATUSES)[number];

export const DEFAULT_PLAN_WEEKS = 8;
export const MIN_PLAN_WEEKS = 1;
export const MAX_PLAN_WEEKS = 26;

/** What a slot is, as the rubrics produce it. */
export interface WantedSlot {
  rubricId: string;
  channelId: string;
  localDate: LocalDate;
  localTime: string;
  at: number;
  holiday: HolidayKey | null;
  /** On a holiday, unless the rubric keeps its holidays. */
  skipped: boolean;
  themeId: string | null;
  contentTypeId: string | null;
}

export interface PlanSlot extends Omit<WantedSlot, 'rubricId'> {
  id: string;
  workspaceId: string;
  /** null once its rubric is deleted. */
  rubricId: string | null;
  postId: string | null;
  /** No rubric asks for it any more; kept because a post is attached. */
  offRubric: boolean;
  createdAt: number;
}

/** filled when a post is attached (whatever else), else skipped or open. */
export function slotStatus(slot: Pick<PlanSlot, 'postId' | 'skipped'>): PlanSlotStatus {
  if (slot.postId !== null) return 'filled';
  return slot.skipped ? 'skipped' : 'open';
}

export interface PlanWindow {
  /** Slots strictly after this instant are generated and reconciled; earlier ones are history. */
  from: number;
  /** Local date the window ends on (excluded). */
  until: LocalDate;
}

/** The window of `weeks` weeks from `now`: today (local) plus 7 × weeks days. */
export function planWindow(now: number, weeks: number, timeZone: string): PlanWindow {
  return { from: now, until: addDays(localDateAt(now, timeZone), weeks * 7) };
}

/** Every slot the rubrics produce in the window, in time order. */
export function wantedSlots(
  rubrics: Rubric[],
  options: { window: PlanWindow; timeZone: string; region: HolidayRegion },
): WantedSlot[] {
  const holidayOn = holidayCalendar(options.region);
  const today = localDateAt(options.window.from, options.timeZone);
  const slots: WantedSlot[] = [];
  for (const rubric of rubrics) {
    for (const localDate of rubricDates(rubric.period, today, options.window.until)) {
      const at = localInstant(localDate, rubric.time, options.timeZone);
      if (at <= options.window.from) continue;
      const holiday = holidayOn(localDate);
      for (const channelId of rubric.channelIds) {
        slots.push({
          rubricId: rubric.id,
          channelId,
          localDate,
          localTime: rubric.time,
          at,
          holiday,
          skipped: holiday !== null && !rubric.keepOnHolidays,
          themeId: rubric.themeId,
          contentTypeId: rubric.contentTypeId,
        });
      }
    }
  }
  return slots.sort((a, b) => a.at - b.at || a.channelId.localeCompare(b.channelId));
}

/** One slot per rubric, channel and day: a changed time moves the empty slot instead of adding one. */
export function slotKey(slot: { rubricId: string | null; channelId: string; localDate: LocalDate }): string {
  return `${slot.rubricId ?? ''}|${slot.channelId}|${slot.localDate}`;
}

export type SlotPatch = Partial<
  Pick<PlanSlot, 'localTime' | 'at' | 'holiday' | 'skipped' | 'themeId' | 'contentTypeId' | 'offRubric'>
>;

export interface PlanChanges {
  create: WantedSlot[];
  update: Array<{ id: string; patch: SlotPatch }>;
  remove: string[];
}

function patchFor(slot: PlanSlot, wanted: WantedSlot | undefined): SlotPatch | null {
  const patch: SlotPatch = {};
  if (!wanted) {
    if (!slot.offRubric) patch.offRubric = true;
  } else {
    if (slot.offRubric) patch.offRubric = false;
    // A filled slot keeps its time: the post carries its own schedule.
    const next: SlotPatch =
      slot.postId === null
        ? { localTime: wanted.localTime, at: wanted.at, holiday: wanted.holiday, skipped: wanted.skipped }
        : { holiday: wanted.holiday };
    Object.assign(next, { themeId: wanted.themeId, contentTypeId: wanted.contentTypeId });
    for (const [field, value] of Object.entries(next) as Array<[keyof SlotPatch, unknown]>) {
      if (slot[field] !== value) Object.assign(patch, { [field]: value });
    }
  }
  return Object.keys(patch).length > 0 ? patch : null;
}

/**
 * What turns `existing` (the stored slots of the window) into `wanted`: slots to create, to update (moved,
 * holiday changed, flagged or unflagged "hors rubrique") and to remove (empty slots no rubric asks for).
 * Applying it and asking again gives no change.
 */
export function planChanges(existing: PlanSlot[], wanted: WantedSlot[]): PlanChanges {
  const byKey = new Map(wanted.map((slot) => [slotKey(slot), slot]));
  const kept = new Set<string>();
  const changes: PlanChanges = { create: [], update: [], remove: [] };
  for (const slot of existing) {
    const key = slotKey(slot);
    const match = kept.has(key) ? undefined : byKey.get(key);
    if (!match && slot.postId === null) {
      changes.remove.push(slot.id);
      continue;
    }
    if (match) kept.add(key);
    const patch = patchFor(slot, match);
    if (patch) changes.update.push({ id: slot.id, patch });
  }
  changes.create = wanted.filter((slot) => !kept.has(slotKey(slot)));
  return changes;
}
