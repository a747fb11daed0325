import { describe, expect, it } from 'vitest';
import { decideAfterCrash, decideAfterFailure, type Capabilities, type FailureCode } from './delivery.js';

const policy = { maxAttempts: 3, backoffMs: (attempt: number) => 1000 * 2 ** attempt };
const idempotent: Capabilities = { idempotent: true, canFindPublished: false };
const findable: Capabilities = { idempotent: true, canFindPublished: true };
const blind: Capabilities = { idempotent: false, canFindPublished: false };

describe('decideAfterFailure', () => {
  it.each([
    ['rejected', 1, blind, 'failed'],
    ['address_not_allowed', 1, idempotent, 'failed'],
    ['auth_expired', 1, idempotent, 'failed'],
    ['rate_limited', 1, blind, 'scheduled'],
    ['rate_limited', 3, blind, 'failed'],
    ['unavailable', 2, blind, 'scheduled'],
    ['unknown_outcome', 1, findable, 'check'],
    ['unknown_outcome', 1, idempotent, 'scheduled'],
    ['unknown_outcome', 3, idempotent, 'unconfirmed'],
    ['unknown_outcome', 1, blind, 'unconfirmed'],
  ] as Array<[FailureCode, number, Capabilities, string]>)('%s at attempt %i → %s', (code, attempt, caps, expected) => {
    expect(decideAfterFailure({ code, message: 'm' }, attempt, caps, policy, 0).status).toBe(expected);
  });

  it('honours the delay the network asked for, else backs off', () => {
    expect(
      decideAfterFailure({ code: 'rate_limited', message: 'm', retryAfterMs: 90_000 }, 1, blind, policy, 1000),
    ).toMatchObject({
      status: 'scheduled',
      retryAt: 91_000,
    });
    expect(decideAfterFailure({ code: 'unavailable', message: 'm' }, 2, blind, policy, 0)).toMatchObject({
      retryAt: 4000,
    });
  });

  it('flags the channel for reconnection only when the token is refused', () => {
    expect(decideAfterFailure({ code: 'auth_expired', message: 'm' }, 1, blind, policy, 0)).toMatchObject({
      channelNeedsReconnect: true,
    });
    expect(decideAfterFailure({ code: 'rejected', message: 'm' }, 1, blind, policy, 0)).toMatchObject({
      channelNeedsReconnect: false,
    });
  });
});

describe('decideAfterCrash', () => {
  it.each([
    [findable, 'check'],
    [idempotent, 'retry'],
    [blind, 'unconfirmed'],
  ] as Array<[Capabilities, string]>)('%j → %s', (caps, expected) => {
    expect(decideAfterCrash(caps)).toBe(expected);
  });
});
