// The editorial charter of each workspace, one row per version: the current charter is the highest version, the
// older ones say who changed what and when. A version is written once (primary key), so two people saving at
// the same time cannot both win.
import type { Kysely, Migration } from 'kysely';

export const editorialCharter: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('editorial_charters')
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('version', 'integer', (c) => c.notNull())
      /** JSON: core's Charter, as charterSchema wrote it. */
      .addColumn('charter', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('editorial_charters_pk', ['workspace_id', 'version'])
      .execute();
  },
};
