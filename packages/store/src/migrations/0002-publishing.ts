// Channels (connected accounts), posts and their per-channel deliveries ("targets").
import type { Kysely, Migration } from 'kysely';

export const publishing: Migration = {
  async up(db: Kysely<unknown>) {
    // One schema step, read top to bottom: its length is the tables and indexes it creates, not logic.
    // 1 = posts need a manager's approval before they can be scheduled (the default for public bodies).
    await db.schema
      .alterTable('workspaces')
      .addColumn('approval_required', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();

    // Editorial pillars and content types, defined per workspace (seeds: "ligne éditoriale").
    await db.schema
      .createTable('themes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('color', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('themes_name_unique', ['workspace_id', 'name'])
      .execute();
    await db.schema
      .createTable('content_types')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('content_types_name_unique', ['workspace_id', 'name'])
      .execute();

    await db.schema
      .createTable('channels')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('network', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('account_id', 'text', (c) => c.notNull())
      /** active | needs_reconnect | disabled */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('credentials', 'text', (c) => c.notNull())
      .addColumn('credentials_expires_at', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('channels_account_unique', ['workspace_id', 'network', 'account_id'])
      .execute();

    await db.schema
      .createTable('posts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('theme_id', 'text', (c) => c.references('themes.id').onDelete('set null'))
      .addColumn('content_type_id', 'text', (c) => c.references('content_types.id').onDelete('set null'))
      .addColumn('owner_id', 'text')
      .addColumn('backup_owner_id', 'text')
      .addColumn('scheduled_at', 'bigint')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('posts_workspace_schedule_idx')
      .on('posts')
      .columns(['workspace_id', 'scheduled_at'])
      .execute();

    await db.schema
      .createTable('post_targets')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id'))
      /** The text for this network when it differs from the post's. */
      .addColumn('text', 'text')
      /** pending (post not scheduled) | scheduled | publishing | published | failed | unconfirmed */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('due_at', 'bigint')
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .addColumn('published_id', 'text')
      .addColumn('published_url', 'text')
      .addColumn('published_extra', 'text')
      .addColumn('published_at', 'bigint')
      .addColumn('last_error_code', 'text')
      .addColumn('last_error', 'text')
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('post_targets_unique', ['post_id', 'channel_id'])
      .execute();
    await db.schema.createIndex('post_targets_due_idx').on('post_targets').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('post_targets_post_idx').on('post_targets').column('post_id').execute();

    await db.schema
      .createTable('post_comments')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('post_comments_post_idx').on('post_comments').column('post_id').execute();
  },
};
