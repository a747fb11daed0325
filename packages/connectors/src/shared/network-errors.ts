// One mapping for failures that are not an HTTP answer (refused connection, DNS, reset, timeout) and for the
// shapes every network's error mapping shares: which low-level failures prove nothing was sent, and an HTML
// error page squeezed into a few words.
import { ConnectorError, type ConnectorErrorCode } from '../errors.js';
import { describeFailure } from '../outbound.js';

/** `effect`: the call changes something once (a post, an upload); `repeatable`: doing it twice is harmless. */
export type CallKind = 'effect' | 'repeatable';

/**
 * Failures raised before the request left this machine: the server cannot have acted on it. ERR_INVALID_URL
 * came from WordPress (whose site address is typed by a person, so can be malformed): fetch refuses such a
 * URL before connecting, which holds for every network, so the list is shared.
 */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
]);

/** Whether the failure (or one of its causes) proves the request never left. */
export function isNotSent(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The code for a call that got no usable answer: an effect may have happened unless nothing was sent. */
export function noAnswerCode(error: unknown, kind: CallKind): ConnectorErrorCode {
  return kind === 'effect' && !isNotSent(error) ? 'unknown_outcome' : 'unavailable';
}

export interface NetworkErrorContext {
  network: string;
  /** How a person knows the network: "Mastodon", "LinkedIn". */
  label: string;
  /** The server tried, when a person typed it (an instance, a site): named in the message. */
  host?: string | undefined;
}

/**
 * A failure without an HTTP answer as a ConnectorError. An error that already is one passes through. The
 * message names the server and the system's code ("fetch failed (ECONNREFUSED)"), never what it sent.
 */
export function toNetworkError(error: unknown, kind: CallKind, context: NetworkErrorContext): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const where = context.host ? `${context.label} at ${context.host}` : context.label;
  return new ConnectorError(
    context.network,
    noAnswerCode(error, kind),
    `${where} could not be reached: ${describeFailure(error)}`,
    { cause: error },
  );
}

/**
 * The code for an HTTP error status that none of a network's own rules claimed (each connector maps its 429,
 * its refused tokens and its quirks first, then falls back on this). A gateway's 502/504 may hide a server
 * that went on and acted; a server's own 5xx answer before acting (or after its transaction failed as a
 * whole); a 4xx will fail again the same way. A status below 400 is an answer nobody could use (a redirect
 * where none was expected): for an effect, it may have happened.
 */
export function codeForStatus(status: number, kind: CallKind): ConnectorErrorCode {
  if (status === 502 || status === 504) return kind === 'effect' ? 'unknown_outcome' : 'unavailable';
  if (status >= 500) return 'unavailable';
  if (status >= 400) return 'rejected';
  return kind === 'effect' ? 'unknown_outcome' : 'unavailable';
}

/** An error body that is not the network's JSON (a proxy's HTML page, most likely) in at most 200 characters. */
export function summariseText(text: string): string {
  return (
    text
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 200) || 'no message'
  );
}
