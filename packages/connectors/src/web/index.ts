// The `web` connector: watch a page (its articles or the elements a CSS selector picks) or a sitemap for new content,
// and read each new article's title, description and text — one page at a time, with a pause, within robots.txt.
// Pages are read with conditional GETs; the cursor keeps fingerprints of what was handed on.
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
import { ConnectorError } from '../errors.js';
import { assertValidSpec, kindRefused, settingUnknown } from '../shared/source-spec.js';
import {
  checkSelector,
  decodeHtml,
  extractPageItems,
  pageLanguage,
  parseHtml,
  summarisePage,
  type PageSummary,
} from './html.js';
import { createCursorCodec, seenList } from '../shared/cursor.js';
import { checkHttpUrl, definedOnly, delay, hostOf, httpGet, type HttpGetResult } from '../shared/http-get.js';
import { ALLOW_ALL, parseRobots, productToken, ROBOTS_MAX_BYTES, type RobotsRules } from './robots.js';
import { fingerprint, rememberSeen } from '../shared/seen.js';
import { parseSitemap, SITEMAP_MAX_BYTES, WEB_NETWORK, type SitemapEntry } from './sitemap.js';

export { WEB_NETWORK } from './sitemap.js';
export { parseRobots, productToken, type RobotsRules } from './robots.js';
export { parseSitemap, type Sitemap, type SitemapEntry } from './sitemap.js';

export interface WebSourceOptions {
  /** Items handed on per poll at most (each may cost one page fetch); the rest come with the next polls. Default 20. */
  maxItemsPerPoll?: number;
  /** Child sitemaps of a sitemap index read per poll, newest first. Default 5. */
  maxSitemapsPerPoll?: number;
  /** Read each new item's own page for its title, description and text. Default true. */
  fetchLinkedPages?: boolean;
  /** Pause between two requests of one poll, to be polite to the site. Default 1 s. */
  requestDelayMs?: number;
  /** Fingerprints kept in the cursor (12 characters each); also the most undated URLs a sitemap may list. Default 10,000. */
  maxSeen?: number;
  /** Sitemap lastmod values are often days: entries this much older than the newest one are still compared. Default 2 days. */
  lastmodSlackMs?: number;
  /** Per request. Default 20 s. */
  timeoutMs?: number;
  /** HTML pages above this are refused. Default 5 MiB. */
  maxPageBytes?: number;
  /** How long a robots.txt is trusted; RFC 9309 §2.4 says at most 24 hours. */
  robotsTtlMs?: number;
}

const DEFAULTS = {
  maxItemsPerPoll: 20,
  maxSitemapsPerPoll: 5,
  fetchLinkedPages: true,
  requestDelayMs: 1000,
  maxSeen: 10_000,
  lastmodSlackMs: 2 * 86_400_000,
  timeoutMs: 20_000,
  maxPageBytes: 5 * 1024 * 1024,
  robotsTtlMs: 86_400_000,
};
const DEFAULT_USER_AGENT = 'Rostra/0.1 (web watcher; +https://github.com/rostra)';
const HTML_ACCEPT = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';
const XML_ACCEPT = 'application/xml, text/xml;q=0.9, application/gzip;q=0.8, text/plain;q=0.5, */*;q=0.1';
const KINDS = [
  { kind: 'page', fields: ['url', 'selector'] },
  { kind: 'sitemap', fields: ['url'] },
] as const;
const MAX_ROBOTS_CACHE = 1000;

/**
 * `seen`: fingerprints of the item ids handed on (or taken as the baseline on the first poll). `hw`: the newest
 * sitemap lastmod handed on. Validators are only kept when nothing was left for the next poll, since a 304 would
 * hide what is left.
 */
const webCursor = z.object({
  etag: z.string().optional(),
  lastModified: z.string().optional(),
  hw: z.number().optional(),
  seen: seenList,
});
type WebCursor = z.infer<typeof webCursor>;
const cursors = createCursorCodec(WEB_NETWORK, 'web source', webCursor);

/** Something new found on the page or in the sitemap, before its own page is read. */
interface Candidate {
  id: string;
  url: string | null;
  title: string | null;
  text: string;
  publishedAt: number | null;
  lastmod: number | null;
  language: string | null;
}

export function createWebConnector(options: WebSourceOptions = {}): Connector {
  return { network: WEB_NETWORK, auth: 'none', mentions: createWebMentions(options) };
}

