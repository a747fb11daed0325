// Checks a topic's query in the browser as it is typed, with the same parser the server runs, so the
// person sees where the query breaks (column, underline, hint) before saving.
import { compileQuery, isQueryError, localiseQueryError, type QueryLocale } from '@rostra/core';

export type QueryCheck =
  | { ok: true }
  | {
      ok: false;
      code: string;
      /** 1-based, in UTF-16 code units: `query.slice(column - 1, column - 1 + length)` is the part at fault. */
      column: number;
      length: number;
      message: string;
      hint: string;
    };

export function checkQuery(query: string, locale: QueryLocale): QueryCheck {
  try {
    compileQuery(query);
    return { ok: true };
  } catch (error) {
    if (!isQueryError(error)) throw error;
    const { message, hint } = localiseQueryError(error, locale);
    return { ok: false, code: error.code, column: error.column, length: error.length, message, hint };
  }
}

/** The query cut in three around the part at fault; an error at the very end underlines one blank. */
export function splitAtError(query: string, column: number, length: number): [string, string, string] {
  const start = Math.min(Math.max(column - 1, 0), query.length);
  const end = Math.min(start + Math.max(length, 0), query.length);
  return [query.slice(0, start), start === end ? ' ' : query.slice(start, end), query.slice(end)];
}
