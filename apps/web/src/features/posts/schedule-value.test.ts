import { describe, expect, it } from 'vitest';
import { fromPickerValue, parseScheduleText, toPickerValue } from './schedule-value';

describe('parseScheduleText', () => {
  it('reads a French date day first, in 24 h', () => {
    expect(parseScheduleText('15/12/2026 14:30', 'fr')).toBe('2026-12-15T14:30');
    expect(parseScheduleText('5/1/2027 9h05', 'fr')).toBe('2027-01-05T09:05');
    expect(parseScheduleText('15/12/2026 14', 'fr')).toBe('2026-12-15T14:00');
  });

  it('reads an English date month first, with AM/PM or 24 h', () => {
    expect(parseScheduleText('12/15/2026 2:30 PM', 'en')).toBe('2026-12-15T14:30');
    expect(parseScheduleText('12/15/2026 12:05 am', 'en')).toBe('2026-12-15T00:05');
    expect(parseScheduleText('12/15/2026 14:30', 'en')).toBe('2026-12-15T14:30');
  });

  it('takes the ISO form in either language', () => {
    expect(parseScheduleText('2026-12-15T14:30', 'fr')).toBe('2026-12-15T14:30');
    expect(parseScheduleText('2026-12-15 14:30:00', 'en')).toBe('2026-12-15T14:30');
  });

  it('reads impossible or unfinished dates as nothing', () => {
    expect(parseScheduleText('31/02/2026 10:00', 'fr')).toBeNull();
    expect(parseScheduleText('15/13/2026 10:00', 'fr')).toBeNull();
    expect(parseScheduleText('15/12/2026 24:00', 'fr')).toBeNull();
    expect(parseScheduleText('15/12/2026 13:00 PM', 'en')).toBeNull();
    expect(parseScheduleText('15/12/20', 'fr')).toBeNull();
    expect(parseScheduleText('', 'fr')).toBeNull();
  });
});

describe('picker values', () => {
  it('converts between the stored wall value and the picker’s', () => {
    expect(toPickerValue('2026-12-15T14:30')).toBe('2026-12-15 14:30:00');
    expect(toPickerValue('')).toBeNull();
    expect(fromPickerValue('2026-12-15 14:30:00')).toBe('2026-12-15T14:30');
    expect(fromPickerValue('2026-12-15')).toBe('2026-12-15T00:00');
    expect(fromPickerValue(null)).toBe('');
  });
});
