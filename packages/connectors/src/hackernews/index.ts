// Hacker News as a listening source: stories and comments matching a query, through the public Algolia HN Search
// API (https://hn.algolia.com/api), read newest first with a `created_at_i` high-water mark. No account needed.
import { z } from 'zod';
import type {
  Connector,
  Mention,
  MentionSource,
  SourceCursor,
  SourcePoll,
  SourcePollOptions,
  SourceSpec,
} from '../connector.js';
import { ConnectorError } from '../errors.js';
import { htmlToLine, htmlToText } from '../feeds/html-to-text.js';
import { createCursorCodec, seenList } from '../shared/cursor.js';
import { definedOnly, hostOf, httpGet, readJson } from '../shared/http-get.js';
import { fingerprint, rememberSeen } from '../shared/seen.js';

export const HACKERNEWS_NETWORK = 'hackernews';

export interface HackerNewsOptions {
  /** The API's origin. Default https://hn.algolia.com. */
  baseUrl?: string;
  /** Where items open. Default https://news.ycombinator.com. */
  siteUrl?: string;
  /** Items handed on per poll at most; a flood is read newest first and its older part by the next polls. Default 200. */
  maxItemsPerPoll?: number;
  /** Hits per request. Default 100 (the API allows up to 1,000). */
  hitsPerPage?: number;
  /** Requests per poll at most. Default 10. */
  maxRequestsPerPoll?: number;
  /**
   * Seconds re-read below the high-water mark, for items the index receives late; those already handed on are
   * recognised by the cursor. Default 600.
   */
  overlapSeconds?: number;
  /** Fingerprints kept in the cursor. Default 2,000. */
  maxSeen?: number;
  timeoutMs?: number;
}

const DEFAULTS = {
  baseUrl: 'https://hn.algolia.com',
  siteUrl: 'https://news.ycombinator.com',
  maxItemsPerPoll: 200,
  hitsPerPage: 100,
  maxRequestsPerPoll: 10,
  overlapSeconds: 600,
  maxSeen: 2000,
  timeoutMs: 20_000,
};

const KINDS = [{ kind: 'search', fields: ['query'] }] as const;
const MAX_QUERY = 512;
/** Ranges still to read after a capped poll, kept in the cursor; a source flooded more often than this loses the oldest. */
const MAX_BACKLOG = 20;

/**
 * `hw`: the newest `created_at_i` handed on. `seen`: fingerprints of the ids handed on recently. `backlog`: ranges
 * of `created_at_i` a capped poll left unread, newest first (`floor` ≤ t ≤ `upTo`).
 */
const hnCursor = z.object({
  hw: z.number().optional(),
  seen: seenList,
  backlog: z.array(z.object({ floor: z.number(), upTo: z.number() })),
});
type HnCursor = z.infer<typeof hnCursor>;
const cursors = createCursorCodec(HACKERNEWS_NETWORK, 'Hacker News source', hnCursor);

/** A hit of https://hn.algolia.com/api — "Search by date". */
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

export function createHackerNewsConnector(options: HackerNewsOptions = {}): Connector {
  return { network: HACKERNEWS_NETWORK, auth: 'none', mentions: createHackerNewsMentions(options) };
}

