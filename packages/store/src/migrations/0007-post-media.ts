// Media (images, videos) kept in the database itself, so embedded (SQLite) and scaled (PostgreSQL) modes
// need no shared disk; the post ↔ media link with order and per-post alt text; and on each delivery the
// network options, the first comment, the thread parts, and the parts already published (resume, not repeat).
import { sql, SqliteAdapter, type Kysely, type Migration } from 'kysely';

export const postMedia: Migration = {
  async up(db: Kysely<unknown>) {
    const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
    await db.schema
      .createTable('media')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('mime_type', 'text', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('width', 'integer')
      .addColumn('height', 'integer')
      .addColumn('sha256', 'text', (c) => c.notNull())
      /** The alternative text proposed whenever this file is added to a post. */
      .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('data', sqlite ? 'blob' : sql`bytea`, (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('media_workspace_idx').on('media').columns(['workspace_id', 'created_at']).execute();

    // No cascade from media: a file a post uses cannot vanish under it (the service says which posts use it).
    await db.schema
      .createTable('post_media')
      .addColumn('post_id', 'text', (c) => c.notNull().references('posts.id').onDelete('cascade'))
      .addColumn('media_id', 'text', (c) => c.notNull().references('media.id'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('alt', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('post_media_pk', ['post_id', 'media_id'])
      .execute();
    await db.schema.createIndex('post_media_media_idx').on('post_media').column('media_id').execute();

    /** BCP 47 tags of the post's text, JSON list. */
    await db.schema
      .alterTable('posts')
      .addColumn('languages', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    for (const [name, defaultValue] of [
      ['options', '{}'],
      ['published_parts', '[]'],
    ] as const) {
      await db.schema
        .alterTable('post_targets')
        .addColumn(name, 'text', (c) => c.notNull().defaultTo(defaultValue))
        .execute();
    }
    await db.schema.alterTable('post_targets').addColumn('first_comment', 'text').execute();
    await db.schema.alterTable('post_targets').addColumn('thread', 'text').execute();
  },
};
