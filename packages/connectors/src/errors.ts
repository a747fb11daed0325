// Every connector failure maps to one of these codes; workers decide retries from the code alone.

export type ConnectorErrorCode =
  /** Slow down; `retryAfterMs` says when the network allows the next call. */
  | 'rate_limited'
  /** The token expired or was revoked: refresh, or ask the user to reconnect. */
  | 'auth_expired'
  /** The network refused the content or request for good (too long, bad media…): retrying will not help. */
  | 'rejected'
  /** The network is down or answered 5xx before doing anything: safe to retry. */
  | 'unavailable'
  /** The call may or may not have taken effect (timeout after sending): never retry blindly. */
  | 'unknown_outcome'
  /**
   * The address (typed, redirected to, or resolved) is not public and not allow-listed: nothing was sent.
   * Retrying will not help; an administrator can allow it (ROSTRA_OUTBOUND_ALLOW). See outbound.ts.
   */
  | 'address_not_allowed';

export class ConnectorError extends Error {
  readonly code: ConnectorErrorCode;
  readonly network: string;
  readonly retryAfterMs: number | undefined;

  constructor(
    network: string,
    code: ConnectorErrorCode,
    message: string,
    options: { retryAfterMs?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ConnectorError';
    this.network = network;
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** Whether a failure may be retried without risk of doing the thing twice. */
export function isRetryable(error: ConnectorError): boolean {
  return error.code === 'rate_limited' || error.code === 'unavailable';
}
