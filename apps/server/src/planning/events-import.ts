// The events calendar read from a file a team already has: CSV (date, name, theme, recurrence — French or English
// headers, comma or semicolon) or iCal (one VEVENT each; yearly RRULEs only), read by ical.js. Every problem names
// its line, so people fix the file; an import with any problem stores nothing.
import ICAL from 'ical.js';
import { parse as parseCsv } from 'csv-parse/sync';
import {
  isValidLocalDate,
  makeLocalDate,
  YEARLESS,
  type IssueCode,
  type IssueParams,
  type PlanEventInput,
  type Theme,
} from '@rostra/core';
import { readCsvCell } from '../csv.js';

export const MAX_EVENT_IMPORT = 1000;
export const EVENT_NAME_MAX = 200;

export interface EventImportProblem {
  line: number;
  column: string;
  code: Extract<IssueCode, `event_${string}` | 'csv_unreadable' | 'csv_too_many_lines' | 'csv_theme_unknown'>;
  params?: IssueParams;
  /** In English, for API users; people read the code's sentence. */
  message: string;
}

export interface EventImport {
  events: PlanEventInput[];
  problems: EventImportProblem[];
}

const YEARLY_WORDS = new Set(['annuel', 'annuelle', 'annuellement', 'chaque annee', 'yearly', 'annual', 'every year']);
const ONCE_WORDS = new Set(['', 'ponctuel', 'ponctuelle', 'unique', 'une fois', 'once', 'none']);

/** Lower case, without accents or surrounding spaces: how headers and words are compared. */
function fold(value: string): string {
  return value.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase();
}

const HEADERS: Record<string, 'date' | 'name' | 'theme' | 'recurrence'> = {
  date: 'date',
  jour: 'date',
  name: 'name',
  nom: 'name',
  evenement: 'name',
  event: 'name',
  theme: 'theme',
  recurrence: 'recurrence',
  repetition: 'recurrence',
};

/** "2026-03-08", "08/03/2026", and for a yearly event "08/03" or "--03-08" (stored in the year YEARLESS). */
export function readEventDate(text: string, yearly: boolean): string | undefined {
  const value = text.trim();
  let parts: [number, number, number] | undefined;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  const french = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (french) parts = [Number(french[3]), Number(french[2]), Number(french[1])];
  const dayMonth = /^(\d{1,2})\/(\d{1,2})$/.exec(value) ?? /^--(\d{2})-(\d{2})$/.exec(value);
  if (dayMonth && yearly) {
    parts = value.startsWith('--')
      ? [YEARLESS, Number(dayMonth[1]), Number(dayMonth[2])]
      : [YEARLESS, Number(dayMonth[2]), Number(dayMonth[1])];
  }
  if (!parts || parts[1] < 1 || parts[1] > 12 || parts[2] < 1 || parts[2] > 31) return undefined;
  const date = makeLocalDate(...parts);
  // 31/04 rolls over into May in Date arithmetic: refuse instead of guessing.
  return isValidLocalDate(date) && date === `${String(parts[0]).padStart(4, '0')}-${pad(parts[1])}-${pad(parts[2])}`
    ? date
    : undefined;
}

const pad = (n: number) => String(n).padStart(2, '0');

const shorten = (value: string) => (value.length > 80 ? `${value.slice(0, 79)}…` : value);

function themeIndex(themes: Theme[]): Map<string, string> {
  return new Map(themes.map((t) => [fold(t.name), t.id]));
}

