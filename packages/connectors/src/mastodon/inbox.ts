// Mastodon's inbox: the account's `mention` notifications. On Mastodon a reply notifies the author it answers only
// by naming them (clients write the `@name` for you), so every reply to our statuses, every mention of our account
// and every direct message reaches us as one. Direct messages are read from these notifications (their status's
// visibility is `direct`) rather than from /api/v1/conversations: a conversation shows only its last status, so
// messages sent between two readings would be lost, and conversations have no id to keep a mark on; each direct
// status names its recipients, so each one is a notification with an id. https://docs.joinmastodon.org/methods/notifications/#get
// Notifications come newest first; the cursor is the newest notification id handed on (a high-water mark), and a
// reading pages back through the Link header until it passes it — or, the first time, until the backfill's start.
// Each item is threaded under the status it answers: `in_reply_to_id`, and the thread's ancestors read with
// GET /api/v1/statuses/:id/context when the parent's own thread is not known already.
import { z } from 'zod';
import type { InboxItemKind, SourceInboxItem } from '@rostra/core';
import type { ChannelCredentials, InboxRead, InboxReadRequest, InboxSource } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { asAddressRefusal, describeFailure, outboundFetch } from '../outbound.js';
import { createCursorCodec } from '../shared/cursor.js';
import { createMastodonApi, toHttpError } from './api.js';
import { compareIds, toMention } from './mentions.js';
import { NETWORK } from './rules.js';
import { readSession, type MastodonSession } from './session.js';

export interface MastodonInboxOptions {
  /** Per HTTP call. Default 30 s. */
  timeoutMs?: number;
  /** Pages of 80 notifications (Mastodon's maximum) per reading; the rest comes from the next reading, at once. */
  maxPages?: number;
  /** Notifications per page: 80 at most. */
  pageSize?: number;
}

/**
 * `mark`: the newest notification id handed on. While a reading is unfinished: `since` (the backfill's start, ms,
 * before any mark), `page` (the max_id the next page starts below) and `top` (the newest id seen so far).
 */
const inboxCursor = z.object({
  mark: z.string().regex(/^\d+$/).optional(),
  since: z.number().optional(),
  page: z.string().regex(/^\d+$/).optional(),
  top: z.string().regex(/^\d+$/).optional(),
});
type InboxCursor = z.infer<typeof inboxCursor>;
const cursors = createCursorCodec(NETWORK, 'Mastodon inbox', inboxCursor);

/** https://docs.joinmastodon.org/entities/Status/ (what the inbox reads) */
interface Status {
  id: string;
  uri: string;
  url?: string | null;
  created_at?: string;
  content?: string;
  spoiler_text?: string;
  visibility?: string;
  in_reply_to_id?: string | null;
  mentions?: { id?: string; acct?: string; username?: string }[];
  account: {
    id: string;
    uri?: string;
    username: string;
    acct: string;
    display_name?: string;
    url?: string;
    avatar?: string;
    followers_count?: number;
  };
}

/** https://docs.joinmastodon.org/entities/Notification/ */
interface Notification {
  id: string;
  type: string;
  created_at: string;
  status?: Status | null;
}

