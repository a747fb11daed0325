import { describe, expect, it } from 'vitest';
import { easterSunday, frenchHolidays, holidayCalendar } from './holidays.js';

describe('easterSunday', () => {
  it.each([
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    [2019, '2019-04-21'],
    [2038, '2038-04-25'],
  ])('%i → %s', (year, date) => {
    expect(easterSunday(year)).toBe(date);
  });
});

describe('frenchHolidays', () => {
  it.each([
    [2026, '2026-04-06', '2026-05-14', '2026-05-25'],
    [2027, '2027-03-29', '2027-05-06', '2027-05-17'],
    [2028, '2028-04-17', '2028-05-25', '2028-06-05'],
    [2029, '2029-04-02', '2029-05-10', '2029-05-21'],
    [2030, '2030-04-22', '2030-05-30', '2030-06-10'],
  ])('%i: lundi de Pâques %s, Ascension %s, lundi de Pentecôte %s', (year, monday, ascension, whit) => {
    const days = frenchHolidays(year);
    expect(days.find((d) => d.key === 'easter_monday')?.date).toBe(monday);
    expect(days.find((d) => d.key === 'ascension')?.date).toBe(ascension);
    expect(days.find((d) => d.key === 'whit_monday')?.date).toBe(whit);
  });

  it('lists the eleven days of metropolitan France in date order', () => {
    expect(frenchHolidays(2026).map((d) => `${d.date} ${d.key}`)).toEqual([
      '2026-01-01 new_year',
      '2026-04-06 easter_monday',
      '2026-05-01 labour_day',
      '2026-05-08 victory_1945',
      '2026-05-14 ascension',
      '2026-05-25 whit_monday',
      '2026-07-14 bastille_day',
      '2026-08-15 assumption',
      '2026-11-01 all_saints',
      '2026-11-11 armistice',
      '2026-12-25 christmas',
    ]);
  });

  it('adds Vendredi saint and 26 décembre in Alsace-Moselle only', () => {
    const alsace = frenchHolidays(2027, 'alsace_moselle');
    expect(alsace).toHaveLength(13);
    expect(alsace.find((d) => d.key === 'good_friday')?.date).toBe('2027-03-26');
    expect(alsace.find((d) => d.key === 'st_stephen')?.date).toBe('2027-12-26');
    expect(frenchHolidays(2027).some((d) => d.key === 'good_friday' || d.key === 'st_stephen')).toBe(false);
  });

  it('looks dates up across years', () => {
    const holidayOn = holidayCalendar('alsace_moselle');
    expect(holidayOn('2029-03-30')).toBe('good_friday');
    expect(holidayOn('2030-12-26')).toBe('st_stephen');
    expect(holidayOn('2030-12-27')).toBeNull();
    expect(holidayCalendar('france')('2030-12-26')).toBeNull();
  });
});
