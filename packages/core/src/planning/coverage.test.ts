import { describe, expect, it } from 'vitest';
import { computeCoverage, shannonEntropy } from './coverage.js';
import { planWindow, wantedSlots, type PlanSlot } from './plan-slots.js';
import type { Rubric } from './rubrics.js';

const PARIS = 'Europe/Paris';
// Wednesday 1 April 2026, 10:00 in Paris. Easter Monday (6 April) falls in week 0.
const NOW = Date.parse('2026-04-01T08:00:00Z');

function rubric(overrides: Partial<Rubric>): Rubric {
  return {
    id: 'r',
    workspaceId: 'w',
    name: 'R',
    objective: '',
    objectiveId: null,
    persona: '',
    channelIds: ['fb'],
    period: { kind: 'weekly', weekdays: [1] },
    time: '09:30',
    themeId: null,
    contentTypeId: null,
    ownerId: 'u1',
    backupOwnerId: 'u2',
    brief: '',
    keepOnHolidays: false,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

/** The seeded plan: Facebook on Mondays (news, photo) and Thursdays (game, video); Bluesky every other Friday. */
const rubrics = [
  rubric({ id: 'mon', name: 'Actualités', themeId: 'news', contentTypeId: 'photo' }),
  rubric({
    id: 'thu',
    name: 'Jeu du jeudi',
    period: { kind: 'weekly', weekdays: [4] },
    themeId: 'game',
    contentTypeId: 'video',
    backupOwnerId: null,
  }),
  rubric({
    id: 'fri',
    name: 'Coulisses',
    channelIds: ['bsky'],
    period: { kind: 'every_n_weeks', weekdays: [5], interval: 2, startDate: '2026-04-10' },
    themeId: 'news',
    contentTypeId: 'photo',
  }),
];

function seededSlots(): PlanSlot[] {
  const wanted = wantedSlots(rubrics, { window: planWindow(NOW, 4, PARIS), timeZone: PARIS, region: 'france' });
  return wanted.map((s, i) => ({ ...s, id: `s${i}`, workspaceId: 'w', postId: null, offRubric: false, createdAt: 0 }));
}

describe('shannonEntropy', () => {
  it.each([
    [[4], 0],
    [[1, 1], 1],
    [[1, 1, 1, 1], 2],
    [[0, 3], 0],
    [[], 0],
  ])('%j → %d bits', (counts, bits) => {
    expect(shannonEntropy(counts)).toBeCloseTo(bits, 10);
  });
});

describe('computeCoverage on a seeded plan', () => {
  const slots = seededSlots();
  // Thursday 2 April is filled; the Monday of 13 April has a post too.
  slots.find((s) => s.localDate === '2026-04-02')!.postId = 'p1';
  slots.find((s) => s.localDate === '2026-04-13')!.postId = 'p2';
  const coverage = computeCoverage({
    now: NOW,
    timeZone: PARIS,
    weeks: 4,
    channelIds: ['fb', 'bsky', 'x'],
    rubrics,
    slots,
    targets: { fb: 3, bsky: 1 },
  });

  it('seeds the plan expected', () => {
    // fb: Thu 2, (Mon 6 skipped: Easter Monday), Thu 9, Mon 13, Thu 16, Mon 20, Thu 23, Mon 27; bsky: Fri 10, Fri 24.
    expect(slots.map((s) => `${s.localDate} ${s.channelId}${s.skipped ? ' skipped' : ''}`)).toEqual([
      '2026-04-02 fb',
      '2026-04-06 fb skipped',
      '2026-04-09 fb',
      '2026-04-10 bsky',
      '2026-04-13 fb',
      '2026-04-16 fb',
      '2026-04-20 fb',
      '2026-04-23 fb',
      '2026-04-24 bsky',
      '2026-04-27 fb',
    ]);
  });

  it('counts posts per week against the target and the weeks covered ahead', () => {
    // Weeks from Wednesday 1 April: 1–7, 8–14, 15–21, 22–28. Bluesky's first week is empty: nothing covered ahead.
    expect(coverage.channels).toEqual([
      { channelId: 'fb', weeksCovered: 4, perWeek: [1, 2, 2, 2], averagePerWeek: 1.75, target: 3 },
      { channelId: 'bsky', weeksCovered: 0, perWeek: [0, 1, 0, 1], averagePerWeek: 0.5, target: 1 },
      { channelId: 'x', weeksCovered: 0, perWeek: [0, 0, 0, 0], averagePerWeek: 0, target: null },
    ]);
  });

  it('measures variety over the planned slots (the skipped holiday left out)', () => {
    // 9 planned: news 3 fb Mondays + 2 bsky = 5, game 4 → top theme news 5/9.
    expect(coverage.variety.slots).toBe(9);
    expect(coverage.variety.topTheme).toEqual({ id: 'news', share: 5 / 9 });
    expect(coverage.variety.topContentType).toEqual({ id: 'photo', share: 5 / 9 });
    const h = -(5 / 9) * Math.log2(5 / 9) - (4 / 9) * Math.log2(4 / 9);
    expect(coverage.variety.themeEntropy).toBeCloseTo(h, 12);
    expect(coverage.variety.themeEntropy).toBeCloseTo(0.991076, 5);
  });

  it('lists the open slots of the next 14 days and the rubrics without a backup', () => {
    // Until 15 April 10:00: Thu 9 fb, Fri 10 bsky (Thu 2 and Mon 13 have posts, Mon 6 is skipped).
    expect(coverage.openSoon.map((s) => `${s.localDate} ${s.channelId}`)).toEqual(['2026-04-09 fb', '2026-04-10 bsky']);
    expect(coverage.rubricsWithoutBackup).toEqual([{ id: 'thu', name: 'Jeu du jeudi' }]);
    // Thursdays 9, 16, 23 are open (2 has a post).
    expect(coverage.openSlotsWithoutBackup).toBe(3);
  });
});
