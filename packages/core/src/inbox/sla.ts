// Service levels of the inbox: a workspace's business hours (several ranges a weekday, in its time zone), French
// public holidays, and the targets "first response within N business minutes, resolution within M". Everything
// is counted in real elapsed time inside the business ranges, so a range crossed by a DST change counts the hour
// the clocks skipped or repeated as it was lived; local times become instants through @date-fns/tz (local-dates).
import { AppError, validationError, type ValidationIssue } from '../errors.js';
import type { Timestamp } from '../accounts/types.js';
import { HOLIDAY_REGIONS, holidayCalendar, type HolidayRegion } from '../planning/holidays.js';
import { addDays, isValidLocalDate, localInstant, weekdayOf, type LocalDate } from '../planning/local-dates.js';
import type { Weekday } from '../planning/slots.js';

/** A business range of one day, local "HH:mm"; `end` may be "24:00" or "00:00" (until midnight). */
export interface BusinessRange {
  start: string;
  end: string;
}

export interface ServiceLevels {
  /** IANA time zone the business hours are written in. */
  timeZone: string;
  /** Ranges per ISO weekday (1 = Monday); a day missing or empty is closed. */
  hours: Partial<Record<Weekday, readonly BusinessRange[]>>;
  /** Whose public holidays close the workspace; `none` keeps it open on them. */
  holidays: HolidayRegion | 'none';
  /** Further closed days (a "pont", the annual closure). */
  closedDates?: readonly LocalDate[];
  /** Target for the first answer, in business minutes. */
  firstResponseMinutes: number;
  /** Target for the conversation to be done, in business minutes. */
  resolutionMinutes: number;
}

const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];
const OFFICE: readonly BusinessRange[] = [
  { start: '09:00', end: '12:30' },
  { start: '14:00', end: '18:00' },
];

/** A town hall's week: Monday to Friday, 9:00–12:30 and 14:00–18:00 in Paris; 4 business hours to answer, 2 days to close. */
export const DEFAULT_SERVICE_LEVELS: ServiceLevels = {
  timeZone: 'Europe/Paris',
  hours: { 1: OFFICE, 2: OFFICE, 3: OFFICE, 4: OFFICE, 5: OFFICE },
  holidays: 'france',
  closedDates: [],
  firstResponseMinutes: 4 * 60,
  resolutionMinutes: 15 * 60,
};

/** The most a target may be: 60 business days of 24 hours. */
export const MAX_TARGET_MINUTES = 60 * 24 * 60;
export const MAX_CLOSED_DATES = 366;
const MINUTE_MS = 60_000;
/** How far `addBusinessTime` looks ahead before deciding the workspace never opens. */
const HORIZON_DAYS = 3 * 366;
/** Dates whose business intervals a clock keeps converted (about ten years). */
const INTERVAL_CACHE_DATES = 4000;

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|24:00)$/;

/** Minutes since midnight of "HH:mm" ("24:00" → 1440), or undefined when not a time. */
function readMinutes(time: string): number | undefined {
  if (!TIME.test(time)) return undefined;
  const [h, m] = time.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** "18:00–24:00" and "18:00–00:00" both run until midnight; "00:00–00:00" is an empty range. */
function endsAtMidnight(range: BusinessRange): boolean {
  return range.end === '24:00' || (range.end === '00:00' && range.start !== '00:00');
}

export function isValidTimeZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return true;
  } catch {
    return false;
  }
}

