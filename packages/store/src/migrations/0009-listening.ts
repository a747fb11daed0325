// Listening: topics (queries), sources (where mentions come from, with their health and cursor), mentions with
// their topics, sentiment corrections, and full-text search (SQLite FTS5; PostgreSQL tsvector, French).
import { sql, SqliteAdapter, type Kysely, type Migration } from 'kysely';

export const listening: Migration = {
  async up(db: Kysely<unknown>) {
    // One schema step, read top to bottom: its length is the tables and indexes it creates, not logic.
    const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;

    await db.schema
      .createTable('topics')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      /** brand | competitor | sector | other */
      .addColumn('topic_group', 'text', (c) => c.notNull())
      .addColumn('query', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('color', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('topics_name_unique', ['workspace_id', 'name'])
      .execute();

    await db.schema
      .createTable('sources')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('network', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      /** JSON object of strings, as the connector's `validate` accepted it. */
      .addColumn('config', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('realtime', 'integer', (c) => c.notNull().defaultTo(0))
      /** Opaque to Rostra; written only after the items it covers are stored. */
      .addColumn('cursor', 'text')
      .addColumn('poll_interval_ms', 'integer', (c) => c.notNull())
      .addColumn('next_poll_at', 'bigint', (c) => c.notNull())
      /** The host polled, for politeness across sources of one site. */
      .addColumn('host', 'text')
      .addColumn('last_polled_at', 'bigint')
      .addColumn('last_ok_at', 'bigint')
      .addColumn('last_error', 'text')
      .addColumn('last_error_code', 'text')
      .addColumn('last_error_at', 'bigint')
      .addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('items_total', 'bigint', (c) => c.notNull().defaultTo(0))
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'bigint')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sources_due_idx')
      .on('sources')
      .columns(['enabled', 'realtime', 'next_poll_at'])
      .execute();
    await db.schema.createIndex('sources_host_idx').on('sources').column('host').execute();

    await db.schema
      .createTable('mentions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('source_id', 'text', (c) => c.references('sources.id').onDelete('set null'))
      .addColumn('network', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text', (c) => c.notNull())
      .addColumn('url', 'text')
      .addColumn('title', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('author_id', 'text')
      .addColumn('author_handle', 'text')
      .addColumn('author_name', 'text')
      .addColumn('author_url', 'text')
      .addColumn('site', 'text')
      .addColumn('published_at', 'bigint')
      .addColumn('seen_at', 'bigint', (c) => c.notNull())
      /** published_at when the source gave one, else seen_at: the stream's order and the dashboards' clock. */
      .addColumn('sort_at', 'bigint', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      /** declared | detected | unknown */
      .addColumn('language_how', 'text', (c) => c.notNull())
      .addColumn('sentiment', 'text', (c) => c.notNull())
      .addColumn('sentiment_confidence', 'double precision', (c) => c.notNull())
      .addColumn('sentiment_corrected', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('reach', 'bigint')
      .addColumn('likes', 'bigint')
      .addColumn('reposts', 'bigint')
      .addColumn('replies', 'bigint')
      .addColumn('hashtags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('repost_of', 'text')
      .addColumn('reply_to', 'text')
      /** The first mention of its group: the reposted original, or the first copy of a syndicated text. */
      .addColumn('duplicate_of', 'text')
      .addColumn('simhash', 'text')
      .addColumn('simhash_band0', 'integer')
      .addColumn('simhash_band1', 'integer')
      .addColumn('simhash_band2', 'integer')
      .addColumn('simhash_band3', 'integer')
      .addColumn('handled_at', 'bigint')
      .addColumn('handled_by', 'text')
      .addColumn('tags', 'text', (c) => c.notNull().defaultTo('[]'))
      .addUniqueConstraint('mentions_external_unique', ['workspace_id', 'network', 'external_id'])
      .execute();
    await db.schema.createIndex('mentions_stream_idx').on('mentions').columns(['workspace_id', 'sort_at']).execute();
    await db.schema.createIndex('mentions_source_idx').on('mentions').columns(['source_id', 'sort_at']).execute();
    await db.schema
      .createIndex('mentions_duplicate_idx')
      .on('mentions')
      .columns(['workspace_id', 'duplicate_of'])
      .execute();
    for (let band = 0; band < 4; band++) {
      await db.schema
        .createIndex(`mentions_simhash_band${band}_idx`)
        .on('mentions')
        .columns(['workspace_id', `simhash_band${band}`])
        .execute();
    }

    await db.schema
      .createTable('mention_topics')
      .addColumn('mention_id', 'text', (c) => c.notNull().references('mentions.id').onDelete('cascade'))
      .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull())
      .addColumn('sort_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('mention_topics_pk', ['mention_id', 'topic_id'])
      .execute();
    await db.schema
      .createIndex('mention_topics_series_idx')
      .on('mention_topics')
      .columns(['topic_id', 'sort_at'])
      .execute();

    await db.schema
      .createTable('sentiment_corrections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('mention_id', 'text', (c) => c.references('mentions.id').onDelete('set null'))
      /** The corrected text itself, so the correction keeps teaching after its mention is gone. */
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('previous_label', 'text', (c) => c.notNull())
      .addColumn('corrected_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sentiment_corrections_ws_idx')
      .on('sentiment_corrections')
      .columns(['workspace_id', 'created_at'])
      .execute();

    if (sqlite) {
      // FTS5 with accents folded (https://www.sqlite.org/fts5.html#unicode61_tokenizer). The FTS rowid is kept in
      // mentions.search_rowid: a table without an INTEGER PRIMARY KEY may see its own rowids renumbered by VACUUM
      // (https://www.sqlite.org/lang_vacuum.html), an FTS5 table's rowids are stable. Contentless with deletes
      // (https://www.sqlite.org/fts5.html#contentless_delete_tables) keeps the text only once, in mentions.
      await sql`ALTER TABLE mentions ADD COLUMN search_rowid integer`.execute(db);
      await sql`CREATE INDEX mentions_search_rowid_idx ON mentions (search_rowid)`.execute(db);
      await sql`CREATE VIRTUAL TABLE mentions_fts USING fts5(title, text, author, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')`.execute(
        db,
      );
      // Inside a trigger, last_insert_rowid() is the row the trigger itself inserted (sqlite.org/c3ref/last_insert_rowid.html).
      await sql`CREATE TRIGGER mentions_fts_insert AFTER INSERT ON mentions BEGIN
        INSERT INTO mentions_fts (title, text, author)
          VALUES (coalesce(new.title, ''), new.text, coalesce(new.author_name, '') || ' ' || coalesce(new.author_handle, ''));
        UPDATE mentions SET search_rowid = last_insert_rowid() WHERE id = new.id;
      END`.execute(db);
      await sql`CREATE TRIGGER mentions_fts_delete AFTER DELETE ON mentions BEGIN
        DELETE FROM mentions_fts WHERE rowid = old.search_rowid;
      END`.execute(db);
    } else {
      // The repository writes to_tsvector('french', <accent-folded text>): folding in the application needs no
      // extension (unaccent is not installed everywhere) and makes "élection" and "election" the same lexeme.
      // https://www.postgresql.org/docs/current/textsearch-controls.html
      await sql`ALTER TABLE mentions ADD COLUMN search tsvector`.execute(db);
      await sql`CREATE INDEX mentions_search_idx ON mentions USING gin (search)`.execute(db);
    }
  },
};