/** Reads a CSV events file; every problem is reported with its line and column. */
export function parseEventsCsv(csv: string, themes: Theme[]): EventImport {
  let rows: string[][];
  try {
    rows = parseCsv(csv, {
      delimiter: [';', ','],
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      cast: (value) => readCsvCell(value),
      to: MAX_EVENT_IMPORT + 2,
    }) as string[][];
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    const line = e.lines ?? 1;
    return { events: [], problems: [{ line, column: '', code: 'csv_unreadable', message: 'Unreadable CSV' }] };
  }
  const [header = [], ...records] = rows;
  if (records.length > MAX_EVENT_IMPORT) {
    const problem: EventImportProblem = {
      line: MAX_EVENT_IMPORT + 2,
      column: '',
      code: 'csv_too_many_lines',
      params: { limit: MAX_EVENT_IMPORT },
      message: `At most ${MAX_EVENT_IMPORT} lines per import`,
    };
    return { events: [], problems: [problem] };
  }
  const columns = header.map((h) => HEADERS[fold(h)]);
  for (const needed of ['date', 'name'] as const) {
    if (!columns.includes(needed)) {
      const column = needed === 'name' ? 'nom' : 'date';
      const message = `The first line must name a "${column}" column`;
      return { events: [], problems: [{ line: 1, column, code: 'event_column_missing', params: { column }, message }] };
    }
  }
  const problems: EventImportProblem[] = [];
  const events: PlanEventInput[] = [];
  const themeIds = themeIndex(themes);
  records.forEach((cells, index) => {
    const line = index + 2;
    const cell = (name: string) => {
      const at = columns.indexOf(name as (typeof columns)[number]);
      return { value: at === -1 ? '' : (cells[at] ?? ''), column: at === -1 ? name : (header[at] ?? name) };
    };
    const report = (column: string, code: EventImportProblem['code'], message: string, params: IssueParams = {}) =>
      problems.push({ line, column, code, message, params });
    const event = readCsvEvent(cell, themeIds, report);
    if (event) events.push(event);
  });
  if (problems.length === 0 && events.length === 0) {
    problems.push({ line: 1, column: '', code: 'event_file_empty', message: 'No event in the file' });
  }
  return { events: problems.length > 0 ? [] : events, problems };
}

type Report = (column: string, code: EventImportProblem['code'], message: string, params?: IssueParams) => void;

/** One CSV line's event, or its problems reported. */
function readCsvEvent(
  cell: (name: string) => { value: string; column: string },
  themeIds: Map<string, string>,
  report: Report,
): PlanEventInput | undefined {
  const name = cell('name');
  const date = cell('date');
  const theme = cell('theme');
  const recurrence = cell('recurrence');
  let ok = true;
  const fail: Report = (...args) => {
    ok = false;
    report(...args);
  };
  if (!name.value) fail(name.column, 'event_name_empty', 'The name is empty');
  else if (name.value.length > EVENT_NAME_MAX)
    fail(name.column, 'event_name_too_long', `At most ${EVENT_NAME_MAX} characters`, { limit: EVENT_NAME_MAX });
  const word = fold(recurrence.value);
  const yearly = YEARLY_WORDS.has(word);
  if (!yearly && !ONCE_WORDS.has(word))
    fail(recurrence.column, 'event_recurrence_invalid', 'Leave empty for one date, or write "annuelle"', {
      value: shorten(recurrence.value),
    });
  const day = readEventDate(date.value, yearly);
  if (!day)
    fail(date.column, 'event_date_invalid', `"${shorten(date.value)}" is not a date (e.g. 08/03/2026)`, {
      value: shorten(date.value),
    });
  const themeId = theme.value ? themeIds.get(fold(theme.value)) : null;
  if (themeId === undefined)
    fail(theme.column, 'csv_theme_unknown', `Unknown theme "${shorten(theme.value)}"`, { value: shorten(theme.value) });
  return ok && day ? { name: name.value, date: day, yearly, themeId: themeId ?? null } : undefined;
}

/** The file's lines unfolded (RFC 5545 §3.1), each with the number of its first physical line. */
function contentLines(text: string): Array<{ line: number; text: string }> {
  const lines: Array<{ line: number; text: string }> = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((raw, index) => {
      const last = lines.at(-1);
      if ((raw.startsWith(' ') || raw.startsWith('\t')) && last) last.text += raw.slice(1);
      else if (raw.trim() !== '') lines.push({ line: index + 1, text: raw });
    });
  return lines;
}

