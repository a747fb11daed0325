import { describe, expect, it } from 'vitest';
import { planChanges, planWindow, slotStatus, wantedSlots, type PlanSlot, type WantedSlot } from './plan-slots.js';
import { rubricDates, type Rubric, type RubricPeriod } from './rubrics.js';

const PARIS = 'Europe/Paris';

function rubric(overrides: Partial<Rubric> = {}): Rubric {
  return {
    id: 'r1',
    workspaceId: 'w',
    name: 'Les coulisses',
    objective: '',
    objectiveId: null,
    persona: '',
    channelIds: ['c1'],
    period: { kind: 'weekly', weekdays: [1] },
    time: '09:30',
    themeId: 't1',
    contentTypeId: 'k1',
    ownerId: 'u1',
    backupOwnerId: null,
    brief: '',
    keepOnHolidays: false,
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

/** Stores wanted slots the way a repository would, with ids. */
function store(slots: WantedSlot[], start = 0): PlanSlot[] {
  return slots.map((s, i) => ({
    ...s,
    id: `s${start + i}`,
    workspaceId: 'w',
    postId: null,
    offRubric: false,
    createdAt: 0,
  }));
}

function apply(existing: PlanSlot[], wanted: WantedSlot[]): PlanSlot[] {
  const changes = planChanges(existing, wanted);
  const patched = existing
    .filter((s) => !changes.remove.includes(s.id))
    .map((s) => ({ ...s, ...changes.update.find((u) => u.id === s.id)?.patch }));
  return [...patched, ...store(changes.create, existing.length === 0 ? 0 : 1000 + existing.length)];
}

describe('rubricDates', () => {
  it.each<[string, RubricPeriod, string[]]>([
    [
      'weekly on Monday and Thursday',
      { kind: 'weekly', weekdays: [1, 4] },
      ['2026-03-02', '2026-03-05', '2026-03-09', '2026-03-12'],
    ],
    [
      'every 2 weeks from the 4th, on Wednesday',
      { kind: 'every_n_weeks', weekdays: [3], interval: 2, startDate: '2026-03-04' },
      ['2026-03-04'],
    ],
    ['second Tuesday of the month', { kind: 'monthly', weekday: 2, nth: 2 }, ['2026-03-10']],
    ['last Friday of the month', { kind: 'monthly', weekday: 5, nth: -1 }, []],
  ])('%s', (_, period, dates) => {
    expect(rubricDates(period, '2026-03-01', '2026-03-15')).toEqual(dates);
  });

  it('every 3 weeks counts weeks from the start date and never before it', () => {
    const period: RubricPeriod = { kind: 'every_n_weeks', weekdays: [5], interval: 3, startDate: '2026-01-09' };
    expect(rubricDates(period, '2026-01-01', '2026-03-01')).toEqual(['2026-01-09', '2026-01-30', '2026-02-20']);
  });

  it('last and fifth weekdays of the month', () => {
    expect(rubricDates({ kind: 'monthly', weekday: 5, nth: -1 }, '2026-01-01', '2026-04-01')).toEqual([
      '2026-01-30',
      '2026-02-27',
      '2026-03-27',
    ]);
    expect(rubricDates({ kind: 'monthly', weekday: 4, nth: 5 }, '2026-01-01', '2026-05-01')).toEqual([
      '2026-01-29',
      '2026-04-30',
    ]);
  });
});

describe('wantedSlots', () => {
  it('keeps 09:30 Paris time across the March and October changes', () => {
    const now = Date.parse('2026-03-16T12:00:00Z');
    const window = planWindow(now, 4, PARIS); // Monday 16 after 09:30 → Monday 13 April excluded
    const slots = wantedSlots([rubric()], { window, timeZone: PARIS, region: 'france' });
    expect(slots.map((s) => [s.localDate, new Date(s.at).toISOString()])).toEqual([
      ['2026-03-23', '2026-03-23T08:30:00.000Z'],
      ['2026-03-30', '2026-03-30T07:30:00.000Z'],
      ['2026-04-06', '2026-04-06T07:30:00.000Z'], // lundi de Pâques: generated, skipped
    ]);
    const autumn = wantedSlots([rubric({ period: { kind: 'weekly', weekdays: [7] } })], {
      window: planWindow(Date.parse('2026-10-20T12:00:00Z'), 2, PARIS),
      timeZone: PARIS,
      region: 'france',
    });
    expect(autumn.map((s) => new Date(s.at).toISOString())).toEqual([
      '2026-10-25T08:30:00.000Z', // the change happens that night: 09:30 is UTC+1 already
      '2026-11-01T08:30:00.000Z',
    ]);
  });

  it('skips public holidays unless the rubric keeps them, and names the holiday either way', () => {
    const window = planWindow(Date.parse('2026-04-01T00:00:00Z'), 1, PARIS);
    const [skipped] = wantedSlots([rubric()], { window, timeZone: PARIS, region: 'france' });
    expect(skipped).toMatchObject({ localDate: '2026-04-06', holiday: 'easter_monday', skipped: true });
    const [kept] = wantedSlots([rubric({ keepOnHolidays: true })], { window, timeZone: PARIS, region: 'france' });
    expect(kept).toMatchObject({ holiday: 'easter_monday', skipped: false });
    const friday = rubric({ period: { kind: 'weekly', weekdays: [5] } });
    const [france] = wantedSlots([friday], { window, timeZone: PARIS, region: 'france' });
    const [alsace] = wantedSlots([friday], { window, timeZone: PARIS, region: 'alsace_moselle' });
    expect([france?.localDate, france?.holiday, alsace?.holiday]).toEqual(['2026-04-03', null, 'good_friday']);
  });

  it('one slot per channel, none at or before now', () => {
    const now = Date.parse('2026-03-02T08:30:00Z'); // Monday 09:30 in Paris, exactly
    const slots = wantedSlots([rubric({ channelIds: ['c1', 'c2'] })], {
      window: planWindow(now, 1, PARIS),
      timeZone: PARIS,
      region: 'france',
    });
    expect(slots).toEqual([]);
    const next = wantedSlots([rubric({ channelIds: ['c1', 'c2'] })], {
      window: planWindow(now, 2, PARIS),
      timeZone: PARIS,
      region: 'france',
    });
    expect(next.map((s) => `${s.localDate} ${s.channelId}`)).toEqual(['2026-03-09 c1', '2026-03-09 c2']);
  });
});

describe('planChanges', () => {
  const now = Date.parse('2026-03-01T12:00:00Z');
  const options = { window: planWindow(now, 8, PARIS), timeZone: PARIS, region: 'france' as const };

  it('is idempotent: a second run changes nothing', () => {
    const wanted = wantedSlots([rubric()], options);
    const stored = apply([], wanted);
    expect(stored).toHaveLength(8);
    expect(planChanges(stored, wanted)).toEqual({ create: [], update: [], remove: [] });
  });

  it('a rubric moved to another time moves its empty slots and keeps the filled one where its post is', () => {
    const stored = apply([], wantedSlots([rubric()], options));
    stored[1]!.postId = 'p1';
    const moved = wantedSlots([rubric({ time: '11:00' })], options);
    const after = apply(stored, moved);
    expect(after).toHaveLength(8);
    expect(after.find((s) => s.postId === 'p1')).toMatchObject({ id: 's1', localTime: '09:30', offRubric: false });
    expect(after.filter((s) => s.postId === null).every((s) => s.localTime === '11:00')).toBe(true);
    expect(planChanges(after, moved)).toEqual({ create: [], update: [], remove: [] });
  });

  it('a rubric moved to other days keeps the filled slot "hors rubrique" and never detaches its post', () => {
    const stored = apply([], wantedSlots([rubric()], options));
    stored[2]!.postId = 'p2';
    const tuesdays = wantedSlots([rubric({ period: { kind: 'weekly', weekdays: [2] } })], options);
    const after = apply(stored, tuesdays);
    expect(after.filter((s) => s.postId === null)).toHaveLength(8);
    expect(after.find((s) => s.id === 's2')).toMatchObject({ postId: 'p2', offRubric: true, localDate: '2026-03-16' });
    expect(planChanges(after, tuesdays)).toEqual({ create: [], update: [], remove: [] });
    // Back to Mondays: the slot is the rubric's again, and Monday 16 is not created twice.
    const back = apply(after, wantedSlots([rubric()], options));
    expect(back.filter((s) => s.localDate === '2026-03-16')).toMatchObject([{ id: 's2', offRubric: false }]);
    expect(back).toHaveLength(8);
  });

  it('a deleted rubric leaves its filled slots only', () => {
    const stored = apply([], wantedSlots([rubric()], options));
    stored[0]!.postId = 'p0';
    const after = apply(stored, []);
    expect(after.map((s) => [s.id, s.offRubric, slotStatus(s)])).toEqual([['s0', true, 'filled']]);
  });
});
