// Listening on a Mastodon instance: its hashtag and public timelines and one account's statuses, polled with a
// min_id high-water mark, and in real time through the streaming API (falling back to polling where the
// instance refuses it). Timelines: https://docs.joinmastodon.org/methods/timelines/ — streaming:
// https://docs.joinmastodon.org/methods/streaming/ — statuses: https://docs.joinmastodon.org/entities/Status/
import { z } from 'zod';
import type {
  Mention,
  MentionSource,
  SourceCursor,
  SourcePoll,
  SourcePollOptions,
  SourceSpec,
  SourceStream,
  SourceProblem,
} from '../connector.js';
import { ConnectorError } from '../errors.js';
import { assertValidSpec, kindRefused, settingUnknown } from '../shared/source-spec.js';
import { createCursorCodec } from '../shared/cursor.js';
import { asAddressRefusal, describeFailure, outboundFetch } from '../outbound.js';
import { htmlToText } from '../feeds/html-to-text.js';
import { consumeSocket, runWithReconnect, sleep } from '../realtime.js';
import { toHttpError } from './api.js';
import { NETWORK } from './rules.js';
import { normalizeInstanceUrl } from './session.js';

export interface MastodonMentionsOptions {
  /** Per HTTP call. Default 30 s. */
  timeoutMs?: number;
  /** Statuses per page; Mastodon's maximum is 40. */
  pageSize?: number;
  /** Pages read per poll; the rest is read by the next poll, from the cursor. Default 10. */
  maxPagesPerPoll?: number;
  /** Parents looked up per poll to name what a reply answers. Default 20. */
  maxParentLookups?: number;
  /** How often to poll when streaming is refused. Default 60 s. */
  fallbackPollMs?: number;
  /** Reconnection backoff of the stream. Defaults 1 s doubling up to 60 s. */
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
}

const DEFAULTS = {
  timeoutMs: 30_000,
  pageSize: 40,
  maxPagesPerPoll: 10,
  maxParentLookups: 20,
  fallbackPollMs: 60_000,
  reconnectInitialMs: 1000,
  reconnectMaxMs: 60_000,
};

const KINDS = [
  { kind: 'hashtag', fields: ['instance', 'tag', 'local'], realtime: true },
  { kind: 'public', fields: ['instance', 'local'], realtime: true },
  { kind: 'account', fields: ['instance', 'account'] },
] as const;
// No `search` kind: searching statuses needs a user token and, on most servers, full-text search, which only
// finds statuses the searcher wrote, favourited, boosted or was mentioned in (https://docs.joinmastodon.org/methods/search/).

/** Mastodon's hashtag characters: word characters, `·` and ZWNJ, at least one letter. */
const TAG = /^(?=[\p{L}\p{N}_·\u200c]*\p{L})[\p{L}\p{N}_·\u200c]{1,100}$/u;
/** `user` on the instance or `user@domain`, with or without the leading @. */
const ACCOUNT = /^@?([a-z0-9_]+(?:[.-]+[a-z0-9_]+)*)(?:@([a-z0-9.-]+\.[a-z]{2,}|localhost(?::\d+)?))?$/i;

interface Source {
  kind: 'hashtag' | 'public' | 'account';
  instance: string;
  tag?: string;
  local: boolean;
  account?: string;
  token?: string;
}

/**
 * The cursor: the newest status id handed on, the latest edit handed on (ms), and the account id a handle
 * resolved to.
 */
const mastodonCursor = z.object({
  minId: z.string().optional(),
  editedAt: z.number().optional(),
  accountId: z.string().optional(),
});
type MastodonCursor = z.infer<typeof mastodonCursor>;
const cursors = createCursorCodec(NETWORK, 'Mastodon source', mastodonCursor);