function checkDayRanges(day: Weekday, ranges: readonly BusinessRange[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const valid: Array<{ from: number; to: number; range: BusinessRange }> = [];
  ranges.forEach((range, index) => {
    const path = `hours.${day}.${index}`;
    const from = readMinutes(range.start);
    const to = endsAtMidnight(range) ? 24 * 60 : readMinutes(range.end);
    for (const [field, value, minutes] of [
      ['start', range.start, from],
      ['end', range.end, to],
    ] as const) {
      if (minutes === undefined || (field === 'start' && value === '24:00')) {
        issues.push({
          path: `${path}.${field}`,
          code: 'business_hours_time_invalid',
          params: { value },
          message: `"${value}" is not a time of day such as 09:00 (24:00 may end a range)`,
        });
      }
    }
    if (from === undefined || to === undefined || range.start === '24:00') return;
    if (to < from) {
      issues.push({
        path,
        code: 'business_hours_cross_midnight',
        params: { day, start: range.start, end: range.end },
        message: `${range.start}–${range.end} crosses midnight: split it into ${range.start}–24:00 and 00:00–${range.end} the next day`,
      });
    } else if (to === from) {
      issues.push({
        path,
        code: 'business_hours_empty_range',
        params: { day, start: range.start, end: range.end },
        message: `${range.start}–${range.end} is empty: the end must come after the start`,
      });
    } else valid.push({ from, to, range });
  });
  valid.sort((a, b) => a.from - b.from);
  for (let i = 1; i < valid.length; i++) {
    const before = valid[i - 1] as (typeof valid)[number];
    const after = valid[i] as (typeof valid)[number];
    if (after.from < before.to) {
      issues.push({
        path: `hours.${day}`,
        code: 'business_hours_overlap',
        params: {
          day,
          start: after.range.start,
          end: after.range.end,
          otherStart: before.range.start,
          otherEnd: before.range.end,
        },
        message: `${after.range.start}–${after.range.end} overlaps ${before.range.start}–${before.range.end}`,
      });
    }
  }
  return issues;
}

function checkTarget(path: string, minutes: number): ValidationIssue[] {
  if (!Number.isInteger(minutes)) {
    return [{ path, code: 'invalid_type', message: 'A whole number of minutes' }];
  }
  if (minutes < 1) return [{ path, code: 'too_small', params: { limit: 1 }, message: 'At least 1 minute' }];
  if (minutes > MAX_TARGET_MINUTES) {
    return [
      {
        path,
        code: 'too_big',
        params: { limit: MAX_TARGET_MINUTES },
        message: `At most ${MAX_TARGET_MINUTES} minutes`,
      },
    ];
  }
  return [];
}

function checkClosedDates(dates: readonly LocalDate[]): ValidationIssue[] {
  if (dates.length > MAX_CLOSED_DATES) {
    return [
      {
        path: 'closedDates',
        code: 'too_many',
        params: { limit: MAX_CLOSED_DATES },
        message: `At most ${MAX_CLOSED_DATES} dates`,
      },
    ];
  }
  return dates.flatMap((date, index) =>
    isValidLocalDate(date)
      ? []
      : [
          {
            path: `closedDates.${index}`,
            code: 'invalid_format' as const,
            params: { format: 'date', value: date },
            message: `"${date}" is not a date YYYY-MM-DD`,
          },
        ],
  );
}

/** Every problem of a workspace's service levels, with paths relative to the object (`hours.1.0.end`). */
export function validateServiceLevels(levels: ServiceLevels): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!isValidTimeZone(levels.timeZone)) {
    issues.push({
      path: 'timeZone',
      code: 'time_zone_invalid',
      params: { value: levels.timeZone },
      message: `"${levels.timeZone}" is not an IANA time zone such as Europe/Paris`,
    });
  }
  if (levels.holidays !== 'none' && !HOLIDAY_REGIONS.includes(levels.holidays)) {
    issues.push({
      path: 'holidays',
      code: 'invalid_choice',
      params: { choices: ['none', ...HOLIDAY_REGIONS] },
      message: `One of none, ${HOLIDAY_REGIONS.join(', ')}`,
    });
  }
  for (const day of WEEKDAYS) issues.push(...checkDayRanges(day, levels.hours[day] ?? []));
  if (WEEKDAYS.every((day) => (levels.hours[day] ?? []).length === 0)) {
    issues.push({
      path: 'hours',
      code: 'business_hours_none',
      message: 'Open at least one range on one day of the week',
    });
  }
  issues.push(...checkClosedDates(levels.closedDates ?? []));
  issues.push(...checkTarget('firstResponseMinutes', levels.firstResponseMinutes));
  issues.push(...checkTarget('resolutionMinutes', levels.resolutionMinutes));
  return issues;
}

/** Business time of one workspace: built once from its service levels, then asked as often as needed. */
export interface BusinessClock {
  readonly levels: ServiceLevels;
  /** The business ranges of a local date as instants [start, end), none on a closed day. */
  openIntervals(date: LocalDate): Array<[Timestamp, Timestamp]>;
  isOpenAt(at: Timestamp): boolean;
  /** Business milliseconds between two instants (0 when `to` is not after `from`). */
  elapsedMs(from: Timestamp, to: Timestamp): number;
  /** The instant `ms` business milliseconds after `from`: the clock starts at the next opening. */
  addBusinessTime(from: Timestamp, ms: number): Timestamp;
}

