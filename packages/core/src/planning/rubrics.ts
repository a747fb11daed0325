// Recurring editorial rubrics ("rubriques") of the animation plan, and the dates each one falls on: weekly on some
// weekdays, every n weeks from a start date, or monthly on the n-th (or last) given weekday.
import { addDays, daysBetween, mondayOf, weekdayOf, type LocalDate } from './local-dates.js';
import type { Weekday } from './slots.js';

export type RubricPeriod =
  | { kind: 'weekly'; weekdays: Weekday[] }
  /** Weeks counted from the week of `startDate` (week 0), which is included. */
  | { kind: 'every_n_weeks'; weekdays: Weekday[]; interval: number; startDate: LocalDate }
  /** `nth` 1–5 (a fifth Monday only in the months that have one) or -1 for the last of the month. */
  | { kind: 'monthly'; weekday: Weekday; nth: 1 | 2 | 3 | 4 | 5 | -1 };

export interface RubricInput {
  name: string;
  /** Free text until strategy objectives exist; `objectiveId` will then name one. */
  objective: string;
  objectiveId: string | null;
  /** Free text until personas exist. */
  persona: string;
  channelIds: string[];
  period: RubricPeriod;
  /** Local time "HH:mm" in the workspace's time zone. */
  time: string;
  themeId: string | null;
  contentTypeId: string | null;
  ownerId: string | null;
  backupOwnerId: string | null;
  brief: string;
  /** A date that is a public holiday keeps its slot (open) instead of being skipped. */
  keepOnHolidays: boolean;
}

export interface Rubric extends RubricInput {
  id: string;
  workspaceId: string;
  createdAt: number;
  updatedAt: number;
}

/** Whether the rubric has a slot on `date`. */
export function rubricFallsOn(period: RubricPeriod, date: LocalDate): boolean {
  const weekday = weekdayOf(date);
  switch (period.kind) {
    case 'weekly':
      return period.weekdays.includes(weekday);
    case 'every_n_weeks': {
      if (!period.weekdays.includes(weekday) || date < period.startDate) return false;
      const weeks = daysBetween(mondayOf(period.startDate), mondayOf(date)) / 7;
      return weeks % Math.max(1, period.interval) === 0;
    }
    case 'monthly': {
      if (weekday !== period.weekday) return false;
      const day = Number(date.slice(8, 10));
      if (period.nth === -1) return addDays(date, 7).slice(0, 7) !== date.slice(0, 7);
      return Math.ceil(day / 7) === period.nth;
    }
  }
}

/** The dates from `from` (included) to `until` (excluded) the rubric falls on. */
export function rubricDates(period: RubricPeriod, from: LocalDate, until: LocalDate): LocalDate[] {
  const dates: LocalDate[] = [];
  for (let date = from; date < until; date = addDays(date, 1)) {
    if (rubricFallsOn(period, date)) dates.push(date);
  }
  return dates;
}