export function createWebMentions(options: WebSourceOptions = {}): MentionSource {
  const settings = { ...DEFAULTS, ...definedOnly(options) };
  const robotsCache = new Map<string, { rules: RobotsRules; expiresAt: number }>();

  async function poll(
    spec: SourceSpec,
    cursor: SourceCursor,
    pollOptions: SourcePollOptions = {},
  ): Promise<SourcePoll> {
    assertValidSpec(WEB_NETWORK, validateWebSpec(spec));
    const state = cursors.read(cursor) ?? { seen: [] };
    const userAgent = pollOptions.userAgent ?? DEFAULT_USER_AGENT;
    let requests = 0;

    /** One GET within robots.txt, pausing between the requests of a poll. */
    const get = async (url: string, accept: string, maxBytes: number, validators: Partial<WebCursor> = {}) => {
      const rules = await robotsFor(url);
      if (!rules.allows(url)) {
        throw new ConnectorError(
          WEB_NETWORK,
          'rejected',
          `robots.txt of ${new URL(url).origin} disallows ${url} to ${productToken(userAgent)}`,
        );
      }
      if (requests > 0) await delay(settings.requestDelayMs, pollOptions.signal);
      requests += 1;
      return httpGet(url, {
        network: WEB_NETWORK,
        headers: { accept, 'user-agent': userAgent },
        etag: validators.etag,
        lastModified: validators.lastModified,
        maxBytes,
        timeoutMs: settings.timeoutMs,
        fetch: pollOptions.fetch,
        signal: pollOptions.signal,
      });
    };

    /** RFC 9309 §2.3.1: 4xx means no rules; 5xx or unreachable means "complete disallow", so the poll waits. */
    const robotsFor = async (url: string): Promise<RobotsRules> => {
      const origin = new URL(url).origin;
      const key = `${origin} ${productToken(userAgent)}`;
      const cached = robotsCache.get(key);
      if (cached && cached.expiresAt > Date.now()) return cached.rules;
      const robotsUrl = `${origin}/robots.txt`;
      const result = await httpGet(robotsUrl, {
        network: WEB_NETWORK,
        headers: { accept: 'text/plain', 'user-agent': userAgent },
        maxBytes: ROBOTS_MAX_BYTES * 4,
        timeoutMs: settings.timeoutMs,
        fetch: pollOptions.fetch,
        signal: pollOptions.signal,
        passStatuses: [400, 401, 403, 404, 405, 406, 410, 451],
      });
      requests += 1;
      let rules = ALLOW_ALL;
      if ('body' in result && result.status >= 200 && result.status < 300) {
        const text = new TextDecoder().decode(result.body.subarray(0, ROBOTS_MAX_BYTES));
        rules = parseRobots(text, productToken(userAgent));
      }
      if (robotsCache.size >= MAX_ROBOTS_CACHE) robotsCache.delete(robotsCache.keys().next().value!);
      robotsCache.set(key, { rules, expiresAt: Date.now() + settings.robotsTtlMs });
      return rules;
    };

    /** Reads each candidate's own page, in order; stops (deferring the rest) when the site asks to slow down. */
    const enrich = async (candidates: Candidate[]): Promise<{ done: Mention[]; deferred: Candidate[] }> => {
      const done: Mention[] = [];
      for (const [index, candidate] of candidates.entries()) {
        let summary: PageSummary | null = null;
        if (settings.fetchLinkedPages && candidate.url) {
          try {
            summary = await readArticle(candidate.url);
          } catch (error) {
            if (!(error instanceof ConnectorError)) throw error;
            if (error.code === 'rate_limited') return { done, deferred: candidates.slice(index) };
            // A missing, refused or broken article is handed on with what the page or sitemap said of it.
          }
        }
        done.push(toMention(candidate, summary, spec.config.url!.trim()));
      }
      return { done, deferred: [] };
    };

    const readArticle = async (url: string): Promise<PageSummary | null> => {
      const result = await get(url, HTML_ACCEPT, settings.maxPageBytes);
      if (!('body' in result) || !isHtml(result.contentType)) return null;
      return summarisePage(parseHtml(decodeHtml(result.body, result.contentType)));
    };

    const url = spec.config.url!.trim();
    if (spec.kind === 'page') {
      const result = await get(url, HTML_ACCEPT, settings.maxPageBytes, state);
      if (!('body' in result)) return { items: [], cursor: cursors.write(withValidators(state, result)) };
      if (!isHtml(result.contentType)) {
        throw new ConnectorError(
          WEB_NETWORK,
          'rejected',
          `${url} is not an HTML page (${result.contentType ?? 'no content type'})`,
        );
      }
      const root = parseHtml(decodeHtml(result.body, result.contentType));
      const language = pageLanguage(root);
      const pageHost = hostOf(result.url);
      const selector = spec.config.selector?.trim() || undefined;
      const candidates = extractPageItems(root, result.url, selector).map((item): Candidate => ({
        id: item.url ?? `${url}#${fingerprint(item.text)}`,
        url: item.url,
        title: item.title,
        text: item.text,
        publishedAt: item.publishedAt,
        lastmod: null,
        // The page's language says nothing of another site's article.
        language: item.url === null || hostOf(item.url) === pageHost ? language : null,
      }));
      return handOn(candidates, state, result, enrich, cursor === null, settings);
    }

    const top = await get(url, XML_ACCEPT, SITEMAP_MAX_BYTES, state);
    if (!('body' in top)) return { items: [], cursor: cursors.write(withValidators(state, top)) };
    const sitemap = parseSitemap(top.body, top.contentType, top.url);
    let entries: SitemapEntry[];
    let complete = true;
    if (sitemap.kind === 'urlset') entries = sitemap.entries;
    else {
      const slack = state.hw === undefined ? -Infinity : state.hw - settings.lastmodSlackMs;
      const changed = newestFirst(sitemap.sitemaps).filter((child) => child.lastmod === null || child.lastmod >= slack);
      const reading = changed.slice(0, settings.maxSitemapsPerPoll);
      complete = reading.length === changed.length || cursor === null;
      entries = [];
      for (const child of reading) {
        try {
          const result = await get(child.url, XML_ACCEPT, SITEMAP_MAX_BYTES);
          if (!('body' in result)) continue;
          const read = parseSitemap(result.body, result.contentType, result.url);
          // "A Sitemap index file can only specify Sitemaps that are found on the same site" and no nested indexes.
          if (read.kind === 'urlset') entries.push(...read.entries);
        } catch (error) {
          if (error instanceof ConnectorError && error.code === 'rejected') continue;
          throw error;
        }
      }
    }
    const slack = state.hw === undefined ? -Infinity : state.hw - settings.lastmodSlackMs;
    const unique = new Map<string, SitemapEntry>();
    for (const entry of entries) if (!unique.has(entry.url)) unique.set(entry.url, entry);
    // Without a lastmod, only the cursor's fingerprints tell an old URL from a new one: past what it holds, old URLs
    // would come back as new forever, so such a sitemap is refused with the reason rather than watched badly.
    const undated = [...unique.values()].filter((entry) => entry.lastmod === null).length;
    if (undated > settings.maxSeen) {
      throw new ConnectorError(
        WEB_NETWORK,
        'rejected',
        `${url} lists ${undated} URLs without <lastmod>; Rostra can watch at most ${settings.maxSeen} undated URLs — watch its news sitemap, feed or home page instead`,
      );
    }
    const candidates = newestFirst([...unique.values()])
      .filter((entry) => entry.lastmod === null || entry.lastmod >= slack)
      .map((entry): Candidate => ({
        id: entry.url,
        url: entry.url,
        title: entry.title,
        text: entry.title ?? '',
        publishedAt: null,
        lastmod: entry.lastmod,
        language: null,
      }));
    const newestLastmod = candidates.reduce((max, entry) => Math.max(max, entry.lastmod ?? -Infinity), -Infinity);
    // An index often stays the same while its child sitemaps change: it is read again every poll (it is small), and
    // only the children whose lastmod says they changed are read.
    const validators = sitemap.kind === 'urlset' && complete ? top : {};
    return handOn(candidates, state, validators, enrich, cursor === null, settings, newestLastmod);
  }

  return { kinds: KINDS, validate: validateWebSpec, poll };
}

