import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import {
  businessMinutesBetween,
  computeDueDates,
  createBusinessClock,
  DEFAULT_SERVICE_LEVELS,
  isOverdue,
  measureSla,
  summariseSla,
  validateServiceLevels,
  type BusinessRange,
  type ServiceLevels,
} from './sla.js';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const office = createBusinessClock(DEFAULT_SERVICE_LEVELS);
const alsace = createBusinessClock({ ...DEFAULT_SERVICE_LEVELS, holidays: 'alsace_moselle' });
const ALL_DAY: BusinessRange[] = [{ start: '00:00', end: '24:00' }];
const always = createBusinessClock({
  ...DEFAULT_SERVICE_LEVELS,
  hours: { 1: ALL_DAY, 2: ALL_DAY, 3: ALL_DAY, 4: ALL_DAY, 5: ALL_DAY, 6: ALL_DAY, 7: ALL_DAY },
  holidays: 'none',
});

// Paris: +01:00 in winter, +02:00 in summer. Office hours: Mon–Fri 09:00–12:30 and 14:00–18:00 (7.5 h a day).
describe('business minutes between two instants (office hours, Paris)', () => {
  it.each([
    ['within one range', '2026-11-23T09:00+01:00', '2026-11-23T11:00+01:00', 120],
    ['across the lunch break', '2026-11-23T11:00+01:00', '2026-11-23T15:00+01:00', 150],
    ['received before opening', '2026-11-23T07:00+01:00', '2026-11-23T10:00+01:00', 60],
    ['received after closing', '2026-11-23T19:00+01:00', '2026-11-24T09:30+01:00', 30],
    ['received at lunch', '2026-11-23T13:00+01:00', '2026-11-23T14:45+01:00', 45],
    ['across a weekend', '2026-11-27T17:00+01:00', '2026-11-30T10:00+01:00', 120],
    ['received on a Sunday', '2026-11-29T15:00+01:00', '2026-11-30T09:10+01:00', 10],
    ['over 11 November (Wednesday)', '2026-11-10T17:00+01:00', '2026-11-12T09:30+01:00', 90],
    ['over Christmas and the weekend', '2026-12-24T17:00+01:00', '2026-12-28T10:00+01:00', 120],
    ['a whole week', '2026-11-23T00:00+01:00', '2026-11-30T00:00+01:00', 5 * 450],
    ['a whole week with Ascension (Thursday)', '2026-05-11T00:00+02:00', '2026-05-18T00:00+02:00', 4 * 450],
    ['to before from', '2026-11-23T11:00+01:00', '2026-11-23T09:00+01:00', 0],
    ['an instant', '2026-11-23T11:00+01:00', '2026-11-23T11:00+01:00', 0],
    ['spring DST weekend 2026', '2026-03-27T17:00+01:00', '2026-03-30T10:00+02:00', 120],
    ['autumn DST weekend 2026', '2026-10-23T17:00+02:00', '2026-10-26T10:00+01:00', 120],
    ['Easter Monday after the spring change 2027', '2027-03-26T17:00+01:00', '2027-03-30T10:00+02:00', 120],
    ['spring DST weekend 2030', '2030-03-29T17:00+01:00', '2030-04-01T10:00+02:00', 120],
    ['autumn DST weekend 2030', '2030-10-25T17:00+02:00', '2030-10-28T10:00+01:00', 120],
  ])('%s', (_name, from, to, minutes) => {
    expect(businessMinutesBetween(office, at(from), at(to))).toBe(minutes);
  });

  it('counts the two more days of Alsace-Moselle only there', () => {
    // Vendredi saint 2027 is 26 March; the clocks change on the 28th and Easter Monday is the 29th.
    const from = at('2027-03-25T17:00+01:00');
    const to = at('2027-03-30T10:00+02:00');
    expect(businessMinutesBetween(office, from, to)).toBe(60 + 450 + 60);
    expect(businessMinutesBetween(alsace, from, to)).toBe(60 + 60);
    // 26 December 2029 is a Wednesday.
    expect(businessMinutesBetween(office, at('2029-12-26T09:00+01:00'), at('2029-12-26T18:00+01:00'))).toBe(450);
    expect(businessMinutesBetween(alsace, at('2029-12-26T09:00+01:00'), at('2029-12-26T18:00+01:00'))).toBe(0);
  });

  it('closes the workspace on its own closed days, and on no holiday when asked', () => {
    const bridge = createBusinessClock({ ...DEFAULT_SERVICE_LEVELS, closedDates: ['2026-05-15'] });
    const from = at('2026-05-13T17:00+02:00');
    const to = at('2026-05-18T10:00+02:00');
    expect(businessMinutesBetween(office, from, to)).toBe(60 + 450 + 60);
    expect(businessMinutesBetween(bridge, from, to)).toBe(120);
    const noHolidays = createBusinessClock({ ...DEFAULT_SERVICE_LEVELS, holidays: 'none' });
    expect(businessMinutesBetween(noHolidays, from, to)).toBe(60 + 2 * 450 + 60);
  });

  it('reads the hours in the workspace time zone (Montréal changes clocks on other dates)', () => {
    const montreal = createBusinessClock({ ...DEFAULT_SERVICE_LEVELS, timeZone: 'America/Montreal' });
    // 13 March 2026 is a Friday, the clocks move on Sunday the 8th in Montréal: already -04:00.
    expect(businessMinutesBetween(montreal, at('2026-03-13T17:00-04:00'), at('2026-03-16T10:00-04:00'))).toBe(120);
    // 20:00 in Paris, 15:00 in Montréal.
    expect(montreal.isOpenAt(at('2026-03-16T19:00:00Z'))).toBe(true);
    expect(office.isOpenAt(at('2026-03-16T19:00:00Z'))).toBe(false);
    // Auckland is 13 hours ahead in November: Monday 09:00 there is Sunday 20:00 UTC.
    const auckland = createBusinessClock({ ...DEFAULT_SERVICE_LEVELS, timeZone: 'Pacific/Auckland' });
    expect(auckland.isOpenAt(at('2026-11-22T20:30:00Z'))).toBe(true);
    expect(businessMinutesBetween(auckland, at('2026-11-22T19:00:00Z'), at('2026-11-22T21:00:00Z'))).toBe(60);
    // Pago Pago is 11 hours behind: Friday 17:30 there is Saturday 04:30 UTC.
    const pagoPago = createBusinessClock({ ...DEFAULT_SERVICE_LEVELS, timeZone: 'Pacific/Pago_Pago' });
    expect(pagoPago.isOpenAt(at('2026-11-28T04:30:00Z'))).toBe(true);
    expect(iso(pagoPago.addBusinessTime(at('2026-11-28T04:30:00Z'), 3_600_000))).toBe('2026-11-30T20:30:00.000Z');
  });
});

