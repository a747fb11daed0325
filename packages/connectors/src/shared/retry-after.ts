// When a network lets us call again, read from its answer's headers: the one Retry-After parser (RFC 9110
// §10.2.3) and the reset headers networks add (epoch seconds or delta-seconds), every delay capped.

/**
 * No network asks for more than a day (X's and LinkedIn's daily caps are the longest): a larger value is a
 * clock gone wrong or a hostile server, and would park a source or a delivery for good.
 */
export const MAX_RETRY_AFTER_MS = 24 * 3600_000;

/** A delay in milliseconds, never negative, never above MAX_RETRY_AFTER_MS. */
export function capDelay(ms: number): number {
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms));
}

/**
 * Retry-After as delta-seconds or an HTTP date (RFC 9110 §10.2.3), in milliseconds from `now`; undefined
 * when absent or unreadable. A date in the past is 0.
 */
export function parseRetryAfterMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return capDelay(seconds * 1000);
  const date = Date.parse(value);
  return Number.isFinite(date) ? capDelay(date - now) : undefined;
}

/**
 * A rate-limit reset header (`ratelimit-reset`, `x-ratelimit-reset`, `x-rate-limit-reset`): a number above
 * 1e9 is UTC epoch seconds, a smaller one delta-seconds (the IETF RateLimit draft's reading), anything else
 * an HTTP or ISO 8601 date. Undefined when absent, zero or unreadable.
 */
export function parseResetMs(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  if (Number.isFinite(number)) {
    if (number <= 0) return undefined;
    return capDelay(number > 1e9 ? number * 1000 - now : number * 1000);
  }
  const date = Date.parse(value);
  return Number.isFinite(date) ? capDelay(date - now) : undefined;
}

/** The longest of the delays found, or undefined when none was: several limits may be spent at once. */
export function latestDelay(delays: readonly (number | undefined)[]): number | undefined {
  const known = delays.filter((delay): delay is number => delay !== undefined);
  return known.length === 0 ? undefined : capDelay(Math.max(...known));
}
