// Calendar dates as people write them ("2026-04-06"), with the day arithmetic the animation plan needs. Pure
// calendar arithmetic (UTC fields of a Date, never a time zone), so adding a day never lands on 23:00 or 01:00.
import { TZDate } from '@date-fns/tz';
import type { Weekday } from './slots.js';

/** A local calendar date, YYYY-MM-DD. */
export type LocalDate = string;

const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isValidLocalDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return toLocalDate(date) === value;
}

function toLocalDate(date: Date): LocalDate {
  return date.toISOString().slice(0, 10);
}

function utcDay(value: LocalDate): number {
  const match = DATE.exec(value);
  if (!match) throw new Error(`Not a date: ${value}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

export function makeLocalDate(year: number, month: number, day: number): LocalDate {
  return toLocalDate(new Date(Date.UTC(year, month - 1, day)));
}

export function addDays(date: LocalDate, days: number): LocalDate {
  return toLocalDate(new Date(utcDay(date) + days * DAY_MS));
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((utcDay(to) - utcDay(from)) / DAY_MS);
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: LocalDate): Weekday {
  return (((new Date(utcDay(date)).getUTCDay() + 6) % 7) + 1) as Weekday;
}

/** The Monday of the week `date` falls in. */
export function mondayOf(date: LocalDate): LocalDate {
  return addDays(date, 1 - weekdayOf(date));
}

/** The date it is at `at` (ms) in `timeZone`. */
export function localDateAt(at: number, timeZone: string): LocalDate {
  const zoned = new TZDate(at, timeZone);
  return makeLocalDate(zoned.getFullYear(), zoned.getMonth() + 1, zoned.getDate());
}

/**
 * The instant of a local date and "HH:mm" time in `timeZone`. A time the spring change skips (02:30 on the last
 * Sunday of March in Paris) is read forward, as clocks do: 03:30 summer time.
 */
export function localInstant(date: LocalDate, time: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, mi] = time.split(':').map(Number) as [number, number];
  return new TZDate(y, m - 1, d, h, mi, timeZone).getTime();
}
