// The calendar outside Rostra: a read-only iCal feed, CSV export, and CSV import of planned posts.
// Dates in CSV may be ISO 8601 with an offset, or local "2026-12-01 09:30" / "01/12/2026 09:30" read in
// the workspace's time zone (DST-correct through @date-fns/tz).
import { TZDate } from '@date-fns/tz';
import { parse as parseCsv } from 'csv-parse/sync';
import ical from 'ical-generator';
import type { Channel, ContentType, IssueCode, IssueParams, Post, PostTarget, Theme } from '@rostra/core';
import { readCsvCell, writeCsv } from '../csv.js';
import { MAX_POST_TEXT } from './post-content.js';

export const CSV_COLUMNS = [
  'id',
  'scheduled_at',
  'status',
  'channels',
  'theme',
  'content_type',
  'owner',
  'text',
] as const;

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/;
const FRENCH = /^(\d{2})\/(\d{2})\/(\d{4})[ T](\d{1,2})[:h](\d{2})$/;
const WITH_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/;

/** A date and time as people type it, in `timeZone` unless it carries its own offset; undefined if unreadable. */
export function parseDateTime(text: string, timeZone: string): number | undefined {
  const value = text.trim();
  if (WITH_OFFSET.test(value)) {
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : ms;
  }
  let parts: number[] | undefined;
  const local = LOCAL.exec(value);
  if (local) parts = [local[1], local[2], local[3], local[4], local[5], local[6] ?? '0'].map(Number);
  const french = FRENCH.exec(value);
  if (french) parts = [french[3], french[2], french[1], french[4], french[5], '0'].map(Number);
  if (!parts) return undefined;
  const [y, mo, d, h, mi, s] = parts as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const date = new TZDate(y, mo - 1, d, h, mi, s, timeZone);
  // 31/02 rolls over into March in Date arithmetic: refuse instead of guessing.
  if (date.getDate() !== d) return undefined;
  return date.getTime();
}

/** How a date shows in exports: local time in the workspace's zone, with its offset (readable and exact). */
export function formatLocal(ms: number, timeZone: string): string {
  return new TZDate(ms, timeZone).toISOString().replace(/\.000/, '');
}

export interface CalendarContext {
  timeZone: string;
  channels: Channel[];
  themes: Theme[];
  contentTypes: ContentType[];
  members: Array<{ userId: string; email: string }>;
}

export function exportCsv(posts: Post[], targets: PostTarget[], context: CalendarContext): string {
  const channelName = new Map(context.channels.map((c) => [c.id, c.name]));
  const themeName = new Map(context.themes.map((t) => [t.id, t.name]));
  const typeName = new Map(context.contentTypes.map((t) => [t.id, t.name]));
  const email = new Map(context.members.map((m) => [m.userId, m.email]));
  const rows = posts.map((post) => [
    post.id,
    post.scheduledAt === null ? '' : formatLocal(post.scheduledAt, context.timeZone),
    post.status,
    targets
      .filter((t) => t.postId === post.id)
      .map((t) => channelName.get(t.channelId) ?? t.channelId)
      .join(' | '),
    post.themeId ? (themeName.get(post.themeId) ?? '') : '',
    post.contentTypeId ? (typeName.get(post.contentTypeId) ?? '') : '',
    post.ownerId ? (email.get(post.ownerId) ?? '') : '',
    post.text,
  ]);
  // Semicolons and a BOM (what spreadsheet software set to French expects), cells safe from formulas.
  return writeCsv([[...CSV_COLUMNS], ...rows]);
}

export interface ImportedPost {
  line: number;
  text: string;
  scheduledAt: number | null;
  channelIds: string[];
  themeId: string | null;
  contentTypeId: string | null;
  ownerId: string | null;
}

export interface ImportProblem {
  line: number;
  column: string;
  /** Why, for people (rendered with `params`, which always hold the line and column). */
  code: Extract<IssueCode, `csv_${string}`>;
  params?: IssueParams;
  message: string;
}

function byName<T extends { id: string; name: string }>(items: T[]): Map<string, string> {
  return new Map(items.map((i) => [i.name.trim().toLowerCase(), i.id]));
}

/** Lines one import creates at most: each is a post, created and audited in the same request. */
export const MAX_IMPORT_ROWS = 2000;

/** A value named in a problem: enough to find it, never a 100 kB echo. */
function shorten(value: string): string {
  return value.length > 80 ? `${value.slice(0, 79)}…` : value;
}

function quote(value: string): string {
  return `"${shorten(value)}"`;
}

/**
 * Reads a CSV calendar (comma or semicolon separated); every problem is reported with its line and column.
 * The limits are the API's: a post's text is at most MAX_POST_TEXT characters, as through POST …/posts.
 */
