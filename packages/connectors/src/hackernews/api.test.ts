import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.js';
import { readSearchAnswer } from './api.js';

const hnUrl = new URL('https://hn.algolia.com/api/v1/search_by_date?query=rostra');

function failure(run: () => unknown): ConnectorError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('Hacker News answers, read through zod', () => {
  it('keeps a hit missing optional fields, skips and counts one without its id or date', () => {
    const answer = readSearchAnswer(
      {
        nbPages: 1,
        hits: [
          { objectID: '1', created_at_i: 1_700_000_000 },
          { objectID: '2', created_at_i: 1_700_000_001, author: null, points: 'many', _tags: ['story'] },
          { objectID: '3' },
          { created_at_i: 1_700_000_002 },
          'not a hit',
        ],
      },
      hnUrl,
    );
    expect(answer.hits.map((hit) => hit.objectID)).toEqual(['1', '2']);
    // A field of the wrong type is left out, not trusted.
    expect(answer.hits[1]).toMatchObject({ author: null, points: undefined, _tags: ['story'] });
    expect(answer.skipped).toBe(3);
    expect(answer.nbPages).toBe(1);
  });

  it('refuses an answer of another shape, naming the source and where it differs', () => {
    const error = failure(() => readSearchAnswer({ hits: 'none', nbPages: 1 }, hnUrl));
    expect(error).toMatchObject({ network: 'hackernews', code: 'unavailable' });
    expect(error.message).toContain("https://hn.algolia.com's search answered an unexpected shape at hits");
  });
});