/** One local date of the workspace, converted once: its business intervals, its midnight and its neighbours. */
interface BusinessDay {
  intervals: Array<[Timestamp, Timestamp]>;
  /** The instant the date begins in the time zone. */
  start: Timestamp;
  previous: LocalDate;
  next: LocalDate;
}

/** Local dates and instants of one workspace; converting local times is the costly part, so each date is converted once. */
function buildCalendar(levels: ServiceLevels) {
  const holidayOn = levels.holidays === 'none' ? () => null : holidayCalendar(levels.holidays);
  const closed = new Set(levels.closedDates ?? []);
  const sorted = new Map(
    WEEKDAYS.map((day) => [day, [...(levels.hours[day] ?? [])].sort((a, b) => a.start.localeCompare(b.start))]),
  );
  const cache = new Map<LocalDate, BusinessDay>();
  const day = (date: LocalDate): BusinessDay => {
    const cached = cache.get(date);
    if (cached) return cached;
    if (cache.size >= INTERVAL_CACHE_DATES) cache.clear();
    const open = !closed.has(date) && holidayOn(date) === null;
    const entry: BusinessDay = {
      intervals: open ? toIntervals(date, sorted.get(weekdayOf(date)) ?? [], levels.timeZone) : [],
      start: localInstant(date, '00:00', levels.timeZone),
      previous: addDays(date, -1),
      next: addDays(date, 1),
    };
    cache.set(date, entry);
    return entry;
  };
  /** The local date at an instant: the UTC date or one of its neighbours, as no offset reaches a day. */
  const dateAt = (at: Timestamp): LocalDate => {
    const utc = new Date(at).toISOString().slice(0, 10);
    const { previous, next } = day(utc);
    if (day(next).start <= at) return next;
    return day(utc).start <= at ? utc : previous;
  };
  return { day, dateAt };
}

function toIntervals(
  date: LocalDate,
  ranges: readonly BusinessRange[],
  timeZone: string,
): Array<[Timestamp, Timestamp]> {
  return ranges.map((range): [Timestamp, Timestamp] => [
    localInstant(date, range.start, timeZone),
    endsAtMidnight(range) ? localInstant(addDays(date, 1), '00:00', timeZone) : localInstant(date, range.end, timeZone),
  ]);
}

/**
 * The business clock of valid service levels; `validation_failed` with every issue otherwise (a range across
 * midnight among them: `business_hours_cross_midnight`).
 */
export function createBusinessClock(levels: ServiceLevels): BusinessClock {
  const issues = validateServiceLevels(levels);
  if (issues.length > 0) throw validationError(issues);
  const { day, dateAt } = buildCalendar(levels);
  return {
    levels,
    openIntervals: (date) => day(date).intervals,
    isOpenAt: (at) => day(dateAt(at)).intervals.some(([start, end]) => start <= at && at < end),
    elapsedMs(from, to) {
      if (!(to > from)) return 0;
      let total = 0;
      for (let date = dateAt(from), current = day(date); current.start < to; date = current.next, current = day(date)) {
        for (const [start, end] of current.intervals) total += Math.max(0, Math.min(end, to) - Math.max(start, from));
      }
      return total;
    },
    addBusinessTime(from, ms) {
      let remaining = ms;
      let date = dateAt(from);
      for (let days = 0; days <= HORIZON_DAYS; days++, date = day(date).next) {
        for (const [start, end] of day(date).intervals) {
          if (end <= from) continue;
          const begin = Math.max(start, from);
          if (remaining <= end - begin) return begin + remaining;
          remaining -= end - begin;
        }
      }
      throw new AppError(
        'validation_failed',
        `No business hours within ${HORIZON_DAYS} days of ${new Date(from).toISOString()}`,
      );
    },
  };
}

/** Business minutes between two instants, whole minutes (a stopwatch's reading). */
export function businessMinutesBetween(clock: BusinessClock, from: Timestamp, to: Timestamp): number {
  return Math.floor(clock.elapsedMs(from, to) / MINUTE_MS);
}

/** When an item received at `receivedAt` must have had its first answer, and when it must be done. */
export function computeDueDates(
  clock: BusinessClock,
  receivedAt: Timestamp,
): { firstResponse: Timestamp; resolution: Timestamp } {
  return {
    firstResponse: clock.addBusinessTime(receivedAt, clock.levels.firstResponseMinutes * MINUTE_MS),
    resolution: clock.addBusinessTime(receivedAt, clock.levels.resolutionMinutes * MINUTE_MS),
  };
}

