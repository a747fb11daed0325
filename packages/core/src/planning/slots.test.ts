import { describe, expect, it } from 'vitest';
import { nextFreeSlot, isValidSlotTime, type PostingSlot } from './slots.js';

const weekdays: PostingSlot[] = [
  { days: [1, 2, 3, 4, 5], time: '09:30' },
  { days: [2, 4], time: '18:00' },
];
const utc = (iso: string) => Date.parse(iso);

describe('nextFreeSlot', () => {
  it.each([
    // Monday 23 Nov 2026, Paris is UTC+1.
    ['before the first slot of the day', '2026-11-23T07:00:00Z', [], '2026-11-23T08:30:00.000Z'],
    ['after it: the next day', '2026-11-23T09:00:00Z', [], '2026-11-24T08:30:00.000Z'],
    ['skipping a taken slot', '2026-11-24T07:00:00Z', ['2026-11-24T08:30:00Z'], '2026-11-24T17:00:00.000Z'],
    ['skipping the weekend', '2026-11-27T09:00:00Z', [], '2026-11-30T08:30:00.000Z'],
    // Across the spring DST change (29 March 2026): 9:30 stays 9:30 local, now UTC+2.
    ['across daylight saving time', '2026-03-27T09:00:00Z', [], '2026-03-30T07:30:00.000Z'],
  ])('%s', (_name, after, taken, expected) => {
    const at = nextFreeSlot({ slots: weekdays, timeZone: 'Europe/Paris', after: utc(after), taken: taken.map(utc) });
    expect(new Date(at as number).toISOString()).toBe(expected);
  });

  it('uses the workspace time zone', () => {
    const at = nextFreeSlot({
      slots: weekdays,
      timeZone: 'America/Montreal',
      after: utc('2026-11-23T12:00:00Z'),
      taken: [],
    });
    expect(new Date(at as number).toISOString()).toBe('2026-11-23T14:30:00.000Z');
  });

  it('gives up beyond the horizon, and with no slots', () => {
    expect(nextFreeSlot({ slots: [], timeZone: 'UTC', after: 0, taken: [] })).toBeUndefined();
    const sundays: PostingSlot[] = [{ days: [7], time: '10:00' }];
    expect(
      nextFreeSlot({ slots: sundays, timeZone: 'UTC', after: utc('2026-11-23T00:00:00Z'), taken: [], horizonDays: 3 }),
    ).toBeUndefined();
  });

  it.each([
    ['09:30', true],
    ['23:59', true],
    ['24:00', false],
    ['9:30', false],
    ['09h30', false],
  ])('%s is a valid slot time: %s', (time, expected) => {
    expect(isValidSlotTime(time)).toBe(expected);
  });
});
