// Faster ingestion of mentions.
// - SQLite: the repository now writes each mention's full-text row itself, numbered in the same transaction.
//   Written by an AFTER INSERT trigger, every row ran inside a statement savepoint, and FTS5 flushes its pending
//   terms to a new segment at each savepoint (fts5_main.c, fts5SavepointMethod): one tiny segment per mention,
//   merged again and again, about 40 µs a row. The delete trigger stays (deletes are rare).
// - Both: near-duplicate candidates are group heads only, looked up band by band; partial covering indexes
//   answer that lookup without reading the table, and skip the copies (duplicate_of is in them, always null,
//   because SQLite counts an index as covering only if it holds every column the query names) (https://www.sqlite.org/partialindex.html,
//   https://www.postgresql.org/docs/current/indexes-partial.html).
import { sql, SqliteAdapter, type Kysely, type Migration } from 'kysely';

export const mentionSearchInsert: Migration = {
  async up(db: Kysely<unknown>) {
    if (db.getExecutor().adapter instanceof SqliteAdapter) {
      await sql`DROP TRIGGER IF EXISTS mentions_fts_insert`.execute(db);
    }
    for (let band = 0; band < 4; band++) {
      await db.schema.dropIndex(`mentions_simhash_band${band}_idx`).execute();
      await db.schema
        .createIndex(`mentions_simhash_head_band${band}_idx`)
        .on('mentions')
        .columns(['workspace_id', `simhash_band${band}`, 'simhash', 'id', 'duplicate_of'])
        .where(sql.ref('duplicate_of'), 'is', null)
        .execute();
    }
  },
};