/** What the service levels read from one conversation's times. */
export interface SlaTimes {
  receivedAt: Timestamp;
  /** The first answer sent to the author (null while none). */
  firstResponseAt: Timestamp | null;
  /** When it was marked done (null while open). */
  resolvedAt: Timestamp | null;
}

export interface SlaMeasure {
  dueAt: Timestamp;
  /** Business minutes from reception to the answer or to done; null while it has not happened. */
  measuredMinutes: number | null;
  /** The target is missed: still waiting after `dueAt`, or it happened after `dueAt`. */
  missed: boolean;
  /** Business minutes left before `dueAt` (negative once late); null once it happened. */
  remainingMinutes: number | null;
}

export interface SlaStatus {
  firstResponse: SlaMeasure;
  resolution: SlaMeasure;
}

function measure(
  clock: BusinessClock,
  receivedAt: Timestamp,
  dueAt: Timestamp,
  doneAt: Timestamp | null,
  now: Timestamp,
): SlaMeasure {
  if (doneAt !== null) {
    return {
      dueAt,
      measuredMinutes: businessMinutesBetween(clock, receivedAt, doneAt),
      missed: doneAt > dueAt,
      remainingMinutes: null,
    };
  }
  const remaining = now <= dueAt ? clock.elapsedMs(now, dueAt) : -clock.elapsedMs(dueAt, now);
  return { dueAt, measuredMinutes: null, missed: now > dueAt, remainingMinutes: Math.trunc(remaining / MINUTE_MS) };
}

/** Where a conversation stands against both targets at `now`. */
export function measureSla(clock: BusinessClock, times: SlaTimes, now: Timestamp): SlaStatus {
  const due = computeDueDates(clock, times.receivedAt);
  return {
    firstResponse: measure(clock, times.receivedAt, due.firstResponse, times.firstResponseAt, now),
    resolution: measure(clock, times.receivedAt, due.resolution, times.resolvedAt, now),
  };
}

/** Overdue (flagged in the inbox): still waiting for its first answer, or to be done, after the due time. */
export function isOverdue(clock: BusinessClock, times: SlaTimes, now: Timestamp): boolean {
  const due = computeDueDates(clock, times.receivedAt);
  return (
    (times.firstResponseAt === null && now > due.firstResponse) || (times.resolvedAt === null && now > due.resolution)
  );
}

/** One conversation's measures, counted in each of its groups (its member, its network, each of its labels…). */
export interface SlaSample {
  keys: readonly string[];
  status: SlaStatus;
}

export interface SlaFigures {
  /** Conversations where it happened (answered, or done). */
  measured: number;
  /** Business minutes, nearest-rank percentiles; null when none was measured. */
  median: number | null;
  p90: number | null;
  /** Conversations that missed the target, waiting ones included. */
  missed: number;
}

export interface SlaSummary {
  key: string;
  count: number;
  firstResponse: SlaFigures;
  resolution: SlaFigures;
}

function percentile(sorted: readonly number[], share: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)] as number;
}

function summariseMeasures(measures: readonly SlaMeasure[]): SlaFigures {
  const minutes = measures
    .map((m) => m.measuredMinutes)
    .filter((m): m is number => m !== null)
    .sort((a, b) => a - b);
  return {
    measured: minutes.length,
    median: percentile(minutes, 0.5),
    p90: percentile(minutes, 0.9),
    missed: measures.filter((m) => m.missed).length,
  };
}

/** Response and resolution times per group (member, network, label…), groups in key order. */
export function summariseSla(samples: readonly SlaSample[]): SlaSummary[] {
  const groups = new Map<string, SlaStatus[]>();
  for (const sample of samples) {
    for (const key of new Set(sample.keys)) {
      const group = groups.get(key);
      if (group) group.push(sample.status);
      else groups.set(key, [sample.status]);
    }
  }
  return [...groups.keys()].sort().map((key) => {
    const statuses = groups.get(key) as SlaStatus[];
    return {
      key,
      count: statuses.length,
      firstResponse: summariseMeasures(statuses.map((s) => s.firstResponse)),
      resolution: summariseMeasures(statuses.map((s) => s.resolution)),
    };
  });
}
