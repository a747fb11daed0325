// Events a team prepares content for: one-off dates and yearly ones (the « journées mondiales »), and the days
// they fall on in a range. A yearly event keeps its month and day every year; 29 February only in leap years.
import { isValidLocalDate, type LocalDate } from './local-dates.js';

export interface PlanEventInput {
  name: string;
  themeId: string | null;
  /** YYYY-MM-DD; for a yearly event, only its month and day count. */
  date: LocalDate;
  yearly: boolean;
}

export interface PlanEvent extends PlanEventInput {
  id: string;
  workspaceId: string;
  createdAt: number;
}

export interface EventOccurrence {
  eventId: string;
  name: string;
  themeId: string | null;
  date: LocalDate;
  yearly: boolean;
}

/** The year a yearly event without one is stored with: a leap year, so 29 February is a valid date. */
export const YEARLESS = 2000;

/** The days events fall on from `from` (included) to `until` (excluded), in date then name order. */
export function eventOccurrences(events: PlanEvent[], from: LocalDate, until: LocalDate): EventOccurrence[] {
  const occurrences: EventOccurrence[] = [];
  const firstYear = Number(from.slice(0, 4));
  const lastYear = Number(until.slice(0, 4));
  for (const event of events) {
    const dates = event.yearly
      ? Array.from({ length: lastYear - firstYear + 1 }, (_, i) => `${firstYear + i}${event.date.slice(4)}`).filter(
          isValidLocalDate,
        )
      : [event.date];
    for (const date of dates) {
      if (date >= from && date < until) {
        occurrences.push({ eventId: event.id, name: event.name, themeId: event.themeId, date, yearly: event.yearly });
      }
    }
  }
  return occurrences.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
}
