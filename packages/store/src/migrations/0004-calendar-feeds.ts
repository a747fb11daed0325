// The secret address of each workspace's read-only iCal feed.
import type { Kysely, Migration } from 'kysely';

export const calendarFeeds: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('calendar_feeds')
      .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
      /** SHA-256 of the token in the URL, for lookup. */
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      /** The token itself, sealed, so the address can be shown again to the workspace. */
      .addColumn('token_sealed', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
