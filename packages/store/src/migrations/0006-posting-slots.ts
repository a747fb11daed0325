// The workspace's posting slots (JSON list of {days, time}, local to its time zone).
import type { Kysely, Migration } from 'kysely';

export const postingSlots: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('workspaces')
      .addColumn('posting_slots', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
  },
};
