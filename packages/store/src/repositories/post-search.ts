// What the posts list searches: a post's text, each channel's own text and the parts of a thread written part
// by part, folded like listening's search (lower case, accents off, œ → oe), so "ecole" finds "École".
import { sql, type Expression, type SqlBool } from 'kysely';
import { foldForSearch } from './listening/search.js';

/** The folded words stored with a post (`posts.search_text`). `thread` is a target's stored JSON plan. */
export function postSearchText(text: string, targets: ReadonlyArray<{ text: string | null; thread: string | null }>) {
  const parts = [text];
  for (const target of targets) {
    if (target.text) parts.push(target.text);
    const plan = target.thread ? (JSON.parse(target.thread) as { mode?: string; parts?: unknown }) : null;
    if (plan?.mode === 'parts' && Array.isArray(plan.parts)) parts.push(...plan.parts.map(String));
  }
  return foldForSearch(parts.join('\n'));
}

const WORD = /[\p{L}\p{N}]+/gu;

/** The words a search asks for, folded; every one must appear (punctuation and apostrophes are ignored). */
export function searchWords(query: string): string[] {
  return [...new Set(foldForSearch(query).match(WORD) ?? [])].slice(0, 10);
}

/**
 * `column LIKE '%word%'`, the same SQL on SQLite and PostgreSQL (both sides are folded to lower case, so
 * PostgreSQL's case-sensitive LIKE agrees with SQLite's). A word holds letters and digits only: no wildcard.
 */
export function containsWord(column: string, word: string): Expression<SqlBool> {
  return sql<SqlBool>`${sql.ref(column)} like ${`%${word}%`}`;
}
