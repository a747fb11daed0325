// Time buckets people read in their own zone: a dashboard's "day" starts at local midnight and its "week" on
// Monday, not at midnight UTC on a Thursday (the epoch's weekday).
import { tzOffset } from '@date-fns/tz';

export type BucketSize = 'hour' | 'day' | 'week';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const BUCKET_MS: Record<BucketSize, number> = { hour: HOUR, day: DAY, week: 7 * DAY };

/**
 * The instant buckets of `size` are counted from, so that they start at local midnight (or on Monday) in
 * `timeZone`, at the zone's offset at `at`. A range that crosses a change of daylight-saving time keeps the
 * offset of `at` (the end of the range people look at): buckets before the change are an hour off.
 */
export function localBucketOrigin(timeZone: string, size: BucketSize, at: number): number {
  const offsetMs = tzOffset(timeZone, new Date(at)) * 60_000;
  // 1970-01-05 was a Monday; hours follow the zone too (India and Newfoundland are half an hour off).
  return (size === 'week' ? 4 * DAY : 0) - offsetMs;
}
