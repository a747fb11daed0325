// Ingest: what the pipeline asks before storing a batch (stored already? near-duplicates?), the batch itself in one
// transaction with multi-row inserts (one round trip per chunk), and edits rewritten in place. On SQLite the hot
// path runs prepared statements on the embedded database and numbers the FTS5 rows itself.
import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { DuplicateCandidate, MentionEdit, MentionInsert, MentionsIngestRepository } from '@rostra/core';
import type { Database } from '../../schema.js';
import { chunk, editRow, INSERT_CHUNK, LOOKUP_CHUNK, mentionRow, storedKey } from './rows.js';
import { searchVector } from './search.js';
import { inTransaction } from '../transaction.js';

interface MentionStatements {
  lastSearchRowid: SQLite.Statement;
  mention: SQLite.Statement;
  search: SQLite.Statement;
  topic: SQLite.Statement;
  sourceTotal: SQLite.Statement;
}
const statementsByDatabase = new WeakMap<SQLite.Database, MentionStatements>();

function prepareMentionStatements(raw: SQLite.Database, columns: string[]): MentionStatements {
  const names = [...columns, 'search_rowid'];
  return {
    lastSearchRowid: raw.prepare('SELECT coalesce(max(search_rowid), 0) AS last FROM mentions').pluck(),
    mention: raw.prepare(
      `INSERT INTO mentions (${names.join(', ')}) VALUES (${names.map((c) => `@${c}`).join(', ')}) ` +
        'ON CONFLICT (workspace_id, network, external_id) DO NOTHING',
    ),
    search: raw.prepare('INSERT INTO mentions_fts (rowid, title, text, author) VALUES (?, ?, ?, ?)'),
    topic: raw.prepare('INSERT INTO mention_topics (mention_id, topic_id, workspace_id, sort_at) VALUES (?, ?, ?, ?)'),
    sourceTotal: raw.prepare('UPDATE sources SET items_total = items_total + ? WHERE id = ?'),
  };
}

/**
 * Stores a batch on SQLite in one IMMEDIATE transaction (the write lock first, so the full-text numbering read
 * at the start stays ours) with cached prepared statements. A row already stored (two workers racing on the same
 * item) is skipped by ON CONFLICT DO NOTHING and left out of the returned ids. Each mention's full-text row is
 * written here, numbered by `search_rowid` (see migration 0013).
 */
function insertMentionsSqlite(raw: SQLite.Database, mentions: MentionInsert[], sourceId: string | null): Set<string> {
  let statements = statementsByDatabase.get(raw);
  if (!statements) {
    statements = prepareMentionStatements(raw, Object.keys(mentionRow(mentions[0] as MentionInsert)));
    statementsByDatabase.set(raw, statements);
  }
  const { lastSearchRowid, mention, search, topic, sourceTotal } = statements;
  const inserted = new Set<string>();
  raw
    .transaction(() => {
      let searchRowid = lastSearchRowid.get() as number;
      for (const m of mentions) {
        if (mention.run({ ...mentionRow(m), search_rowid: searchRowid + 1 }).changes === 0) continue;
        searchRowid++;
        search.run(searchRowid, m.title ?? '', m.text, `${m.author.name ?? ''} ${m.author.handle ?? ''}`);
        inserted.add(m.id);
        for (const topicId of m.topicIds) topic.run(m.id, topicId, m.workspaceId, m.sortAt);
      }
      if (sourceId) sourceTotal.run(inserted.size, sourceId);
    })
    .immediate();
  return inserted;
}

/** What an edit keeps of the stored row: its full-text row, its clock for the topic links, its author's words. */
interface EditedTarget {
  id: string;
  search_rowid: number | null;
  sort_at: number;
  author_name: string | null;
  author_handle: string | null;
}

interface EditStatements {
  target: SQLite.Statement;
  lastSearchRowid: SQLite.Statement;
  update: SQLite.Statement;
  searchDelete: SQLite.Statement;
  searchInsert: SQLite.Statement;
  topicsDelete: SQLite.Statement;
  topic: SQLite.Statement;
}
const editStatementsByDatabase = new WeakMap<SQLite.Database, EditStatements>();

/**
 * A corrected sentiment is a person's judgement of this mention and wins over the model's new reading; a figure
 * the edited item no longer carries keeps its stored value rather than becoming unknown.
 */
const EDIT_SET_SQLITE = `title = @title, text = @text, language = @language, language_how = @language_how,
  sentiment = CASE WHEN sentiment_corrected = 1 THEN sentiment ELSE @sentiment END,
  sentiment_confidence = CASE WHEN sentiment_corrected = 1 THEN sentiment_confidence ELSE @sentiment_confidence END,
  simhash = @simhash, simhash_band0 = @simhash_band0, simhash_band1 = @simhash_band1,
  simhash_band2 = @simhash_band2, simhash_band3 = @simhash_band3, hashtags = @hashtags,
  reach = coalesce(@reach, reach), likes = coalesce(@likes, likes), reposts = coalesce(@reposts, reposts),
  replies = coalesce(@replies, replies), edited_at = @edited_at, search_rowid = @search_rowid`;

