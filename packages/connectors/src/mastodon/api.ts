// The REST calls Rostra makes to a Mastodon instance (Node's fetch, no client library), and the one place
// where their failures become ConnectorError codes. Errors: https://docs.joinmastodon.org/api/guidelines/#errors
// Rate limits: https://docs.joinmastodon.org/api/rate-limits/
import { ConnectorError } from '../errors.js';
import { type CallKind, codeForStatus, toNetworkError } from '../shared/network-errors.js';
import { readField } from '../shared/network-json.js';
import { latestDelay, parseResetMs, parseRetryAfterMs } from '../shared/retry-after.js';
import { outboundFetch } from '../outbound.js';
import { NETWORK } from './rules.js';

export interface ApiOptions {
  /** Per call, response body included. */
  timeoutMs: number;
}

/** https://docs.joinmastodon.org/entities/Application/ (the fields Rostra keeps) */
export interface RegisteredApp {
  clientId: string;
  clientSecret: string;
}

/** https://docs.joinmastodon.org/entities/Account/ (the fields Rostra reads) */
export interface MastodonAccount {
  id: string;
  username: string;
  /** `username` for an account of this instance. */
  acct: string;
  url: string;
}

/** https://docs.joinmastodon.org/entities/MediaAttachment/ */
export interface MastodonMedia {
  id: string;
  /** False while the server still processes the file (202 on upload, 206 when polled). */
  processed: boolean;
}

/** https://docs.joinmastodon.org/entities/Status/ (the fields Rostra reads) */
export interface MastodonStatus {
  id: string;
  uri: string;
  url: string | null;
}

export interface MastodonApi {
  /** POST /api/v1/apps — https://docs.joinmastodon.org/methods/apps/#create */
  registerApp(input: {
    clientName: string;
    redirectUri: string;
    scopes: string;
    website?: string;
  }): Promise<RegisteredApp>;
  /** GET /api/v1/accounts/verify_credentials — https://docs.joinmastodon.org/methods/accounts/#verify_credentials */
  verifyCredentials(): Promise<MastodonAccount>;
  /** GET /api/v2/instance (public) — https://docs.joinmastodon.org/methods/instance/#v2; undefined on 404 (pre-4.0). */
  getInstance(): Promise<unknown>;
  /** POST /api/v2/media — https://docs.joinmastodon.org/methods/media/#v2 */
  uploadMedia(input: { data: Uint8Array; mimeType: string; description: string }): Promise<MastodonMedia>;
  /** GET /api/v1/media/:id — https://docs.joinmastodon.org/methods/media/#get */
  getMedia(id: string): Promise<MastodonMedia>;
  /** POST /api/v1/statuses — https://docs.joinmastodon.org/methods/statuses/#create */
  createStatus(form: URLSearchParams, idempotencyKey: string): Promise<MastodonStatus>;
}

/** A client for one instance (`https://host`), acting with `accessToken` when given. */
export function createMastodonApi(instance: string, accessToken: string | undefined, options: ApiOptions): MastodonApi {
  const call = (spec: CallSpec) => callMastodon(instance, accessToken, options, spec);

  return {
    async registerApp({ clientName, redirectUri, scopes, website }) {
      const form = new URLSearchParams({ client_name: clientName, redirect_uris: redirectUri, scopes });
      if (website) form.set('website', website);
      const { body } = await call({
        method: 'POST',
        path: '/api/v1/apps',
        kind: 'repeatable',
        body: form,
        anonymous: true,
      });
      return { clientId: readString(body, 'client_id'), clientSecret: readString(body, 'client_secret') };
    },
    async verifyCredentials() {
      const { body } = await call({ method: 'GET', path: '/api/v1/accounts/verify_credentials', kind: 'repeatable' });
      return {
        id: readString(body, 'id'),
        username: readString(body, 'username'),
        acct: readString(body, 'acct'),
        url: readString(body, 'url'),
      };
    },
    async getInstance() {
      const answer = await call({
        method: 'GET',
        path: '/api/v2/instance',
        kind: 'repeatable',
        anonymous: true,
        absentOn404: true,
      });
      return answer.status === 404 ? undefined : answer.body;
    },
    async uploadMedia({ data, mimeType, description }) {
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(data)], { type: mimeType }), `rostra-upload.${extensionOf(mimeType)}`);
      form.set('description', description);
      // An upload nobody attaches is harmless (the server deletes it after a day): uploading again is safe.
      const { status, body } = await call({ method: 'POST', path: '/api/v2/media', kind: 'repeatable', body: form });
      // 202: "processed asynchronously", url null until done.
      return { id: readString(body, 'id'), processed: status === 200 && readNullableString(body, 'url') !== null };
    },
    async getMedia(id) {
      const path = `/api/v1/media/${encodeURIComponent(id)}`;
      const { status, body } = await call({ method: 'GET', path, kind: 'repeatable' });
      // 206 Partial Content: still processing.
      return { id: readString(body, 'id'), processed: status === 200 };
    },
    async createStatus(form, idempotencyKey) {
      const { body } = await call({
        method: 'POST',
        path: '/api/v1/statuses',
        kind: 'effect',
        body: form,
        headers: { 'idempotency-key': idempotencyKey },
      });
      return {
        id: readString(body, 'id', 'effect'),
        uri: readString(body, 'uri', 'effect'),
        url: readNullableString(body, 'url'),
      };
    },
  };
}