describe('DST nights count the time as lived', () => {
  const SWITCHES = [
    ['2026-03-29', '2026-10-25'],
    ['2027-03-28', '2027-10-31'],
    ['2028-03-26', '2028-10-29'],
    ['2029-03-25', '2029-10-28'],
    ['2030-03-31', '2030-10-27'],
  ] as const;

  it.each(SWITCHES)('%s has 23 hours and %s 25 hours in a workspace open day and night', (spring, autumn) => {
    // Saturday noon is Sunday noon a day earlier, at Saturday's offset.
    const saturdayNoon = (sunday: string, offset: string) => at(`${sunday}T12:00${offset}`) - 86_400_000;
    expect(businessMinutesBetween(always, saturdayNoon(spring, '+01:00'), at(`${spring}T12:00+02:00`))).toBe(23 * 60);
    expect(businessMinutesBetween(always, saturdayNoon(autumn, '+02:00'), at(`${autumn}T12:00+01:00`))).toBe(25 * 60);
  });

  it.each(SWITCHES)('a 01:00–04:00 range lasts 2 hours on %s and 4 hours on %s', (spring, autumn) => {
    const night: BusinessRange[] = [{ start: '01:00', end: '04:00' }];
    const clock = createBusinessClock({ ...DEFAULT_SERVICE_LEVELS, hours: { 7: night }, holidays: 'none' });
    expect(businessMinutesBetween(clock, at(`${spring}T00:00+01:00`), at(`${spring}T12:00+02:00`))).toBe(120);
    expect(businessMinutesBetween(clock, at(`${autumn}T00:00+02:00`), at(`${autumn}T12:00+01:00`))).toBe(240);
  });

  it.each(SWITCHES)('office hours keep 09:00 local on the Mondays after %s and %s', (spring, autumn) => {
    // Without holidays: Easter Monday follows the spring change in 2027.
    const clock = createBusinessClock({ ...DEFAULT_SERVICE_LEVELS, holidays: 'none' });
    const mondayAfter = (sunday: string) => iso(at(`${sunday}T12:00:00Z`) + 86_400_000).slice(0, 10);
    expect(iso(clock.addBusinessTime(at(`${spring}T12:00:00Z`), 1))).toBe(
      iso(at(`${mondayAfter(spring)}T09:00+02:00`) + 1),
    );
    expect(iso(clock.addBusinessTime(at(`${autumn}T12:00:00Z`), 1))).toBe(
      iso(at(`${mondayAfter(autumn)}T09:00+01:00`) + 1),
    );
  });
});

