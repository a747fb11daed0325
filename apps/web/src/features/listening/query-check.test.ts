import { describe, expect, it } from 'vitest';
import { checkQuery, splitAtError } from './query-check';

describe('checkQuery', () => {
  it.each([
    ['vélo OR trottinette', true],
    ['("Mairie de Lyon" OR @mairiedelyon) -site:indeed.fr', true],
    ['maire NEAR/3 lyon', true],
  ])('accepts %s', (query, ok) => {
    expect(checkQuery(query, 'fr').ok).toBe(ok);
  });

  it.each([
    ['"mairie de lyon', 'unclosed_quote', 1],
    ['vélo AND', 'dangling_operator', 6],
    ['(vélo OR bus', 'unclosed_paren', 1],
    ['foo:bar', 'unknown_field', 1],
    ['vélo)', 'unexpected_token', 5],
    ['', 'empty_query', 1],
  ])('rejects %s with %s at column %i', (query, code, column) => {
    const result = checkQuery(query, 'fr');
    if (result.ok) throw new Error('expected an error');
    expect(result.code).toBe(code);
    expect(result.column).toBe(column);
  });

  it('words the error in the language asked for', () => {
    const fr = checkQuery('vélo AND', 'fr');
    const en = checkQuery('vélo AND', 'en');
    if (fr.ok || en.ok) throw new Error('expected errors');
    expect(fr.message).not.toBe(en.message);
    expect(fr.hint.length).toBeGreaterThan(0);
  });
});

describe('splitAtError', () => {
  it.each([
    ['vélo AND', 6, 3, ['vélo ', 'AND', '']],
    ['vélo)', 5, 1, ['vélo', ')', '']],
    ['vélo AND', 9, 0, ['vélo AND', ' ', '']],
    ['abc', 20, 4, ['abc', ' ', '']],
  ] as const)('%s at %i+%i', (query, column, length, parts) => {
    expect(splitAtError(query, column, length)).toEqual(parts);
  });
});
