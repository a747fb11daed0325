import { describe, expect, it } from 'vitest';
import { BUCKET_MS, localBucketOrigin } from './time-buckets.js';

/** The start of the bucket holding `at`, as the store computes it. */
const startOf = (at: number, size: 'hour' | 'day' | 'week', origin: number) =>
  Math.floor((at - origin) / BUCKET_MS[size]) * BUCKET_MS[size] + origin;

describe('localBucketOrigin', () => {
  it('starts days at midnight in Paris, in winter and in summer', () => {
    const winter = Date.parse('2026-01-15T23:30:00Z'); // 00:30 on the 16th in Paris
    expect(new Date(startOf(winter, 'day', localBucketOrigin('Europe/Paris', 'day', winter))).toISOString()).toBe(
      '2026-01-15T23:00:00.000Z',
    );
    const summer = Date.parse('2026-07-15T21:30:00Z'); // 23:30 on the 15th in Paris
    expect(new Date(startOf(summer, 'day', localBucketOrigin('Europe/Paris', 'day', summer))).toISOString()).toBe(
      '2026-07-14T22:00:00.000Z',
    );
  });

  it('starts weeks on Monday at local midnight', () => {
    const sunday = Date.parse('2026-11-22T12:00:00Z');
    const start = startOf(sunday, 'week', localBucketOrigin('Europe/Paris', 'week', sunday));
    expect(new Date(start).toISOString()).toBe('2026-11-15T23:00:00.000Z'); // Monday 16 November, 00:00 in Paris
  });

  it('keeps half-hour zones on their own hours, and UTC on the epoch', () => {
    const at = Date.parse('2026-03-01T10:10:00Z');
    expect(new Date(startOf(at, 'hour', localBucketOrigin('Asia/Kolkata', 'hour', at))).toISOString()).toBe(
      '2026-03-01T09:30:00.000Z',
    );
    expect(localBucketOrigin('UTC', 'day', at)).toBe(0);
  });
});