describe('due dates (4 business hours to answer, 15 to be done)', () => {
  it.each([
    ['Monday 10:00', '2026-11-23T10:00+01:00', '2026-11-23T15:30+01:00', '2026-11-25T10:00+01:00'],
    ['Friday 16:00: Monday', '2026-11-27T16:00+01:00', '2026-11-30T11:00+01:00', '2026-12-01T16:00+01:00'],
    ['Saturday: from Monday 09:00', '2026-11-28T11:00+01:00', '2026-11-30T14:30+01:00', '2026-12-01T18:00+01:00'],
    ['Monday after closing', '2026-11-23T18:30+01:00', '2026-11-24T14:30+01:00', '2026-11-25T18:00+01:00'],
    [
      'ending at closing time, not the next morning',
      '2026-11-23T14:00+01:00',
      '2026-11-23T18:00+01:00',
      '2026-11-25T12:30+01:00',
    ],
    ['Christmas Eve 17:00', '2026-12-24T17:00+01:00', '2026-12-28T12:00+01:00', '2026-12-29T17:00+01:00'],
    ['before the spring change', '2026-03-27T16:00+01:00', '2026-03-30T11:00+02:00', '2026-03-31T16:00+02:00'],
    ['before the autumn change', '2026-10-23T16:00+02:00', '2026-10-26T11:00+01:00', '2026-10-27T16:00+01:00'],
  ])('%s', (_name, received, firstResponse, resolution) => {
    const due = computeDueDates(office, at(received));
    expect(iso(due.firstResponse)).toBe(iso(at(firstResponse)));
    expect(iso(due.resolution)).toBe(iso(at(resolution)));
  });

  it('skips 26 December in Alsace-Moselle', () => {
    // Monday 24 December 2029, 17:00: Christmas on Tuesday, St Stephen on Wednesday.
    expect(iso(computeDueDates(office, at('2029-12-24T17:00+01:00')).firstResponse)).toBe(
      iso(at('2029-12-26T12:00+01:00')),
    );
    expect(iso(computeDueDates(alsace, at('2029-12-24T17:00+01:00')).firstResponse)).toBe(
      iso(at('2029-12-27T12:00+01:00')),
    );
  });

  it('gives back what it adds, and adds up over any split (2026–2030, random instants)', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const start = at('2026-01-01T00:00:00Z');
    const span = at('2030-12-31T00:00:00Z') - start;
    for (let i = 0; i < 200; i++) {
      const [a, b, c] = [random(), random(), random()]
        .map((r) => start + Math.floor(r * span))
        .sort((x, y) => x - y) as [number, number, number];
      expect(alsace.elapsedMs(a, c)).toBe(alsace.elapsedMs(a, b) + alsace.elapsedMs(b, c));
      const ms = Math.floor(random() * 40 * 3_600_000) + 1;
      const due = alsace.addBusinessTime(a, ms);
      expect(alsace.elapsedMs(a, due)).toBe(ms);
      expect(alsace.isOpenAt(due - 1)).toBe(true);
    }
  });
});

