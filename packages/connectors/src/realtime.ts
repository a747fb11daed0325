// What every realtime listening source shares: reading a WebSocket with backpressure (the handler is awaited
// before the next frames are read, and the socket is paused while it works), and reconnecting with exponential
// backoff until the caller's signal aborts. Sources keep their own cursor; this file only moves frames.
import WebSocket from 'ws';
import { ConnectorError, isRetryable } from './errors.js';
import { parseRetryAfterMs } from './shared/retry-after.js';
import { asAddressRefusal, describeFailure, outboundSocketOptions } from './outbound.js';

export interface SocketOptions {
  network: string;
  /** Headers of the upgrade request (User-Agent, Authorization). */
  headers?: Record<string, string>;
  signal: AbortSignal;
  /** Runs once the socket is open, before any frame is handed on (a catch-up poll); frames wait meanwhile. */
  onOpen?: () => Promise<void>;
  /** Frames as text, in order, at most `maxBatch` at a time; awaited before the next call. */
  onFrames: (frames: string[]) => Promise<void>;
  /** Default 200. */
  maxBatch?: number;
  /** Frames held before the socket is paused (TCP then pushes back on the server). Default 1,000. */
  highWater?: number;
  /** For the opening handshake. Default 20 s. */
  handshakeTimeoutMs?: number;
}

/**
 * Reads one connection to its end. Resolves when the server closes it (frames already received are handed on
 * first) or when the signal aborts (after the running handler returns); rejects with a ConnectorError when the
 * handshake is refused, or with whatever a handler threw.
 */
export function consumeSocket(url: string, options: SocketOptions): Promise<void> {
  const maxBatch = options.maxBatch ?? 200;
  const highWater = options.highWater ?? 1000;
  return new Promise((resolve, reject) => {
    const queue: string[] = [];
    let ready = false;
    let busy = false;
    let closed = false;
    let settled = false;
    const socket = new WebSocket(url, {
      headers: options.headers,
      handshakeTimeout: options.handshakeTimeoutMs ?? 20_000,
      // The same guard as every outbound request: the address, each DNS answer, then the peer.
      ...outboundSocketOptions(url),
    });

    const settle = (error?: unknown) => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener('abort', onAbort);
      socket.removeAllListeners();
      // A late 'error' from a socket being torn down must not crash the process.
      socket.on('error', () => undefined);
      if (socket.readyState !== WebSocket.CLOSED) socket.terminate();
      if (error === undefined) resolve();
      else reject(error);
    };
    const onAbort = () => {
      closed = true;
      if (!busy) settle();
    };

    const pump = async () => {
      if (busy || !ready || settled) return;
      busy = true;
      try {
        while (queue.length > 0 && !options.signal.aborted) {
          await options.onFrames(queue.splice(0, maxBatch));
          if (socket.isPaused && queue.length < highWater / 2) socket.resume();
        }
      } catch (error) {
        busy = false;
        settle(error);
        return;
      }
      busy = false;
      if (closed || options.signal.aborted) settle();
    };

    socket.on('open', () => {
      const opened = options.onOpen ? options.onOpen() : Promise.resolve();
      busy = true;
      opened.then(
        () => {
          busy = false;
          ready = true;
          if (options.signal.aborted) settle();
          else void pump();
        },
        (error: unknown) => {
          busy = false;
          settle(error);
        },
      );
    });
    socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
      queue.push(isBinary ? BINARY_FRAME : rawToText(data));
      if (queue.length >= highWater) socket.pause();
      void pump();
    });
    socket.on('close', () => {
      closed = true;
      if (!busy) {
        if (ready && queue.length > 0) void pump();
        else settle();
      }
    });
    socket.on('unexpected-response', (_request, response) => {
      const header = (name: string) => {
        const value = response.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      response.resume();
      settle(toHandshakeError(options.network, url, response.statusCode ?? 0, header));
    });
    socket.on('error', (error) => {
      settle(
        asAddressRefusal(error, new URL(url).hostname, options.network) ??
          new ConnectorError(options.network, 'unavailable', `Cannot reach ${redact(url)}: ${describeFailure(error)}`, {
            cause: error,
          }),
      );
    });
    if (options.signal.aborted) onAbort();
    else options.signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Frames announced as binary are marked so the source can refuse them clearly (e.g. compressed Jetstream). */
export const BINARY_FRAME = '\u0000binary';

function rawToText(data: WebSocket.RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data as ArrayBuffer).toString('utf8');
}

function toHandshakeError(
  network: string,
  url: string,
  status: number,
  header: (name: string) => string | undefined,
): ConnectorError {
  const message = `${redact(url)} refused the WebSocket with HTTP ${status}`;
  if (status === 429) {
    const retryAfterMs = parseRetryAfterMs(header('retry-after'));
    return new ConnectorError(network, 'rate_limited', message, retryAfterMs === undefined ? {} : { retryAfterMs });
  }
  if (status === 401 || status === 403) return new ConnectorError(network, 'auth_expired', message);
  if (status >= 500 || status === 408) return new ConnectorError(network, 'unavailable', message);
  return new ConnectorError(network, 'rejected', message);
}

/** Tokens in a query string never reach an error message (they end up in logs). */
function redact(url: string): string {
  return url.replace(/([?&]access_token=)[^&]*/g, '$1…');
}

export interface ReconnectOptions {
  signal: AbortSignal;
  /** First wait after a failure. Default 1 s. */
  initialDelayMs?: number;
  /** Default 60 s. */
  maxDelayMs?: number;
}

/**
 * Runs `connect` again and again until the signal aborts: after a retryable ConnectorError or a clean close,
 * waits (doubling from `initialDelayMs` up to `maxDelayMs`, with jitter so that many sources do not reconnect
 * in step; at least `retryAfterMs` after a rate limit) and connects again. `connect` calls `healthy()` once it
 * has delivered something, which resets the delay. Any other error ends the loop and is thrown.
 */
export async function runWithReconnect(
  connect: (healthy: () => void) => Promise<void>,
  options: ReconnectOptions,
): Promise<void> {
  const initial = options.initialDelayMs ?? 1000;
  const max = options.maxDelayMs ?? 60_000;
  let failures = 0;
  while (!options.signal.aborted) {
    let floor = 0;
    try {
      await connect(() => {
        failures = 0;
      });
    } catch (error) {
      if (!(error instanceof ConnectorError) || !isRetryable(error)) throw error;
      floor = error.retryAfterMs ?? 0;
    }
    if (options.signal.aborted) return;
    const backoff = Math.min(max, initial * 2 ** failures);
    failures += 1;
    await sleep(Math.max(floor, backoff * (0.5 + Math.random() / 2)), options.signal);
  }
}

/** Resolves after `ms`, or as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}