export const web: Connector = createWebConnector();

export function validateWebSpec(spec: Omit<SourceSpec, 'credentials'>): SourceProblem[] {
  const known = KINDS.find((entry) => entry.kind === spec.kind);
  if (!known) return [kindRefused('web', spec.kind, ['page', 'sitemap'])];
  const problems: SourceProblem[] = [];
  for (const field of Object.keys(spec.config)) {
    if (!(known.fields as readonly string[]).includes(field)) {
      problems.push(settingUnknown(field, `"${field}" is not a setting of a web ${spec.kind} source`));
    }
  }
  const urlProblem = checkHttpUrl('url', spec.config.url);
  if (urlProblem) problems.push(urlProblem);
  const selector = spec.config.selector?.trim();
  if (spec.kind === 'page' && selector) {
    try {
      checkSelector(selector);
    } catch (error) {
      problems.push({
        field: 'selector',
        code: 'selector_invalid',
        params: { value: selector },
        message: `"${selector}" is not a CSS selector: ${(error as Error).message}`,
      });
    }
  }
  return problems;
}

/**
 * Hands on the candidates not seen yet, at most `maxItemsPerPoll`, each with its page read. The first poll takes
 * everything else as the baseline (a new source starts from now); later polls leave the rest for the next poll.
 */
