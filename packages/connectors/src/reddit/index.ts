// Reddit as a listening source: posts matching a search, site-wide or in a subreddit, read newest first through
// the documented listing API (https://www.reddit.com/dev/api#GET_search) with application-only OAuth
// (https://github.com/reddit-archive/reddit/wiki/OAuth2#application-only-oauth), within the rate limits Reddit
// announces in X-Ratelimit-* headers (https://support.reddithelp.com/hc/en-us/articles/16160319875092).
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
import { REDDIT_NETWORK, searchPage, type Link, type RedditClient } from './api.js';
import { seenKey, toMention } from './mapping.js';

export { REDDIT_NETWORK } from './api.js';
export { unescapeRedditJson } from './mapping.js';

export interface RedditConnectorOptions {
  /**
   * Reddit asks every client for a unique, descriptive User-Agent, `<platform>:<app id>:<version> (by /u/<name>)`,
   * and throttles generic ones (https://github.com/reddit-archive/reddit/wiki/API#rules).
   */
  userAgent: string;
  /** A "script" or "web app" registered at https://www.reddit.com/prefs/apps. Without it, the public .json listings. */
  clientId?: string;
  clientSecret?: string;
  /** The API's origin. Default https://oauth.reddit.com with an app, https://www.reddit.com without. */
  baseUrl?: string;
  /** Where tokens come from and items open. Default https://www.reddit.com. */
  siteUrl?: string;
  /** Posts handed on per poll at most; the older part of a flood comes with the next polls. Default 200. */
  maxItemsPerPoll?: number;
  /** Requests per poll at most. Default 10. */
  maxRequestsPerPoll?: number;
  /** Seconds re-read below the newest post handed on, for posts the search index receives late. Default 900. */
  overlapSeconds?: number;
  maxSeen?: number;
  timeoutMs?: number;
}

const DEFAULTS = {
  siteUrl: 'https://www.reddit.com',
  maxItemsPerPoll: 200,
  maxRequestsPerPoll: 10,
  overlapSeconds: 900,
  maxSeen: 2000,
  timeoutMs: 20_000,
};

const KINDS = [{ kind: 'search', fields: ['query', 'subreddit'] }] as const;
/** "q: a string no longer than 512 characters" — https://www.reddit.com/dev/api#GET_search */
const MAX_QUERY = 512;
/** Subreddit names: 3 to 21 letters, digits and underscores; `a+b` reads several at once. */
const SUBREDDIT = /^[A-Za-z0-9][A-Za-z0-9_]{2,20}(?:\+[A-Za-z0-9][A-Za-z0-9_]{2,20})*$/;
const MAX_BACKLOG = 20;

/**
 * `hw`: newest `created_utc` handed on; `seen`: fingerprints of recent fullnames; `backlog`: where a capped poll
 * stopped (`after` = the last fullname handed on) and how far down the rest goes (`floor`).
 */
const redditCursor = searchCursor(z.object({ after: z.string(), floor: z.number() }));
type RedditCursor = z.infer<typeof redditCursor>;
const cursors = createCursorCodec(REDDIT_NETWORK, 'Reddit source', redditCursor);

export function createRedditConnector(options: RedditConnectorOptions): Connector {
  return { network: REDDIT_NETWORK, auth: 'none', mentions: createRedditMentions(options) };
}

