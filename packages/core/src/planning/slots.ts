// Posting slots: the times of the week a workspace publishes at (in its own time zone), and the next one
// still free for a channel. Local times are converted with @date-fns/tz, so slots stay at 9:30 across DST.
import { TZDate } from '@date-fns/tz';

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface PostingSlot {
  days: Weekday[];
  /** Local time "HH:mm" in the workspace's time zone. */
  time: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isValidSlotTime(time: string): boolean {
  return TIME.test(time);
}

/** Two posts on one channel closer than this count as the same slot. */
const SAME_SLOT_MS = 60_000;

export function nextFreeSlot(options: {
  slots: PostingSlot[];
  timeZone: string;
  /** The slot must be strictly after this instant (ms). */
  after: number;
  /** Instants already taken on the channel (ms). */
  taken: number[];
  /** How far ahead to look. */
  horizonDays?: number;
}): number | undefined {
  const horizon = options.horizonDays ?? 60;
  const start = new TZDate(options.after, options.timeZone);
  for (let offset = 0; offset <= horizon; offset++) {
    const day = new TZDate(start.getFullYear(), start.getMonth(), start.getDate() + offset, 12, 0, options.timeZone);
    const weekday = (((day.getDay() + 6) % 7) + 1) as Weekday;
    const candidates = options.slots
      .filter((slot) => slot.days.includes(weekday))
      .map((slot) => {
        const [, h, m] = TIME.exec(slot.time) ?? [];
        return new TZDate(
          day.getFullYear(),
          day.getMonth(),
          day.getDate(),
          Number(h),
          Number(m),
          options.timeZone,
        ).getTime();
      })
      .sort((a, b) => a - b);
    for (const at of candidates) {
      if (at <= options.after) continue;
      if (options.taken.some((t) => Math.abs(t - at) < SAME_SLOT_MS)) continue;
      return at;
    }
  }
  return undefined;
}