async function handOn(
  all: Candidate[],
  state: WebCursor,
  validators: { etag?: string | undefined; lastModified?: string | undefined },
  enrich: (candidates: Candidate[]) => Promise<{ done: Mention[]; deferred: Candidate[] }>,
  first: boolean,
  settings: typeof DEFAULTS,
  newestLastmod = -Infinity,
): Promise<SourcePoll> {
  const seen = new Set(state.seen);
  const fresh = all.filter((candidate) => !seen.has(fingerprint(candidate.id)));
  const chosen = fresh.slice(0, settings.maxItemsPerPoll);
  const { done, deferred } = await enrich(chosen);
  const deferredIds = new Set(deferred.map((candidate) => candidate.id));
  const handedIds = chosen.filter((candidate) => !deferredIds.has(candidate.id)).map((candidate) => candidate.id);
  const left = first ? deferred : [...deferred, ...fresh.slice(settings.maxItemsPerPoll)];
  const leftIds = new Set(left.map((candidate) => candidate.id));
  // The baseline only needs what the high-water mark will not cut off next time: undated entries and recent ones.
  const cutOff = newestLastmod - settings.lastmodSlackMs;
  const baseline = fresh.filter(
    (candidate) => !leftIds.has(candidate.id) && (candidate.lastmod === null || candidate.lastmod >= cutOff),
  );
  const remembered = first ? [...handedIds, ...baseline.map((candidate) => candidate.id)] : handedIds;
  // The high-water mark never passes an entry still waiting, so that entry stays above the cut-off.
  const waiting = left.reduce((min, candidate) => Math.min(min, candidate.lastmod ?? Infinity), Infinity);
  const handedNewest = first
    ? newestLastmod
    : chosen.reduce(
        (max, candidate) => Math.max(max, deferredIds.has(candidate.id) ? -Infinity : (candidate.lastmod ?? -Infinity)),
        -Infinity,
      );
  const hw = Math.min(Math.max(state.hw ?? -Infinity, handedNewest), waiting);
  const next: WebCursor = {
    ...(left.length === 0 && validators.etag ? { etag: validators.etag } : {}),
    ...(left.length === 0 && validators.lastModified ? { lastModified: validators.lastModified } : {}),
    ...(Number.isFinite(hw) ? { hw } : state.hw === undefined ? {} : { hw: state.hw }),
    seen: rememberSeen(state.seen, remembered.map(fingerprint), settings.maxSeen),
  };
  return { items: done, cursor: cursors.write(next) };
}

function toMention(candidate: Candidate, summary: PageSummary | null, sourceUrl: string): Mention {
  const site = hostOf(candidate.url) ?? hostOf(sourceUrl);
  const origin = new URL(candidate.url ?? sourceUrl).origin;
  const text = summary?.text || candidate.text || candidate.title || candidate.url || '';
  return {
    externalId: candidate.id,
    network: WEB_NETWORK,
    url: candidate.url ?? sourceUrl,
    title: candidate.title ?? summary?.title ?? null,
    text,
    author: { id: origin, handle: null, name: summary?.author ?? summary?.siteName ?? site, url: origin },
    publishedAt: candidate.publishedAt ?? summary?.publishedAt ?? candidate.lastmod,
    language: summary?.language ?? candidate.language,
    site,
    repostOf: null,
    replyTo: null,
    hashtags: [],
    metrics: {},
  };
}

/** Newest lastmod first; entries without one after, in their order. */
function newestFirst<T extends { lastmod: number | null }>(entries: T[]): T[] {
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort((a, b) => {
      const at = a.entry.lastmod ?? -Infinity;
      const bt = b.entry.lastmod ?? -Infinity;
      return at === bt ? a.index - b.index : bt - at;
    })
    .map(({ entry }) => entry);
}

function isHtml(contentType: string | null): boolean {
  return contentType === null || /^\s*(?:text\/html|application\/xhtml\+xml)\b/i.test(contentType);
}

function withValidators(state: WebCursor, result: HttpGetResult): WebCursor {
  return {
    ...state,
    ...(result.etag ? { etag: result.etag } : {}),
    ...(result.lastModified ? { lastModified: result.lastModified } : {}),
  };
}