export function createMastodonMentions(options: MastodonMentionsOptions = {}): MentionSource {
  const settings = { ...DEFAULTS, ...definedOnly(options) };

  async function poll(spec: SourceSpec, cursor: SourceCursor, pollOptions: SourcePollOptions = {}) {
    const source = readSource(spec);
    const state = cursors.read(cursor) ?? {};
    const client = createClient(source, settings, pollOptions);
    return pollOnce(client, source, state, settings);
  }

  function stream(
    spec: SourceSpec,
    cursor: SourceCursor,
    onBatch: (batch: SourcePoll) => Promise<void>,
    streamOptions: SourcePollOptions & { signal: AbortSignal },
  ): SourceStream {
    const run = async () => {
      const source = readSource(spec);
      let state = cursors.read(cursor) ?? {};
      const client = createClient(source, settings, streamOptions);
      const signal = streamOptions.signal;
      let polling = source.kind === 'account';

      const deliver = async (result: { items: Mention[]; state: MastodonCursor }) => {
        const changed = encodeCursor(result.state) !== encodeCursor(state);
        state = result.state;
        if (result.items.length > 0 || changed) await onBatch({ items: result.items, cursor: encodeCursor(state) });
      };

      await runWithReconnect(
        async (healthy) => {
          if (polling) {
            while (!signal.aborted) {
              await deliver(await pollOnceRaw(client, source, state, settings));
              healthy();
              await sleep(settings.fallbackPollMs, signal);
            }
            return;
          }
          try {
            await consumeSocket(streamingUrl(source), {
              network: NETWORK,
              headers: client.headers,
              signal,
              // Whatever was published while disconnected is read from the timeline first; the stream's own
              // updates wait, and those the catch-up already handed on are skipped by id.
              onOpen: async () => {
                await deliver(await pollOnceRaw(client, source, state, settings));
                healthy();
              },
              onFrames: async (frames) => {
                const events = frames.map(readStreamEvent).filter((event): event is StreamEvent => event !== undefined);
                // An edit is of a status already handed on (its id is below the mark): it goes through whatever
                // its id, and the pipeline stores its new text in place. The mark only follows new statuses.
                const fresh = events
                  .filter(
                    ({ edit, status }) => edit || state.minId === undefined || compareIds(status.id, state.minId) > 0,
                  )
                  .map(({ status }) => status);
                if (fresh.length === 0) return;
                const items = await toMentions(client, fresh, settings.maxParentLookups);
                const added = events.filter(({ edit }) => !edit).map(({ status }) => status);
                const minId = newestId(added, state.minId);
                const editedAt = latestEdit(fresh, state.editedAt);
                await deliver({
                  items,
                  state: {
                    ...state,
                    ...(minId === undefined ? {} : { minId }),
                    ...(editedAt === undefined ? {} : { editedAt }),
                  },
                });
                healthy();
              },
            });
          } catch (error) {
            // No streaming server behind this address, or one that wants a token we do not have: poll instead.
            const refused =
              error instanceof ConnectorError &&
              (error.code === 'rejected' || (error.code === 'auth_expired' && !source.token));
            if (!refused) throw error;
            polling = true;
          }
        },
        { signal, initialDelayMs: settings.reconnectInitialMs, maxDelayMs: settings.reconnectMaxMs },
      );
    };
    return { done: run() };
  }

  return {
    kinds: KINDS,
    validate: (spec) => validateSpec(spec),
    poll,
    stream,
  };
}