interface CallSpec {
  method: 'GET' | 'POST';
  path: string;
  kind: CallKind;
  body?: URLSearchParams | FormData;
  headers?: Record<string, string>;
  /** Public endpoints: no token sent. */
  anonymous?: boolean;
  /** A 404 is an answer ("no such endpoint here"), not a failure. */
  absentOn404?: boolean;
}

async function callMastodon(
  instance: string,
  accessToken: string | undefined,
  options: ApiOptions,
  spec: CallSpec,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
  if (!spec.anonymous) {
    if (!accessToken) throw new ConnectorError(NETWORK, 'auth_expired', 'This channel has no Mastodon access token');
    headers.authorization = `Bearer ${accessToken}`;
  }
  let response: Response;
  let text: string;
  try {
    // One deadline for the answer and its body: a body that stops halfway is as unknown as no answer.
    const signal = AbortSignal.timeout(options.timeoutMs);
    response = await outboundFetch(new URL(spec.path, instance), {
      method: spec.method,
      headers,
      body: spec.body,
      signal,
    });
    text = await response.text();
  } catch (error) {
    throw toNetworkError(error, spec.kind, { network: NETWORK, label: 'Mastodon', host: new URL(instance).host });
  }
  if (spec.absentOn404 && response.status === 404) return { status: 404, body: undefined };
  if (!response.ok) {
    throw toHttpError(response.status, (name) => response.headers.get(name) ?? undefined, text, spec.kind);
  }
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch (error) {
    throw unreadable(spec.kind, `${spec.method} ${spec.path} answered ${response.status} with no JSON`, error);
  }
}

function unreadable(kind: CallKind, message: string, cause?: unknown): ConnectorError {
  // A 2xx we cannot read: a write happened, or may have.
  return new ConnectorError(NETWORK, kind === 'effect' ? 'unknown_outcome' : 'unavailable', message, { cause });
}

function readString(body: unknown, field: string, kind: CallKind = 'repeatable'): string {
  const value = readField(body, field);
  if (typeof value === 'string' && value !== '') return value;
  // Some servers speaking the Mastodon API send numeric ids.
  if (typeof value === 'number') return String(value);
  throw unreadable(kind, `Mastodon's answer has no "${field}"`);
}

function readNullableString(body: unknown, field: string): string | null {
  const value = readField(body, field);
  return typeof value === 'string' ? value : null;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
  'audio/mpeg': 'mp3',
  'audio/ogg': 'ogg',
};

function extensionOf(mimeType: string): string {
  return EXTENSIONS[mimeType] ?? 'bin';
}

/**
 * An HTTP error answer as a code. Mastodon answers `{"error": "…"}`; a proxy in front may answer HTML. The
 * token endpoint's OAuth errors are shared/oauth.ts's.
 */
export function toHttpError(
  status: number,
  header: (name: string) => string | undefined,
  text: string,
  kind: CallKind,
  now = Date.now(),
): ConnectorError {
  const message = `Mastodon answered ${status}: ${readErrorMessage(text)}`;
  const fail = (code: ConnectorError['code'], extra: { retryAfterMs?: number } = {}) =>
    new ConnectorError(NETWORK, code, message, extra);
  if (status === 429) {
    const retryAfterMs = readRetryAfterMs(header, now);
    return fail('rate_limited', retryAfterMs === undefined ? {} : { retryAfterMs });
  }
  // 401: the token is invalid or revoked; 403: outside its scopes, or the account is disabled or suspended.
  if (status === 401 || status === 403) return fail('auth_expired');
  // 422 validation failed, 404 reply target gone, 400/413…: retrying the same request will not help. Its own
  // 5xx come from a failed transaction; a gateway's 502/504 may hide one that went on (the shared tail).
  return fail(codeForStatus(status, kind));
}

function readErrorMessage(text: string): string {
  try {
    const body: unknown = JSON.parse(text);
    const parts = [readField(body, 'error'), readField(body, 'error_description')].filter(
      (part) => typeof part === 'string',
    );
    if (parts.length > 0) return parts.join(': ');
  } catch {
    // Not JSON: an HTML page from a proxy, most likely. Not repeated: messages reach people (channel and source
    // errors), and the server is one a person typed.
  }
  return 'no message';
}

/**
 * When the instance lets us call again. Mastodon sends `X-RateLimit-Reset` as an ISO 8601 date; a proxy may
 * add `Retry-After` (seconds or an HTTP date). The later of the two wins.
 */
export function readRetryAfterMs(header: (name: string) => string | undefined, now: number): number | undefined {
  return latestDelay([parseResetMs(header('x-ratelimit-reset'), now), parseRetryAfterMs(header('retry-after'), now)]);
}
