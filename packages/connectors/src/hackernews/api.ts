// The Algolia Hacker News Search API (https://hn.algolia.com/api) as the source reads it: one search request,
// its hits checked for the two fields everything else needs.
import type { SourcePollOptions } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { httpGet, readJson } from '../shared/http-get.js';

export const HACKERNEWS_NETWORK = 'hackernews';

export /** A hit of https://hn.algolia.com/api — "Search by date". */
interface Hit {
  objectID: string;
  created_at_i: number;
  created_at?: string;
  author?: string | null;
  title?: string | null;
  url?: string | null;
  story_text?: string | null;
  comment_text?: string | null;
  points?: number | null;
  num_comments?: number | null;
  story_id?: number | null;
  story_url?: string | null;
  parent_id?: number | null;
  _tags?: string[];
}

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
): Promise<{ hits: Hit[]; nbPages: number }> {
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
  const body = readJson(HACKERNEWS_NETWORK, url.toString(), result.body) as { hits?: unknown; nbPages?: unknown };
  if (!Array.isArray(body.hits) || typeof body.nbPages !== 'number') {
    throw new ConnectorError(
      HACKERNEWS_NETWORK,
      'unavailable',
      `${url.origin} answered a search without hits or nbPages`,
    );
  }
  const hits = body.hits.filter(
    (hit): hit is Hit =>
      typeof (hit as Hit | null)?.objectID === 'string' && typeof (hit as Hit).created_at_i === 'number',
  );
  return { hits, nbPages: body.nbPages };
}