function validateSpec(spec: Omit<SourceSpec, 'credentials'>): SourceProblem[] {
  const known = KINDS.find((entry) => entry.kind === spec.kind);
  if (!known) {
    return [
      kindRefused(
        'mastodon',
        spec.kind,
        KINDS.map((k) => k.kind),
      ),
    ];
  }
  const problems: SourceProblem[] = [];
  for (const field of Object.keys(spec.config)) {
    if (!(known.fields as readonly string[]).includes(field)) {
      problems.push(settingUnknown(field, `"${field}" is not a setting of a Mastodon ${spec.kind} source`));
    }
  }
  const { instance, tag, local, account } = spec.config;
  try {
    normalizeInstanceUrl(instance);
  } catch (error) {
    problems.push({
      field: 'instance',
      code: 'instance_invalid',
      params: { value: instance ?? '' },
      message: (error as Error).message,
    });
  }
  if (spec.kind === 'hashtag') {
    const bare = (tag ?? '').trim().replace(/^#/, '');
    if (bare === '') {
      problems.push({
        field: 'tag',
        code: 'hashtag_missing',
        message: 'Give the hashtag to follow (e.g. municipales)',
      });
    } else if (!TAG.test(bare)) {
      problems.push({
        field: 'tag',
        code: 'hashtag_invalid',
        params: { value: tag ?? '' },
        message: `"${tag}" is not a hashtag: letters, digits and _ only, with at least one letter`,
      });
    }
  }
  if (local !== undefined && local !== 'true' && local !== 'false') {
    problems.push({
      field: 'local',
      code: 'boolean_invalid',
      params: { value: local },
      message: `local is "true" or "false", not "${local}"`,
    });
  }
  if (spec.kind === 'account') {
    if (!account?.trim()) {
      problems.push({
        field: 'account',
        code: 'account_missing',
        message: 'Give the account (e.g. @mairie@piaille.fr)',
      });
    } else if (!ACCOUNT.test(account.trim())) {
      problems.push({
        field: 'account',
        code: 'account_invalid',
        params: { value: account },
        message: `"${account}" is not a Mastodon account like @name@server`,
      });
    }
  }
  return problems;
}

function readSource(spec: SourceSpec): Source {
  assertValidSpec(NETWORK, validateSpec(spec));
  const { config } = spec;
  // A connected channel's token is only sent to its own instance.
  const instance = normalizeInstanceUrl(config.instance);
  const channel = spec.credentials?.data;
  const token =
    channel?.accessToken && channel.instance && sameOrigin(channel.instance, instance)
      ? channel.accessToken
      : undefined;
  return {
    kind: spec.kind as Source['kind'],
    instance,
    tag: config.tag?.trim().replace(/^#/, ''),
    local: config.local === 'true',
    account: config.account?.trim().replace(/^@/, ''),
    token,
  };
}

function encodeCursor(state: MastodonCursor): SourceCursor {
  if (state.minId === undefined && state.editedAt === undefined && state.accountId === undefined) return null;
  return cursors.write(state);
}

interface Client {
  instance: string;
  headers: Record<string, string>;
  get(url: URL): Promise<{ body: unknown; link: string | null }>;
}

function createClient(source: Source, settings: typeof DEFAULTS, options: SourcePollOptions): Client {
  const doFetch = options.fetch ?? outboundFetch;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.userAgent) headers['user-agent'] = options.userAgent;
  if (source.token) headers.authorization = `Bearer ${source.token}`;
  return {
    instance: source.instance,
    headers,
    async get(url) {
      const where = `${url.pathname}${url.search}`;
      let response: Response;
      let text: string;
      try {
        const timeout = AbortSignal.timeout(settings.timeoutMs);
        const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
        response = await doFetch(url, { headers, signal });
        text = await response.text();
      } catch (error) {
        throw (
          asAddressRefusal(error, url.hostname, NETWORK) ??
          new ConnectorError(NETWORK, 'unavailable', `Cannot reach ${url.origin}: ${describeFailure(error)}`, {
            cause: error,
          })
        );
      }
      if (!response.ok) {
        const error = toHttpError(
          response.status,
          (name) => response.headers.get(name) ?? undefined,
          text,
          'repeatable',
        );
        throw new ConnectorError(NETWORK, error.code, `GET ${where}: ${error.message}`, {
          ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
        });
      }
      try {
        return { body: JSON.parse(text) as unknown, link: response.headers.get('link') };
      } catch (error) {
        throw new ConnectorError(
          NETWORK,
          'unavailable',
          `GET ${url.origin}${where} answered ${response.status} with something that is not JSON`,
          { cause: error },
        );
      }
    },
  };
}

async function pollOnce(
  client: Client,
  source: Source,
  state: MastodonCursor,
  settings: typeof DEFAULTS,
): Promise<SourcePoll> {
  const result = await pollOnceRaw(client, source, state, settings);
  return { items: result.items, cursor: encodeCursor(result.state) };
}

/**
 * From the high-water mark up: `min_id` answers the statuses immediately newer than it, and the `prev` link
 * of each page the ones after those, so nothing between two polls is skipped however many there were
 * (`since_id` would answer the newest page and leave a gap). With no mark yet, the newest page only.
 * https://docs.joinmastodon.org/api/guidelines/#pagination
 */
async function pollOnceRaw(
  client: Client,
  source: Source,
  state: MastodonCursor,
  settings: typeof DEFAULTS,
): Promise<{ items: Mention[]; state: MastodonCursor }> {
  const accountId = source.kind === 'account' ? (state.accountId ?? (await lookupAccount(client, source))) : undefined;
  const first = timelineUrl(client.instance, source, accountId, settings.pageSize);
  const statuses: TimelineStatus[] = [];
  let minId = state.minId;
  if (minId === undefined) {
    statuses.push(...readTimeline((await client.get(first)).body, first));
    minId = newestId(statuses, undefined);
  } else {
    let mark: string = minId;
    let next: URL | undefined = withParam(first, 'min_id', mark);
    for (let page = 0; next && page < settings.maxPagesPerPoll; page += 1) {
      const { body, link } = await client.get(next);
      const found = readTimeline(body, next);
      if (found.length === 0) break;
      statuses.push(...found);
      mark = newestId(found, mark) ?? mark;
      // Follow `prev` (newer) when it stays on this instance; otherwise ask from the new mark ourselves.
      const prev = readLink(link, 'prev');
      next = prev && prev.origin === first.origin ? prev : withParam(first, 'min_id', mark);
    }
    minId = mark;
  }
  // Timelines list statuses by id, never by edit: statuses handed on already and edited since are found on the
  // newest page (edits are made soon after posting), and handed on again with their new text.
  if (state.minId !== undefined) {
    const recent = readTimeline((await client.get(first)).body, first);
    statuses.push(
      ...recent.filter(
        (status) =>
          compareIds(status.id, state.minId as string) <= 0 &&
          (editTime(status) ?? Number.NEGATIVE_INFINITY) > (state.editedAt ?? Number.NEGATIVE_INFINITY),
      ),
    );
  }
  const unique = new Map(statuses.map((status) => [status.id, status]));
  const ordered = [...unique.values()].sort((a, b) => compareIds(a.id, b.id));
  const items = await toMentions(client, ordered, settings.maxParentLookups);
  const editedAt = latestEdit(ordered, state.editedAt);
  return {
    items,
    state: {
      ...(minId === undefined ? {} : { minId }),
      ...(editedAt === undefined ? {} : { editedAt }),
      ...(accountId === undefined ? {} : { accountId }),
    },
  };
}

/** When a status (or the status it boosts) was last edited, in ms; undefined when never. */
function editTime(status: TimelineStatus): number | undefined {
  const edited = Date.parse((status.reblog ?? status).edited_at ?? '');
  return Number.isFinite(edited) ? edited : undefined;
}

function latestEdit(statuses: readonly TimelineStatus[], since: number | undefined): number | undefined {
  let latest = since;
  for (const status of statuses) {
    const edited = editTime(status);
    if (edited !== undefined && (latest === undefined || edited > latest)) latest = edited;
  }
  return latest;
}

/** https://docs.joinmastodon.org/methods/accounts/#lookup — a remote account is only known once federated. */
async function lookupAccount(client: Client, source: Source): Promise<string> {
  const url = new URL('/api/v1/accounts/lookup', client.instance);
  url.searchParams.set('acct', source.account ?? '');
  try {
    const { body } = await client.get(url);
    const id = (body as { id?: unknown } | null)?.id;
    if (typeof id === 'string' && id !== '') return id;
    throw new ConnectorError(NETWORK, 'unavailable', `${url.origin} answered an account without an id`);
  } catch (error) {
    if (error instanceof ConnectorError && error.code === 'rejected') {
      throw new ConnectorError(NETWORK, 'rejected', `No account @${source.account} is known on ${client.instance}`, {
        cause: error,
      });
    }
    throw error;
  }
}

function timelineUrl(instance: string, source: Source, accountId: string | undefined, limit: number): URL {
  const path =
    source.kind === 'hashtag'
      ? `/api/v1/timelines/tag/${encodeURIComponent(source.tag ?? '')}`
      : source.kind === 'public'
        ? '/api/v1/timelines/public'
        : `/api/v1/accounts/${encodeURIComponent(accountId ?? '')}/statuses`;
  const url = new URL(path, instance);
  if (source.local && source.kind !== 'account') url.searchParams.set('local', 'true');
  url.searchParams.set('limit', String(limit));
  return url;
}

/** `stream=hashtag&tag=…`, `public`, and their `:local` variants. https://docs.joinmastodon.org/methods/streaming/#websocket */
function streamingUrl(source: Source): string {
  // The streaming server answers on the instance's own host under /api/v1/streaming in the standard install
  // (its nginx proxies that path): https://docs.joinmastodon.org/admin/install/#setting-up-nginx
  const url = new URL('/api/v1/streaming', source.instance);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  const stream = source.kind === 'hashtag' ? 'hashtag' : 'public';
  url.searchParams.set('stream', source.local ? `${stream}:local` : stream);
  if (source.kind === 'hashtag') url.searchParams.set('tag', source.tag ?? '');
  return url.toString();
}

interface StreamEvent {
  status: TimelineStatus;
  /** `status.update`: a status edited after it was published (Mastodon 3.5+), carrying its new version. */
  edit: boolean;
}

/**
 * `{"stream": [...], "event": "update" | "status.update", "payload": "<a Status as a JSON string>"}`. Other
 * events (delete, notifications) say nothing new here. https://docs.joinmastodon.org/methods/streaming/#events
 */
function readStreamEvent(frame: string): StreamEvent | undefined {
  let message: { event?: unknown; payload?: unknown };
  try {
    message = JSON.parse(frame) as typeof message;
  } catch {
    throw new ConnectorError(
      NETWORK,
      'unavailable',
      `The streaming API sent a frame that is not JSON: ${frame.slice(0, 80)}`,
    );
  }
  const edit = message.event === 'status.update';
  if ((message.event !== 'update' && !edit) || typeof message.payload !== 'string') return undefined;
  try {
    const status = readStatus(JSON.parse(message.payload));
    return status ? { status, edit } : undefined;
  } catch {
    return undefined;
  }
}

/** https://docs.joinmastodon.org/entities/Status/ and https://docs.joinmastodon.org/entities/Account/ */
interface TimelineAccount {
  id: string;
  uri?: string;
  username: string;
  acct: string;
  display_name?: string;
  url?: string;
  followers_count?: number;
}

interface TimelineStatus {
  id: string;
  uri: string;
  url?: string | null;
  created_at?: string;
  /** When the status was last edited; null when never (https://docs.joinmastodon.org/entities/Status/#edited_at). */
  edited_at?: string | null;
  content?: string;
  spoiler_text?: string;
  language?: string | null;
  in_reply_to_id?: string | null;
  reblog?: TimelineStatus | null;
  tags?: { name?: string }[];
  account: TimelineAccount;
  replies_count?: number;
  reblogs_count?: number;
  favourites_count?: number;
}

function readTimeline(body: unknown, url: URL): TimelineStatus[] {
  if (!Array.isArray(body)) {
    throw new ConnectorError(NETWORK, 'unavailable', `${url.origin}${url.pathname} did not answer a list of statuses`);
  }
  return body.map((item, index) => {
    const status = readStatus(item);
    if (!status) {
      throw new ConnectorError(
        NETWORK,
        'unavailable',
        `${url.origin}${url.pathname} answered a status without id, uri or account (item ${index})`,
      );
    }
    return status;
  });
}

function readStatus(value: unknown): TimelineStatus | undefined {
  const status = value as Partial<TimelineStatus> | null;
  if (typeof status !== 'object' || status === null) return undefined;
  if (typeof status.id !== 'string' || typeof status.uri !== 'string') return undefined;
  const account = status.account as Partial<TimelineAccount> | undefined;
  if (typeof account !== 'object' || account === null || typeof account.acct !== 'string') return undefined;
  if (status.reblog !== null && status.reblog !== undefined && !readStatus(status.reblog)) return undefined;
  return status as TimelineStatus;
}

/**
 * Statuses as mentions. A boost carries the original's text and points at it (`repostOf`), so the pipeline
 * groups it; its author is the booster, whose followers are the reach it adds. A reply names its parent by
 * uri (the parent's externalId), looked up when it is not in the same batch.
 */
async function toMentions(client: Client, statuses: TimelineStatus[], maxLookups: number): Promise<Mention[]> {
  const uriById = new Map<string, string>();
  for (const status of statuses) {
    uriById.set(status.id, status.uri);
    if (status.reblog) uriById.set(status.reblog.id, status.reblog.uri);
  }
  const missing = [
    ...new Set(
      statuses
        .map((status) => (status.reblog ?? status).in_reply_to_id)
        .filter((id): id is string => typeof id === 'string' && !uriById.has(id)),
    ),
  ];
  for (const id of missing.slice(0, maxLookups)) {
    const uri = await lookupStatusUri(client, id);
    if (uri) uriById.set(id, uri);
  }
  return statuses.map((status) => toMention(status, uriById));
}

/** https://docs.joinmastodon.org/methods/statuses/#get — a parent that is gone or private stays unnamed. */
async function lookupStatusUri(client: Client, id: string): Promise<string | undefined> {
  try {
    const { body } = await client.get(new URL(`/api/v1/statuses/${encodeURIComponent(id)}`, client.instance));
    return readStatus(body)?.uri;
  } catch (error) {
    if (error instanceof ConnectorError && (error.code === 'rejected' || error.code === 'auth_expired')) {
      return undefined;
    }
    throw error;
  }
}

export function toMention(status: TimelineStatus, uriById: Map<string, string> = new Map()): Mention {
  const original = status.reblog ?? status;
  const body = statusHtmlToText(original.content ?? '');
  // The content warning is part of what the author wrote, and often the most telling part. It is plain text.
  const warning = (original.spoiler_text ?? '').trim();
  const text = [warning, body].filter((part) => part !== '').join('\n\n');
  const url = original.url ?? original.uri;
  const parentId = original.in_reply_to_id;
  const engagement = status.reblog
    ? {}
    : {
        ...count('likes', status.favourites_count),
        ...count('reposts', status.reblogs_count),
        ...count('replies', status.replies_count),
      };
  return {
    externalId: status.uri,
    network: NETWORK,
    url,
    title: null,
    text,
    author: toAuthor(status.account),
    publishedAt: parseDate(status.created_at),
    // A boost cannot be edited; what it shows is the original's current version.
    editedAt: parseDate(original.edited_at ?? undefined),
    language: original.language ?? null,
    site: hostOf(url),
    repostOf: status.reblog ? status.reblog.uri : null,
    replyTo: parentId ? (uriById.get(parentId) ?? null) : null,
    hashtags: [...new Set((original.tags ?? []).map((tag) => tag.name).filter((name): name is string => !!name))],
    metrics: { ...count('reach', status.account.followers_count), ...engagement },
  };
}

/**
 * Mastodon's `content` is sanitised HTML escaped once: an `&lt;script&gt;` in it is text the author typed, and
 * must stay. htmlToText strips tags that appear after decoding (for feeds escaped twice), so escaped angle
 * brackets are set aside as private-use characters for the conversion and put back after.
 * https://docs.joinmastodon.org/spec/activitypub/#sanitization
 */
function statusHtmlToText(html: string): string {
  const guarded = html.replace(/&(?:lt|#0*60|#x0*3c);/gi, '\uE000').replace(/&(?:gt|#0*62|#x0*3e);/gi, '\uE001');
  return htmlToText(guarded)
    .replace(/\uE000/g, '<')
    .replace(/\uE001/g, '>');
}

function toAuthor(account: TimelineAccount): Mention['author'] {
  // `acct` is bare for the instance's own accounts; people know them by the domain of their profile page.
  const domain = hostOf(account.url ?? null);
  const handle = account.acct.includes('@') || !domain ? account.acct : `${account.acct}@${domain}`;
  return {
    // The ActivityPub id is the same on every instance; the numeric id is only this instance's.
    id: account.uri ?? account.url ?? handle,
    handle,
    name: account.display_name?.trim() || account.username,
    url: account.url ?? null,
  };
}

function count<K extends string>(key: K, value: unknown): Partial<Record<K, number>> {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? ({ [key]: value } as Record<K, number>)
    : {};
}

/** Snowflake ids are decimal strings longer than a double holds exactly: compared by length, then digits. */
export function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

function newestId(statuses: TimelineStatus[], floor: string | undefined): string | undefined {
  let newest = floor;
  for (const status of statuses) if (newest === undefined || compareIds(status.id, newest) > 0) newest = status.id;
  return newest;
}

/** RFC 8288 `Link: <url>; rel="next", <url>; rel="prev"`. */
function readLink(header: string | null, rel: string): URL | undefined {
  for (const part of header?.split(',') ?? []) {
    const match = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (match?.[2]?.split(/\s+/).includes(rel)) {
      try {
        return new URL(match[1] ?? '');
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function withParam(url: URL, name: string, value: string): URL {
  const next = new URL(url);
  next.searchParams.set(name, value);
  return next;
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

function parseDate(value: string | undefined): number | null {
  const time = value ? Date.parse(value) : NaN;
  return Number.isFinite(time) ? time : null;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
