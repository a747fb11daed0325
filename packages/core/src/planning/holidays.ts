// French public holidays ("jours fériés"), computed for any year: the fixed ones, those that follow Easter (lundi
// de Pâques, Ascension, lundi de Pentecôte) and the two more of Alsace-Moselle (Vendredi saint, 26 décembre),
// from the Code du travail, art. L3133-1 and L3134-13. Easter by the anonymous Gregorian algorithm (Meeus/Jones/
// Butcher, "Astronomical Algorithms", ch. 8).
import { addDays, makeLocalDate, type LocalDate } from './local-dates.js';

export const HOLIDAY_REGIONS = ['france', 'alsace_moselle'] as const;
/** Metropolitan France, or Alsace-Moselle (Bas-Rhin, Haut-Rhin, Moselle) with its two more days. */
export type HolidayRegion = (typeof HOLIDAY_REGIONS)[number];

export const HOLIDAY_KEYS = [
  'new_year',
  'good_friday',
  'easter_monday',
  'labour_day',
  'victory_1945',
  'ascension',
  'whit_monday',
  'bastille_day',
  'assumption',
  'all_saints',
  'armistice',
  'christmas',
  'st_stephen',
] as const;
/** A stable name the UI translates (« Lundi de Pâques », "Easter Monday"). */
export type HolidayKey = (typeof HOLIDAY_KEYS)[number];

export interface Holiday {
  date: LocalDate;
  key: HolidayKey;
}

/** Easter Sunday of a Gregorian year. */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return makeLocalDate(year, month, day);
}

/** The public holidays of `year`, in date order. */
export function frenchHolidays(year: number, region: HolidayRegion = 'france'): Holiday[] {
  const easter = easterSunday(year);
  const on = (month: number, day: number) => makeLocalDate(year, month, day);
  const days: Holiday[] = [
    { date: on(1, 1), key: 'new_year' },
    { date: addDays(easter, 1), key: 'easter_monday' },
    { date: on(5, 1), key: 'labour_day' },
    { date: on(5, 8), key: 'victory_1945' },
    { date: addDays(easter, 39), key: 'ascension' },
    { date: addDays(easter, 50), key: 'whit_monday' },
    { date: on(7, 14), key: 'bastille_day' },
    { date: on(8, 15), key: 'assumption' },
    { date: on(11, 1), key: 'all_saints' },
    { date: on(11, 11), key: 'armistice' },
    { date: on(12, 25), key: 'christmas' },
  ];
  if (region === 'alsace_moselle') {
    days.push({ date: addDays(easter, -2), key: 'good_friday' }, { date: on(12, 26), key: 'st_stephen' });
  }
  return days.sort((x, y) => x.date.localeCompare(y.date));
}

/** Looks holidays up by date over the years a plan spans (computed once per year asked). */
export function holidayCalendar(region: HolidayRegion): (date: LocalDate) => HolidayKey | null {
  const years = new Map<number, Map<LocalDate, HolidayKey>>();
  return (date) => {
    const year = Number(date.slice(0, 4));
    let days = years.get(year);
    if (!days) {
      days = new Map(frenchHolidays(year, region).map((h) => [h.date, h.key]));
      years.set(year, days);
    }
    return days.get(date) ?? null;
  };
}
