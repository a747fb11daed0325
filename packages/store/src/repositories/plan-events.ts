// The animation plan's events calendar: one-off and yearly events (the « journées mondiales »), imported all or
// nothing.
import type { Kysely, Selectable } from 'kysely';
import type { PlanEvent, PlanEventRepository } from '@rostra/core';
import type { Database, PlanEventsTable } from '../schema.js';
import { newId } from '../ids.js';
import { inTransaction } from './transaction.js';

function toEvent(row: Selectable<PlanEventsTable>): PlanEvent {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    themeId: row.theme_id,
    date: row.date,
    yearly: row.yearly === 1,
    createdAt: Number(row.created_at),
  };
}

/** One-off events by date, then yearly ones by month and day (their year means nothing). */
function byDate(a: PlanEvent, b: PlanEvent): number {
  const key = (e: PlanEvent) => `${e.yearly ? 1 : 0}${e.yearly ? e.date.slice(5) : e.date}${e.name}`;
  return key(a).localeCompare(key(b));
}

export function createPlanEventRepository(db: Kysely<Database>): PlanEventRepository {
  return {
    async listEvents(workspaceId) {
      const rows = await db.selectFrom('plan_events').selectAll().where('workspace_id', '=', workspaceId).execute();
      return rows.map(toEvent).sort(byDate);
    },
    async createEvents(workspaceId, inputs) {
      const now = Date.now();
      const rows = inputs.map((input) => ({
        id: newId(),
        workspace_id: workspaceId,
        name: input.name,
        theme_id: input.themeId,
        date: input.date,
        yearly: input.yearly ? 1 : 0,
        created_at: now,
      }));
      await inTransaction(db, async (trx) => {
        // Batches of 100 rows stay far below both databases' bound-parameter limits.
        for (let i = 0; i < rows.length; i += 100) {
          await trx
            .insertInto('plan_events')
            .values(rows.slice(i, i + 100))
            .execute();
        }
      });
      return rows.map(toEvent);
    },
    async deleteEvent(workspaceId, id) {
      const row = await db
        .deleteFrom('plan_events')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      return row && toEvent(row);
    },
  };
}
