// Search: the stream's filters and its full-text query, parsed once and written as SQL for each dialect (FTS5 on
// SQLite, a French tsvector on PostgreSQL), and the stream's page cursors.
import { sql, type Expression, type SqlBool } from 'kysely';
import { AppError, type MentionFilters } from '@rostra/core';
import type { Dialect } from '../../database.js';

const MARKS = /\p{M}/gu;

/** Lower case without accents: what PostgreSQL indexes and searches, so "élection" finds "election". */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

/** PostgreSQL's search vector of a mention: its title weighs more than its text and author (folded like queries). */
export function searchVector(
  title: string | null,
  text: string,
  authorName: string | null,
  authorHandle: string | null,
) {
  return sql`setweight(to_tsvector('french', ${foldForSearch(title ?? '')}), 'A') || to_tsvector('french', ${foldForSearch(`${text} ${authorName ?? ''} ${authorHandle ?? ''}`)})`;
}

interface SearchTerm {
  words: string[];
  negated: boolean;
}

/** Words, "quoted phrases" and -excluded words; everything else in the input is only a separator. */
export function parseSearch(q: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const pattern = /(-?)"([^"]*)"|(-?)([^\s"]+)/gu;
  for (const match of q.matchAll(pattern)) {
    const negated = (match[1] ?? match[3]) === '-';
    const words = ((match[2] ?? match[4]) as string).match(/[\p{L}\p{N}]+/gu) ?? [];
    if (words.length > 0) terms.push({ words: words.map(foldForSearch), negated });
  }
  return terms;
}

/**
 * FTS5 syntax from the parsed search: each word a quoted prefix query (FTS5 on SQLite has no French stemmer, so
 * "élection" should find "élections"), phrases as phrases, exclusions with NOT (https://www.sqlite.org/fts5.html#full_text_query_syntax).
 */
export function toFts5Query(terms: SearchTerm[]): string | undefined {
  const quote = (t: SearchTerm) => (t.words.length === 1 ? `"${t.words[0]}"*` : `"${t.words.join(' ')}"`);
  const wanted = terms.filter((t) => !t.negated).map(quote);
  if (wanted.length === 0) return undefined;
  const excluded = terms.filter((t) => t.negated).map(quote);
  return [wanted.join(' AND '), ...excluded.map((e) => `NOT ${e}`)].join(' ');
}

/** websearch_to_tsquery's own syntax is the same (https://www.postgresql.org/docs/current/textsearch-controls.html). */
export function toWebSearch(terms: SearchTerm[]): string | undefined {
  if (!terms.some((t) => !t.negated)) return undefined;
  return terms
    .map((t) => `${t.negated ? '-' : ''}${t.words.length > 1 ? `"${t.words.join(' ')}"` : t.words[0]}`)
    .join(' ');
}

/** The filters shared by the stream and every dashboard, as one WHERE on `mentions as m`. */
export function applyFilters<QB extends { where: (expression: Expression<SqlBool>) => QB }>(
  dialect: Dialect,
  query: QB,
  workspaceId: string,
  filters: MentionFilters,
): QB {
  const conditions: Expression<SqlBool>[] = [sql<SqlBool>`m.workspace_id = ${workspaceId}`];
  if (filters.topicId)
    conditions.push(
      sql<SqlBool>`exists (select 1 from mention_topics mt where mt.mention_id = m.id and mt.topic_id = ${filters.topicId})`,
    );
  if (filters.group)
    conditions.push(
      sql<SqlBool>`exists (select 1 from mention_topics mt join topics t on t.id = mt.topic_id where mt.mention_id = m.id and t.topic_group = ${filters.group})`,
    );
  if (filters.sourceId) conditions.push(sql<SqlBool>`m.source_id = ${filters.sourceId}`);
  if (filters.network) conditions.push(sql<SqlBool>`m.network = ${filters.network}`);
  if (filters.language) conditions.push(sql<SqlBool>`m.language = ${filters.language}`);
  if (filters.sentiment) conditions.push(sql<SqlBool>`m.sentiment = ${filters.sentiment}`);
  if (filters.author) {
    const author = filters.author.replace(/^@/, '').toLowerCase();
    conditions.push(sql<SqlBool>`(lower(m.author_handle) = ${author} or lower(m.author_name) = ${author})`);
  }
  if (filters.from !== undefined) conditions.push(sql<SqlBool>`m.sort_at >= ${filters.from}`);
  if (filters.to !== undefined) conditions.push(sql<SqlBool>`m.sort_at < ${filters.to}`);
  if (filters.handled !== undefined)
    conditions.push(filters.handled ? sql<SqlBool>`m.handled_at is not null` : sql<SqlBool>`m.handled_at is null`);
  if (filters.tag) {
    // Tags are a JSON array of strings; the quoted form cannot match inside another tag.
    conditions.push(
      sql<SqlBool>`m.tags like ${`%${JSON.stringify(filters.tag).replace(/[%_\\]/g, '\\$&')}%`} escape '\\'`,
    );
  }
  if (filters.q) {
    const terms = parseSearch(filters.q);
    if (dialect === 'sqlite') {
      const match = toFts5Query(terms);
      if (match)
        conditions.push(
          sql<SqlBool>`m.search_rowid in (select rowid from mentions_fts where mentions_fts match ${match})`,
        );
    } else {
      const search = toWebSearch(terms);
      if (search) conditions.push(sql<SqlBool>`m.search @@ websearch_to_tsquery('french', ${search})`);
    }
  }
  return query.where(sql<SqlBool>`${sql.join(conditions, sql` and `)}`);
}

// --- Cursors ------------------------------------------------------------------------------------------------

export function encodeCursor(sortAt: number, id: string): string {
  return Buffer.from(`${sortAt}:${id}`).toString('base64url');
}

export function decodeCursor(cursor: string): { sortAt: number; id: string } {
  const text = Buffer.from(cursor, 'base64url').toString();
  const at = text.indexOf(':');
  const sortAt = Number(text.slice(0, at));
  if (at < 1 || !Number.isSafeInteger(sortAt)) {
    throw new AppError('validation_failed', 'query.cursor: not a cursor this API gave', {
      issues: [{ path: 'query.cursor', code: 'unknown_cursor', message: 'Not a cursor this API gave' }],
    });
  }
  return { sortAt, id: text.slice(at + 1) };
}
