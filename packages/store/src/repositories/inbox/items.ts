// The team's side of the inbox: the list (filters, then priority and date, keyset pages), an item and its
// conversation, people's changes to an item (status, assignee, labels, priority) and notes.
import { sql, type Kysely, type SqlBool } from 'kysely';
import {
  INBOX_STATUSES,
  type InboxFilters,
  type InboxIngestRepository,
  type InboxItem,
  type InboxItemPatch,
  type InboxRepository,
  type InboxStatus,
} from '@rostra/core';
import type { Database } from '../../schema.js';
import { newId } from '../../ids.js';
import { inTransaction } from '../transaction.js';
import { decodePosition, encodePosition, toConversation, toItem, toNote, type ItemRow } from './rows.js';

type ReadSide = Omit<InboxRepository, keyof InboxIngestRepository>;

/** Items with their conversation's subject. */
function selectItemsFrom(db: Kysely<Database>) {
  return db
    .selectFrom('inbox_items as i')
    .innerJoin('inbox_conversations as c', 'c.id', 'i.conversation_id')
    .selectAll('i')
    .select(['c.subject_remote_id', 'c.subject_url', 'c.subject_text', 'c.subject_post_id']);
}

type ItemQuery = ReturnType<typeof selectItemsFrom>;

export function createInboxItemsRepository(db: Kysely<Database>): ReadSide {
  const selectItems = () => selectItemsFrom(db);

  async function withLabels(rows: ItemRow[]): Promise<InboxItem[]> {
    const labels = new Map<string, string[]>();
    if (rows.length > 0) {
      const found = await db
        .selectFrom('inbox_item_labels')
        .select(['item_id', 'label'])
        .where(
          'item_id',
          'in',
          rows.map((row) => row.id),
        )
        .orderBy('item_id')
        .orderBy('position')
        .execute();
      for (const row of found) labels.set(row.item_id, [...(labels.get(row.item_id) ?? []), row.label]);
    }
    return rows.map((row) => toItem(row, labels.get(row.id) ?? []));
  }

  async function getItem(workspaceId: string, id: string): Promise<InboxItem | undefined> {
    const row = await selectItems().where('i.workspace_id', '=', workspaceId).where('i.id', '=', id).executeTakeFirst();
    return row && (await withLabels([row]))[0];
  }

  return {
    getItem,
    async listItems(workspaceId, filters, cursor, limit) {
      let query = applyFilters(selectItems().where('i.workspace_id', '=', workspaceId), workspaceId, filters);
      if (cursor) {
        const after = decodePosition(cursor);
        query = query.where(
          sql<SqlBool>`(i.priority < ${after.priority} or (i.priority = ${after.priority} and (i.created_at < ${after.createdAt} or (i.created_at = ${after.createdAt} and i.id < ${after.id}))))`,
        );
      }
      const rows = await query
        .orderBy('i.priority', 'desc')
        .orderBy('i.created_at', 'desc')
        .orderBy('i.id', 'desc')
        .limit(limit + 1)
        .execute();
      const items = await withLabels(rows.slice(0, limit));
      const last = items.at(-1);
      return { items, nextCursor: rows.length > limit && last ? encodePosition(last) : null };
    },
    async countByStatus(workspaceId) {
      const rows = await db
        .selectFrom('inbox_items')
        .select(['status', sql<number>`count(*)`.as('count')])
        .where('workspace_id', '=', workspaceId)
        .groupBy('status')
        .execute();
      const counts = Object.fromEntries(INBOX_STATUSES.map((status) => [status, 0])) as Record<InboxStatus, number>;
      for (const row of rows) counts[row.status as InboxStatus] = Number(row.count);
      return counts;
    },
    updateItem: (workspaceId, id, patch, now) =>
      inTransaction(db, async (trx) => {
        const result = await trx
          .updateTable('inbox_items')
          .set({ ...patchColumns(patch), updated_at: now })
          .where('workspace_id', '=', workspaceId)
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) return undefined;
        if (patch.labels) await replaceLabels(trx, workspaceId, id, patch.labels);
        return createInboxItemsRepository(trx).getItem(workspaceId, id);
      }),
    async getConversation(workspaceId, id) {
      const row = await db
        .selectFrom('inbox_conversations')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toConversation(row);
    },
    async listConversationItems(workspaceId, conversationId) {
      const rows = await selectItems()
        .where('i.workspace_id', '=', workspaceId)
        .where('i.conversation_id', '=', conversationId)
        .orderBy('i.created_at')
        .orderBy('i.id')
        .execute();
      return withLabels(rows);
    },
    async addNote(note) {
      const row = {
        id: newId(note.createdAt),
        workspace_id: note.workspaceId,
        conversation_id: note.conversationId,
        author_id: note.authorId,
        text: note.text,
        mentions: JSON.stringify(note.mentions),
        created_at: note.createdAt,
      };
      await db.insertInto('inbox_notes').values(row).execute();
      return toNote(row);
    },
    async listNotes(workspaceId, conversationId) {
      const rows = await db
        .selectFrom('inbox_notes')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('conversation_id', '=', conversationId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toNote);
    },
  };
}

function applyFilters(query: ItemQuery, workspaceId: string, filters: InboxFilters): ItemQuery {
  let filtered = query;
  if (filters.status?.length) filtered = filtered.where('i.status', 'in', filters.status);
  if (filters.kind?.length) filtered = filtered.where('i.kind', 'in', filters.kind);
  if (filters.channelId) filtered = filtered.where('i.channel_id', '=', filters.channelId);
  if (filters.assigneeId !== undefined) {
    const assignee = filters.assigneeId;
    filtered = filtered.where((eb) =>
      assignee === null ? eb('i.assignee_id', 'is', null) : eb('i.assignee_id', '=', assignee),
    );
  }
  if (filters.label !== undefined) {
    const label = filters.label;
    filtered = filtered.where((eb) =>
      eb.exists(
        eb
          .selectFrom('inbox_item_labels as l')
          .select('l.item_id')
          .where('l.workspace_id', '=', workspaceId)
          .where('l.label', '=', label)
          .whereRef('l.item_id', '=', 'i.id'),
      ),
    );
  }
  return filtered;
}

function patchColumns(patch: InboxItemPatch) {
  return {
    ...(patch.status !== undefined ? { status: patch.status } : {}),
    ...(patch.assigneeId !== undefined ? { assignee_id: patch.assigneeId } : {}),
    ...(patch.priority !== undefined ? { priority: patch.priority } : {}),
  };
}

async function replaceLabels(trx: Kysely<Database>, workspaceId: string, itemId: string, labels: string[]) {
  await trx.deleteFrom('inbox_item_labels').where('item_id', '=', itemId).execute();
  if (labels.length === 0) return;
  await trx
    .insertInto('inbox_item_labels')
    .values(labels.map((label, position) => ({ item_id: itemId, workspace_id: workspaceId, label, position })))
    .execute();
}
