// The inbox's storage ports: the ingest side (items in once, cursors beside them) and the team's side (lists,
// conversations, work on items, notes). The store implements them; a transaction hands out the same ports bound
// to it, so a batch and the cursor that covers it commit together.
import type { Timestamp } from '../accounts/types.js';
import type {
  Conversation,
  InboxCursor,
  InboxFilters,
  InboxItem,
  InboxItemPage,
  InboxItemPatch,
  InboxNote,
  InboxStatus,
  SourceInboxItem,
} from './types.js';

/** The channel a batch was read from. */
export interface InboxChannelRef {
  workspaceId: string;
  channelId: string;
  network: string;
}

/** What a poll leaves for the next one; `expected` is the cursor the poll started from (compare-and-set). */
export interface InboxCursorUpdate {
  cursor: string | null;
  expected: string | null;
  backfilledAt: Timestamp | null;
  now: Timestamp;
  nextPollAt: Timestamp;
}

export interface InboxIngestRepository {
  /**
   * Stores the items not stored yet — one per (channel, remote id), whoever else stores the same batch — each in
   * the conversation of its thread (made when new), and links our post when Rostra published it. Returns the
   * items really inserted.
   */
  insertItems(channel: InboxChannelRef, items: SourceInboxItem[], receivedAt: Timestamp): Promise<InboxItem[]>;
  getCursor(channelId: string): Promise<InboxCursor | undefined>;
  /**
   * Moves the channel's cursor from `expected` (none stored counts as null) to the new one and clears its failures;
   * false when another poll moved it meanwhile: the caller's transaction must then roll back.
   */
  advanceCursor(channel: InboxChannelRef, update: InboxCursorUpdate): Promise<boolean>;
  recordPollFailure(
    channel: InboxChannelRef,
    failure: { code: string; message: string; now: Timestamp; nextPollAt: Timestamp },
  ): Promise<void>;
  /** Active channels of these networks whose inbox is due (never read, or its next poll has come), oldest first. */
  listDueChannels(networks: string[], now: Timestamp, limit: number): Promise<InboxChannelRef[]>;
}

export interface InboxRepository extends InboxIngestRepository {
  /** Sorted by priority, then newest first. */
  listItems(workspaceId: string, filters: InboxFilters, cursor: string | null, limit: number): Promise<InboxItemPage>;
  countByStatus(workspaceId: string): Promise<Record<InboxStatus, number>>;
  getItem(workspaceId: string, id: string): Promise<InboxItem | undefined>;
  updateItem(workspaceId: string, id: string, patch: InboxItemPatch, now: Timestamp): Promise<InboxItem | undefined>;
  getConversation(workspaceId: string, id: string): Promise<Conversation | undefined>;
  /** The conversation's items in the network's order (oldest first). */
  listConversationItems(workspaceId: string, conversationId: string): Promise<InboxItem[]>;
  addNote(note: Omit<InboxNote, 'id'>): Promise<InboxNote>;
  /** Oldest first. */
  listNotes(workspaceId: string, conversationId: string): Promise<InboxNote[]>;
}