function prepareEditStatements(raw: SQLite.Database): EditStatements {
  return {
    target: raw.prepare(
      'SELECT id, search_rowid, sort_at, author_name, author_handle FROM mentions ' +
        'WHERE id = ? AND workspace_id = ? AND (edited_at IS NULL OR edited_at < ?)',
    ),
    lastSearchRowid: raw.prepare('SELECT coalesce(max(search_rowid), 0) AS last FROM mentions').pluck(),
    update: raw.prepare(`UPDATE mentions SET ${EDIT_SET_SQLITE} WHERE id = @id`),
    searchDelete: raw.prepare('DELETE FROM mentions_fts WHERE rowid = ?'),
    searchInsert: raw.prepare('INSERT INTO mentions_fts (rowid, title, text, author) VALUES (?, ?, ?, ?)'),
    topicsDelete: raw.prepare('DELETE FROM mention_topics WHERE mention_id = ?'),
    topic: raw.prepare('INSERT INTO mention_topics (mention_id, topic_id, workspace_id, sort_at) VALUES (?, ?, ?, ?)'),
  };
}

/**
 * Edits on SQLite, in one IMMEDIATE transaction like inserts. The contentless FTS5 table cannot update a row's
 * terms: its row (numbered by `search_rowid`, see migration 0013) is deleted and written again with the new text.
 */
function updateEditedMentionsSqlite(raw: SQLite.Database, workspaceId: string, edits: MentionEdit[]): Set<string> {
  let statements = editStatementsByDatabase.get(raw);
  if (!statements) {
    statements = prepareEditStatements(raw);
    editStatementsByDatabase.set(raw, statements);
  }
  const { target, lastSearchRowid, update, searchDelete, searchInsert, topicsDelete, topic } = statements;
  const updated = new Set<string>();
  raw
    .transaction(() => {
      for (const e of edits) {
        const row = target.get(e.id, workspaceId, e.editedAt) as EditedTarget | undefined;
        if (!row) continue;
        // A row written before FTS numbering existed has none: it gets the next number now.
        const searchRowid = row.search_rowid ?? (lastSearchRowid.get() as number) + 1;
        if (row.search_rowid !== null) searchDelete.run(row.search_rowid);
        update.run({ ...editRow(e), id: e.id, search_rowid: searchRowid });
        searchInsert.run(searchRowid, e.title ?? '', e.text, `${row.author_name ?? ''} ${row.author_handle ?? ''}`);
        topicsDelete.run(e.id);
        for (const topicId of e.topicIds) topic.run(e.id, topicId, workspaceId, row.sort_at);
        updated.add(e.id);
      }
    })
    .immediate();
  return updated;
}

/** Stores a batch on PostgreSQL in one transaction (the caller's, when bound to one), multi-row per chunk. */
async function insertMentionsPostgres(
  db: Kysely<Database>,
  mentions: MentionInsert[],
  sourceId: string | null,
): Promise<Set<string>> {
  const inserted = new Set<string>();
  await inTransaction(db, async (trx) => {
    for (const part of chunk(mentions, INSERT_CHUNK)) {
      const rows = await trx
        .insertInto('mentions')
        .values(
          part.map((m) => ({
            ...mentionRow(m),
            search: searchVector(m.title, m.text, m.author.name, m.author.handle),
          })) as never,
        )
        // Two workers racing on the same item (a source polled while another streams it) store it once;
        // RETURNING lists only the rows really inserted.
        .onConflict((oc) => oc.columns(['workspace_id', 'network', 'external_id']).doNothing())
        .returning('id')
        .execute();
      for (const row of rows) inserted.add(row.id);
    }
    const links = mentions
      .filter((m) => inserted.has(m.id))
      .flatMap((m) =>
        m.topicIds.map((topicId) => ({
          mention_id: m.id,
          topic_id: topicId,
          workspace_id: m.workspaceId,
          sort_at: m.sortAt,
        })),
      );
    for (const part of chunk(links, 2000)) {
      await trx.insertInto('mention_topics').values(part).execute();
    }
    if (sourceId) {
      await trx
        .updateTable('sources')
        .set((eb) => ({ items_total: eb('items_total', '+', inserted.size) }))
        .where('id', '=', sourceId)
        .execute();
    }
  });
  return inserted;
}