describe('measured times and overdue items', () => {
  const received = at('2026-11-23T10:00+01:00');

  it('measures the first answer and the resolution in business minutes', () => {
    const status = measureSla(
      office,
      { receivedAt: received, firstResponseAt: at('2026-11-23T14:30+01:00'), resolvedAt: at('2026-11-26T09:00+01:00') },
      at('2026-11-30T12:00+01:00'),
    );
    expect(status.firstResponse).toEqual({
      dueAt: at('2026-11-23T15:30+01:00'),
      measuredMinutes: 150 + 30,
      missed: false,
      remainingMinutes: null,
    });
    expect(status.resolution).toMatchObject({ measuredMinutes: 390 + 450 + 450, missed: true, remainingMinutes: null });
  });

  it('counts down while waiting, then flags the item overdue', () => {
    const waiting = { receivedAt: received, firstResponseAt: null, resolvedAt: null };
    const before = measureSla(office, waiting, at('2026-11-23T12:00+01:00'));
    expect(before.firstResponse).toMatchObject({ measuredMinutes: null, missed: false, remainingMinutes: 30 + 90 });
    expect(isOverdue(office, waiting, at('2026-11-23T15:30+01:00'))).toBe(false);
    expect(isOverdue(office, waiting, at('2026-11-23T15:31+01:00'))).toBe(true);
    const late = measureSla(office, waiting, at('2026-11-24T09:15+01:00'));
    expect(late.firstResponse).toMatchObject({ missed: true, remainingMinutes: -(150 + 15) });
    expect(late.resolution).toMatchObject({ missed: false });
  });

  it('no longer flags an answered item for its first response, but still for its resolution', () => {
    const answered = { receivedAt: received, firstResponseAt: at('2026-11-24T09:00+01:00'), resolvedAt: null };
    expect(isOverdue(office, answered, at('2026-11-24T10:00+01:00'))).toBe(false);
    expect(measureSla(office, answered, at('2026-11-24T10:00+01:00')).firstResponse.missed).toBe(true);
    expect(isOverdue(office, answered, at('2026-11-25T10:01+01:00'))).toBe(true);
    expect(isOverdue(office, { ...answered, resolvedAt: at('2026-11-25T10:01+01:00') }, at('2026-12-25T00:00Z'))).toBe(
      false,
    );
  });
});

describe('summariseSla', () => {
  const received = at('2026-11-23T09:00+01:00');
  const now = at('2026-11-27T18:00+01:00');
  const answeredAfter = (minutes: number, resolvedAfter: number | null) =>
    measureSla(
      office,
      {
        receivedAt: received,
        firstResponseAt: office.addBusinessTime(received, minutes * 60_000),
        resolvedAt: resolvedAfter === null ? null : office.addBusinessTime(received, resolvedAfter * 60_000),
      },
      now,
    );

  it('gives median, 90th percentile and misses per member, network and label', () => {
    const summary = summariseSla([
      { keys: ['member:claire', 'network:bluesky', 'label:piscine'], status: answeredAfter(30, 120) },
      {
        keys: ['member:claire', 'network:mastodon', 'label:piscine', 'label:piscine'],
        status: answeredAfter(90, null),
      },
      { keys: ['member:claire', 'network:bluesky'], status: answeredAfter(300, 1000) },
      {
        keys: ['member:paul', 'network:bluesky'],
        status: measureSla(office, { receivedAt: received, firstResponseAt: null, resolvedAt: null }, now),
      },
    ]);
    expect(summary.map((s) => s.key)).toEqual([
      'label:piscine',
      'member:claire',
      'member:paul',
      'network:bluesky',
      'network:mastodon',
    ]);
    expect(summary[1]).toEqual({
      key: 'member:claire',
      count: 3,
      firstResponse: { measured: 3, median: 90, p90: 300, missed: 1 },
      // The one still open after four days has missed its 15 hours too.
      resolution: { measured: 2, median: 120, p90: 1000, missed: 2 },
    });
    expect(summary[0]?.count).toBe(2);
    expect(summary[2]).toMatchObject({
      firstResponse: { measured: 0, median: null, p90: null, missed: 1 },
      resolution: { measured: 0, missed: 1 },
    });
  });
});

