// The Algolia Hacker News Search API (https://hn.algolia.com/api) as the source reads it: one search request,
// its hits read through zod: one without the two fields everything else needs is skipped and counted.
import type { SourcePollOptions } from '../connector.js';
import { z } from 'zod';
import { ConnectorError } from '../errors.js';
import { httpGet, readJson } from '../shared/http-get.js';
import { optionalField, parseAnswer, readItems } from '../shared/network-json.js';

export const HACKERNEWS_NETWORK = 'hackernews';

const text = optionalField(z.string().nullable());
const count = optionalField(z.number().finite().nullable());

/**
 * A hit of https://hn.algolia.com/api — "Search by date": its id and date are needed, the rest is read when it
 * is there (Algolia leaves out, or nulls, what an item does not have).
 */
const hitSchema = z.object({
  objectID: z.string().min(1),
  created_at_i: z.number().finite(),
  created_at: text,
  author: text,
  title: text,
  url: text,
  story_text: text,
  comment_text: text,
  points: count,
  num_comments: count,
  story_id: count,
  story_url: text,
  parent_id: count,
  _tags: optionalField(z.array(z.string())),
});
export type Hit = z.infer<typeof hitSchema>;

const searchAnswerSchema = z.object({ hits: z.array(z.unknown()), nbPages: z.number().int().nonnegative() });

export interface SearchSettings {
  baseUrl: string;
  hitsPerPage: number;
  timeoutMs: number;
}

/**
 * GET /api/v1/search_by_date — newest first; `tags=(story,comment)` is an OR of the two types; numeric filters
 * are ANDed. https://hn.algolia.com/api ("Search by date", "Numeric filters", "Tags").
 */
export async function search(
  query: string,
  filters: string[],
  page: number,
  settings: SearchSettings,
  options: SourcePollOptions,
): Promise<{ hits: Hit[]; skipped: number; nbPages: number }> {
  const url = new URL('/api/v1/search_by_date', settings.baseUrl);
  url.searchParams.set('query', query);
  url.searchParams.set('tags', '(story,comment)');
  if (filters.length > 0) url.searchParams.set('numericFilters', filters.join(','));
  url.searchParams.set('hitsPerPage', String(settings.hitsPerPage));
  url.searchParams.set('page', String(page));
  const result = await httpGet(url.toString(), {
    network: HACKERNEWS_NETWORK,
    headers: { accept: 'application/json', ...(options.userAgent ? { 'user-agent': options.userAgent } : {}) },
    maxBytes: 20 * 1024 * 1024,
    timeoutMs: settings.timeoutMs,
    fetch: options.fetch,
    signal: options.signal,
  });
  if (!('body' in result)) throw new ConnectorError(HACKERNEWS_NETWORK, 'unavailable', `${url} answered 304 unasked`);
  return readSearchAnswer(readJson(HACKERNEWS_NETWORK, url.toString(), result.body), url);
}

/** A search's answer: its hits read one by one, those without an id or a date skipped and counted. */
export function readSearchAnswer(body: unknown, url: URL): { hits: Hit[]; skipped: number; nbPages: number } {
  const answer = parseAnswer(HACKERNEWS_NETWORK, `${url.origin}'s search`, searchAnswerSchema, body);
  const { items: hits, skipped } = readItems(answer.hits, hitSchema);
  return { hits, skipped, nbPages: answer.nbPages };
}