export function createRedditMentions(options: RedditConnectorOptions): MentionSource {
  const app = options.clientId ? { id: options.clientId, secret: options.clientSecret ?? '' } : undefined;
  const settings = {
    ...DEFAULTS,
    baseUrl: app ? 'https://oauth.reddit.com' : 'https://www.reddit.com',
    ...definedOnly(options),
    userAgent: options.userAgent,
  };
  // One app, one quota and one token, whatever the number of sources polled through it.
  const client: RedditClient = { app, settings, session: {} };

  async function poll(
    spec: SourceSpec,
    cursor: SourceCursor,
    pollOptions: SourcePollOptions = {},
  ): Promise<SourcePoll> {
    assertValidSpec(REDDIT_NETWORK, validateRedditSpec(spec));
    const query = spec.config.query!.trim();
    const subreddit = spec.config.subreddit?.trim().replace(/^\/?r\//i, '') || undefined;
    const state = cursors.read(cursor) ?? { seen: [], backlog: [] };
    const seen = new Set(state.seen);
    const handed: Link[] = [];
    let requests = 0;
    let skipped = 0;

    /** Pages down from `after`; stops below `floor`. Returns where it stopped when the budget ran out first. */
    const collect = async (after: string | undefined, floor: number | undefined) => {
      let next = after;
      let last: string | undefined;
      for (;;) {
        if (handed.length >= settings.maxItemsPerPoll || requests >= settings.maxRequestsPerPoll) {
          return { stoppedAfter: last ?? next };
        }
        requests += 1;
        const listing = await searchPage(client, query, subreddit, next, pollOptions);
        skipped += listing.skipped;
        for (const link of listing.links) {
          if (floor !== undefined && link.created_utc < floor) return {};
          if (handed.length >= settings.maxItemsPerPoll) return { stoppedAfter: last ?? next };
          last = link.name;
          if (seen.has(fingerprint(seenKey(link)))) continue;
          seen.add(fingerprint(seenKey(link)));
          handed.push(link);
        }
        if (!listing.after || listing.links.length === 0) return {};
        next = listing.after;
      }
    };

    const backlog = [...state.backlog];
    if (state.hw === undefined) {
      // A new source starts from the newest posts; older history is not read.
      await collect(undefined, undefined);
    } else {
      const floor = state.hw - settings.overlapSeconds;
      const fresh = await collect(undefined, floor);
      if (fresh.stoppedAfter) backlog.unshift({ after: fresh.stoppedAfter, floor });
    }
    while (backlog.length > 0 && handed.length < settings.maxItemsPerPoll && requests < settings.maxRequestsPerPoll) {
      const range = backlog[0]!;
      const rest = await collect(range.after, range.floor);
      if (!rest.stoppedAfter) backlog.shift();
      else if (rest.stoppedAfter !== range.after) range.after = rest.stoppedAfter;
      else break;
    }

    const newest = handed.reduce((max, link) => Math.max(max, link.created_utc), state.hw ?? -Infinity);
    const next: RedditCursor = {
      ...(Number.isFinite(newest) ? { hw: newest } : {}),
      seen: rememberSeen(
        state.seen,
        handed.map((link) => fingerprint(seenKey(link))),
        settings.maxSeen,
      ),
      backlog: backlog.slice(0, MAX_BACKLOG),
    };
    return {
      items: handed.map((link) => toMention(link, settings.siteUrl)),
      cursor: cursors.write(next),
      skipped,
    };
  }

  return { kinds: KINDS, validate: validateRedditSpec, poll };
}

export function validateRedditSpec(spec: Omit<SourceSpec, 'credentials'>): SourceProblem[] {
  if (spec.kind !== 'search') return [kindRefused('reddit', spec.kind, ['search'])];
  const problems: SourceProblem[] = [];
  for (const field of Object.keys(spec.config)) {
    if (field !== 'query' && field !== 'subreddit') {
      problems.push(settingUnknown(field, `"${field}" is not a setting of a Reddit search`));
    }
  }
  const query = spec.config.query?.trim() ?? '';
  if (query === '') problems.push({ field: 'query', code: 'search_missing', message: 'Give the words to search for' });
  else if (query.length > MAX_QUERY) {
    problems.push({
      field: 'query',
      code: 'search_too_long',
      params: { limit: MAX_QUERY, count: query.length },
      message: `The query is ${query.length} characters long; Reddit allows ${MAX_QUERY}`,
    });
  }
  const subreddit = spec.config.subreddit?.trim().replace(/^\/?r\//i, '');
  if (subreddit && !SUBREDDIT.test(subreddit)) {
    problems.push({
      field: 'subreddit',
      code: 'subreddit_invalid',
      params: { value: spec.config.subreddit ?? '' },
      message: `"${spec.config.subreddit}" is not a subreddit name: 3 to 21 letters, digits or _ (several joined with +)`,
    });
  }
  return problems;
}
