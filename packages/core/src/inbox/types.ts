// The inbox's vocabulary: what people answer (items: comments, replies, mentions, messages, reviews), grouped as the
// network threads them (conversations), with the team's work on each (status, assignee, labels, priority, notes)
// and where each channel's reading resumes (cursors).
import type { Timestamp } from '../accounts/types.js';

export const INBOX_ITEM_KINDS = ['comment', 'reply', 'mention', 'message', 'review'] as const;
/** comment: under one of our posts (a page, a blog); reply: answers one of our posts in a thread; mention: names
 * our account; message: private; review: a rating of the organisation. */
export type InboxItemKind = (typeof INBOX_ITEM_KINDS)[number];

export const INBOX_STATUSES = ['new', 'open', 'waiting', 'done'] as const;
/** new: nobody looked; open: someone is on it; waiting: on the author's answer; done: nothing left to do. */
export type InboxStatus = (typeof INBOX_STATUSES)[number];

export interface InboxAuthor {
  /** The network's stable id of the account (a DID, an account id); null when the network gives none. */
  id: string | null;
  handle: string | null;
  name: string | null;
  url: string | null;
  avatar: string | null;
  /** Followers when the network says (reach, for priority); null when unknown. */
  followers: number | null;
}

/** The post of ours an item answers, as the network names it; `postId` when Rostra published it. */
export interface InboxSubject {
  remoteId: string;
  url: string | null;
  text: string | null;
  postId: string | null;
}

/** One item as a connector hands it over: the network's ids and words, before Rostra's work on it. */
export interface SourceInboxItem {
  kind: InboxItemKind;
  /** The network's stable id (an at:// URI, a status id): one item per (channel, remoteId). */
  remoteId: string;
  url: string | null;
  /** The thread as the network threads it: its root's remote id (the item's own id when it starts one). */
  rootRemoteId: string;
  /** The item it answers directly, when it answers one. */
  parentRemoteId: string | null;
  /** Our post it answers or comments, when there is one (not for a message or a mention out of thread). */
  subject: Omit<InboxSubject, 'postId'> | null;
  author: InboxAuthor;
  text: string;
  createdAt: Timestamp;
}

export interface InboxItem extends Omit<SourceInboxItem, 'subject'> {
  id: string;
  workspaceId: string;
  channelId: string;
  network: string;
  conversationId: string;
  subject: InboxSubject | null;
  /** When Rostra stored it. */
  receivedAt: Timestamp;
  status: InboxStatus;
  assigneeId: string | null;
  labels: string[];
  /** Higher first; 0 until a rule or the priority formula sets one. */
  priority: number;
  updatedAt: Timestamp;
}

/** A thread on the network: its items share the root, so people read them together with the post they answer. */
export interface Conversation {
  id: string;
  workspaceId: string;
  channelId: string;
  network: string;
  rootRemoteId: string;
  subject: InboxSubject | null;
  itemCount: number;
  firstItemAt: Timestamp;
  lastItemAt: Timestamp;
  createdAt: Timestamp;
}

/** A note the team leaves on a conversation, never sent to the network; `mentions` are the members it names. */
export interface InboxNote {
  id: string;
  workspaceId: string;
  conversationId: string;
  authorId: string | null;
  text: string;
  mentions: string[];
  createdAt: Timestamp;
}

/** Where a channel's inbox reading resumes, and how its polling goes. */
export interface InboxCursor {
  channelId: string;
  workspaceId: string;
  /** Opaque to Rostra: the connector's own (a notification cursor, a since-id). */
  cursor: string | null;
  /** When the first reading (the last 7 days) finished; null until then. */
  backfilledAt: Timestamp | null;
  lastPolledAt: Timestamp | null;
  nextPollAt: Timestamp;
  consecutiveFailures: number;
  lastErrorCode: string | null;
  lastError: string | null;
}

/** The inbox list's filters; `assigneeId: null` means unassigned. */
export interface InboxFilters {
  status?: InboxStatus[];
  assigneeId?: string | null;
  label?: string;
  channelId?: string;
  kind?: InboxItemKind[];
}

export interface InboxItemPage {
  items: InboxItem[];
  /** Opaque: gives the next page, sorted by priority then date (newest first). */
  nextCursor: string | null;
}

/** A person's changes to an item; absent fields stay. */
export interface InboxItemPatch {
  status?: InboxStatus;
  assigneeId?: string | null;
  labels?: string[];
  priority?: number;
}

/** How long the first reading of a newly connected channel looks back. */
export const INBOX_BACKFILL_MS = 7 * 24 * 3_600_000;

/** Labels are short words people pick; the same rules everywhere (API, rules, CLI). */
export const INBOX_LABEL_MAX_LENGTH = 40;
export const INBOX_LABELS_MAX = 20;

/** Trims, drops empties and duplicates (case-insensitively, first spelling kept), in the given order. */
export function normalizeInboxLabels(labels: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const raw of labels) {
    const label = raw.trim();
    const key = label.toLocaleLowerCase('fr');
    if (label === '' || seen.has(key)) continue;
    seen.add(key);
    kept.push(label);
  }
  return kept;
}