export function createHackerNewsMentions(options: HackerNewsOptions = {}): MentionSource {
  const settings = { ...DEFAULTS, ...definedOnly(options) };

  async function poll(
    spec: SourceSpec,
    cursor: SourceCursor,
    pollOptions: SourcePollOptions = {},
  ): Promise<SourcePoll> {
    const problems = validateHackerNewsSpec(spec);
    if (problems.length > 0) {
      throw new ConnectorError(
        HACKERNEWS_NETWORK,
        'rejected',
        problems.map((p) => `${p.field}: ${p.message}`).join('; '),
      );
    }
    const query = spec.config.query!.trim();
    const state = cursors.read(cursor) ?? { seen: [], backlog: [] };
    const seen = new Set(state.seen);
    const handed: Hit[] = [];
    let requests = 0;

    /** Newest first within the filters, skipping what was handed on; true when it stopped with hits left. */
    const collect = async (filters: string[]): Promise<{ truncated: boolean; oldest?: number }> => {
      let oldest: number | undefined;
      for (let page = 0; ; page += 1) {
        if (handed.length >= settings.maxItemsPerPoll || requests >= settings.maxRequestsPerPoll) {
          return { truncated: true, ...(oldest === undefined ? {} : { oldest }) };
        }
        requests += 1;
        const result = await search(query, filters, page, settings, pollOptions);
        for (const hit of result.hits) {
          if (handed.length >= settings.maxItemsPerPoll)
            return { truncated: true, ...(oldest === undefined ? {} : { oldest }) };
          if (seen.has(fingerprint(hit.objectID))) continue;
          seen.add(fingerprint(hit.objectID));
          handed.push(hit);
          oldest = hit.created_at_i;
        }
        if (result.hits.length === 0 || page + 1 >= result.nbPages) return { truncated: false };
      }
    };

    const backlog = [...state.backlog];
    if (state.hw === undefined) {
      // A new source starts from the newest items; older history is not read.
      await collect([]);
    } else {
      const floor = state.hw - settings.overlapSeconds;
      const fresh = await collect([`created_at_i>=${floor}`]);
      if (fresh.truncated) backlog.unshift({ floor, upTo: fresh.oldest ?? Number.MAX_SAFE_INTEGER });
    }
    while (backlog.length > 0 && handed.length < settings.maxItemsPerPoll && requests < settings.maxRequestsPerPoll) {
      const range = backlog[0]!;
      const rest = await collect([`created_at_i>=${range.floor}`, `created_at_i<=${range.upTo}`]);
      if (!rest.truncated) backlog.shift();
      else if (rest.oldest !== undefined) range.upTo = rest.oldest;
      else break;
    }

    const newest = handed.reduce((max, hit) => Math.max(max, hit.created_at_i), state.hw ?? -Infinity);
    const next: HnCursor = {
      ...(Number.isFinite(newest) ? { hw: newest } : {}),
      seen: rememberSeen(
        state.seen,
        handed.map((hit) => fingerprint(hit.objectID)),
        settings.maxSeen,
      ),
      backlog: backlog.slice(0, MAX_BACKLOG),
    };
    return { items: handed.map((hit) => toMention(hit, settings.siteUrl)), cursor: cursors.write(next) };
  }

  return { kinds: KINDS, validate: validateHackerNewsSpec, poll };
}

export const hackernews: Connector = createHackerNewsConnector();

export function validateHackerNewsSpec(spec: Omit<SourceSpec, 'credentials'>): { field: string; message: string }[] {
  if (spec.kind !== 'search') {
    return [{ field: 'kind', message: `Hacker News sources are of kind "search", not "${spec.kind}"` }];
  }
  const problems: { field: string; message: string }[] = [];
  for (const field of Object.keys(spec.config)) {
    if (field !== 'query') problems.push({ field, message: `"${field}" is not a setting of a Hacker News search` });
  }
  const query = spec.config.query?.trim() ?? '';
  if (query === '') problems.push({ field: 'query', message: 'Give the words to search for' });
  else if (query.length > MAX_QUERY) {
    problems.push({ field: 'query', message: `The query is ${query.length} characters long; at most ${MAX_QUERY}` });
  }
  return problems;
}

/**
 * GET /api/v1/search_by_date — newest first; `tags=(story,comment)` is an OR of the two types; numeric filters
 * are ANDed. https://hn.algolia.com/api ("Search by date", "Numeric filters", "Tags").
 */
async function search(
  query: string,
  filters: string[],
  page: number,
  settings: typeof DEFAULTS,
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

/** Stories and comments, with their HTML (`story_text`, `comment_text`) as plain text. */
export function toMention(hit: Hit, siteUrl: string): Mention {
  const itemUrl = (id: string | number) => `${siteUrl}/item?id=${id}`;
  const isComment = hit._tags?.includes('comment') ?? typeof hit.comment_text === 'string';
  const html = (isComment ? hit.comment_text : hit.story_text) ?? '';
  const title = isComment ? '' : htmlToLine(hit.title ?? '');
  // A link story's words are its title and its link; "site" is where the link points, as for any article.
  const linked = isComment ? (hit.story_url ?? null) : (hit.url ?? null);
  const text = htmlToText(html);
  return {
    externalId: itemUrl(hit.objectID),
    network: HACKERNEWS_NETWORK,
    url: itemUrl(hit.objectID),
    title: title === '' ? null : title,
    text: text === '' && !isComment && hit.url ? hit.url : text,
    author: hit.author
      ? {
          id: hit.author,
          handle: hit.author,
          name: hit.author,
          url: `${siteUrl}/user?id=${encodeURIComponent(hit.author)}`,
        }
      : { id: null, handle: null, name: null, url: null },
    publishedAt: hit.created_at_i * 1000,
    language: null,
    site: hostOf(linked) ?? hostOf(siteUrl),
    repostOf: null,
    replyTo: isComment && typeof hit.parent_id === 'number' ? itemUrl(hit.parent_id) : null,
    hashtags: [],
    metrics: {
      ...(typeof hit.points === 'number' ? { likes: hit.points } : {}),
      ...(typeof hit.num_comments === 'number' ? { replies: hit.num_comments } : {}),
    },
  };
}
