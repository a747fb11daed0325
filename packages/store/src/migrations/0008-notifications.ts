// In-app notifications (one row per recipient) and a channel's pause after the network said "too many
// requests": `paused_until` is read by every worker, so a 429 seen by one holds back all of them.
import type { Kysely, Migration } from 'kysely';

export const notifications: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      /** What happened, e.g. post.commented; the UI turns kind + params into a sentence in the reader's language. */
      .addColumn('kind', 'text', (c) => c.notNull())
      /** JSON object of plain values (names, titles): rendered as text, never as HTML. */
      .addColumn('params', 'text', (c) => c.notNull())
      /** Where a click leads, a path inside the web UI (e.g. /w/…/posts/…). */
      .addColumn('link', 'text')
      .addColumn('actor_id', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('read_at', 'bigint')
      .execute();
    // The bell's two questions: "my latest" and "how many unread".
    await db.schema
      .createIndex('notifications_user_idx')
      .on('notifications')
      .columns(['user_id', 'created_at'])
      .execute();
    await db.schema
      .createIndex('notifications_unread_idx')
      .on('notifications')
      .columns(['user_id', 'read_at'])
      .execute();

    await db.schema.alterTable('channels').addColumn('paused_until', 'bigint').execute();
    // Counting a channel's recent publications (its rate-limit budget) reads this index.
    await db.schema
      .createIndex('post_targets_channel_published_idx')
      .on('post_targets')
      .columns(['channel_id', 'published_at'])
      .execute();
  },
};