/** Edits on PostgreSQL, each row locked first; a person's sentiment correction is kept, as on SQLite. */
async function updateEditedMentionsPostgres(
  db: Kysely<Database>,
  workspaceId: string,
  edits: MentionEdit[],
): Promise<Set<string>> {
  const updated = new Set<string>();
  await inTransaction(db, async (trx) => {
    for (const e of edits) {
      // Locked, so two workers storing the same edit do not both rewrite it, and an older one never wins.
      const row = await trx
        .selectFrom('mentions')
        .select(['id', 'sort_at', 'author_name', 'author_handle'])
        .where('id', '=', e.id)
        .where('workspace_id', '=', workspaceId)
        .where((eb) => eb.or([eb('edited_at', 'is', null), eb('edited_at', '<', e.editedAt)]))
        .forUpdate()
        .executeTakeFirst();
      if (!row) continue;
      const values = editRow(e);
      await trx
        .updateTable('mentions')
        .set({
          ...values,
          // As in EDIT_SET_SQLITE: a person's correction wins, a figure no longer given keeps its value.
          sentiment: sql`case when sentiment_corrected = 1 then sentiment else ${values.sentiment} end`,
          sentiment_confidence: sql`case when sentiment_corrected = 1 then sentiment_confidence else ${values.sentiment_confidence}::double precision end`,
          reach: sql`coalesce(${values.reach}::bigint, reach)`,
          likes: sql`coalesce(${values.likes}::bigint, likes)`,
          reposts: sql`coalesce(${values.reposts}::bigint, reposts)`,
          replies: sql`coalesce(${values.replies}::bigint, replies)`,
          search: searchVector(e.title, e.text, row.author_name, row.author_handle),
        } as never)
        .where('id', '=', e.id)
        .execute();
      await trx.deleteFrom('mention_topics').where('mention_id', '=', e.id).execute();
      if (e.topicIds.length > 0) {
        await trx
          .insertInto('mention_topics')
          .values(
            e.topicIds.map((topicId) => ({
              mention_id: e.id,
              topic_id: topicId,
              workspace_id: workspaceId,
              sort_at: row.sort_at,
            })),
          )
          .execute();
      }
      updated.add(e.id);
    }
  });
  return updated;
}

export function createIngestRepository(
  db: Kysely<Database>,
  /** The embedded database's own handle, for the ingestion hot path; absent on PostgreSQL and in transactions. */
  rawSqlite?: SQLite.Database,
): MentionsIngestRepository {
  return {
    async findStored(workspaceId, keys) {
      const found = new Map<string, { id: string; duplicateOf: string | null; editedAt: number | null }>();
      // By network, so each lookup uses the (workspace, network, external id) unique index.
      const byNetwork = new Map<string, Set<string>>();
      for (const k of keys) byNetwork.set(k.network, (byNetwork.get(k.network) ?? new Set()).add(k.externalId));
      for (const [network, externalIds] of byNetwork) {
        for (const ids of chunk([...externalIds], LOOKUP_CHUNK)) {
          const rows = await db
            .selectFrom('mentions')
            .select(['id', 'external_id', 'duplicate_of', 'edited_at'])
            .where('workspace_id', '=', workspaceId)
            .where('network', '=', network)
            .where('external_id', 'in', ids)
            .execute();
          for (const row of rows)
            found.set(storedKey(network, row.external_id), {
              id: row.id,
              duplicateOf: row.duplicate_of,
              editedAt: row.edited_at,
            });
        }
      }
      return found;
    },
    async findDuplicateCandidates(workspaceId, bands) {
      if (bands.length === 0) return [];
      const candidates = new Map<string, DuplicateCandidate>();
      for (const part of chunk(bands, LOOKUP_CHUNK)) {
        // One SELECT per band, joined by UNION ALL, each answered by its partial covering index (migration 0013).
        // Four ORed IN lists in one WHERE made SQLite's planner scan the whole workspace, batch after batch.
        // Group heads only: a copy joins the group of the text it is near, never a chain of copies, and a storm
        // of reposts does not make every later copy compare with all the earlier ones.
        const perBand = ([0, 1, 2, 3] as const).map((i) =>
          db
            .selectFrom('mentions')
            .select(['id', 'simhash'])
            .where('workspace_id', '=', workspaceId)
            .where(`simhash_band${i}`, 'in', [...new Set(part.map((b) => b[i] as number))])
            .where('duplicate_of', 'is', null),
        );
        const [first, ...others] = perBand;
        const union = others.reduce((query, next) => query.unionAll(next), first as NonNullable<typeof first>);
        for (const row of await union.execute()) {
          if (row.simhash) candidates.set(row.id, { id: row.id, simhash: row.simhash, duplicateOf: null });
        }
      }
      return [...candidates.values()];
    },
    async insertMentions(mentions, sourceId) {
      if (mentions.length === 0) return new Set<string>();
      if (rawSqlite) {
        const raw = rawSqlite;
        // The hot path of listening on SQLite: statements prepared once and run in one synchronous transaction,
        // while Kysely's single connection is held so no other query interleaves. Kysely would compile and
        // prepare a 15,000-value statement per chunk.
        return db.connection().execute(async () => insertMentionsSqlite(raw, mentions, sourceId));
      }
      return insertMentionsPostgres(db, mentions, sourceId);
    },
    async updateEditedMentions(workspaceId, edits) {
      if (edits.length === 0) return new Set<string>();
      if (rawSqlite) {
        const raw = rawSqlite;
        return db.connection().execute(async () => updateEditedMentionsSqlite(raw, workspaceId, edits));
      }
      return updateEditedMentionsPostgres(db, workspaceId, edits);
    },
  };
}
