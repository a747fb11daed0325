// Wall-clock times in a workspace's IANA time zone, converted to and from instants with Intl
// alone: a post planned for 10:00 in Paris stays at 10:00 on both sides of a daylight-saving change,
// whatever zone the browser is in.

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** What clocks in `timeZone` show at `instant` (milliseconds since the epoch). */
export function toWallTime(instant: number, timeZone: string): WallTime {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 1970,
    month: fields.month ?? 1,
    day: fields.day ?? 1,
    // Some engines still print midnight as "24" despite h23.
    hour: (fields.hour ?? 0) % 24,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
  };
}

function wallAsUtc(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** The zone's offset from UTC at `instant`, in milliseconds (Paris in winter: 3 600 000). */
export function zoneOffset(instant: number, timeZone: string): number {
  const wholeSeconds = Math.floor(instant / 1000) * 1000;
  return wallAsUtc(toWallTime(wholeSeconds, timeZone)) - wholeSeconds;
}

function sameWallTime(a: WallTime, b: WallTime): boolean {
  return (
    a.year === b.year &&
    a.month === b.month &&
    a.day === b.day &&
    a.hour === b.hour &&
    a.minute === b.minute &&
    a.second === b.second
  );
}

/**
 * The instant at which clocks in `timeZone` show `wall`. Like Temporal's "compatible" choice:
 * a time skipped by the spring change (02:30 in Paris) moves forward by the gap (03:30), and a time
 * that happens twice in autumn resolves to its first occurrence (still summer time).
 */
export function fromWallTime(wall: WallTime, timeZone: string): number {
  const local = wallAsUtc(wall);
  // Zones change offset at most once within a day, so the offsets a day before and after bracket it.
  const offsetBefore = zoneOffset(local - DAY_MS, timeZone);
  const offsetAfter = zoneOffset(local + DAY_MS, timeZone);
  const candidates = [local - offsetBefore, local - offsetAfter].filter((instant) =>
    sameWallTime(toWallTime(instant, timeZone), wall),
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return local - offsetBefore;
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

function formatWallTime(wall: WallTime, withSeconds: boolean): string {
  const date = `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
  const time = `${pad(wall.hour)}:${pad(wall.minute)}${withSeconds ? `:${pad(wall.second)}` : ''}`;
  return `${date}T${time}`;
}

const LOCAL_VALUE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/;

function parseWallTime(value: string): WallTime | null {
  const match = LOCAL_VALUE.exec(value);
  if (!match) return null;
  const [year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0] = match
    .slice(1)
    .map((part) => Number(part ?? 0));
  // Date.UTC would quietly roll 2026-02-31 over into March.
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > lastDay || hour > 23 || minute > 59 || second > 59) return null;
  return { year, month, day, hour, minute, second };
}

/** An ISO instant as the value of an `<input type="datetime-local">` showing the zone's wall time. */
export function toDateTimeLocalValue(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const instant = Date.parse(iso);
  return Number.isNaN(instant) ? '' : formatWallTime(toWallTime(instant, timeZone), false);
}

/** A `datetime-local` value read as the zone's wall time, as an ISO instant (null when empty or invalid). */
export function fromDateTimeLocalValue(value: string, timeZone: string): string | null {
  const wall = parseWallTime(value);
  return wall ? new Date(fromWallTime(wall, timeZone)).toISOString() : null;
}

/**
 * The calendar runs in UTC and is fed the zone's wall times without an offset, so its grid shows
 * the workspace's clock whatever the browser's zone. These two convert to and from that form.
 */
export function toCalendarDate(iso: string, timeZone: string): string {
  return formatWallTime(toWallTime(Date.parse(iso), timeZone), true);
}

export function fromCalendarDate(date: Date, timeZone: string): string {
  const wall: WallTime = {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
  return new Date(fromWallTime(wall, timeZone)).toISOString();
}
