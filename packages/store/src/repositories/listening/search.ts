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
  /** The word sequences any of which will do: "covid-19" is ["covid", "19"] or ["covid19"]. */
  spellings: string[][];
  negated: boolean;
}

const SEARCH_WORD = /[\p{L}\p{N}]+/gu;
/** As in listening queries (core's parser): one hyphen joins two words, and letters meet digits inside one. */
const HYPHENS = new Set(['-', '\u2010', '\u2011']);
const LETTER_DIGIT = /(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;
const MAX_SPELLINGS = 8;

/**
 * The spellings of a searched term, as a listening query reads it: "covid-19", "covid19" and "covid 19" find
 * each other, so a search finds what a topic matched. Each run of joinable words is written apart or glued.
 */
function listSpellings(text: string): string[][] {
  const runs: string[][] = [];
  let previousEnd = -1;
  for (const match of text.matchAll(SEARCH_WORD)) {
    const word = match[0];
    const joined = previousEnd !== -1 && HYPHENS.has(text.slice(previousEnd, match.index));
    previousEnd = match.index + word.length;
    const parts = word.split(LETTER_DIGIT);
    (parts.length === 2 ? parts : [word]).forEach((part, k) => {
      if ((k > 0 || joined) && runs.length > 0) (runs[runs.length - 1] as string[]).push(part);
      else runs.push([part]);
    });
  }
  // The hyphenated form is for PostgreSQL, whose parser reads "covid-19" as "covid" and "-19"
  // (https://www.postgresql.org/docs/current/textsearch-parsers.html); FTS5 reads it as the words apart.
  const forms = (run: string[]): string[][] => (run.length === 1 ? [run] : [run, [run.join('')], [run.join('-')]]);
  let spellings: string[][] = [[]];
  for (const run of runs) spellings = spellings.flatMap((spelling) => forms(run).map((form) => [...spelling, ...form]));
  if (spellings.length > MAX_SPELLINGS) {
    spellings = [runs.flat(), runs.map((run) => run.join('')), runs.map((run) => run.join('-'))];
  }
  return runs.length === 0 ? [] : spellings.map((spelling) => spelling.map(foldForSearch));
}

/** Words, "quoted phrases" and -excluded words; everything else in the input is only a separator. */
export function parseSearch(q: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const pattern = /(-?)"([^"]*)"|(-?)([^\s"]+)/gu;
  for (const match of q.matchAll(pattern)) {
    const negated = (match[1] ?? match[3]) === '-';
    const spellings = listSpellings((match[2] ?? match[4]) as string);
    if (spellings.length > 0) terms.push({ spellings, negated });
  }
  return terms;
}

const DIGRAPHS = /oe|ae/g;

/**
 * SQLite's unicode61 tokenizer keeps œ and æ as letters (https://www.sqlite.org/fts5.html#unicode61_tokenizer)
 * while searches are folded to oe and ae: a word with oe or ae is also looked for with the ligature, so that
 * "cœur" and "coeur" find "cœur" as listening queries do.
 */
function addLigatures(words: string[]): string[][] {
  const forms: string[][] = [[]];
  for (const word of words) {
    const ligature = word.replace(DIGRAPHS, (d) => (d === 'oe' ? 'œ' : 'æ'));
    const options = ligature === word ? [word] : [word, ligature];
    const next = forms.flatMap((form) => options.map((option) => [...form, option]));
    forms.splice(0, forms.length, ...(next.length > MAX_SPELLINGS ? next.slice(0, MAX_SPELLINGS) : next));
  }
  return forms;
}

/**
 * FTS5 syntax from the parsed search: each word a quoted prefix query (FTS5 on SQLite has no French stemmer, so
 * "élection" should find "élections"), phrases as phrases, a term's spellings joined by OR, exclusions with NOT
 * (https://www.sqlite.org/fts5.html#full_text_query_syntax).
 */
export function toFts5Query(terms: SearchTerm[]): string | undefined {
  const quote = (words: string[]) => (words.length === 1 ? `"${words[0]}"*` : `"${words.join(' ')}"`);
  const group = (t: SearchTerm) => {
    const spellings = t.spellings.filter((words) => !words.some((word) => word.includes('-')));
    const alternatives = spellings.flatMap(addLigatures).map(quote);
    return alternatives.length === 1 ? (alternatives[0] as string) : `(${alternatives.join(' OR ')})`;
  };
  const wanted = terms.filter((t) => !t.negated).map(group);
  if (wanted.length === 0) return undefined;
  const excluded = terms.filter((t) => t.negated).map(group);
  return [wanted.join(' AND '), ...excluded.map((e) => `NOT ${e}`)].join(' ');
}

/**
 * A tsquery from the parsed search: each spelling through phraseto_tsquery (words in sequence, the French
 * stemmer applied), a term's spellings joined by ||, terms by &&, exclusions with !!
 * (https://www.postgresql.org/docs/current/textsearch-controls.html). websearch_to_tsquery cannot group
 * alternatives, which "covid-19" needs.
 */
export function toTsquery(terms: SearchTerm[]): Expression<unknown> | undefined {
  if (!terms.some((t) => !t.negated)) return undefined;
  // A number alone is also looked for signed: the parser read the 19 of "covid-19" as "-19".
  const signed = (words: string[]) => (words.length === 1 && /^\d+$/.test(words[0] as string) ? [`-${words[0]}`] : []);
  const group = (t: SearchTerm) =>
    sql`(${sql.join(
      [...t.spellings.map((words) => words.join(' ')), ...t.spellings.flatMap(signed)].map(
        (text) => sql`phraseto_tsquery('french', ${text})`,
      ),
      sql` || `,
    )})`;
  return sql`(${sql.join(
    terms.map((t) => (t.negated ? sql`!! ${group(t)}` : group(t))),
    sql` && `,
  )})`;
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
      const search = toTsquery(terms);
      if (search) conditions.push(sql<SqlBool>`m.search @@ ${search}`);
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
