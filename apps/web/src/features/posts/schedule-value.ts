// The publication date as people type it: "15/12/2026 14:30" in French (day first, 24 h), "12/15/2026 2:30 PM"
// in English, or the ISO "2026-12-15T14:30" (pasted, or what the composer stores). Always the workspace's wall
// time (zoned-time.ts turns it into an instant when saving); an impossible date (31/02) reads as nothing.
import { fromDateTimeLocalValue } from '../../ui/zoned-time';

export type ScheduleLocale = 'fr' | 'en';

/** dayjs formats of the field, per language. */
export const SCHEDULE_FORMATS: Record<ScheduleLocale, string> = {
  fr: 'DD/MM/YYYY HH:mm',
  en: 'MM/DD/YYYY h:mm A',
};

const pad = (value: number) => String(value).padStart(2, '0');
const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2})?$/;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2})(?:[:h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$/i;

/** What was typed, as the composer's `YYYY-MM-DDTHH:mm` wall value; null when it is no date. */
export function parseScheduleText(text: string, locale: ScheduleLocale): string | null {
  const typed = text.trim();
  const iso = ISO.exec(typed);
  if (iso) return valid(`${iso[1]}-${iso[2]}-${iso[3]}T${iso[4]}:${iso[5]}`);
  const slashed = SLASHED.exec(typed);
  if (!slashed) return null;
  const [first, second, year, rawHour, minute = '00', meridiem] = slashed.slice(1);
  const [day, month] = locale === 'fr' ? [first, second] : [second, first];
  let hour = Number(rawHour);
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.toLowerCase().startsWith('p') ? 12 : 0);
  }
  return valid(`${year}-${pad(Number(month))}-${pad(Number(day))}T${pad(hour)}:${minute}`);
}

function valid(local: string): string | null {
  // Any zone will do to check the wall time exists on the calendar (months, days, hours in range).
  return fromDateTimeLocalValue(local, 'UTC') ? local : null;
}

/** The composer's wall value as the picker's `YYYY-MM-DD HH:mm:ss`, and back. */
export function toPickerValue(local: string): string | null {
  return ISO.test(local) ? `${local.slice(0, 10)} ${local.slice(11, 16)}:00` : null;
}

export function fromPickerValue(value: string | null): string {
  if (!value) return '';
  const match = ISO.exec(value.length === 10 ? `${value} 00:00` : value);
  return match ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}` : '';
}
