// The mention stream: one mention, pages of the filtered and searched stream, and people's work on a mention —
// a sentiment correction (kept to teach the workspace's analyzer), tags, handled.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { MentionsRepository, SentimentLabel, StoredMention } from '@rostra/core';
import type { Database } from '../../schema.js';
import type { Dialect } from '../../database.js';
import { newId } from '../../ids.js';
import { MENTION_COLUMNS, toMention, type MentionRow } from './rows.js';
import { applyFilters, decodeCursor, encodeCursor } from './search.js';
import { inTransaction } from '../transaction.js';

/** The port's methods, each short and independent: the factory's length is their list, not one flow. */
export function createMentionsRepository(db: Kysely<Database>, dialect: Dialect): MentionsRepository {
  async function loadTopicIds(ids: string[]): Promise<Map<string, string[]>> {
    const byMention = new Map<string, string[]>();
    if (ids.length === 0) return byMention;
    const links = await db
      .selectFrom('mention_topics')
      .select(['mention_id', 'topic_id'])
      .where('mention_id', 'in', ids)
      .execute();
    for (const link of links)
      byMention.set(link.mention_id, [...(byMention.get(link.mention_id) ?? []), link.topic_id]);
    return byMention;
  }

  async function getMention(workspaceId: string, id: string): Promise<StoredMention | undefined> {
    const row = await db
      .selectFrom('mentions')
      .select(MENTION_COLUMNS)
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    return toMention(row, (await loadTopicIds([id])).get(id) ?? []);
  }

  return {
    getMention,
    async queryMentions(workspaceId, filters, cursor, limit) {
      let query = applyFilters(
        dialect,
        db.selectFrom('mentions as m').select(MENTION_COLUMNS.map((c) => `m.${c}` as const)),
        workspaceId,
        filters,
      );
      if (cursor) {
        const after = decodeCursor(cursor);
        query = query.where(
          sql<SqlBool>`(m.sort_at < ${after.sortAt} or (m.sort_at = ${after.sortAt} and m.id < ${after.id}))`,
        );
      }
      const rows = await query
        .orderBy('m.sort_at', 'desc')
        .orderBy('m.id', 'desc')
        .limit(limit + 1)
        .execute();
      const page = rows.slice(0, limit) as MentionRow[];
      const topics = await loadTopicIds(page.map((r) => r.id));
      const last = page.at(-1);
      return {
        items: page.map((row) => toMention(row, topics.get(row.id) ?? [])),
        nextCursor: rows.length > limit && last ? encodeCursor(last.sort_at, last.id) : null,
      };
    },
    async correctSentiment(workspaceId, id, label, by, now) {
      const mention = await getMention(workspaceId, id);
      if (!mention) return undefined;
      await inTransaction(db, async (trx) => {
        await trx
          .insertInto('sentiment_corrections')
          .values({
            id: newId(),
            workspace_id: workspaceId,
            mention_id: id,
            text: mention.title ? `${mention.title}\n\n${mention.text}` : mention.text,
            language: mention.language,
            label,
            previous_label: mention.sentiment,
            corrected_by: by,
            created_at: now,
          })
          .execute();
        await trx
          .updateTable('mentions')
          .set({ sentiment: label, sentiment_confidence: 1, sentiment_corrected: 1 })
          .where('id', '=', id)
          .execute();
      });
      return getMention(workspaceId, id);
    },
    async setTags(workspaceId, id, tags) {
      const result = await db
        .updateTable('mentions')
        .set({ tags: JSON.stringify(tags) })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 0 ? undefined : getMention(workspaceId, id);
    },
    async setHandled(workspaceId, id, handled, by, now) {
      const result = await db
        .updateTable('mentions')
        .set(handled ? { handled_at: now, handled_by: by } : { handled_at: null, handled_by: null })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 0 ? undefined : getMention(workspaceId, id);
    },
    async listCorrections(workspaceId) {
      const rows = await db
        .selectFrom('sentiment_corrections')
        .select(['text', 'language', 'label'])
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r) => ({ text: r.text, language: r.language, label: r.label as SentimentLabel }));
    },
    async readCorrectionsVersion(workspaceId) {
      const row = await db
        .selectFrom('sentiment_corrections')
        .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('created_at').as('latest')])
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      return `${Number(row.n)}:${Number(row.latest ?? 0)}`;
    },
  };
}
