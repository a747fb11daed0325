// Inbox rows ↔ core's types, and the list's keyset cursor (priority, date, id), opaque to callers.
import type { Selectable } from 'kysely';
import {
  AppError,
  type Conversation,
  type InboxCursor,
  type InboxItem,
  type InboxItemKind,
  type InboxNote,
  type InboxStatus,
  type InboxSubject,
} from '@rostra/core';
import type { InboxConversationsTable, InboxCursorsTable, InboxItemsTable, InboxNotesTable } from '../../schema.js';

export function toConversation(row: Selectable<InboxConversationsTable>): Conversation {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    network: row.network,
    rootRemoteId: row.root_remote_id,
    subject: toSubject(row),
    itemCount: Number(row.item_count),
    firstItemAt: Number(row.first_item_at),
    lastItemAt: Number(row.last_item_at),
    createdAt: Number(row.created_at),
  };
}

function toSubject(row: Selectable<InboxConversationsTable>): InboxSubject | null {
  if (row.subject_remote_id === null) return null;
  return {
    remoteId: row.subject_remote_id,
    url: row.subject_url,
    text: row.subject_text,
    postId: row.subject_post_id,
  };
}

/** An item row with its conversation's subject (joined) and its labels (read apart). */
export type ItemRow = Selectable<InboxItemsTable> &
  Pick<Selectable<InboxConversationsTable>, 'subject_remote_id' | 'subject_url' | 'subject_text' | 'subject_post_id'>;

export function toItem(row: ItemRow, labels: string[]): InboxItem {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    network: row.network,
    conversationId: row.conversation_id,
    kind: row.kind as InboxItemKind,
    remoteId: row.remote_id,
    url: row.url,
    rootRemoteId: row.root_remote_id,
    parentRemoteId: row.parent_remote_id,
    // An item answers the thread's subject only when it is in a thread under our post.
    subject:
      row.subject_remote_id === null
        ? null
        : {
            remoteId: row.subject_remote_id,
            url: row.subject_url,
            text: row.subject_text,
            postId: row.subject_post_id,
          },
    author: {
      id: row.author_id,
      handle: row.author_handle,
      name: row.author_name,
      url: row.author_url,
      avatar: row.author_avatar,
      followers: row.author_followers === null ? null : Number(row.author_followers),
    },
    text: row.text,
    createdAt: Number(row.created_at),
    receivedAt: Number(row.received_at),
    status: row.status as InboxStatus,
    assigneeId: row.assignee_id,
    labels,
    priority: Number(row.priority),
    updatedAt: Number(row.updated_at),
  };
}

export function toNote(row: Selectable<InboxNotesTable>): InboxNote {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    conversationId: row.conversation_id,
    authorId: row.author_id,
    text: row.text,
    mentions: JSON.parse(row.mentions) as string[],
    createdAt: Number(row.created_at),
  };
}

export function toCursor(row: Selectable<InboxCursorsTable>): InboxCursor {
  return {
    channelId: row.channel_id,
    workspaceId: row.workspace_id,
    cursor: row.cursor,
    backfilledAt: row.backfilled_at === null ? null : Number(row.backfilled_at),
    lastPolledAt: row.last_polled_at === null ? null : Number(row.last_polled_at),
    nextPollAt: Number(row.next_poll_at),
    consecutiveFailures: Number(row.consecutive_failures),
    lastErrorCode: row.last_error_code,
    lastError: row.last_error,
  };
}

/** Where the next page starts: after this item in the list's order. */
export interface ListPosition {
  priority: number;
  createdAt: number;
  id: string;
}

export function encodePosition(item: Pick<InboxItem, 'priority' | 'createdAt' | 'id'>): string {
  return Buffer.from(JSON.stringify([item.priority, item.createdAt, item.id]), 'utf8').toString('base64url');
}

/** A cursor this repository did not write is the caller's mistake: `validation_failed`, `unknown_cursor`. */
export function decodePosition(cursor: string): ListPosition {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    value = undefined;
  }
  const [priority, createdAt, id] = Array.isArray(value) ? (value as unknown[]) : [];
  if (!Number.isInteger(priority) || !Number.isInteger(createdAt) || typeof id !== 'string') {
    throw new AppError('validation_failed', 'query.cursor: not a cursor this API gave', {
      issues: [{ path: 'query.cursor', code: 'unknown_cursor', message: 'Not a cursor this API gave' }],
    });
  }
  return { priority: priority as number, createdAt: createdAt as number, id };
}