export function parseImport(
  csv: string,
  context: CalendarContext,
): { posts: ImportedPost[]; problems: ImportProblem[] } {
  let records: Array<Record<string, string>>;
  try {
    records = parseCsv(csv, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
      delimiter: [';', ','],
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
      // The apostrophe Rostra's export puts before a formula character comes off (see readCsvCell).
      cast: (value) => readCsvCell(value),
      // One record past the limit is enough to refuse the file; the rest is not read.
      to: MAX_IMPORT_ROWS + 1,
    }) as Array<Record<string, string>>;
  } catch (error) {
    const e = error as { lines?: number; message?: string };
    return {
      posts: [],
      problems: [{ line: e.lines ?? 1, column: '', code: 'csv_unreadable', message: e.message ?? 'Unreadable CSV' }],
    };
  }
  const problems: ImportProblem[] = [];
  if (records.length > MAX_IMPORT_ROWS) {
    return {
      posts: [],
      problems: [
        {
          line: MAX_IMPORT_ROWS + 2,
          column: '',
          code: 'csv_too_many_lines',
          params: { limit: MAX_IMPORT_ROWS },
          message: `At most ${MAX_IMPORT_ROWS} lines per import`,
        },
      ],
    };
  }
  const first = records[0];
  if (first && !('text' in first)) {
    return {
      posts: [],
      problems: [
        { line: 1, column: 'text', code: 'csv_no_text_column', message: 'The header must have a "text" column' },
      ],
    };
  }
  const channels = new Map([
    ...context.channels.map((c) => [c.name.trim().toLowerCase(), c.id] as const),
    ...context.channels.map((c) => [c.id, c.id] as const),
  ]);
  const themes = byName(context.themes);
  const types = byName(context.contentTypes);
  const members = new Map(context.members.map((m) => [m.email.toLowerCase(), m.userId]));
  const posts: ImportedPost[] = [];
  records.forEach((record, index) => {
    const line = index + 2;
    const problem = (column: string, code: ImportProblem['code'], message: string, params?: IssueParams) =>
      problems.push({ line, column, code, message, ...(params ? { params } : {}) });
    const text = record.text ?? '';
    if (!text) problem('text', 'csv_text_empty', 'The text is empty');
    else if (text.length > MAX_POST_TEXT) {
      problem('text', 'csv_text_too_long', `At most ${MAX_POST_TEXT} characters (${text.length})`, {
        limit: MAX_POST_TEXT,
        count: text.length,
      });
    }
    let scheduledAt: number | null = null;
    if (record.scheduled_at) {
      const parsed = parseDateTime(record.scheduled_at, context.timeZone);
      if (parsed === undefined)
        problem(
          'scheduled_at',
          'csv_date_invalid',
          `${quote(record.scheduled_at)} is not a date and time (e.g. 2026-12-01 09:30)`,
          { value: shorten(record.scheduled_at) },
        );
      else scheduledAt = parsed;
    }
    const channelIds: string[] = [];
    for (const name of (record.channels ?? '')
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean)) {
      const id = channels.get(name.toLowerCase()) ?? channels.get(name);
      if (id) channelIds.push(id);
      else problem('channels', 'csv_channel_unknown', `Unknown channel ${quote(name)}`, { value: shorten(name) });
    }
    const themeId = record.theme ? (themes.get(record.theme.toLowerCase()) ?? null) : null;
    if (record.theme && !themeId) {
      problem('theme', 'csv_theme_unknown', `Unknown theme ${quote(record.theme)}`, { value: shorten(record.theme) });
    }
    const contentTypeId = record.content_type ? (types.get(record.content_type.toLowerCase()) ?? null) : null;
    if (record.content_type && !contentTypeId)
      problem('content_type', 'csv_content_type_unknown', `Unknown content type ${quote(record.content_type)}`, {
        value: shorten(record.content_type),
      });
    const ownerId = record.owner ? (members.get(record.owner.toLowerCase()) ?? null) : null;
    if (record.owner && !ownerId) {
      problem('owner', 'csv_owner_unknown', `${quote(record.owner)} is not a member of this workspace`, {
        value: shorten(record.owner),
      });
    }
    posts.push({ line, text, scheduledAt, channelIds: [...new Set(channelIds)], themeId, contentTypeId, ownerId });
  });
  return { posts, problems };
}

/** An open slot of the animation plan, shown in the feed as a post still to write. */
export interface PlanPlaceholder {
  slotId: string;
  at: number;
  rubric: string;
  channelId: string;
}

export function renderIcal(
  workspace: { id: string; name: string; timezone: string },
  posts: Post[],
  targets: PostTarget[],
  context: CalendarContext,
  publicUrl: string,
  placeholders: PlanPlaceholder[] = [],
): string {
  const channelName = new Map(context.channels.map((c) => [c.id, `${c.network} ${c.name}`]));
  const themeName = new Map(context.themes.map((t) => [t.id, t.name]));
  const calendar = ical({
    name: `Rostra · ${workspace.name}`,
    prodId: { company: 'Rostra', product: 'calendar', language: 'FR' },
  });
  for (const post of posts) {
    if (post.scheduledAt === null) continue;
    const on = targets.filter((t) => t.postId === post.id).map((t) => channelName.get(t.channelId) ?? t.channelId);
    const firstLine = post.text.split('\n')[0] ?? '';
    calendar.createEvent({
      id: `${post.id}@rostra`,
      start: new Date(post.scheduledAt),
      end: new Date(post.scheduledAt + 15 * 60_000),
      summary: firstLine.length > 70 ? `${firstLine.slice(0, 69)}…` : firstLine,
      description: `${post.text}\n\n${on.join(', ')}\n${post.status}`,
      categories: post.themeId && themeName.get(post.themeId) ? [{ name: themeName.get(post.themeId) as string }] : [],
      url: `${publicUrl}/w/${workspace.id}/posts/${post.id}`,
    });
  }
  for (const slot of placeholders) {
    calendar.createEvent({
      id: `plan-${slot.slotId}@rostra`,
      start: new Date(slot.at),
      end: new Date(slot.at + 15 * 60_000),
      summary: `À écrire · ${slot.rubric} · ${channelName.get(slot.channelId) ?? ''}`,
      description: "Créneau du plan d'animation, sans publication pour l'instant.",
      url: `${publicUrl}/w/${workspace.id}/plan`,
    });
  }
  return calendar.toString();
}
