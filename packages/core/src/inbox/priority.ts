// The inbox's priority: which item to answer first, as one score from 0 to 100 that people can read back as its
// three factors. score = scale(sentiment × reach × waiting):
// - sentiment: negative weighs up to ×2 (1 + confidence), positive down to ×0.7 (1 − 0.3 × confidence), neutral
//   or unknown ×1 — an unhappy person first, a thank-you can wait;
// - reach: 1 + log10(1 + followers) / 2 (0 → ×1, 100 → ×2, 10 000 → ×3, 1 000 000 → ×4, capped at ×5), then
//   ×1.5 for a watched author — the log keeps a celebrity from burying everyone else;
// - waiting: 1 + 3 × progress² where progress is the business time waited over the target (0 at reception, 1 at
//   the due time): it rises slowly, then steeply as the due time nears, and stays at ×4 once overdue;
// - scale: the product's logarithm placed between the smallest (0.7) and the largest (60) products, so the usual
//   items spread over the range instead of crowding near 0. Every factor only ever raises or keeps the score when
//   its input grows (tests check each), so a rule or a person can reason about it.
import type { Timestamp } from '../accounts/types.js';
import type { BusinessClock } from './sla.js';

export type PrioritySentimentLabel = 'positive' | 'neutral' | 'negative';

export interface PriorityInput {
  /** The item's sentiment and the analyser's confidence (0–1); null when not analysed. */
  sentiment: { label: PrioritySentimentLabel; confidence: number } | null;
  author: {
    /** Null when the network does not say. */
    followers: number | null;
    /** On the workspace's watched authors list. */
    watched: boolean;
  };
  /** Business time waited over the target: 0 at reception, 1 at the due time, more once overdue; null without targets. */
  slaProgress: number | null;
}

export interface PriorityScore {
  /** 0 (can wait) to 100 (answer now). */
  score: number;
  factors: { sentiment: number; reach: number; waiting: number };
}

export const MAX_PRIORITY = 100;
const NEGATIVE_WEIGHT = 1;
const POSITIVE_DISCOUNT = 0.3;
const MAX_REACH_LOG = 8;
const WATCHED_BOOST = 1.5;
const OVERDUE_WAITING = 4;
const MIN_PRODUCT = 1 - POSITIVE_DISCOUNT;
const MAX_PRODUCT = (1 + NEGATIVE_WEIGHT) * (1 + MAX_REACH_LOG / 2) * WATCHED_BOOST * OVERDUE_WAITING;

function clamp(value: number, low: number, high: number): number {
  return Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : low;
}

export function weighSentiment(sentiment: PriorityInput['sentiment']): number {
  if (!sentiment) return 1;
  const confidence = clamp(sentiment.confidence, 0, 1);
  if (sentiment.label === 'negative') return 1 + NEGATIVE_WEIGHT * confidence;
  if (sentiment.label === 'positive') return 1 - POSITIVE_DISCOUNT * confidence;
  return 1;
}

export function weighReach(author: PriorityInput['author']): number {
  const followers = clamp(author.followers ?? 0, 0, Number.MAX_SAFE_INTEGER);
  const reach = 1 + Math.min(Math.log10(1 + followers), MAX_REACH_LOG) / 2;
  return author.watched ? reach * WATCHED_BOOST : reach;
}

export function weighWaiting(progress: number | null): number {
  if (progress === null) return 1;
  const p = clamp(progress, 0, 1);
  return 1 + (OVERDUE_WAITING - 1) * p * p;
}

/** The item's priority and the factors it is made of (shown as "why this item first"). */
export function computePriority(input: PriorityInput): PriorityScore {
  const factors = {
    sentiment: weighSentiment(input.sentiment),
    reach: weighReach(input.author),
    waiting: weighWaiting(input.slaProgress),
  };
  const product = factors.sentiment * factors.reach * factors.waiting;
  const scaled = Math.log(product / MIN_PRODUCT) / Math.log(MAX_PRODUCT / MIN_PRODUCT);
  return { score: Math.round(clamp(scaled, 0, 1) * MAX_PRIORITY), factors };
}

/**
 * How far along its current target an item is at `now`: the first response until answered, then the resolution;
 * 0 once done (nothing is waiting).
 */
export function measureSlaProgress(
  clock: BusinessClock,
  times: { receivedAt: Timestamp; firstResponseAt: Timestamp | null; resolvedAt: Timestamp | null },
  now: Timestamp,
): number {
  if (times.resolvedAt !== null) return 0;
  const minutes = times.firstResponseAt === null ? clock.levels.firstResponseMinutes : clock.levels.resolutionMinutes;
  return clock.elapsedMs(times.receivedAt, now) / (minutes * 60_000);
}
