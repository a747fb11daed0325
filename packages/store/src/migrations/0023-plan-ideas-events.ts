// The animation plan's idea bank (typed in, or taken from a listening mention with its link; used once, by the
// slot draft it became) and its calendar of events (one-off or yearly: the « journées mondiales »).
import type { Kysely, Migration } from 'kysely';

export const planIdeasEvents: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('plan_ideas')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('notes', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('theme_id', 'text', (c) => c.references('themes.id').onDelete('set null'))
      .addColumn('persona', 'text', (c) => c.notNull().defaultTo(''))
      /** manual | mention */
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('mention_id', 'text', (c) => c.references('mentions.id').onDelete('set null'))
      .addColumn('source_url', 'text')
      .addColumn('used_at', 'bigint')
      .addColumn('used_post_id', 'text', (c) => c.references('posts.id').onDelete('set null'))
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      // A mention becomes one idea at most (NULLs, the typed-in ideas, are distinct on both databases).
      .addUniqueConstraint('plan_ideas_mention_unique', ['workspace_id', 'mention_id'])
      .execute();
    await db.schema
      .createIndex('plan_ideas_workspace_idx')
      .on('plan_ideas')
      .columns(['workspace_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('plan_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('theme_id', 'text', (c) => c.references('themes.id').onDelete('set null'))
      /** YYYY-MM-DD; a yearly event's month and day repeat every year. */
      .addColumn('date', 'text', (c) => c.notNull())
      .addColumn('yearly', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('plan_events_workspace_idx').on('plan_events').column('workspace_id').execute();
  },
};