describe('validating service levels', () => {
  const withHours = (hours: ServiceLevels['hours']): ServiceLevels => ({ ...DEFAULT_SERVICE_LEVELS, hours });
  const codes = (levels: ServiceLevels) => validateServiceLevels(levels).map((i) => [i.path, i.code, i.params ?? {}]);

  it('accepts the defaults and a day open until midnight', () => {
    expect(validateServiceLevels(DEFAULT_SERVICE_LEVELS)).toEqual([]);
    expect(validateServiceLevels(withHours({ 6: [{ start: '18:00', end: '24:00' }] }))).toEqual([]);
    const evenings = createBusinessClock(withHours({ 6: [{ start: '18:00', end: '00:00' }] }));
    expect(businessMinutesBetween(evenings, at('2026-11-28T12:00+01:00'), at('2026-11-29T12:00+01:00'))).toBe(360);
  });

  it.each([
    [
      'a range across midnight',
      withHours({ 5: [{ start: '22:00', end: '02:00' }] }),
      [['hours.5.0', 'business_hours_cross_midnight', { day: 5, start: '22:00', end: '02:00' }]],
    ],
    [
      'an empty range',
      withHours({ 1: [{ start: '09:00', end: '09:00' }] }),
      [['hours.1.0', 'business_hours_empty_range', { day: 1, start: '09:00', end: '09:00' }]],
    ],
    [
      'a range from midnight to midnight',
      withHours({ 1: [{ start: '00:00', end: '00:00' }] }),
      [['hours.1.0', 'business_hours_empty_range', { day: 1, start: '00:00', end: '00:00' }]],
    ],
    [
      'overlapping ranges, in any order',
      withHours({
        2: [
          { start: '14:00', end: '18:00' },
          { start: '09:00', end: '14:30' },
        ],
      }),
      [
        [
          'hours.2',
          'business_hours_overlap',
          { day: 2, start: '14:00', end: '18:00', otherStart: '09:00', otherEnd: '14:30' },
        ],
      ],
    ],
    [
      'times that are not times',
      withHours({
        3: [
          { start: '9:00', end: '25:00' },
          { start: '24:00', end: '24:00' },
        ],
      }),
      [
        ['hours.3.0.start', 'business_hours_time_invalid', { value: '9:00' }],
        ['hours.3.0.end', 'business_hours_time_invalid', { value: '25:00' }],
        ['hours.3.1.start', 'business_hours_time_invalid', { value: '24:00' }],
      ],
    ],
    ['a week with no hours', withHours({}), [['hours', 'business_hours_none', {}]]],
    [
      'an unknown time zone',
      { ...DEFAULT_SERVICE_LEVELS, timeZone: 'Europe/Lutece' },
      [['timeZone', 'time_zone_invalid', { value: 'Europe/Lutece' }]],
    ],
    [
      'targets out of bounds',
      { ...DEFAULT_SERVICE_LEVELS, firstResponseMinutes: 0, resolutionMinutes: 90.5 },
      [
        ['firstResponseMinutes', 'too_small', { limit: 1 }],
        ['resolutionMinutes', 'invalid_type', {}],
      ],
    ],
    [
      'a closed date that is not a date',
      { ...DEFAULT_SERVICE_LEVELS, closedDates: ['2026-05-15', '2026-02-30'] },
      [['closedDates.1', 'invalid_format', { format: 'date', value: '2026-02-30' }]],
    ],
  ])('refuses %s', (_name, levels, expected) => {
    expect(codes(levels)).toEqual(expected);
  });

  it('builds no clock from invalid levels: validation_failed with the issues', () => {
    try {
      createBusinessClock(withHours({ 5: [{ start: '22:00', end: '02:00' }] }));
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('validation_failed');
      expect(isAppError(error) && error.details?.issues).toMatchObject([{ code: 'business_hours_cross_midnight' }]);
    }
  });
});
