import { describe, expect, it } from 'vitest';
import { computePriority, measureSlaProgress, type PriorityInput, type PrioritySentimentLabel } from './priority.js';
import { createBusinessClock, DEFAULT_SERVICE_LEVELS } from './sla.js';

const input = (
  label: PrioritySentimentLabel | null,
  confidence: number,
  followers: number | null,
  watched: boolean,
  slaProgress: number | null,
): PriorityInput => ({
  sentiment: label ? { label, confidence } : null,
  author: { followers, watched },
  slaProgress,
});

describe('computePriority', () => {
  it.each([
    ['the quietest: a confident thank-you, no followers, just in', 0, input('positive', 1, 0, false, 0)],
    ['neutral, unknown reach, no targets', 8, input('neutral', 0.5, null, false, null)],
    ['neutral, 100 followers, just in', 24, input('neutral', 0.6, 100, false, 0)],
    ['unhappy (0.9), 1 000 followers, half-way to the due time', 56, input('negative', 0.9, 1000, false, 0.5)],
    ['unhappy (0.9), 1 000 followers, nearly due', 71, input('negative', 0.9, 1000, false, 0.9)],
    ['unhappy (0.9), 1 000 followers, overdue', 74, input('negative', 0.9, 1000, false, 1.4)],
    ['a watched journalist, 10 000 followers, overdue, furious', 89, input('negative', 1, 10_000, true, 2)],
    ['the loudest: 10⁸ followers, watched, certain, overdue', 100, input('negative', 1, 1e8, true, 3)],
  ])('%s → %i', (_name, score, item) => {
    expect(computePriority(item).score).toBe(score);
  });

  it('explains the score by its factors', () => {
    expect(computePriority(input('negative', 0.5, 99, true, 1)).factors).toEqual({
      sentiment: 1.5,
      reach: 3,
      waiting: 4,
    });
  });

  it('reads absurd inputs as their nearest sensible value', () => {
    expect(computePriority(input('negative', 7, -5, false, -1))).toEqual(
      computePriority(input('negative', 1, 0, false, 0)),
    );
    expect(computePriority(input('neutral', Number.NaN, Number.NaN, false, Number.NaN)).score).toBe(
      computePriority(input('neutral', 0, 0, false, 0)).score,
    );
  });
});

describe('priority only rises with its inputs', () => {
  const LABELS: Array<PrioritySentimentLabel | null> = ['positive', 'neutral', null, 'negative'];
  const CONFIDENCES = [0, 0.3, 0.7, 1];
  const FOLLOWERS = [null, 0, 1, 10, 500, 20_000, 3e6, 1e9];
  const PROGRESS = [null, 0, 0.2, 0.5, 0.99, 1, 1.5, 10];
  const grid: PriorityInput[] = [];
  for (const label of LABELS)
    for (const confidence of CONFIDENCES)
      for (const followers of FOLLOWERS)
        for (const watched of [false, true])
          for (const progress of PROGRESS) grid.push(input(label, confidence, followers, watched, progress));
  const score = (item: PriorityInput) => computePriority(item).score;

  it('stays within 0–100', () => {
    for (const item of grid) expect(score(item)).toBeGreaterThanOrEqual(0);
    for (const item of grid) expect(score(item)).toBeLessThanOrEqual(100);
  });

  it('more followers never lowers it', () => {
    for (const item of grid) {
      const more = { ...item, author: { ...item.author, followers: (item.author.followers ?? 0) * 10 + 1 } };
      expect(score(more)).toBeGreaterThanOrEqual(score(item));
    }
  });

  it('watching the author never lowers it', () => {
    for (const item of grid)
      expect(score({ ...item, author: { ...item.author, watched: true } })).toBeGreaterThanOrEqual(score(item));
  });

  it('more waiting never lowers it, and overdue is the most', () => {
    for (const item of grid) {
      const later = { ...item, slaProgress: (item.slaProgress ?? 0) + 0.1 };
      expect(score(later)).toBeGreaterThanOrEqual(score(item));
      expect(score({ ...item, slaProgress: 1 })).toBeGreaterThanOrEqual(score(item));
    }
    expect(score(input('neutral', 0.5, 100, false, 1))).toBe(score(input('neutral', 0.5, 100, false, 50)));
  });

  it('a negative item outranks the same neutral one, which outranks the same positive one', () => {
    for (const item of grid.filter((i) => i.sentiment?.label === 'neutral')) {
      const as = (label: PrioritySentimentLabel) => ({
        ...item,
        sentiment: { label, confidence: item.sentiment?.confidence ?? 0 },
      });
      expect(score(as('negative'))).toBeGreaterThanOrEqual(score(item));
      expect(score(item)).toBeGreaterThanOrEqual(score(as('positive')));
    }
  });

  it('a surer negative is higher, a surer positive lower', () => {
    for (const item of grid.filter((i) => i.sentiment && i.sentiment.confidence < 1)) {
      const surer = { ...item, sentiment: { label: item.sentiment!.label, confidence: 1 } };
      if (item.sentiment!.label === 'negative') expect(score(surer)).toBeGreaterThanOrEqual(score(item));
      if (item.sentiment!.label === 'positive') expect(score(surer)).toBeLessThanOrEqual(score(item));
    }
  });

  it('separates a furious watched author from a neutral passer-by by most of the range', () => {
    expect(
      score(input('negative', 0.95, 50_000, true, 0.8)) - score(input('neutral', 0.5, 10, false, 0.1)),
    ).toBeGreaterThan(50);
  });
});

describe('measureSlaProgress', () => {
  const clock = createBusinessClock(DEFAULT_SERVICE_LEVELS);
  const received = Date.parse('2026-11-23T09:00+01:00');

  it('measures the first response target until answered, then the resolution target, then nothing', () => {
    const now = Date.parse('2026-11-23T11:00+01:00');
    expect(measureSlaProgress(clock, { receivedAt: received, firstResponseAt: null, resolvedAt: null }, now)).toBe(0.5);
    expect(
      measureSlaProgress(clock, { receivedAt: received, firstResponseAt: now, resolvedAt: null }, now),
    ).toBeCloseTo(120 / 900);
    expect(measureSlaProgress(clock, { receivedAt: received, firstResponseAt: now, resolvedAt: now }, now)).toBe(0);
  });

  it('does not move while the workspace is closed', () => {
    const times = { receivedAt: received, firstResponseAt: null, resolvedAt: null };
    expect(measureSlaProgress(clock, times, Date.parse('2026-11-23T18:00+01:00'))).toBe(
      measureSlaProgress(clock, times, Date.parse('2026-11-24T09:00+01:00')),
    );
  });
});
