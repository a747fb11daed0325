import { describe, expect, it } from 'vitest';
import { newPostAt, readNewPostAt } from './new-post-at';

const NOW = Date.parse('2026-12-07T12:00:00Z');

describe('the composer’s ?at= parameter', () => {
  it('round-trips an instant through the address', () => {
    const url = new URL(newPostAt('ws1', '2026-12-15T08:00:00.000Z'), 'http://x');
    expect(url.pathname).toBe('/w/ws1/posts/new');
    expect(readNewPostAt(url.searchParams.get('at'), NOW)).toBe('2026-12-15T08:00:00.000Z');
    expect(readNewPostAt('2026-12-15T09:30+01:00', NOW)).toBe('2026-12-15T08:30:00.000Z');
  });

  it('ignores anything else', () => {
    for (const value of [null, '', 'demain', '2026-12-15', '2026-12-15 09:30', '2026-13-45T99:00:00Z', '1e12']) {
      expect(readNewPostAt(value, NOW), String(value)).toBeNull();
    }
    expect(readNewPostAt('2090-01-01T00:00:00Z', NOW)).toBeNull();
  });
});
