// Hacker News as a listening source: stories and comments matching a query, through the public Algolia HN Search
// API (https://hn.algolia.com/api), read newest first with a `created_at_i` high-water mark. No account needed.
import { z } from 'zod';
import type {
  Connector,
  MentionSource,
  SourceCursor,
  SourcePoll,
  SourcePollOptions,
  SourceSpec,
  SourceProblem,
} from '../connector.js';
import { assertValidSpec, kindRefused, settingUnknown } from '../shared/source-spec.js';
import { createCursorCodec, searchCursor } from '../shared/cursor.js';
import { definedOnly } from '../shared/http-get.js';
import { fingerprint, rememberSeen } from '../shared/seen.js';
import { HACKERNEWS_NETWORK, search, type Hit } from './api.js';
import { toMention } from './mapping.js';

export { HACKERNEWS_NETWORK } from './api.js';

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
const hnCursor = searchCursor(z.object({ floor: z.number(), upTo: z.number() }));
type HnCursor = z.infer<typeof hnCursor>;
const cursors = createCursorCodec(HACKERNEWS_NETWORK, 'Hacker News source', hnCursor);

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
    assertValidSpec(HACKERNEWS_NETWORK, validateHackerNewsSpec(spec));
    const query = spec.config.query!.trim();
    const state = cursors.read(cursor) ?? { seen: [], backlog: [] };
    const seen = new Set(state.seen);
    const handed: Hit[] = [];
    let requests = 0;
    let skipped = 0;

    /** Newest first within the filters, skipping what was handed on; true when it stopped with hits left. */
    const collect = async (filters: string[]): Promise<{ truncated: boolean; oldest?: number }> => {
      let oldest: number | undefined;
      for (let page = 0; ; page += 1) {
        if (handed.length >= settings.maxItemsPerPoll || requests >= settings.maxRequestsPerPoll) {
          return { truncated: true, ...(oldest === undefined ? {} : { oldest }) };
        }
        requests += 1;
        const result = await search(query, filters, page, settings, pollOptions);
        skipped += result.skipped;
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
    return { items: handed.map((hit) => toMention(hit, settings.siteUrl)), cursor: cursors.write(next), skipped };
  }

  return { kinds: KINDS, validate: validateHackerNewsSpec, poll };
}

export const hackernews: Connector = createHackerNewsConnector();

export function validateHackerNewsSpec(spec: Omit<SourceSpec, 'credentials'>): SourceProblem[] {
  if (spec.kind !== 'search') {
    return [kindRefused('hackernews', spec.kind, ['search'])];
  }
  const problems: SourceProblem[] = [];
  for (const field of Object.keys(spec.config)) {
    if (field !== 'query') problems.push(settingUnknown(field, `"${field}" is not a setting of a Hacker News search`));
  }
  const query = spec.config.query?.trim() ?? '';
  if (query === '') problems.push({ field: 'query', code: 'search_missing', message: 'Give the words to search for' });
  else if (query.length > MAX_QUERY) {
    problems.push({
      field: 'query',
      code: 'search_too_long',
      params: { limit: MAX_QUERY, count: query.length },
      message: `The query is ${query.length} characters long; at most ${MAX_QUERY}`,
    });
  }
  return problems;
}
