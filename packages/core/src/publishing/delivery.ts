// What happens to one post on one channel after a publish attempt. This is where "never lost, never
// doubled" is decided: retry only when it is safe, ask a person when the outcome is unknown.

export type FailureCode =
  | 'rate_limited'
  | 'auth_expired'
  | 'rejected'
  | 'unavailable'
  | 'unknown_outcome'
  /** The channel's server is at an address the administrator has not allowed: nothing was sent. */
  | 'address_not_allowed';

export const TARGET_STATUSES = ['scheduled', 'publishing', 'published', 'failed', 'unconfirmed'] as const;
export type TargetStatus = (typeof TARGET_STATUSES)[number];

export interface DeliveryPolicy {
  maxAttempts: number;
  /** Delay before attempt n+1 when the network gives none. */
  backoffMs(attempt: number): number;
}

export interface AttemptFailure {
  code: FailureCode;
  message: string;
  retryAfterMs?: number | undefined;
}

export interface Capabilities {
  /** Publishing twice with the same key creates one post (Bluesky record key, Mastodon Idempotency-Key…). */
  idempotent: boolean;
  /** The network can tell whether a key was published (so an unknown outcome can be resolved). */
  canFindPublished: boolean;
}

export type NextStep =
  | { status: 'scheduled'; retryAt: number; reason: string }
  | { status: 'failed'; reason: string; channelNeedsReconnect: boolean }
  | { status: 'unconfirmed'; reason: string }
  /** Ask the network whether the post exists before deciding. */
  | { status: 'check'; reason: string };

export function decideAfterFailure(
  failure: AttemptFailure,
  attempt: number,
  capabilities: Capabilities,
  policy: DeliveryPolicy,
  now: number,
): NextStep {
  const exhausted = attempt >= policy.maxAttempts;
  switch (failure.code) {
    case 'rejected':
    case 'address_not_allowed':
      return { status: 'failed', reason: failure.message, channelNeedsReconnect: false };
    case 'auth_expired':
      return { status: 'failed', reason: failure.message, channelNeedsReconnect: true };
    case 'rate_limited':
    case 'unavailable':
      if (exhausted)
        return {
          status: 'failed',
          reason: `${failure.message} (after ${attempt} attempts)`,
          channelNeedsReconnect: false,
        };
      return {
        status: 'scheduled',
        retryAt: now + (failure.retryAfterMs ?? policy.backoffMs(attempt)),
        reason: failure.message,
      };
    case 'unknown_outcome':
      if (capabilities.canFindPublished) return { status: 'check', reason: failure.message };
      if (capabilities.idempotent && !exhausted) {
        return { status: 'scheduled', retryAt: now + policy.backoffMs(attempt), reason: failure.message };
      }
      return { status: 'unconfirmed', reason: failure.message };
  }
}

/**
 * A target found in `publishing` with an expired lease: its worker died mid-publish. Safe to run again only
 * if the network de-duplicates or can be asked; otherwise a person decides.
 */
export function decideAfterCrash(capabilities: Capabilities): 'retry' | 'check' | 'unconfirmed' {
  if (capabilities.canFindPublished) return 'check';
  if (capabilities.idempotent) return 'retry';
  return 'unconfirmed';
}
