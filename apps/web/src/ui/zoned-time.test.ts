import { describe, expect, it } from 'vitest';
import {
  fromCalendarDate,
  fromDateTimeLocalValue,
  toCalendarDate,
  toDateTimeLocalValue,
  zoneOffset,
} from './zoned-time';

describe('fromDateTimeLocalValue', () => {
  it.each([
    // zone, wall time typed, instant expected
    ['Europe/Paris', '2026-01-15T10:30', '2026-01-15T09:30:00.000Z'],
    ['Europe/Paris', '2026-07-15T10:30', '2026-07-15T08:30:00.000Z'],
    ['Europe/Paris', '2026-03-29T01:59', '2026-03-29T00:59:00.000Z'],
    // Skipped by the spring change: moves forward by the gap, to 03:30 summer time.
    ['Europe/Paris', '2026-03-29T02:30', '2026-03-29T01:30:00.000Z'],
    ['Europe/Paris', '2026-03-29T03:00', '2026-03-29T01:00:00.000Z'],
    // Happens twice in autumn: the first occurrence, still in summer time.
    ['Europe/Paris', '2026-10-25T02:30', '2026-10-25T00:30:00.000Z'],
    ['Europe/Paris', '2026-10-25T03:30', '2026-10-25T02:30:00.000Z'],
    ['America/New_York', '2026-03-08T02:30', '2026-03-08T07:30:00.000Z'],
    ['America/New_York', '2026-11-01T01:30', '2026-11-01T05:30:00.000Z'],
    ['Asia/Kolkata', '2026-06-01T00:00', '2026-05-31T18:30:00.000Z'],
    ['America/Cayenne', '2026-12-31T23:45', '2027-01-01T02:45:00.000Z'],
    ['Pacific/Chatham', '2026-01-01T12:00', '2025-12-31T22:15:00.000Z'],
    ['UTC', '2026-02-28T23:59:30', '2026-02-28T23:59:30.000Z'],
  ])('%s %s → %s', (zone, value, expected) => {
    expect(fromDateTimeLocalValue(value, zone)).toBe(expected);
  });

  it.each(['', '2026-13', 'demain', '15/01/2026 10:30', '2026-02-31T10:00', '2026-01-01T24:00'])(
    'refuses %j',
    (value) => {
      expect(fromDateTimeLocalValue(value, 'Europe/Paris')).toBeNull();
    },
  );
});

describe('toDateTimeLocalValue', () => {
  it.each([
    ['Europe/Paris', '2026-01-15T09:30:00.000Z', '2026-01-15T10:30'],
    ['Europe/Paris', '2026-10-25T00:30:00.000Z', '2026-10-25T02:30'],
    ['Europe/Paris', '2026-10-25T01:30:00.000Z', '2026-10-25T02:30'],
    ['Indian/Reunion', '2026-12-31T20:00:00.000Z', '2027-01-01T00:00'],
    ['UTC', '2026-05-01T00:00:00.000Z', '2026-05-01T00:00'],
  ])('%s %s → %s', (zone, iso, expected) => {
    expect(toDateTimeLocalValue(iso, zone)).toBe(expected);
  });

  it('leaves an empty value for no date', () => {
    expect(toDateTimeLocalValue(null, 'Europe/Paris')).toBe('');
  });
});

describe('calendar dates', () => {
  it('round-trips through the UTC-coerced wall time the calendar works in', () => {
    const iso = '2026-07-14T20:15:00.000Z';
    const wall = toCalendarDate(iso, 'Europe/Paris');
    expect(wall).toBe('2026-07-14T22:15:00');
    expect(fromCalendarDate(new Date(`${wall}Z`), 'Europe/Paris')).toBe(iso);
  });
});

describe('zoneOffset', () => {
  it('follows daylight saving time', () => {
    expect(zoneOffset(Date.parse('2026-01-01T12:00:00Z'), 'Europe/Paris')).toBe(3_600_000);
    expect(zoneOffset(Date.parse('2026-07-01T12:00:00Z'), 'Europe/Paris')).toBe(7_200_000);
    expect(zoneOffset(Date.parse('2026-07-01T12:00:00Z'), 'America/Los_Angeles')).toBe(-25_200_000);
  });
});
