// The `feed` connector: an RSS / Atom / JSON Feed as a listening source (blogs, forums, news sites, YouTube channel
// feeds, alert feeds are all feeds). Wraps `fetchFeed`: its conditional GET keeps polls cheap, and the cursor
// remembers which items were handed on so an item staying in the feed is never sent twice.
import { z } from 'zod';
import type {
  Connector,
  Mention,
  MentionSource,
  SourceCursor,
  SourcePoll,
  SourcePollOptions,
  SourceSpec,
  SourceProblem,
} from '../connector.js';
import { assertValidSpec, kindRefused, settingUnknown } from '../shared/source-spec.js';
import { outboundFetch } from '../outbound.js';
import { createCursorCodec, seenList } from '../shared/cursor.js';
import { checkHttpUrl, definedOnly, hostOf } from '../shared/http-get.js';
import { fingerprint, rememberSeen } from '../shared/seen.js';
import { fetchFeed } from './fetch.js';
import { FEED_NETWORK, type FeedItem } from './types.js';

export interface FeedSourceOptions {
  /** Items handed on per poll at most, newest first; the rest come with the next polls. Default 200. */
  maxItemsPerPoll?: number;
  /** Fingerprints kept in the cursor; must exceed the longest feed watched. Default 3,000. */
  maxSeen?: number;
  /** Per fetch, body included. Default 20 s. */
  timeoutMs?: number;
  /** Default 10 MiB. */
  maxBytes?: number;
}

const DEFAULTS = { maxItemsPerPoll: 200, maxSeen: 3000, timeoutMs: 20_000, maxBytes: 10 * 1024 * 1024 };

const KINDS = [{ kind: 'feed', fields: ['url'] }] as const;

/**
 * `seen`: fingerprints of the items already handed on. `etag`/`lastModified` are only kept when every item of
 * the feed was handed on: a poll capped by `maxItemsPerPoll` must read the full feed again next time, which a
 * 304 would prevent.
 */
const feedCursor = z.object({ etag: z.string().optional(), lastModified: z.string().optional(), seen: seenList });
type FeedCursor = z.infer<typeof feedCursor>;
const cursors = createCursorCodec(FEED_NETWORK, 'feed source', feedCursor);

export function createFeedConnector(options: FeedSourceOptions = {}): Connector {
  return { network: FEED_NETWORK, auth: 'none', mentions: createFeedMentions(options) };
}

export function createFeedMentions(options: FeedSourceOptions = {}): MentionSource {
  const settings = { ...DEFAULTS, ...definedOnly(options) };

  async function poll(
    spec: SourceSpec,
    cursor: SourceCursor,
    pollOptions: SourcePollOptions = {},
  ): Promise<SourcePoll> {
    assertValidSpec(FEED_NETWORK, validateFeedSpec(spec));
    const url = spec.config.url!.trim();
    const state = cursors.read(cursor) ?? { seen: [] };
    const result = await fetchFeed(
      url,
      {
        ...(state.etag ? { etag: state.etag } : {}),
        ...(state.lastModified ? { lastModified: state.lastModified } : {}),
      },
      {
        timeoutMs: settings.timeoutMs,
        maxBytes: settings.maxBytes,
        fetch: withSignal(pollOptions.fetch ?? outboundFetch, pollOptions.signal),
        ...(pollOptions.userAgent ? { userAgent: pollOptions.userAgent } : {}),
      },
    );
    if (result.status === 'not_modified') {
      return { items: [], cursor: cursors.write({ ...state, ...result.state }) };
    }
    const seen = new Set(state.seen);
    const fresh = result.items.filter((item) => !seen.has(fingerprint(seenKey(item))));
    const handed = newestFirst(fresh).slice(0, settings.maxItemsPerPoll);
    const complete = handed.length === fresh.length;
    const next: FeedCursor = {
      ...(complete ? result.state : {}),
      seen: rememberSeen(
        state.seen,
        handed.map((item) => fingerprint(seenKey(item))),
        Math.max(settings.maxSeen, result.items.length),
      ),
    };
    const site = result.siteUrl ?? url;
    return {
      items: handed.map((item) => toMention(item, { feedUrl: url, site, feedTitle: result.feedTitle })),
      cursor: cursors.write(next),
    };
  }

  return { kinds: KINDS, validate: validateFeedSpec, poll };
}

/** The default instance, for the registry. */
export const feed: Connector = createFeedConnector();

export function validateFeedSpec(spec: Omit<SourceSpec, 'credentials'>): SourceProblem[] {
  if (spec.kind !== 'feed') return [kindRefused('feed', spec.kind, ['feed'])];
  const problems: SourceProblem[] = [];
  for (const field of Object.keys(spec.config)) {
    if (field !== 'url') problems.push(settingUnknown(field, `"${field}" is not a setting of a feed source`));
  }
  const urlProblem = checkHttpUrl('url', spec.config.url);
  if (urlProblem) problems.push(urlProblem);
  return problems;
}

/**
 * A feed item as a mention. Guids are only unique within their feed ("42", "post-7"): those that are not already
 * global (a URL, a tag: or urn: URI, YouTube's yt:video:…) are prefixed with the feed's URL so two feeds never
 * share an externalId, while the same article in two feeds that both use its permalink still groups.
 */
export function toMention(item: FeedItem, feed: { feedUrl: string; site: string; feedTitle: string | null }): Mention {
  const global = /^[a-z][a-z0-9+.-]*:\S/i.test(item.id);
  return {
    externalId: global ? item.id : `${feed.feedUrl}#${item.id}`,
    network: FEED_NETWORK,
    url: item.url,
    title: item.title === '' ? null : item.title,
    text: item.text,
    // A byline is not an account: the publication (the feed's site) is the stable identity, the byline its name.
    author: { id: feed.site, handle: null, name: item.author ?? feed.feedTitle, url: item.source.site ?? null },
    publishedAt: item.publishedAt,
    editedAt: item.updatedAt,
    language: item.language,
    site: hostOf(item.url) ?? hostOf(feed.site),
    repostOf: null,
    replyTo: null,
    hashtags: [],
    metrics: {},
  };
}

/**
 * What an item was handed on as: its id, and its update when it has one, so an entry updated since is handed on
 * again (the pipeline stores its new text in place) while an unchanged one never is.
 */
function seenKey(item: FeedItem): string {
  return item.updatedAt === null ? item.id : `${item.id}@${item.updatedAt}`;
}

/** Dated items newest first, then undated ones in feed order (feeds list newest first by convention). */
function newestFirst(items: FeedItem[]): FeedItem[] {
  return items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => {
      const at = a.item.publishedAt ?? -Infinity;
      const bt = b.item.publishedAt ?? -Infinity;
      return at === bt ? a.index - b.index : bt - at;
    })
    .map(({ item }) => item);
}

function withSignal(doFetch: typeof fetch, signal: AbortSignal | undefined): typeof fetch {
  if (!signal) return doFetch;
  return (input, init) =>
    doFetch(input, { ...init, signal: init?.signal ? AbortSignal.any([init.signal, signal]) : signal });
}
