// The posts list's filters as the server's query: days of the workspace's calendar become instants in its zone,
// "to" includes its whole day, and values the URL may carry but the server would refuse are left out.
import { describe, expect, it } from 'vitest';
import { toPostQuery, type PostFilters } from './use-post-filters';

const NONE: PostFilters = { q: '', status: '', channel: '', theme: '', author: '', from: '', to: '' };

describe('toPostQuery', () => {
  it.each<[string, Partial<PostFilters>, string, Record<string, string | undefined>]>([
    ['nothing chosen', {}, 'Europe/Paris', {}],
    ['the search, trimmed', { q: '  école  ' }, 'Europe/Paris', { q: 'école' }],
    ['blank search', { q: '   ' }, 'Europe/Paris', {}],
    [
      'ids as they are',
      { channel: 'c1', theme: 't1', author: 'u1' },
      'UTC',
      { channelId: 'c1', themeId: 't1', authorId: 'u1' },
    ],
    ['a status', { status: 'in_review' }, 'UTC', { status: 'in_review' }],
    ['a status the server does not know', { status: 'publiée' }, 'UTC', {}],
    [
      'a period, winter in Paris (UTC+1), the last day whole',
      { from: '2026-12-01', to: '2026-12-15' },
      'Europe/Paris',
      { from: '2026-11-30T23:00:00.000Z', to: '2026-12-15T23:00:00.000Z' },
    ],
    [
      'a period ending on the last day of a month, summer in Paris (UTC+2)',
      { from: '2026-06-30', to: '2026-06-30' },
      'Europe/Paris',
      { from: '2026-06-29T22:00:00.000Z', to: '2026-06-30T22:00:00.000Z' },
    ],
    ['days that are not dates', { from: 'hier', to: '2026-13' }, 'UTC', {}],
  ])('%s', (_, filters, zone, expected) => {
    const query = toPostQuery({ ...NONE, ...filters }, zone);
    expect(Object.fromEntries(Object.entries(query).filter(([, value]) => value !== undefined))).toEqual(expected);
  });
});
