// Events of the animation plan: the days one-off and yearly events fall on in a range (29 February only in leap
// years, a range across New Year), and the idea bank's titles and draft text.
import { describe, expect, it } from 'vitest';
import { eventOccurrences, type PlanEvent } from './plan-events.js';
import { draftTextOf, titleFromText } from './ideas.js';

const event = (id: string, date: string, yearly: boolean): PlanEvent => ({
  id,
  workspaceId: 'w',
  name: id,
  themeId: null,
  date,
  yearly,
  createdAt: 0,
});

describe('eventOccurrences', () => {
  const events = [
    event('femmes', '2000-03-08', true),
    event('bissextile', '2000-02-29', true),
    event('forum', '2026-09-05', false),
    event('nouvel-an', '2000-01-01', true),
    event('passé', '2025-03-08', false),
  ];
  it.each([
    ['2026-03-01', '2026-04-26', [['2026-03-08', 'femmes']]],
    [
      '2028-02-01',
      '2028-03-28',
      [
        ['2028-02-29', 'bissextile'],
        ['2028-03-08', 'femmes'],
      ],
    ],
    ['2027-02-01', '2027-03-08', []],
    ['2026-12-15', '2027-02-09', [['2027-01-01', 'nouvel-an']]],
    ['2026-09-05', '2026-09-06', [['2026-09-05', 'forum']]],
    ['2026-09-06', '2026-10-31', []],
  ])('from %s until %s', (from, until, expected) => {
    expect(eventOccurrences(events, from, until).map((o) => [o.date, o.eventId])).toEqual(expected);
  });
});

describe('idea bank text', () => {
  it.each([
    ['Court', 'Court'],
    ['  Des   espaces\n\nen trop  ', 'Des espaces en trop'],
    [
      'Le conseil municipal a voté hier soir la rénovation complète de la médiathèque et de ses abords',
      'Le conseil municipal a voté hier soir la rénovation complète de la médiathèque…',
    ],
  ])('titleFromText(%j)', (text, title) => {
    expect(titleFromText(text)).toBe(title);
    expect(titleFromText(text).length).toBeLessThanOrEqual(80);
  });

  it('makes the draft from the title, then the notes', () => {
    expect(draftTextOf({ title: ' Quiz ', notes: '' })).toBe('Quiz');
    expect(draftTextOf({ title: 'Quiz', notes: 'Trois questions\n' })).toBe('Quiz\n\nTrois questions');
  });
});
