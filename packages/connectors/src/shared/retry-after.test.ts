import { describe, expect, it } from 'vitest';
import { latestDelay, MAX_RETRY_AFTER_MS, parseResetMs, parseRetryAfterMs } from './retry-after.js';

const NOW = Date.parse('2026-11-22T10:00:00Z');

describe('parseRetryAfterMs', () => {
  it.each([
    ['120', 120_000],
    [' 30 ', 30_000],
    ['0', 0],
    ['-5', 0],
    ['Sun, 22 Nov 2026 10:01:00 GMT', 60_000],
    ['Sun, 22 Nov 2026 09:00:00 GMT', 0],
    ['99999999', MAX_RETRY_AFTER_MS],
    ['Fri, 01 Jan 2100 00:00:00 GMT', MAX_RETRY_AFTER_MS],
    ['bientôt', undefined],
    ['', undefined],
    [null, undefined],
    [undefined, undefined],
  ] as const)('%j → %j', (value, delay) => {
    expect(parseRetryAfterMs(value, NOW)).toBe(delay);
  });
});

describe('parseResetMs', () => {
  it.each([
    [String(NOW / 1000 + 90), 90_000],
    ['45', 45_000],
    ['2026-11-22T10:05:00.000000Z', 300_000],
    ['0', undefined],
    [String(NOW / 1000 + 10 * 24 * 3600), MAX_RETRY_AFTER_MS],
    ['demain', undefined],
    [undefined, undefined],
  ] as const)('%j → %j', (value, delay) => {
    expect(parseResetMs(value, NOW)).toBe(delay);
  });
});

describe('latestDelay', () => {
  it.each([
    [[], undefined],
    [[undefined], undefined],
    [[1000, undefined, 3000], 3000],
    [[-10], 0],
  ] as const)('%j → %j', (delays, delay) => {
    expect(latestDelay(delays)).toBe(delay);
  });
});
