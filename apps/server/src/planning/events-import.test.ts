// The events file readers, table-driven: dates as people type them (yearly ones without a year), French and
// English headers, comma or semicolon, each problem with its line and column; iCal read by ical.js with the
// VEVENT's line, folded lines, yearly RRULEs only, categories matched to themes.
import { describe, expect, it } from 'vitest';
import type { Theme } from '@rostra/core';
import { parseEventsCsv, parseEventsIcal, readEventDate } from './events-import.js';

const themes: Theme[] = [
  { id: 'env', workspaceId: 'w', name: 'Environnement', color: '#2f9e44', createdAt: 0 } as Theme,
];

describe('readEventDate', () => {
  it.each([
    ['2026-03-08', false, '2026-03-08'],
    ['08/03/2026', false, '2026-03-08'],
    ['8/3/2026', false, '2026-03-08'],
    ['08/03', true, '2000-03-08'],
    ['--03-08', true, '2000-03-08'],
    ['29/02', true, '2000-02-29'],
    ['08/03', false, undefined],
    ['31/04/2026', false, undefined],
    ['29/02/2027', false, undefined],
    ['2026-13-01', false, undefined],
    ['demain', false, undefined],
  ])('%s (yearly %s) → %s', (text, yearly, date) => {
    expect(readEventDate(text, yearly)).toBe(date);
  });
});

describe('parseEventsCsv', () => {
  it.each([
    [
      'French headers, semicolons, a yearly event without a year and a theme by name (case and accents aside)',
      'date;nom;thème;récurrence\n08/03;Droits des femmes;;annuelle\n05/06/2026;Environnement;ENVIRONNEMENT;',
      [
        { name: 'Droits des femmes', date: '2000-03-08', yearly: true, themeId: null },
        { name: 'Environnement', date: '2026-06-05', yearly: false, themeId: 'env' },
      ],
    ],
    [
      'English headers, commas, columns in another order',
      'name,recurrence,date\nWorld water day,yearly,2000-03-22\n',
      [{ name: 'World water day', date: '2000-03-22', yearly: true, themeId: null }],
    ],
  ])('%s', (_, csv, events) => {
    expect(parseEventsCsv(csv, themes)).toEqual({ events, problems: [] });
  });

  it.each([
    ['no name column', 'date;titre\n08/03/2026;x', [[1, 'nom', 'event_column_missing']]],
    ['an empty file', 'date;nom\n', [[1, '', 'event_file_empty']]],
    [
      'every problem of every line, and no event kept',
      'date;nom;thème;récurrence\n08/03/2026;Bon;;\n31/02/2026;;Sport;tous les lundis',
      [
        [3, 'nom', 'event_name_empty'],
        [3, 'récurrence', 'event_recurrence_invalid'],
        [3, 'date', 'event_date_invalid'],
        [3, 'thème', 'csv_theme_unknown'],
      ],
    ],
    ['an unclosed quote', 'date;nom\n08/03/2026;"Fête', [[2, '', 'csv_unreadable']]],
  ])('refuses %s', (_, csv, expected) => {
    const result = parseEventsCsv(csv, themes);
    expect(result.events).toEqual([]);
    expect(result.problems.map((p) => [p.line, p.column, p.code])).toEqual(expected);
  });
});

describe('parseEventsIcal', () => {
  const calendar = (...lines: string[]) =>
    ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//FR', ...lines, 'END:VCALENDAR'].join('\r\n');

  it('reads one-off and yearly events, folded lines, categories as themes, and skips changed occurrences', () => {
    const text = calendar(
      'BEGIN:VEVENT',
      'UID:1',
      'SUMMARY:Journée mondiale de',
      '  l’environnement',
      'DTSTART;VALUE=DATE:20000605',
      'RRULE:FREQ=YEARLY',
      'CATEGORIES:Fêtes,environnement',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:2',
      'SUMMARY:Conseil municipal',
      'DTSTART;TZID=Europe/Paris:20261014T183000',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:1',
      'RECURRENCE-ID;VALUE=DATE:20270605',
      'SUMMARY:Déplacée',
      'DTSTART;VALUE=DATE:20270606',
      'END:VEVENT',
    );
    expect(parseEventsIcal(text, themes)).toEqual({
      events: [
        { name: 'Journée mondiale de l’environnement', date: '2000-06-05', yearly: true, themeId: 'env' },
        { name: 'Conseil municipal', date: '2026-10-14', yearly: false, themeId: null },
      ],
      problems: [],
    });
  });

  it.each([
    [
      'a line that is no property',
      'BEGIN:VCALENDAR\nVERSION:2.0\nbonjour\nEND:VCALENDAR',
      [[3, 'event_ical_unreadable']],
    ],
    ['not a calendar', 'date;nom\n08/03;Fête', [[1, 'event_ical_unreadable']]],
    ['no event', calendar(), [[1, 'event_file_empty']]],
    [
      'an event without a date, another every two years, on their BEGIN:VEVENT lines',
      calendar(
        'BEGIN:VEVENT',
        'SUMMARY:Sans date',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'SUMMARY:Biennale',
        'DTSTART;VALUE=DATE:20260901',
        'RRULE:FREQ=YEARLY;INTERVAL=2',
        'END:VEVENT',
      ),
      [
        [4, 'event_ical_no_date'],
        [7, 'event_ical_recurrence'],
      ],
    ],
  ])('refuses %s', (_, text, expected) => {
    const result = parseEventsIcal(text, themes);
    expect(result.events).toEqual([]);
    expect(result.problems.map((p) => [p.line, p.code])).toEqual(expected);
  });
});