/** Reads an iCal file: each VEVENT one event, on its start date; a yearly RRULE makes it yearly. */
export function parseEventsIcal(text: string, themes: Theme[]): EventImport {
  const lines = contentLines(text);
  // A file that does not open as a calendar is refused on its first line, else on the first line no property is.
  const opens = /^BEGIN:VCALENDAR$/i.test(lines[0]?.text.trim() ?? '');
  const bad = opens ? lines.find((l) => !/^[A-Za-z0-9-]+[;:]/.test(l.text)) : lines[0];
  if (!opens || bad) {
    const line = bad?.line ?? 1;
    return { events: [], problems: [{ line, column: '', code: 'event_ical_unreadable', message: 'Unreadable iCal' }] };
  }
  let calendar: ICAL.Component;
  try {
    calendar = new ICAL.Component(ICAL.parse(text.replace(/^\uFEFF/, '')) as unknown[]);
  } catch {
    return {
      events: [],
      problems: [{ line: 1, column: '', code: 'event_ical_unreadable', message: 'Unreadable iCal' }],
    };
  }
  const starts = lines.filter((l) => /^BEGIN:VEVENT$/i.test(l.text.trim())).map((l) => l.line);
  const vevents = calendar.getAllSubcomponents('vevent');
  if (vevents.length > MAX_EVENT_IMPORT) {
    const line = starts[MAX_EVENT_IMPORT] ?? 1;
    const params = { limit: MAX_EVENT_IMPORT };
    return {
      events: [],
      problems: [{ line, column: '', code: 'csv_too_many_lines', params, message: 'Too many events' }],
    };
  }
  const themeIds = themeIndex(themes);
  const problems: EventImportProblem[] = [];
  const events: PlanEventInput[] = [];
  vevents.forEach((vevent, index) => {
    // A changed occurrence of a recurring event (RECURRENCE-ID) is not an event of its own.
    if (vevent.hasProperty('recurrence-id')) return;
    const line = starts[index] ?? 1;
    const report: Report = (column, code, message, params) =>
      problems.push({ line, column, code, message, ...(params ? { params } : {}) });
    const event = readIcalEvent(vevent, themeIds, report);
    if (event) events.push(event);
  });
  if (problems.length === 0 && events.length === 0) {
    problems.push({ line: 1, column: '', code: 'event_file_empty', message: 'No event in the file' });
  }
  return { events: problems.length > 0 ? [] : events, problems };
}

function readIcalEvent(
  vevent: ICAL.Component,
  themeIds: Map<string, string>,
  report: Report,
): PlanEventInput | undefined {
  const name = String(vevent.getFirstPropertyValue('summary') ?? '').trim();
  const start = vevent.getFirstPropertyValue('dtstart') as ICAL.Time | null;
  const rule = vevent.getFirstPropertyValue('rrule') as ICAL.Recur | null;
  let ok = true;
  if (!name) {
    ok = false;
    report('SUMMARY', 'event_name_empty', 'The event has no SUMMARY');
  } else if (name.length > EVENT_NAME_MAX) {
    ok = false;
    report('SUMMARY', 'event_name_too_long', `At most ${EVENT_NAME_MAX} characters`, { limit: EVENT_NAME_MAX });
  }
  if (!start) {
    ok = false;
    report('DTSTART', 'event_ical_no_date', 'The event has no DTSTART', { name: shorten(name) });
  }
  const yearly = rule !== null && isPlainYearly(rule);
  if (rule && !yearly) {
    ok = false;
    report('RRULE', 'event_ical_recurrence', 'Only yearly recurrences on the same date are supported', {
      value: shorten(rule.toString()),
    });
  }
  if (!ok || !start) return undefined;
  const categories = vevent.getAllProperties('categories').flatMap((p) => p.getValues().map(String));
  const themeId = categories.map((c) => themeIds.get(fold(c))).find((id) => id !== undefined) ?? null;
  return { name, date: start.toString().slice(0, 10), yearly, themeId };
}

/** FREQ=YEARLY every year on the start's month and day, with no end: what a « journée mondiale » is. */
function isPlainYearly(rule: ICAL.Recur): boolean {
  const parts = Object.keys(rule.parts).filter((k) => k !== 'BYMONTH' && k !== 'BYMONTHDAY');
  return rule.freq === 'YEARLY' && rule.interval === 1 && parts.length === 0 && !rule.until && !rule.count;
}
