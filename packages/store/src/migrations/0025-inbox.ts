// The inbox: items read from each channel (unique by channel and the network's id, so a batch stored twice stores
// nothing twice), the conversations they thread into, labels, notes, and each channel's cursor. The list indexes
// lead with the filter (status, assignee, label) and end with the sort (priority, then date, then id).
import type { Kysely, Migration } from 'kysely';

export const inbox: Migration = {
  async up(db: Kysely<unknown>) {
    // One schema step, read top to bottom: its length is the tables and indexes it creates, not logic.
    await db.schema
      .createTable('inbox_conversations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id').onDelete('cascade'))
      .addColumn('network', 'text', (c) => c.notNull())
      .addColumn('root_remote_id', 'text', (c) => c.notNull())
      /** Our post the thread answers: the network's id, link and words, and Rostra's post when we published it. */
      .addColumn('subject_remote_id', 'text')
      .addColumn('subject_url', 'text')
      .addColumn('subject_text', 'text')
      .addColumn('subject_post_id', 'text', (c) => c.references('posts.id').onDelete('set null'))
      .addColumn('item_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('first_item_at', 'bigint', (c) => c.notNull())
      .addColumn('last_item_at', 'bigint', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('inbox_conversations_root_unique', ['channel_id', 'root_remote_id'])
      .execute();
    await db.schema
      .createIndex('inbox_conversations_ws_idx')
      .on('inbox_conversations')
      .columns(['workspace_id', 'last_item_at'])
      .execute();

    await db.schema
      .createTable('inbox_items')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id').onDelete('cascade'))
      .addColumn('conversation_id', 'text', (c) => c.notNull().references('inbox_conversations.id').onDelete('cascade'))
      .addColumn('network', 'text', (c) => c.notNull())
      /** comment | reply | mention | message | review */
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('remote_id', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('root_remote_id', 'text', (c) => c.notNull())
      .addColumn('parent_remote_id', 'text')
      .addColumn('author_id', 'text')
      .addColumn('author_handle', 'text')
      .addColumn('author_name', 'text')
      .addColumn('author_url', 'text')
      .addColumn('author_avatar', 'text')
      .addColumn('author_followers', 'integer')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      /** new | open | waiting | done */
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('inbox_items_remote_unique', ['channel_id', 'remote_id'])
      .execute();
    for (const [name, columns] of [
      ['inbox_items_status_idx', ['workspace_id', 'status', 'priority desc', 'created_at desc', 'id desc']],
      ['inbox_items_assignee_idx', ['workspace_id', 'assignee_id', 'priority desc', 'created_at desc', 'id desc']],
      ['inbox_items_sort_idx', ['workspace_id', 'priority desc', 'created_at desc', 'id desc']],
      ['inbox_items_conversation_idx', ['conversation_id', 'created_at']],
    ] as const) {
      await db.schema
        .createIndex(name)
        .on('inbox_items')
        .columns([...columns])
        .execute();
    }

    await db.schema
      .createTable('inbox_item_labels')
      .addColumn('item_id', 'text', (c) => c.notNull().references('inbox_items.id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('label', 'text', (c) => c.notNull())
      /** The item's order among its labels, as people set them. */
      .addColumn('position', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('inbox_item_labels_pk', ['item_id', 'label'])
      .execute();
    await db.schema
      .createIndex('inbox_item_labels_ws_idx')
      .on('inbox_item_labels')
      .columns(['workspace_id', 'label', 'item_id'])
      .execute();

    await db.schema
      .createTable('inbox_notes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('conversation_id', 'text', (c) => c.notNull().references('inbox_conversations.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('text', 'text', (c) => c.notNull())
      /** JSON array of the user ids the note names. */
      .addColumn('mentions', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('inbox_notes_conversation_idx')
      .on('inbox_notes')
      .columns(['conversation_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('inbox_cursors')
      .addColumn('channel_id', 'text', (c) => c.primaryKey().references('channels.id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('cursor', 'text')
      .addColumn('backfilled_at', 'bigint')
      .addColumn('last_polled_at', 'bigint')
      .addColumn('next_poll_at', 'bigint', (c) => c.notNull())
      .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error_code', 'text')
      .addColumn('last_error', 'text')
      .execute();
    await db.schema.createIndex('inbox_cursors_due_idx').on('inbox_cursors').column('next_poll_at').execute();

    // Finding the post of ours an item answers, by the id the network gave it when Rostra published it.
    await db.schema
      .createIndex('post_targets_published_idx')
      .on('post_targets')
      .columns(['channel_id', 'published_id'])
      .execute();
  },
};
