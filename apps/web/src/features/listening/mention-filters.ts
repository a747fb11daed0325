// The mention stream's filters live in the URL (shareable, survive a reload, the back button works): this
// reads them from the address, writes them back, and turns them into the API's query string.
import type { Sentiment } from '../../api/types';

export interface MentionFilterValues {
  topic?: string;
  source?: string;
  network?: string;
  lang?: string;
  sentiment?: Sentiment;
  author?: string;
  /** Calendar days (YYYY-MM-DD) in the browser's time zone; `to` is included. */
  from?: string;
  to?: string;
  handled?: 'true' | 'false';
  tag?: string;
  q?: string;
}

export const FILTER_KEYS = [
  'topic',
  'source',
  'network',
  'lang',
  'sentiment',
  'author',
  'from',
  'to',
  'handled',
  'tag',
  'q',
] as const satisfies readonly (keyof MentionFilterValues)[];

const SENTIMENTS: readonly string[] = ['negative', 'neutral', 'positive'];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the filters, dropping values the API would refuse (a hand-edited address should not break the page). */
export function readFilters(params: URLSearchParams): MentionFilterValues {
  const filters: MentionFilterValues = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key)?.trim();
    if (!value) continue;
    if (key === 'sentiment' && !SENTIMENTS.includes(value)) continue;
    if (key === 'handled' && value !== 'true' && value !== 'false') continue;
    if ((key === 'from' || key === 'to') && !DAY.test(value)) continue;
    (filters as Record<string, string>)[key] = value;
  }
  return filters;
}

/** The same address with one filter changed (or removed when empty), other parameters kept. */
export function writeFilter(
  params: URLSearchParams,
  key: keyof MentionFilterValues,
  value: string | null | undefined,
): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value?.trim()) next.set(key, value.trim());
  else next.delete(key);
  return next;
}

function startOfDay(day: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, date);
}

/** The API's query string: ids and values as they are, days as instants (the `to` day included). */
export function toApiQuery(filters: MentionFilterValues): URLSearchParams {
  const query = new URLSearchParams();
  if (filters.topic) query.set('topicId', filters.topic);
  if (filters.source) query.set('sourceId', filters.source);
  if (filters.network) query.set('network', filters.network);
  if (filters.lang) query.set('language', filters.lang);
  if (filters.sentiment) query.set('sentiment', filters.sentiment);
  if (filters.author) query.set('author', filters.author);
  if (filters.from) query.set('from', startOfDay(filters.from).toISOString());
  if (filters.to) {
    const end = startOfDay(filters.to);
    end.setDate(end.getDate() + 1);
    query.set('to', end.toISOString());
  }
  if (filters.handled) query.set('handled', filters.handled);
  if (filters.tag) query.set('tag', filters.tag);
  if (filters.q) query.set('q', filters.q);
  return query;
}
