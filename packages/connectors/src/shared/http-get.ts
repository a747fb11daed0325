// One bounded HTTP GET for the listening sources that read the open web or a public search API (feeds, web
// pages, sitemaps, robots.txt, Reddit, Hacker News): conditional requests, a body size limit, a timeout joined to the
// caller's signal, and every failure mapped to a ConnectorError code (RFC 9110 §15).
import type { SourceProblem } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { parseRetryAfterMs } from './retry-after.js';
import { asAddressRefusal, describeFailure, outboundFetch } from '../outbound.js';

export interface HttpGetOptions {
  /** The network id on thrown errors ("web", "reddit", "hackernews"). */
  network: string;
  headers?: Record<string, string>;
  etag?: string | undefined;
  lastModified?: string | undefined;
  /** Bodies above this are refused (`rejected`). */
  maxBytes: number;
  /** For the whole exchange, body included. */
  timeoutMs: number;
  fetch?: typeof fetch | undefined;
  signal?: AbortSignal | undefined;
  /** Statuses handed back instead of thrown (robots.txt reads 4xx as "no rules"). */
  passStatuses?: readonly number[];
}

export type HttpGetResult =
  | { status: 304; etag: string | undefined; lastModified: string | undefined; headers: Headers }
  | {
      status: number;
      body: Uint8Array;
      contentType: string | null;
      /** Where the body really came from, after redirects. */
      url: string;
      etag: string | undefined;
      lastModified: string | undefined;
      headers: Headers;
    };

/** When a 429 or 503 gives no usable Retry-After. */
const DEFAULT_RETRY_AFTER_MS = 5 * 60_000;

export async function httpGet(url: string, options: HttpGetOptions): Promise<HttpGetResult> {
  const doFetch = options.fetch ?? outboundFetch;
  const headers: Record<string, string> = { ...options.headers };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await doFetch(url, { headers, redirect: 'follow', signal });
  } catch (error) {
    throw unreachable(options.network, url, error, timeout.aborted, options.timeoutMs);
  }
  const etag = response.headers.get('etag') ?? options.etag;
  const lastModified = response.headers.get('last-modified') ?? options.lastModified;
  if (response.status === 304) {
    await response.body?.cancel();
    return { status: 304, etag, lastModified, headers: response.headers };
  }
  if (!response.ok && !options.passStatuses?.includes(response.status)) {
    await response.body?.cancel();
    throw statusError(options.network, url, response);
  }
  let body: Uint8Array;
  try {
    body = await readBounded(response, options.maxBytes, options.network, url);
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    throw unreachable(options.network, url, error, timeout.aborted, options.timeoutMs);
  }
  return {
    status: response.status,
    body,
    contentType: response.headers.get('content-type'),
    url: response.url || url,
    etag: response.headers.get('etag') ?? undefined,
    lastModified: response.headers.get('last-modified') ?? undefined,
    headers: response.headers,
  };
}

/** A status that is not 2xx or 304, as the code a worker schedules from. */
export function statusError(network: string, url: string, response: Response): ConnectorError {
  const status = response.status;
  const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'));
  if (status === 429) {
    return new ConnectorError(network, 'rate_limited', `${url} asks to slow down (429)`, {
      retryAfterMs: retryAfterMs ?? DEFAULT_RETRY_AFTER_MS,
    });
  }
  if (status >= 500 || status === 408) {
    return new ConnectorError(network, 'unavailable', `${url} answered ${status}, try again later`, {
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  // 401 and 403 too: these sources send no credentials of a person's, so there is nothing to reconnect.
  const reason =
    status === 404 ? 'was not found (404)' : status === 410 ? 'is gone for good (410)' : `was refused (${status})`;
  return new ConnectorError(network, 'rejected', `${url} ${reason}`);
}

async function readBounded(response: Response, maxBytes: number, network: string, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length'));
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(network, url, maxBytes);
  }
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(network, url, maxBytes);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

function unreachable(network: string, url: string, error: unknown, timedOut: boolean, timeoutMs: number) {
  const refused = asAddressRefusal(error, hostOf(url) ?? '', network);
  if (refused) return refused;
  const detail = describeFailure(error);
  const message = timedOut ? `${url} did not answer within ${timeoutMs} ms` : `${url} is unreachable: ${detail}`;
  return new ConnectorError(network, 'unavailable', message, { cause: error });
}

function tooLarge(network: string, url: string, maxBytes: number): ConnectorError {
  return new ConnectorError(network, 'rejected', `${url} is larger than ${maxBytes} bytes`);
}

/**
 * A JSON body, or `unavailable` naming the URL when the server answered something else (an HTML error page).
 * The answer itself is not repeated: the message ends up in source health, shown to people.
 */
export function readJson(network: string, url: string, body: Uint8Array): unknown {
  const text = new TextDecoder().decode(body);
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConnectorError(network, 'unavailable', `${url} answered something that is not JSON`, { cause: error });
  }
}

/** The cursor helpers every source shares: short, stable fingerprints of ids kept in a bounded list. */
export function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname || null;
  } catch {
    return null;
  }
}

/** An absolute http(s) URL, or an explanation of what is wrong with it, for `validate`. */
export function checkHttpUrl(field: string, value: string | undefined): SourceProblem | null {
  const trimmed = value?.trim() ?? '';
  if (trimmed === '') return { field, code: 'address_missing', message: 'Give the address (https://…)' };
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return {
      field,
      code: 'address_invalid',
      params: { value: trimmed },
      message: `"${trimmed}" is not an address: it should look like https://example.org/page`,
    };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const scheme = url.protocol.replace(':', '');
    return {
      field,
      code: 'address_scheme',
      params: { value: trimmed, scheme },
      message: `"${trimmed}" is a ${scheme} address; only http and https are read`,
    };
  }
  if (url.username || url.password) {
    return { field, code: 'address_credentials', message: 'The address must not contain a user name or password' };
  }
  return null;
}

export function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined)) as Partial<T>;
}

/** Waits, or stops early (rejecting with the signal's reason) when the signal aborts. */
export function delay(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
