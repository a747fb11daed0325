import { describe, expect, it } from 'vitest';
import { localiseQueryError, QueryError, renderQueryError, type QueryErrorCode } from './errors.js';
import { parseQuery } from './parser.js';

const CODES: QueryErrorCode[] = [
  'empty_query',
  'unexpected_token',
  'unclosed_quote',
  'unclosed_paren',
  'empty_group',
  'dangling_operator',
  'near_needs_number',
  'invalid_near_operand',
  'unknown_field',
  'empty_field_value',
  'empty_term',
  'wildcard_too_short',
  'misplaced_wildcard',
  'too_deep',
  'unsupported_operator',
  'invalid_proximity_group',
];

function catchError(query: string): QueryError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QueryError) return error;
    throw error;
  }
  throw new Error(`"${query}" parsed without error`);
}

describe('query error messages', () => {
  it.each(CODES)('%s has a message and a hint in French and in English', (code) => {
    const error = new QueryError(code, 3, 1, { token: 'x', operator: 'AND', field: 'site', closer: '"' });
    const fr = localiseQueryError(error, 'fr');
    const en = localiseQueryError(error, 'en');
    expect(en).toEqual({ message: error.message, hint: error.hint });
    for (const text of [fr.message, fr.hint, en.message, en.hint]) expect(text.length).toBeGreaterThan(5);
    expect(fr.message).not.toBe(en.message);
  });

  it('gives each refused operator of another tool its own message and hint, in French and in English', () => {
    const features = ['comment', 'fuzzy', 'range', 'boost', 'tilde'] as const;
    for (const locale of ['fr', 'en'] as const) {
      const texts = features.map((feature) =>
        localiseQueryError(new QueryError('unsupported_operator', 1, 1, { feature }), locale),
      );
      expect(new Set(texts.map((t) => t.message)).size).toBe(features.length);
      expect(new Set(texts.map((t) => t.hint)).size).toBe(features.length);
    }
  });

  it('points a field of another tool to what Rostra has instead', () => {
    expect(catchError('title:grève').hint).toMatch(/title and the text/);
    expect(localiseQueryError(catchError('country:fr'), 'fr').hint).toMatch(/lang:fr/);
    expect(catchError('"grève SNCF"~').hint).toMatch(/"grève SNCF"~3/);
  });

  it('renders where, what and how to fix, in the language asked for', () => {
    const error = catchError('mairie NEAR lyon');
    expect(renderQueryError(error, 'en')).toBe(
      'Column 8: NEAR needs a number of words. NEAR needs a number: NEAR/5 (0 to 1000).',
    );
    expect(renderQueryError(error, 'fr')).toBe(
      'Colonne 8\u00a0: NEAR doit être suivi d’un nombre de mots. Indiquez une distance\u00a0: NEAR/5 (de 0 à 1000).',
    );
  });

  it('adapts the hint to the operator left dangling', () => {
    expect(catchError('vélo OR').hint).toBe('Put a term on each side: vélo OR trottinette.');
    expect(catchError('vélo -').hint).toBe('Put the excluded term right after it: -leboncoin or NOT leboncoin.');
    expect(localiseQueryError(catchError('mairie ONEAR/3'), 'fr').hint).toBe(
      'ONEAR/3 relie deux termes\u00a0: mairie ONEAR/3 lyon.',
    );
  });
});
