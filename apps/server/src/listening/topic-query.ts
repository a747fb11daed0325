// A topic's query as people type it: checked before it is stored, with the column, length, message and hint in
// their language, so the form can point at the mistake.
import { AppError, compileQuery, isQueryError, localiseQueryError, type QueryLocale } from '@rostra/core';

export interface QueryProblem {
  code: string;
  column: number;
  length: number;
  message: string;
  hint: string;
}

/** Null when the query compiles; otherwise where and why it does not. */
export function describeQueryError(query: string, locale: QueryLocale): QueryProblem | null {
  try {
    compileQuery(query);
    return null;
  } catch (error) {
    if (!isQueryError(error)) throw error;
    const { message, hint } = localiseQueryError(error, locale);
    return { code: error.code, column: error.column, length: error.length, message, hint };
  }
}

/** The compiled query, or `validation_failed` naming `path` with the problem in `details.query`. */
export function compileOrRefuse(query: string, locale: QueryLocale, path: string): ReturnType<typeof compileQuery> {
  try {
    return compileQuery(query);
  } catch (error) {
    if (!isQueryError(error)) throw error;
    const { message, hint } = localiseQueryError(error, locale);
    throw new AppError('validation_failed', `${path}: ${message} ${hint}`, {
      // The query's own messages are already in the language asked (`locale`): the issue carries them as they are.
      issues: [
        { path, code: 'query_syntax', params: { column: error.column, message, hint }, message: `${message} ${hint}` },
      ],
      query: { code: error.code, column: error.column, length: error.length, message, hint },
    });
  }
}