export function createMastodonInbox(options: MastodonInboxOptions = {}): InboxSource {
  const maxPages = options.maxPages ?? 10;
  const pageSize = Math.min(80, options.pageSize ?? 80);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const ownIds = new Map<string, Promise<string>>();
  /** Our account's id on its instance, asked once per channel. */
  function ownId(session: MastodonSession): Promise<string> {
    const key = `${session.instance} ${session.accessToken}`;
    let id = ownIds.get(key);
    if (!id) {
      id = createMastodonApi(session.instance, session.accessToken, { timeoutMs })
        .verifyCredentials()
        .then((account) => account.id);
      id.catch(() => ownIds.delete(key));
      ownIds.set(key, id);
    }
    return id;
  }

  return {
    kinds: ['reply', 'mention', 'message'],
    async readInbox(credentials: ChannelCredentials, request: InboxReadRequest): Promise<InboxRead> {
      const session = readSession(credentials);
      const get = createGetter(session, timeoutMs, request.signal);
      const state = cursors.read(request.cursor) ?? {};
      const since = state.since ?? request.since;
      const me = await ownId(session);
      const first = new URL('/api/v1/notifications', session.instance);
      first.searchParams.append('types[]', 'mention');
      // Mastodon 4.3 sets aside private mentions from strangers by default: an inbox wants them most. Older
      // servers ignore the parameter (and filter nothing).
      first.searchParams.set('include_filtered', 'true');
      first.searchParams.set('limit', String(pageSize));
      if (state.mark) first.searchParams.set('since_id', state.mark);
      let next: URL | undefined = state.page ? withParam(first, 'max_id', state.page) : first;
      let top = state.top;
      const found: Notification[] = [];
      for (let pages = 0; next && pages < maxPages; pages += 1) {
        const { body, link } = await get(next);
        const page = readNotifications(body, next);
        const fresh = page.filter((n) =>
          state.mark ? compareIds(n.id, state.mark) > 0 : Date.parse(n.created_at) >= since,
        );
        for (const n of fresh) if (top === undefined || compareIds(n.id, top) > 0) top = n.id;
        found.push(...fresh);
        const older = readLink(link, 'next');
        // A short page is the last: Mastodon filters before it counts. A `next` elsewhere is not followed.
        const done = fresh.length < page.length || page.length < pageSize || !older || older.origin !== first.origin;
        if (done) {
          const items = await toItems(get, session.instance, me, found);
          const mark = top ?? state.mark;
          return { ...items, cursor: mark ? cursors.write({ mark }) : cursors.write({ since }), more: false };
        }
        next = older;
      }
      const items = await toItems(get, session.instance, me, found);
      const page = next?.searchParams.get('max_id') ?? undefined;
      const resume: InboxCursor = {
        ...(state.mark ? { mark: state.mark } : { since }),
        ...(page ? { page } : {}),
        ...(top ? { top } : {}),
      };
      return { ...items, cursor: cursors.write(resume), more: true };
    },
  };
}

type Getter = (url: URL) => Promise<{ body: unknown; link: string | null }>;

