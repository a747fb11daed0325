// Each channel's publishing budget, checked right before a publish call. The budget is counted from the
// database (deliveries published in the window, plus those other workers are publishing now), so it holds
// across worker processes; a "too many requests" answer pauses the whole channel until the network allows
// it again. A held-back delivery goes back to the schedule without spending an attempt: it was never tried.
import type { PostTarget } from '@rostra/core';
import type { Store } from '@rostra/store';

export interface RateLimit {
  posts: number;
  perMs: number;
}

/** When a pause has no Retry-After, wait this long before trying the channel again. */
export const DEFAULT_PAUSE_MS = 60_000;
/** When only in-flight deliveries fill the budget, look again after this (one of them will settle). */
const IN_FLIGHT_RECHECK_MS = 30_000;

/**
 * When the budget has room again, or undefined if it has room now. `publishedAt` are the window's
 * publication times, oldest first; the k-th oldest leaving the window frees the k-th slot.
 */
export function budgetFreesAt(
  publishedAt: readonly number[],
  inFlight: number,
  limit: RateLimit,
  now: number,
): number | undefined {
  const used = publishedAt.length + inFlight;
  if (used < limit.posts) return undefined;
  const leaving = publishedAt[used - limit.posts];
  return leaving === undefined ? now + IN_FLIGHT_RECHECK_MS : Math.max(leaving + limit.perMs, now + 1);
}

export function createRateLimiter(deps: {
  store: Store;
  now: () => number;
  /** Puts the delivery's job on the queue for its new due time. */
  enqueue: (target: Pick<PostTarget, 'id' | 'dueAt' | 'attempts'>) => Promise<void>;
  log?: (message: string, details?: Record<string, unknown>) => void;
}) {
  const { store, now } = deps;

  /** When the channel may publish again, or undefined if it may now. */
  async function heldUntil(target: PostTarget, limit: RateLimit | undefined): Promise<number | undefined> {
    const t = now();
    const [paused, usage] = await Promise.all([
      store.pacing.pausedUntil(target.channelId),
      limit ? store.pacing.channelUsage(target.channelId, t - limit.perMs, target.id) : undefined,
    ]);
    if (paused !== null && paused > t) return paused;
    if (!limit || !usage) return undefined;
    return budgetFreesAt(usage.publishedAt, usage.inFlight, limit, t);
  }

  return {
    heldUntil,

    /**
     * For a delivery this worker holds: if its channel is paused or out of budget, gives it back to the
     * schedule for when it frees, and returns true (the caller stops there).
     */
    async defer(target: PostTarget, owner: string, limit: RateLimit | undefined): Promise<boolean> {
      const until = await heldUntil(target, limit);
      if (until === undefined) return false;
      if (await store.pacing.deferHeld(target.id, owner, until)) {
        await deps.enqueue({ id: target.id, dueAt: until, attempts: target.attempts - 1 });
        deps.log?.('delivery held back by the channel rate limit', { targetId: target.id, until });
      }
      return true;
    },

    /** The network said "too many requests": nothing goes to this channel before it allows it again. */
    async pause(channelId: string, retryAfterMs: number | undefined): Promise<void> {
      await store.pacing.pauseChannel(channelId, now() + (retryAfterMs ?? DEFAULT_PAUSE_MS));
    },
  };
}

export type RateLimiter = ReturnType<typeof createRateLimiter>;
