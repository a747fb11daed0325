// What the server knows of each inbox item beyond the item itself: its analysis at ingest (sentiment, language),
// the times service levels measure, and the reads rules and figures need (a period's items, first contacts).
import { sql, type Kysely } from 'kysely';
import type { InboxAutomationRepository, InboxItemAnalysis, RuleSentimentLabel } from '@rostra/core';
import type { Database } from '../../schema.js';
import { toItem } from '../inbox/rows.js';

type MeasuresSide = Pick<
  InboxAutomationRepository,
  | 'saveAnalyses'
  | 'getAnalyses'
  | 'listItemsSince'
  | 'firstItemIdsByAuthor'
  | 'setItemTimes'
  | 'getItemTimes'
  | 'listSlaRows'
>;

const SENTIMENTS: readonly string[] = ['positive', 'neutral', 'negative'];

export function createInboxMeasuresRepository(db: Kysely<Database>): MeasuresSide {
  /** Per author column value, the earliest item's id (reception, then id). */
  async function earliestBy(
    workspaceId: string,
    column: 'author_id' | 'author_handle',
    values: string[],
  ): Promise<Array<{ k: string; id: string }>> {
    if (values.length === 0) return [];
    const key = column === 'author_id' ? sql.ref('author_id') : sql`lower(author_handle)`;
    const onlyHandles = column === 'author_handle' ? sql`and author_id is null` : sql``;
    const result = await sql<{ k: string; id: string }>`
      select k, id from (
        select ${key} as k, id, row_number() over (partition by ${key} order by received_at, id) as rn
        from inbox_items
        where workspace_id = ${workspaceId} and ${key} in (${sql.join(values)}) ${onlyHandles}
      ) firsts where rn = 1`.execute(db);
    return result.rows;
  }

  return {
    async saveAnalyses(analyses) {
      if (analyses.length === 0) return;
      await db
        .insertInto('inbox_item_analysis')
        .values(
          analyses.map((a) => ({
            item_id: a.itemId,
            workspace_id: a.workspaceId,
            sentiment: a.sentiment?.label ?? null,
            sentiment_confidence: a.sentiment?.confidence ?? null,
            language: a.language,
          })),
        )
        .onConflict((oc) =>
          oc.column('item_id').doUpdateSet((eb) => ({
            sentiment: eb.ref('excluded.sentiment'),
            sentiment_confidence: eb.ref('excluded.sentiment_confidence'),
            language: eb.ref('excluded.language'),
          })),
        )
        .execute();
    },
    async getAnalyses(workspaceId, itemIds) {
      const found = new Map<string, InboxItemAnalysis>();
      if (itemIds.length === 0) return found;
      const rows = await db
        .selectFrom('inbox_item_analysis')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('item_id', 'in', [...itemIds])
        .execute();
      for (const row of rows) {
        found.set(row.item_id, {
          itemId: row.item_id,
          workspaceId: row.workspace_id,
          sentiment:
            row.sentiment !== null && SENTIMENTS.includes(row.sentiment)
              ? { label: row.sentiment as RuleSentimentLabel, confidence: Number(row.sentiment_confidence ?? 0) }
              : null,
          language: row.language,
        });
      }
      return found;
    },
    async listItemsSince(workspaceId, since, limit) {
      const rows = await db
        .selectFrom('inbox_items as i')
        .innerJoin('inbox_conversations as c', 'c.id', 'i.conversation_id')
        .selectAll('i')
        .select(['c.subject_remote_id', 'c.subject_url', 'c.subject_text', 'c.subject_post_id'])
        .where('i.workspace_id', '=', workspaceId)
        .where('i.received_at', '>=', since)
        .orderBy('i.received_at')
        .orderBy('i.id')
        .limit(limit)
        .execute();
      return rows.map((row) => toItem(row, []));
    },
    async firstItemIdsByAuthor(workspaceId, authorKeys) {
      const ids = authorKeys.filter((k) => k.startsWith('id:')).map((k) => k.slice(3));
      const handles = authorKeys.filter((k) => k.startsWith('handle:')).map((k) => k.slice(7));
      const firsts = new Map<string, string>();
      for (const row of await earliestBy(workspaceId, 'author_id', [...new Set(ids)]))
        firsts.set(`id:${row.k}`, row.id);
      for (const row of await earliestBy(workspaceId, 'author_handle', [...new Set(handles)])) {
        firsts.set(`handle:${row.k}`, row.id);
      }
      return firsts;
    },
    async setItemTimes(workspaceId, itemId, times) {
      const set = {
        ...(times.firstResponseAt !== undefined ? { first_response_at: times.firstResponseAt } : {}),
        ...(times.resolvedAt !== undefined ? { resolved_at: times.resolvedAt } : {}),
        ...(times.autoResolved !== undefined ? { auto_resolved: times.autoResolved ? 1 : 0 } : {}),
      };
      const insert = db.insertInto('inbox_item_times').values({ item_id: itemId, workspace_id: workspaceId, ...set });
      if (Object.keys(set).length === 0) await insert.onConflict((oc) => oc.column('item_id').doNothing()).execute();
      else await insert.onConflict((oc) => oc.column('item_id').doUpdateSet(set)).execute();
    },
    async getItemTimes(workspaceId, itemId) {
      const row = await db
        .selectFrom('inbox_item_times')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('item_id', '=', itemId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        firstResponseAt: row.first_response_at === null ? null : Number(row.first_response_at),
        resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
        autoResolved: Number(row.auto_resolved) === 1,
      };
    },
    async listSlaRows(workspaceId, from, to) {
      const rows = await db
        .selectFrom('inbox_items as i')
        .leftJoin('inbox_item_times as t', 't.item_id', 'i.id')
        .select([
          'i.id',
          'i.network',
          'i.assignee_id',
          'i.received_at',
          't.first_response_at',
          't.resolved_at',
          't.auto_resolved',
        ])
        .where('i.workspace_id', '=', workspaceId)
        .where('i.received_at', '>=', from)
        .where('i.received_at', '<', to)
        .orderBy('i.received_at')
        .execute();
      const labels = new Map<string, string[]>();
      // Labels per item, read by chunks so a long period stays within the databases' parameter limits.
      for (let at = 0; at < rows.length; at += 500) {
        const found = await db
          .selectFrom('inbox_item_labels')
          .select(['item_id', 'label'])
          .where(
            'item_id',
            'in',
            rows.slice(at, at + 500).map((r) => r.id),
          )
          .orderBy('position')
          .execute();
        for (const row of found) labels.set(row.item_id, [...(labels.get(row.item_id) ?? []), row.label]);
      }
      return rows.map((row) => ({
        itemId: row.id,
        network: row.network,
        assigneeId: row.assignee_id,
        labels: labels.get(row.id) ?? [],
        receivedAt: Number(row.received_at),
        firstResponseAt: row.first_response_at === null ? null : Number(row.first_response_at),
        resolvedAt: row.resolved_at === null ? null : Number(row.resolved_at),
        autoResolved: Number(row.auto_resolved ?? 0) === 1,
      }));
    },
  };
}
