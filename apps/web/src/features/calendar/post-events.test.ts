import { describe, expect, it } from 'vitest';
import type { Post } from '../../api/types';
import { NO_FILTERS, filtersFromSearch, filtersToSearch, matchesFilters, type CalendarFilters } from './post-events';

const post = {
  id: 'p1',
  status: 'scheduled',
  themeId: 't1',
  contentTypeId: null,
  ownerId: 'u1',
  backupOwnerId: 'u2',
  targets: [{ channelId: 'c1' }, { channelId: 'c2' }],
} as unknown as Post;

describe('calendar filters', () => {
  it.each<[Partial<CalendarFilters>, boolean]>([
    [{}, true],
    [{ channelIds: ['c9', 'c2'] }, true],
    [{ channelIds: ['c9'] }, false],
    [{ themeIds: ['t1', 't2'] }, true],
    [{ themeIds: ['t2'] }, false],
    [{ contentTypeIds: ['k1'] }, false],
    [{ statuses: ['draft', 'scheduled'] }, true],
    [{ statuses: ['draft'] }, false],
    [{ ownerIds: ['u2'] }, true],
    [{ ownerIds: ['u3'] }, false],
    [{ channelIds: ['c1'], statuses: ['draft'] }, false],
  ])('%j → %s', (filters, expected) => {
    expect(matchesFilters(post, { ...NO_FILTERS, ...filters })).toBe(expected);
  });

  it('round-trips through the URL, keeps other parameters and drops unknown statuses', () => {
    const filters: CalendarFilters = {
      ...NO_FILTERS,
      channelIds: ['c1', 'c2'],
      statuses: ['draft', 'scheduled'],
      ownerIds: ['u1'],
    };
    const search = filtersToSearch(filters, new URLSearchParams('view=week&theme=t1'));
    expect(search.toString()).toBe('view=week&channel=c1%2Cc2&status=draft%2Cscheduled&owner=u1');
    expect(filtersFromSearch(search)).toEqual(filters);
    expect(filtersFromSearch(new URLSearchParams('status=draft,hacked,,published&theme=')).statuses).toEqual([
      'draft',
      'published',
    ]);
    expect(filtersFromSearch(new URLSearchParams(''))).toEqual(NO_FILTERS);
  });
});
