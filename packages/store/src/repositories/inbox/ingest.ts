// The inbox's ingest side: a batch of items in, each at most once per (channel, remote id) even when two polls
// store the same batch, threaded into its conversation; and the channel's cursor, moved by compare-and-set so the
// caller can store a batch and the cursor that covers it in one transaction.
import { sql, type Kysely } from 'kysely';
import type { InboxChannelRef, InboxIngestRepository, InboxItem, SourceInboxItem } from '@rostra/core';
import type { Database } from '../../schema.js';
import { newId } from '../../ids.js';
import { inTransaction } from '../transaction.js';
import { toCursor, toItem } from './rows.js';

/** Rows per INSERT: 23 columns each, far below SQLite's and PostgreSQL's bound-parameter limits. */
const CHUNK = 200;

export function createInboxIngestRepository(db: Kysely<Database>): InboxIngestRepository {
  return {
    insertItems: (channel, items, receivedAt) =>
      inTransaction(db, async (trx) => {
        const fresh = await dropStored(trx, channel.channelId, uniqueByRemoteId(items));
        if (fresh.length === 0) return [];
        const conversations = await ensureConversations(trx, channel, fresh, receivedAt);
        const inserted: InboxItem[] = [];
        for (let start = 0; start < fresh.length; start += CHUNK) {
          const rows = fresh.slice(start, start + CHUNK).map((item) => {
            const conversation = conversations.get(item.rootRemoteId);
            if (!conversation) throw new Error(`No conversation for ${item.rootRemoteId}`);
            return itemRow(channel, item, conversation.id, receivedAt);
          });
          // Another poll may have stored some of them since dropStored: those rows are skipped, not doubled.
          const ids = new Set(
            (
              await trx
                .insertInto('inbox_items')
                .values(rows)
                .onConflict((oc) => oc.columns(['channel_id', 'remote_id']).doNothing())
                .returning('id')
                .execute()
            ).map((row) => row.id),
          );
          for (const row of rows) {
            if (!ids.has(row.id)) continue;
            const subject = conversations.get(row.root_remote_id)?.subject ?? null;
            inserted.push(toItem({ ...row, priority: 0, ...subjectColumns(subject) }, []));
          }
        }
        await countInConversations(trx, inserted);
        return inserted;
      }),

    async getCursor(channelId) {
      const row = await db
        .selectFrom('inbox_cursors')
        .selectAll()
        .where('channel_id', '=', channelId)
        .executeTakeFirst();
      return row && toCursor(row);
    },

    async advanceCursor(channel, update) {
      const values = {
        cursor: update.cursor,
        backfilled_at: update.backfilledAt,
        last_polled_at: update.now,
        next_poll_at: update.nextPollAt,
        consecutive_failures: 0,
        last_error_code: null,
        last_error: null,
      };
      const existing = await db
        .selectFrom('inbox_cursors')
        .select('cursor')
        .where('channel_id', '=', channel.channelId)
        .executeTakeFirst();
      if (!existing) {
        if (update.expected !== null) return false;
        const result = await db
          .insertInto('inbox_cursors')
          .values({ channel_id: channel.channelId, workspace_id: channel.workspaceId, ...values })
          .onConflict((oc) => oc.column('channel_id').doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
      }
      const result = await db
        .updateTable('inbox_cursors')
        .set(values)
        .where('channel_id', '=', channel.channelId)
        .where((eb) => (update.expected === null ? eb('cursor', 'is', null) : eb('cursor', '=', update.expected)))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async recordPollFailure(channel, failure) {
      await db
        .insertInto('inbox_cursors')
        .values({
          channel_id: channel.channelId,
          workspace_id: channel.workspaceId,
          cursor: null,
          backfilled_at: null,
          last_polled_at: failure.now,
          next_poll_at: failure.nextPollAt,
          consecutive_failures: 1,
          last_error_code: failure.code,
          last_error: failure.message,
        })
        .onConflict((oc) =>
          oc.column('channel_id').doUpdateSet({
            last_polled_at: failure.now,
            next_poll_at: failure.nextPollAt,
            consecutive_failures: sql`inbox_cursors.consecutive_failures + 1`,
            last_error_code: failure.code,
            last_error: failure.message,
          }),
        )
        .execute();
    },

    async listDueChannels(networks, now, limit) {
      if (networks.length === 0) return [];
      const rows = await db
        .selectFrom('channels as c')
        .leftJoin('inbox_cursors as k', 'k.channel_id', 'c.id')
        .select(['c.id', 'c.workspace_id', 'c.network'])
        .where('c.status', '=', 'active')
        .where('c.network', 'in', networks)
        .where((eb) => eb.or([eb('k.channel_id', 'is', null), eb('k.next_poll_at', '<=', now)]))
        .orderBy(sql`coalesce(k.next_poll_at, 0)`)
        .orderBy('c.id')
        .limit(limit)
        .execute();
      return rows.map((row) => ({ channelId: row.id, workspaceId: row.workspace_id, network: row.network }));
    },
  };
}

function uniqueByRemoteId(items: SourceInboxItem[]): SourceInboxItem[] {
  const seen = new Map<string, SourceInboxItem>();
  for (const item of items) if (!seen.has(item.remoteId)) seen.set(item.remoteId, item);
  return [...seen.values()];
}

async function dropStored(
  trx: Kysely<Database>,
  channelId: string,
  items: SourceInboxItem[],
): Promise<SourceInboxItem[]> {
  const stored = new Set<string>();
  for (let start = 0; start < items.length; start += CHUNK) {
    const remoteIds = items.slice(start, start + CHUNK).map((item) => item.remoteId);
    const rows = await trx
      .selectFrom('inbox_items')
      .select('remote_id')
      .where('channel_id', '=', channelId)
      .where('remote_id', 'in', remoteIds)
      .execute();
    for (const row of rows) stored.add(row.remote_id);
  }
  return items.filter((item) => !stored.has(item.remoteId));
}

interface ThreadRef {
  id: string;
  subject: { remoteId: string; url: string | null; text: string | null; postId: string | null } | null;
}

/**
 * The conversation of each thread the items belong to, made when new (a race with another poll loses quietly to
 * the unique root); a thread first seen without its subject gets it from a later item that knows it.
 */
async function ensureConversations(
  trx: Kysely<Database>,
  channel: InboxChannelRef,
  items: SourceInboxItem[],
  now: number,
): Promise<Map<string, ThreadRef>> {
  const byRoot = new Map<string, SourceInboxItem[]>();
  for (const item of items) byRoot.set(item.rootRemoteId, [...(byRoot.get(item.rootRemoteId) ?? []), item]);
  const postIds = await findOurPosts(trx, channel.channelId, items);
  const threads = new Map<string, ThreadRef>();
  for (const [root, threadItems] of byRoot) {
    const found = threadItems.find((item) => item.subject)?.subject ?? null;
    const subject = found && { ...found, postId: postIds.get(found.remoteId) ?? null };
    const first = Math.min(...threadItems.map((item) => item.createdAt));
    await trx
      .insertInto('inbox_conversations')
      .values({
        id: newId(now),
        workspace_id: channel.workspaceId,
        channel_id: channel.channelId,
        network: channel.network,
        root_remote_id: root,
        ...subjectColumns(subject),
        item_count: 0,
        first_item_at: first,
        last_item_at: first,
        created_at: now,
      })
      .onConflict((oc) => oc.columns(['channel_id', 'root_remote_id']).doNothing())
      .execute();
    const row = await trx
      .selectFrom('inbox_conversations')
      .selectAll()
      .where('channel_id', '=', channel.channelId)
      .where('root_remote_id', '=', root)
      .executeTakeFirstOrThrow();
    if (row.subject_remote_id === null && subject) {
      await trx.updateTable('inbox_conversations').set(subjectColumns(subject)).where('id', '=', row.id).execute();
    }
    const stored = row.subject_remote_id === null ? subject : subjectOf(row);
    threads.set(root, { id: row.id, subject: stored });
  }
  return threads;
}

function subjectOf(row: {
  subject_remote_id: string | null;
  subject_url: string | null;
  subject_text: string | null;
  subject_post_id: string | null;
}): ThreadRef['subject'] {
  if (row.subject_remote_id === null) return null;
  return { remoteId: row.subject_remote_id, url: row.subject_url, text: row.subject_text, postId: row.subject_post_id };
}

function subjectColumns(subject: ThreadRef['subject']) {
  return {
    subject_remote_id: subject?.remoteId ?? null,
    subject_url: subject?.url ?? null,
    subject_text: subject?.text ?? null,
    subject_post_id: subject?.postId ?? null,
  };
}

/** Rostra's posts among the subjects, by the id the network gave each when Rostra published it. */
async function findOurPosts(
  trx: Kysely<Database>,
  channelId: string,
  items: SourceInboxItem[],
): Promise<Map<string, string>> {
  const remoteIds = [...new Set(items.flatMap((item) => (item.subject ? [item.subject.remoteId] : [])))];
  if (remoteIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('post_targets')
    .select(['published_id', 'post_id'])
    .where('channel_id', '=', channelId)
    .where('published_id', 'in', remoteIds)
    .execute();
  return new Map(rows.flatMap((row) => (row.published_id ? [[row.published_id, row.post_id] as const] : [])));
}

function itemRow(channel: InboxChannelRef, item: SourceInboxItem, conversationId: string, receivedAt: number) {
  return {
    id: newId(receivedAt),
    workspace_id: channel.workspaceId,
    channel_id: channel.channelId,
    conversation_id: conversationId,
    network: channel.network,
    kind: item.kind,
    remote_id: item.remoteId,
    url: item.url,
    root_remote_id: item.rootRemoteId,
    parent_remote_id: item.parentRemoteId,
    author_id: item.author.id,
    author_handle: item.author.handle,
    author_name: item.author.name,
    author_url: item.author.url,
    author_avatar: item.author.avatar,
    author_followers: item.author.followers,
    text: item.text,
    created_at: item.createdAt,
    received_at: receivedAt,
    status: 'new',
    assignee_id: null,
    updated_at: receivedAt,
  };
}

/** Each conversation's count and time span, moved by what this batch really inserted. */
async function countInConversations(trx: Kysely<Database>, inserted: InboxItem[]): Promise<void> {
  const byConversation = new Map<string, InboxItem[]>();
  for (const item of inserted) {
    byConversation.set(item.conversationId, [...(byConversation.get(item.conversationId) ?? []), item]);
  }
  for (const [id, items] of byConversation) {
    const first = Math.min(...items.map((item) => item.createdAt));
    const last = Math.max(...items.map((item) => item.createdAt));
    await trx
      .updateTable('inbox_conversations')
      .set({
        item_count: sql`item_count + ${items.length}`,
        first_item_at: sql`case when first_item_at < ${first} then first_item_at else ${first} end`,
        last_item_at: sql`case when last_item_at > ${last} then last_item_at else ${last} end`,
      })
      .where('id', '=', id)
      .execute();
  }
}
