import { describe, expect, it } from 'vitest';
import { MATCH_CASES, REFUSAL_CASES } from './analyst-corpus.js';
import { compileQuery } from './compile-query.js';
import { isQueryError, localiseQueryError } from './errors.js';
import type { Mention } from './mention.js';
import { createTopicIndex } from './topic-index.js';

const toMention = (text: string | Mention): Mention => (typeof text === 'string' ? { text } : text);

describe('queries pasted by French analysts', () => {
  it.each(MATCH_CASES.map((c) => [c.query, c] as const))('%s', (_query, { query, match, miss }) => {
    const compiled = compileQuery(query);
    // The topic index must agree with exact evaluation: its pre-filter may never drop a match.
    const index = createTopicIndex([{ id: 't', query: compiled }]);
    for (const text of match) {
      expect(compiled.matches(toMention(text)), `${JSON.stringify(text)} must match`).toBe(true);
      expect(index.match(toMention(text)), `${JSON.stringify(text)} through the index`).toEqual(['t']);
    }
    for (const text of miss) {
      expect(compiled.matches(toMention(text)), `${JSON.stringify(text)} must not match`).toBe(false);
    }
  });

  it.each(REFUSAL_CASES.map((c) => [c.query, c] as const))('%s is refused', (_query, { query, error, column }) => {
    let caught: unknown;
    try {
      compileQuery(query);
    } catch (e) {
      caught = e;
    }
    expect(isQueryError(caught), `${query} must be refused`).toBe(true);
    if (!isQueryError(caught)) return;
    expect({ code: caught.code, column: caught.column }).toEqual({ code: error, column });
    for (const locale of ['fr', 'en'] as const) {
      const { message, hint } = localiseQueryError(caught, locale);
      expect(message.length + hint.length).toBeGreaterThan(20);
    }
  });
});
