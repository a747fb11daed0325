// A fake of the Algolia Hacker News Search API for tests: a real HTTP server on 127.0.0.1 answering
// GET /api/v1/search_by_date the way https://hn.algolia.com/api documents it (hits newest first, `tags` with
// OR groups in parentheses, comma-separated `numericFilters` ANDed, `page`/`hitsPerPage`, nbHits/nbPages, and
// Algolia's 1,000-hit pagination limit). Anything else — another path or method, an unknown parameter, a
// malformed filter — gets a 400 and is recorded in `unexpected`, so a test can assert that list is empty.
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Answer,
  createFailureInjection,
  sendAnswer,
  sendJson,
  startFakeHttpServer,
  toInjectedAnswer,
  type InjectedFailure,
} from '../fake-http.js';

export interface FakeHnItem {
  objectID: string;
  type: 'story' | 'comment';
  created_at_i: number;
  author: string;
  title?: string;
  url?: string;
  story_text?: string;
  comment_text?: string;
  points?: number;
  num_comments?: number;
  story_id?: number;
  story_title?: string;
  story_url?: string;
  parent_id?: number;
}

export interface FakeHackerNews {
  url: string;
  items: FakeHnItem[];
  /** Every request's query parameters, in order. */
  requests: URLSearchParams[];
  unexpected: string[];
  /** Answers the next `times` searches with this failure (429 when Algolia's per-IP quota is spent). */
  failNext(failure: InjectedFailure, times?: number): void;
  close(): Promise<void>;
}

/** Algolia's `paginationLimitedTo` default on this index: hits past the 1,000th are never returned. */
const PAGINATION_LIMIT = 1000;
const PARAMETERS = new Set(['query', 'tags', 'numericFilters', 'hitsPerPage', 'page']);

export async function startFakeHackerNews(): Promise<FakeHackerNews> {
  const items: FakeHnItem[] = [];
  const requests: URLSearchParams[] = [];
  const unexpected: string[] = [];
  const faults = createFailureInjection<'search'>();

  const refuse = (response: ServerResponse, what: string) => {
    unexpected.push(what);
    sendJson(response, 400, { message: what, status: 400 });
  };

  function handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method !== 'GET' || url.pathname !== '/api/v1/search_by_date') {
      return refuse(response, `${request.method} ${url.pathname}`);
    }
    requests.push(url.searchParams);
    for (const name of url.searchParams.keys()) {
      if (!PARAMETERS.has(name)) return refuse(response, `unknown parameter ${name}`);
    }
    const failure = faults.takeFailure('search');
    if (failure) {
      return sendAnswer(
        response,
        toInjectedAnswer(failure, (status) => new Answer(status, { message: 'failure', status })),
      );
    }
    const tagGroups = parseTags(url.searchParams.get('tags'));
    const filters = parseNumericFilters(url.searchParams.get('numericFilters'));
    const hitsPerPage = Number(url.searchParams.get('hitsPerPage') ?? '20');
    const page = Number(url.searchParams.get('page') ?? '0');
    if (!tagGroups) return refuse(response, `malformed tags ${url.searchParams.get('tags')}`);
    if (!filters) return refuse(response, `malformed numericFilters ${url.searchParams.get('numericFilters')}`);
    if (!Number.isInteger(hitsPerPage) || hitsPerPage < 1 || hitsPerPage > 1000) {
      return refuse(response, `hitsPerPage ${hitsPerPage}`);
    }
    if (!Number.isInteger(page) || page < 0) return refuse(response, `page ${page}`);

    const words = (url.searchParams.get('query') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const matching = items
      .filter((item) => tagGroups.every((group) => group.some((tag) => tagsOf(item).includes(tag))))
      .filter((item) => filters.every((filter) => filter(item.created_at_i)))
      .filter((item) => {
        const haystack = [item.title, item.url, item.story_text, item.comment_text, item.author]
          .join(' ')
          .toLowerCase();
        return words.every((word) => haystack.includes(word));
      })
      .sort((a, b) => b.created_at_i - a.created_at_i);
    const reachable = matching.slice(0, PAGINATION_LIMIT);
    const hits = reachable.slice(page * hitsPerPage, (page + 1) * hitsPerPage).map(toHit);
    sendJson(
      response,
      200,
      {
        hits,
        nbHits: matching.length,
        page,
        nbPages: Math.ceil(reachable.length / hitsPerPage),
        hitsPerPage,
        exhaustiveNbHits: true,
        query: url.searchParams.get('query') ?? '',
        params: url.search.slice(1),
        processingTimeMS: 1,
      },
      { 'content-type': 'application/json; charset=utf-8' },
    );
  }

  const http = await startFakeHttpServer({
    unexpected: { push: ({ method, path, reason }) => unexpected.push(`${method} ${path}: ${reason}`) },
    refusalBody: (message) => ({ message, status: 500 }),
    handle,
  });
  return {
    url: http.url,
    items,
    requests,
    unexpected,
    failNext: (failure, times) => faults.failNext('search', failure, times),
    close: http.close,
  };
}

/** A hit as the API gives it: ISO and epoch dates, `_tags` with the type, author and story id. */
function toHit(item: FakeHnItem): Record<string, unknown> {
  const { type, ...fields } = item;
  return {
    created_at: new Date(item.created_at_i * 1000).toISOString(),
    title: null,
    url: null,
    points: null,
    story_text: null,
    comment_text: null,
    num_comments: null,
    story_id: null,
    parent_id: null,
    ...fields,
    _tags: tagsOf({ ...item, type }),
    _highlightResult: {},
  };
}

function tagsOf(item: FakeHnItem): string[] {
  const story = item.type === 'story' ? item.objectID : String(item.story_id ?? '');
  return [item.type, `author_${item.author}`, `story_${story}`];
}

/** "story,(story,comment)": commas AND, parentheses OR. */
function parseTags(value: string | null): string[][] | null {
  if (value === null || value === '') return [];
  const groups: string[][] = [];
  const pattern = /\(([^()]*)\)|([^,()]+)/g;
  let consumed = '';
  for (const match of value.matchAll(pattern)) {
    consumed += match[0];
    groups.push((match[1] ?? match[2] ?? '').split(',').filter(Boolean));
  }
  if (consumed !== value.replace(/,(?![^(]*\))/g, '')) return null;
  return groups.some((group) => group.length === 0) ? null : groups;
}

function parseNumericFilters(value: string | null): ((value: number) => boolean)[] | null {
  if (value === null || value === '') return [];
  const filters: ((value: number) => boolean)[] = [];
  for (const part of value.split(',')) {
    const match = /^(created_at_i|points|num_comments)(<=|>=|<|>|=)(\d+)$/.exec(part);
    if (!match || match[1] !== 'created_at_i') return null;
    const bound = Number(match[3]);
    const test: Record<string, (actual: number) => boolean> = {
      '<': (actual) => actual < bound,
      '<=': (actual) => actual <= bound,
      '>': (actual) => actual > bound,
      '>=': (actual) => actual >= bound,
      '=': (actual) => actual === bound,
    };
    filters.push(test[match[2]!]!);
  }
  return filters;
}
