// Counters of failed attempts (logins, reset requests) by account and by client address, in process memory or,
// when Redis is configured, in Redis so every API process of a scaled deployment shares them.
// Built on rate-limiter-flexible, whose consume/reward/delete let a success cost nothing.
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { AppError } from '@rostra/core';

export interface AttemptLimit {
  /** Attempts allowed per window. */
  points: number;
  windowSeconds: number;
}

/** Wrong passwords for one account, from any address: guessing one person's password stops here. */
export const LOGIN_PER_ACCOUNT: AttemptLimit = { points: 10, windowSeconds: 15 * 60 };
/** Wrong passwords from one address, for any accounts: trying one password on many accounts stops here. */
export const LOGIN_PER_ADDRESS: AttemptLimit = { points: 30, windowSeconds: 15 * 60 };
/** Reset emails for one address (an inbox is not flooded), and reset requests from one client address. */
export const RESET_PER_ACCOUNT: AttemptLimit = { points: 3, windowSeconds: 60 * 60 };
export const RESET_PER_ADDRESS: AttemptLimit = { points: 10, windowSeconds: 15 * 60 };

export interface AttemptCounter {
  /** Counts one attempt; false (nothing thrown) when the limit was already reached. */
  take(key: string): Promise<{ allowed: boolean; retryAfterSeconds: number }>;
  /** Gives one attempt back (a login that succeeded does not count against its address). */
  giveBack(key: string): Promise<void>;
  /** Forgets the key (a successful login clears its account's failures). */
  clear(key: string): Promise<void>;
}

function createCounter(name: string, limit: AttemptLimit, redis: Redis | undefined): AttemptCounter {
  const options = { keyPrefix: `rostra-attempts-${name}`, points: limit.points, duration: limit.windowSeconds };
  const limiter: RateLimiterAbstract = redis
    ? new RateLimiterRedis({ ...options, storeClient: redis })
    : new RateLimiterMemory(options);
  return {
    async take(key) {
      try {
        await limiter.consume(key);
        return { allowed: true, retryAfterSeconds: 0 };
      } catch (rejection) {
        // A RateLimiterRes means "no points left"; anything else (Redis down) is a real failure.
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
      }
    },
    async giveBack(key) {
      await limiter.reward(key, 1);
    },
    async clear(key) {
      await limiter.delete(key);
    },
  };
}

export interface AttemptLimits {
  loginByAccount: AttemptCounter;
  loginByAddress: AttemptCounter;
  resetByAccount: AttemptCounter;
  resetByAddress: AttemptCounter;
}

export function createAttemptLimits(redis: Redis | undefined): AttemptLimits {
  return {
    loginByAccount: createCounter('login-account', LOGIN_PER_ACCOUNT, redis),
    loginByAddress: createCounter('login-address', LOGIN_PER_ADDRESS, redis),
    resetByAccount: createCounter('reset-account', RESET_PER_ACCOUNT, redis),
    resetByAddress: createCounter('reset-address', RESET_PER_ADDRESS, redis),
  };
}

export function rateLimited(retryAfterSeconds: number): AppError {
  return new AppError('rate_limited', `Too many attempts; retry in ${retryAfterSeconds} s`, {
    retryAfter: retryAfterSeconds,
  });
}

/**
 * Runs a login attempt under both counters. Each attempt is counted before the password is checked (so
 * parallel guesses cannot slip past the limit); a success gives its address point back and clears the
 * account's count, so people who type their password right are never held back by their own logins.
 */
export async function limitLogin<T>(
  limits: AttemptLimits,
  keys: { account: string; address: string },
  attempt: () => Promise<T>,
): Promise<T> {
  const [byAccount, byAddress] = await Promise.all([
    limits.loginByAccount.take(keys.account),
    limits.loginByAddress.take(keys.address),
  ]);
  if (!byAccount.allowed || !byAddress.allowed) {
    // A refused attempt checks no password: it does not count against the side that still had room.
    if (byAccount.allowed) await limits.loginByAccount.giveBack(keys.account);
    if (byAddress.allowed) await limits.loginByAddress.giveBack(keys.address);
    throw rateLimited(Math.max(byAccount.retryAfterSeconds, byAddress.retryAfterSeconds));
  }
  const result = await attempt();
  await Promise.all([limits.loginByAccount.clear(keys.account), limits.loginByAddress.giveBack(keys.address)]);
  return result;
}
