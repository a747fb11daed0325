import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.js';
import { readListing } from './api.js';

const redditUrl = new URL('https://oauth.reddit.com/search?q=rostra');

function failure(run: () => unknown): ConnectorError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('no error');
}

describe('Reddit Listings, read through zod', () => {
  const listing = (children: unknown[], after: unknown = 't3_next') => ({ kind: 'Listing', data: { children, after } });

  it('keeps links with a fullname and a date, counts those without, ignores other kinds of things', () => {
    const read = readListing(
      listing([
        { kind: 't3', data: { name: 't3_a', created_utc: 1_700_000_000.5, edited: false, score: 3 } },
        { kind: 't3', data: { name: 't3_b', created_utc: 1_700_000_001, title: 42, is_self: 'yes' } },
        { kind: 't3', data: { name: 't3_c' } },
        { kind: 't3', data: null },
        { kind: 't1', data: { name: 't1_comment', created_utc: 1 } },
      ]),
      redditUrl,
    );
    expect(read.links.map((link) => link.name)).toEqual(['t3_a', 't3_b']);
    expect(read.links[1]).toMatchObject({ title: undefined, is_self: undefined });
    expect(read.skipped).toBe(2);
    expect(read.after).toBe('t3_next');
    expect(readListing(listing([], null), redditUrl).after).toBeNull();
  });

  it('refuses what is not a Listing, naming the source', () => {
    const error = failure(() => readListing({ kind: 't3', data: {} }, redditUrl));
    expect(error).toMatchObject({ network: 'reddit', code: 'unavailable' });
    expect(error.message).toContain('https://oauth.reddit.com/search answered an unexpected shape at kind');
  });
});