function createGetter(session: MastodonSession, timeoutMs: number, signal: AbortSignal | undefined): Getter {
  const headers = { accept: 'application/json', authorization: `Bearer ${session.accessToken}` };
  return async (url) => {
    const where = `GET ${url.pathname}${url.search}`;
    let response: Response;
    let text: string;
    try {
      const timeout = AbortSignal.timeout(timeoutMs);
      response = await outboundFetch(url, { headers, signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
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
      const error = toHttpError(response.status, (name) => response.headers.get(name) ?? undefined, text, 'repeatable');
      throw new ConnectorError(NETWORK, error.code, `${where}: ${error.message}`, {
        ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      });
    }
    try {
      return { body: JSON.parse(text) as unknown, link: response.headers.get('link') };
    } catch (cause) {
      throw new ConnectorError(NETWORK, 'unavailable', `${where} answered something that is not JSON`, { cause });
    }
  };
}

function readNotifications(body: unknown, url: URL): Notification[] {
  if (!Array.isArray(body)) {
    throw new ConnectorError(NETWORK, 'unavailable', `${url.origin}${url.pathname} did not answer a list`);
  }
  return body.filter(
    (n): n is Notification =>
      typeof n === 'object' &&
      n !== null &&
      typeof (n as Notification).id === 'string' &&
      typeof (n as Notification).created_at === 'string',
  );
}

/**
 * Items for the notifications' statuses, each under its thread's root. A status whose parent's own thread is
 * unknown brings its ancestors with one context call; statuses of one thread share what the first one brought.
 */
async function toItems(
  get: Getter,
  instance: string,
  me: string,
  notifications: Notification[],
): Promise<{ items: SourceInboxItem[]; skipped: number }> {
  const known = new Map<string, Status>();
  const statuses: Status[] = [];
  let skipped = 0;
  for (const n of notifications) {
    const status = readStatus(n.status);
    if (status && !known.has(status.id)) statuses.push(status);
    else if (!status) skipped += 1;
    if (status) known.set(status.id, status);
  }
  const items: SourceInboxItem[] = [];
  for (const status of statuses) {
    if (rootOf(status, known) === undefined) await readAncestors(get, instance, status, known);
    const item = toItem(status, known, me);
    if (item) items.push(item);
    else skipped += 1;
  }
  return { items, skipped };
}

/** The thread's root, following `in_reply_to_id` through known statuses; undefined when an ancestor is unknown. */
function rootOf(status: Status, known: Map<string, Status>): Status | undefined {
  let current: Status = status;
  for (let depth = 0; depth < 1000; depth += 1) {
    if (!current.in_reply_to_id) return current;
    const parent = known.get(current.in_reply_to_id);
    if (!parent) return undefined;
    current = parent;
  }
  return undefined;
}

/** https://docs.joinmastodon.org/methods/statuses/#context — a thread we may not see stays unrooted. */
async function readAncestors(get: Getter, instance: string, status: Status, known: Map<string, Status>) {
  try {
    const url = new URL(`/api/v1/statuses/${encodeURIComponent(status.id)}/context`, instance);
    const { body } = await get(url);
    const ancestors = (body as { ancestors?: unknown } | null)?.ancestors;
    for (const ancestor of Array.isArray(ancestors) ? ancestors : []) {
      const read = readStatus(ancestor);
      if (read) known.set(read.id, read);
    }
  } catch (error) {
    if (!(error instanceof ConnectorError && error.code === 'rejected')) throw error;
  }
}

function toItem(status: Status, known: Map<string, Status>, me: string): SourceInboxItem | undefined {
  if (status.account.id === me) return undefined;
  const mention = toMention(asTimeline(status));
  if (mention.publishedAt === null) return undefined;
  const parentId = status.in_reply_to_id ?? null;
  const root = rootOf(status, known);
  const parent = parentId ? known.get(parentId) : undefined;
  // Our status it answers: the thread's root when ours, else the one it replies to when ours.
  const subject = root?.account.id === me && root !== status ? root : parent?.account.id === me ? parent : undefined;
  const kind: InboxItemKind = status.visibility === 'direct' ? 'message' : subject ? 'reply' : 'mention';
  return {
    kind,
    remoteId: status.id,
    url: mention.url,
    rootRemoteId: root?.id ?? parentId ?? status.id,
    parentRemoteId: parentId,
    subject:
      subject && kind !== 'message'
        ? { remoteId: subject.id, url: subject.url ?? subject.uri, text: toMention(asTimeline(subject)).text }
        : null,
    author: {
      id: mention.author.id,
      handle: mention.author.handle,
      name: mention.author.name,
      url: mention.author.url,
      avatar: status.account.avatar ?? null,
      followers: typeof status.account.followers_count === 'number' ? status.account.followers_count : null,
    },
    text: withoutLeadingMentions(mention.text, status),
    createdAt: mention.publishedAt,
  };
}

/**
 * A reply starts with the `@name`s of those it answers, written by the client so that they are notified; they say
 * nothing to the person reading it (Mastodon's apps hide them too). Names later in the text stay.
 */
function withoutLeadingMentions(text: string, status: Status): string {
  const names = new Set(
    (status.mentions ?? []).flatMap((m) => [m.acct, m.username]).filter((name): name is string => !!name),
  );
  // The content warning comes first, plain text: the names open the body after it.
  const warning = (status.spoiler_text ?? '').trim();
  const head = warning !== '' && text.startsWith(`${warning}\n\n`) ? `${warning}\n\n` : '';
  let rest = text.slice(head.length);
  for (;;) {
    const match = /^@([^\s@]+)(?:@[^\s@]+)?\s+/.exec(rest);
    if (!match || !names.has(match[1] ?? '')) return head + rest;
    const stripped = rest.slice(match[0].length);
    if (stripped.trim() === '') return head + rest;
    rest = stripped;
  }
}

/** The listening mapper's view of a status: the same entity, read for fewer fields. */
const asTimeline = (status: Status) => status as Parameters<typeof toMention>[0];

function readStatus(value: unknown): Status | undefined {
  const status = value as Partial<Status> | null | undefined;
  if (typeof status !== 'object' || status === null) return undefined;
  if (typeof status.id !== 'string' || typeof status.uri !== 'string') return undefined;
  const account = status.account as Partial<Status['account']> | undefined;
  if (typeof account?.id !== 'string' || typeof account.acct !== 'string') return undefined;
  return status as Status;
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
