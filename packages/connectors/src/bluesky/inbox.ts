// Bluesky's inbox: the account's notifications (replies, mentions, quotes) read through its PDS, which hands them
// to its AppView. Notifications come newest first and page backwards, with no "since" parameter, so the cursor Rostra
// stores is a high-water mark (the newest `indexedAt` handed on): a reading pages back until it passes it. A long
// backfill stops after `maxPages` and keeps where it stopped, to go on at once without moving the mark past what it
// has not read; items at the mark itself are read again and stored once.
// https://docs.bsky.app/docs/api/app-bsky-notification-list-notifications
import type { AppBskyNotificationListNotifications } from '@atproto/api';
import type { InboxItemKind, SourceInboxItem } from '@rostra/core';
import type { ChannelCredentials, InboxRead, InboxReadRequest, InboxSource } from '../connector.js';
import { ConnectorError } from '../errors.js';
import type { BlueskyApi } from './api.js';
import { toPostMention } from './post-mention.js';
import { NETWORK } from './rules.js';
import { readSession, type BlueskySession } from './session.js';

type Notification = AppBskyNotificationListNotifications.Notification;

export interface BlueskyInboxOptions {
  /** Pages of 100 notifications per reading; the rest comes from the next reading, at once. */
  maxPages?: number;
}

/** The stored cursor: the mark (ISO time), and while a reading is unfinished, the page and the newest seen. */
interface InboxCursorState {
  mark: string | null;
  page: string | null;
  top: string | null;
}

const PAGE = 100;
const REASONS: Record<string, InboxItemKind> = { reply: 'reply', mention: 'mention', quote: 'mention' };

export function createBlueskyInbox(
  openApi: (session: BlueskySession) => BlueskyApi,
  options: BlueskyInboxOptions = {},
): InboxSource {
  const maxPages = options.maxPages ?? 10;
  return {
    kinds: ['reply', 'mention'],
    async readInbox(credentials: ChannelCredentials, request: InboxReadRequest): Promise<InboxRead> {
      const session = readSession(credentials);
      const api = openApi(session);
      const state = parseCursor(request.cursor);
      const floor = state.mark ?? new Date(request.since).toISOString();
      const floorMs = Date.parse(floor);
      let page = state.page;
      let top = state.top;
      const found: Notification[] = [];
      for (let pages = 0; pages < maxPages; pages += 1) {
        request.signal?.throwIfAborted();
        const result = await api.listNotifications({ limit: PAGE, ...(page ? { cursor: page } : {}) });
        // Compared as times: servers may write the same instant with another precision.
        const fresh = result.notifications.filter((n) => Date.parse(n.indexedAt) >= floorMs);
        for (const n of fresh) if (top === null || Date.parse(n.indexedAt) > Date.parse(top)) top = n.indexedAt;
        found.push(...fresh.filter((n) => n.reason in REASONS));
        const reachedMark = fresh.length < result.notifications.length;
        if (reachedMark || !result.cursor || result.notifications.length < PAGE) {
          const items = await toItems(api, session, found);
          return { ...items, cursor: writeCursor({ mark: top ?? floor, page: null, top: null }), more: false };
        }
        page = result.cursor;
      }
      const items = await toItems(api, session, found);
      return { ...items, cursor: writeCursor({ mark: floor, page, top }), more: true };
    },
  };
}

function parseCursor(cursor: string | null): InboxCursorState {
  if (cursor === null) return { mark: null, page: null, top: null };
  try {
    const value = JSON.parse(cursor) as Partial<InboxCursorState>;
    const text = (field: unknown) => (typeof field === 'string' ? field : null);
    return { mark: text(value.mark), page: text(value.page), top: text(value.top) };
  } catch (cause) {
    throw new ConnectorError(NETWORK, 'rejected', 'The stored inbox cursor is not one Rostra wrote', { cause });
  }
}

function writeCursor(state: InboxCursorState): string {
  return JSON.stringify(state);
}

/** Items for the notifications, with the words of our posts they answer and their authors' follower counts. */
async function toItems(
  api: BlueskyApi,
  session: BlueskySession,
  notifications: Notification[],
): Promise<{ items: SourceInboxItem[]; skipped: number }> {
  const drafts = notifications.map((n) => ({ n, subject: subjectOf(n, session.did) }));
  const subjects = [...new Set(drafts.flatMap((d) => (d.subject ? [d.subject] : [])))];
  const texts = new Map<string, string>();
  for (let i = 0; i < subjects.length; i += 25) {
    for (const post of await api.getPosts(subjects.slice(i, i + 25))) {
      const record = post.record as { text?: unknown };
      if (typeof record.text === 'string') texts.set(post.uri, record.text);
    }
  }
  const authors = [...new Set(notifications.map((n) => n.author.did))];
  const followers = new Map<string, number>();
  for (let i = 0; i < authors.length; i += 25) {
    for (const profile of await api.getProfiles(authors.slice(i, i + 25))) {
      if (typeof profile.followersCount === 'number') followers.set(profile.did, profile.followersCount);
    }
  }
  const items: SourceInboxItem[] = [];
  let skipped = 0;
  for (const { n, subject } of drafts) {
    const item = toItem(n, subject, texts, followers.get(n.author.did) ?? null);
    if (item) items.push(item);
    else skipped += 1;
  }
  return { items, skipped };
}

/**
 * Our post an item answers: the thread's root when it is ours, else the post it replies to or quotes when that is
 * ours (`reasonSubject`); none for a mention outside our threads.
 */
function subjectOf(n: Notification, did: string): string | null {
  const record = n.record as { reply?: { root?: { uri?: unknown }; parent?: { uri?: unknown } } };
  const ours = (uri: unknown): uri is string => typeof uri === 'string' && uri.startsWith(`at://${did}/`);
  if (ours(record.reply?.root?.uri)) return record.reply.root.uri;
  if (ours(record.reply?.parent?.uri)) return record.reply.parent.uri;
  return ours(n.reasonSubject) ? n.reasonSubject : null;
}

function toItem(
  n: Notification,
  subject: string | null,
  texts: Map<string, string>,
  followers: number | null,
): SourceInboxItem | undefined {
  const [, did, , rkey] = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(n.uri) ?? [];
  const kind = REASONS[n.reason];
  if (!did || !rkey || !kind) return undefined;
  const post = toPostMention({
    did,
    rkey,
    record: n.record,
    handle: n.author.handle,
    displayName: n.author.displayName ?? null,
    fallbackTime: Date.parse(n.indexedAt),
  });
  if (!post || post.publishedAt === null) return undefined;
  const reply = (n.record as { reply?: { root?: { uri?: unknown } } }).reply;
  const root = typeof reply?.root?.uri === 'string' ? reply.root.uri : n.uri;
  return {
    kind,
    remoteId: n.uri,
    url: post.url,
    rootRemoteId: root,
    parentRemoteId: post.replyTo,
    subject: subject ? { remoteId: subject, url: toWebUrl(subject), text: texts.get(subject) ?? null } : null,
    author: {
      id: did,
      handle: n.author.handle,
      name: post.author.name,
      url: post.author.url,
      avatar: n.author.avatar ?? null,
      followers,
    },
    text: post.text,
    createdAt: post.publishedAt,
  };
}

function toWebUrl(uri: string): string | null {
  const [, did, , rkey] = /^at:\/\/([^/]+)\/([^/]+)\/([^/]+)$/.exec(uri) ?? [];
  return did && rkey ? `https://bsky.app/profile/${did}/post/${rkey}` : null;
}
