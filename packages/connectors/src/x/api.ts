// The X API v2 calls Rostra makes (Node's fetch, no client library), and the one place where their failures
// become ConnectorError codes. Errors: https://docs.x.com/x-api/fundamentals/response-codes-and-errors
// Rate limits: https://docs.x.com/x-api/fundamentals/rate-limits
import { ConnectorError } from '../errors.js';
import { type CallKind, codeForStatus, summariseText, toNetworkError } from '../shared/network-errors.js';
import { readField } from '../shared/network-json.js';
import { latestDelay, parseRetryAfterMs } from '../shared/retry-after.js';
import { outboundFetch } from '../outbound.js';
import { NETWORK } from './rules.js';

export interface ApiOptions {
  /** https://api.x.com, or a fake's address in tests. */
  apiBaseUrl: string;
  /** Where media go; https://api.x.com too since media upload moved to v2. */
  uploadBaseUrl: string;
  /** Per call, response body included. */
  timeoutMs: number;
}

/** The app's credentials at X: a confidential client has a secret, a public (PKCE-only) one does not. */
export interface XClient {
  clientId: string;
  clientSecret: string | undefined;
}

/** https://docs.x.com/x-api/users/user-lookup-me (the fields Rostra reads) */
export interface XUser {
  id: string;
  username: string;
  name: string;
}

/** https://docs.x.com/x-api/media/get-media-upload-status (data) */
export interface XMediaUpload {
  id: string;
  /** Absent when the medium is ready; else pending, in_progress, failed or succeeded. */
  processing?: { state: string; checkAfterSecs: number | undefined; error: string | undefined };
}

export interface XTweet {
  id: string;
  text: string;
}

export interface CreateTweetBody {
  text?: string;
  media?: { media_ids: string[] };
  reply?: { in_reply_to_tweet_id: string };
  reply_settings?: string;
}

export interface XApi {
  /** GET /2/users/me — https://docs.x.com/x-api/users/user-lookup-me */
  getMe(): Promise<XUser>;
  /** POST /2/media/upload (one request, images) — https://docs.x.com/x-api/media/upload-media */
  uploadMedia(input: { data: Uint8Array; mimeType: string; category: string }): Promise<XMediaUpload>;
  /** POST /2/media/upload/initialize — https://docs.x.com/x-api/media/initialize-media-upload */
  initializeUpload(input: { mimeType: string; totalBytes: number; category: string }): Promise<XMediaUpload>;
  /** POST /2/media/upload/{id}/append — https://docs.x.com/x-api/media/append-media-upload */
  appendUpload(input: { mediaId: string; segmentIndex: number; chunk: Uint8Array }): Promise<void>;
  /** POST /2/media/upload/{id}/finalize — https://docs.x.com/x-api/media/finalize-media-upload */
  finalizeUpload(mediaId: string): Promise<XMediaUpload>;
  /** GET /2/media/upload?command=STATUS — https://docs.x.com/x-api/media/get-media-upload-status */
  getUploadStatus(mediaId: string): Promise<XMediaUpload>;
  /** POST /2/media/metadata — https://docs.x.com/x-api/media/create-media-metadata */
  setAltText(mediaId: string, text: string): Promise<void>;
  /** POST /2/tweets — https://docs.x.com/x-api/posts/create-post */
  createTweet(body: CreateTweetBody): Promise<XTweet>;
}

/** A client acting for a person. The token endpoint is shared/oauth.ts's (see session.ts). */
export function createXApi(auth: { accessToken?: string }, options: ApiOptions): XApi {
  const call = (spec: CallSpec) => callX(auth, options, spec);

  return {
    async getMe() {
      const { body } = await call({ method: 'GET', path: '/2/users/me', kind: 'repeatable' });
      const data = readData(body, 'repeatable');
      return { id: readString(data, 'id'), username: readString(data, 'username'), name: readString(data, 'name') };
    },
    async uploadMedia({ data, mimeType, category }) {
      const form = new FormData();
      form.set('media', new Blob([new Uint8Array(data)], { type: mimeType }), 'rostra-upload');
      form.set('media_category', category);
      form.set('media_type', mimeType);
      // A medium nobody attaches expires on its own (expires_after_secs): uploading again is harmless.
      const { body } = await call({
        method: 'POST',
        path: '/2/media/upload',
        kind: 'repeatable',
        body: form,
        upload: true,
      });
      return readUpload(body);
    },
    async initializeUpload({ mimeType, totalBytes, category }) {
      const { body } = await call({
        method: 'POST',
        path: '/2/media/upload/initialize',
        kind: 'repeatable',
        json: { media_type: mimeType, total_bytes: totalBytes, media_category: category },
        upload: true,
      });
      return readUpload(body);
    },
    async appendUpload({ mediaId, segmentIndex, chunk }) {
      const form = new FormData();
      form.set('segment_index', String(segmentIndex));
      form.set('media', new Blob([new Uint8Array(chunk)], { type: 'application/octet-stream' }), 'chunk');
      await call({
        method: 'POST',
        path: `/2/media/upload/${encodeURIComponent(mediaId)}/append`,
        kind: 'repeatable',
        body: form,
        upload: true,
      });
    },
    async finalizeUpload(mediaId) {
      const { body } = await call({
        method: 'POST',
        path: `/2/media/upload/${encodeURIComponent(mediaId)}/finalize`,
        kind: 'repeatable',
        upload: true,
      });
      return readUpload(body);
    },
    async getUploadStatus(mediaId) {
      const query = new URLSearchParams({ command: 'STATUS', media_id: mediaId });
      const { body } = await call({
        method: 'GET',
        path: `/2/media/upload?${query}`,
        kind: 'repeatable',
        upload: true,
      });
      return readUpload(body);
    },
    async setAltText(mediaId, text) {
      await call({
        method: 'POST',
        path: '/2/media/metadata',
        kind: 'repeatable',
        json: { id: mediaId, metadata: { alt_text: { text } } },
        upload: true,
      });
    },
    async createTweet(tweet) {
      const { body } = await call({ method: 'POST', path: '/2/tweets', kind: 'effect', json: tweet });
      const data = readData(body, 'effect');
      return { id: readString(data, 'id', 'effect'), text: String(readField(data, 'text') ?? '') };
    },
  };
}

interface CallSpec {
  method: 'GET' | 'POST';
  /** Path and query string. */
  path: string;
  kind: CallKind;
  body?: URLSearchParams | FormData;
  json?: unknown;
  headers?: Record<string, string>;
  /** On uploadBaseUrl rather than apiBaseUrl. */
  upload?: boolean;
}

async function callX(
  auth: { accessToken?: string },
  options: ApiOptions,
  spec: CallSpec,
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { accept: 'application/json', ...spec.headers };
  if (!auth.accessToken) throw new ConnectorError(NETWORK, 'auth_expired', 'This channel has no X access token');
  headers.authorization = `Bearer ${auth.accessToken}`;
  let body: URLSearchParams | FormData | string | undefined = spec.body;
  if (spec.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(spec.json);
  }
  const base = spec.upload ? options.uploadBaseUrl : options.apiBaseUrl;
  let response: Response;
  let text: string;
  try {
    // One deadline for the answer and its body: a body that stops halfway is as unknown as no answer.
    const signal = AbortSignal.timeout(options.timeoutMs);
    response = await outboundFetch(joinUrl(base, spec.path), { method: spec.method, headers, body, signal });
    text = await response.text();
  } catch (error) {
    // X has no idempotency key: a post whose answer never came may exist. Only a person can tell.
    throw toNetworkError(error, spec.kind, { network: NETWORK, label: 'X' });
  }
  if (!response.ok) {
    const header = (name: string) => response.headers.get(name) ?? undefined;
    throw toHttpError(response.status, header, text, spec.kind);
  }
  try {
    return { status: response.status, body: JSON.parse(text) as unknown };
  } catch (error) {
    throw unreadable(
      spec.kind,
      `X answered ${spec.method} ${stripQuery(spec.path)} with ${response.status} and no JSON`,
      error,
    );
  }
}

/** A base with a path prefix (a proxy's /x) keeps it: `new URL('/2/…', base)` would drop it. */
function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}

function stripQuery(path: string): string {
  return path.split('?')[0] ?? path;
}

function unreadable(kind: CallKind, message: string, cause?: unknown): ConnectorError {
  // A 2xx we cannot read: a write happened, or may have.
  return new ConnectorError(NETWORK, kind === 'effect' ? 'unknown_outcome' : 'unavailable', message, { cause });
}

function readString(body: unknown, field: string, kind: CallKind = 'repeatable'): string {
  const value = readField(body, field);
  if (typeof value === 'string' && value !== '') return value;
  throw unreadable(kind, `X answered without "${field}"`);
}

/** v2 answers `{ data, errors? }`; a 200 may carry only `errors` (partial failure) and no data. */
function readData(body: unknown, kind: CallKind): object {
  const data = readField(body, 'data');
  if (typeof data === 'object' && data !== null) return data;
  const errors = readField(body, 'errors');
  const detail = Array.isArray(errors) ? describeProblems(errors) : 'no "data"';
  throw unreadable(kind, `X answered without data: ${detail}`);
}

function readUpload(body: unknown): XMediaUpload {
  const data = readData(body, 'repeatable');
  const info = readField(data, 'processing_info');
  const upload: XMediaUpload = { id: readString(data, 'id') };
  if (typeof info === 'object' && info !== null) {
    const state = readField(info, 'state');
    const after = readField(info, 'check_after_secs');
    const error = readField(info, 'error');
    const errorMessage = readField(error, 'message') ?? readField(error, 'name');
    upload.processing = {
      state: typeof state === 'string' ? state : 'pending',
      checkAfterSecs: typeof after === 'number' && after >= 0 ? after : undefined,
      error: typeof errorMessage === 'string' ? errorMessage : undefined,
    };
  }
  return upload;
}

/** POST /2/tweets answers 403 with this detail when the account posted the same text recently. */
export const DUPLICATE_DETAIL = 'You are not allowed to create a Tweet with duplicate content.';

/**
 * An HTTP error answer as a code. X answers problems as `{ title, detail, type, status }`, or
 * `{ errors: [{ message }] }` (v1-style); the token endpoint's `{ error, error_description }` are mapped by
 * shared/oauth.ts.
 */
export function toHttpError(
  status: number,
  header: (name: string) => string | undefined,
  text: string,
  kind: CallKind,
  now = Date.now(),
): ConnectorError {
  const problem = readProblem(text);
  const message = `X answered ${status}: ${problem.message}`;
  const fail = (code: ConnectorError['code'], extra: { retryAfterMs?: number } = {}) =>
    new ConnectorError(NETWORK, code, message, extra);
  if (status === 429) {
    const retryAfterMs = readRetryAfterMs(header, now);
    return fail('rate_limited', retryAfterMs === undefined ? {} : { retryAfterMs });
  }
  // An expired or revoked access token.
  if (status === 401) return fail('auth_expired');
  if (status === 403 && problem.duplicate) {
    // X refuses the same text twice in a row from one account. Rostra only sends a post again after an attempt
    // that failed without an answer it could trust (a 5xx), so this most likely means the first attempt was
    // posted after all. Not `rejected` (a person would post it again by hand), not success (no id to keep):
    // unknown, for a person to check on X.
    return new ConnectorError(
      NETWORK,
      'unknown_outcome',
      'X refused this post as a duplicate of a recent one from this account: an earlier attempt was most likely published; check the account before posting again',
    );
  }
  // 400 invalid request, 403 not permitted (reply restrictions, suspended account, app without write access),
  // 402 credits depleted, 404, 413…: the same request will fail again; 5xx as every network's.
  return fail(codeForStatus(status, kind));
}

function describeProblems(errors: unknown[]): string {
  return (
    errors
      .map((error) => {
        const parts = ['title', 'detail', 'message'].map((key) => readField(error, key));
        return parts.filter((part): part is string => typeof part === 'string' && part !== '').join(': ');
      })
      .filter(Boolean)
      .join('; ') || 'no message'
  );
}

function readProblem(text: string): { message: string; duplicate: boolean } {
  try {
    const body: unknown = JSON.parse(text);
    const parts: string[] = [];
    for (const key of ['title', 'detail', 'error', 'error_description']) {
      const value = readField(body, key);
      if (typeof value === 'string' && value !== '' && !parts.includes(value)) parts.push(value);
    }
    const errors = readField(body, 'errors');
    if (Array.isArray(errors)) parts.push(describeProblems(errors));
    const joined = parts.join(': ');
    return { message: joined || 'no message', duplicate: /duplicate content/i.test(joined) };
  } catch {
    // Not JSON: an HTML page from a proxy or a load balancer, most likely.
  }
  return { message: summariseText(text), duplicate: false };
}

/**
 * When X lets us call again. `x-rate-limit-reset` is the end of the endpoint's 15-minute window, in epoch
 * seconds; posting also has 24-hour caps per user and per app (`x-user-limit-24hour-*`, `x-app-limit-24hour-*`)
 * that answer 429 on their own. The latest reset among the exhausted limits wins; a proxy may add Retry-After.
 */
export function readRetryAfterMs(header: (name: string) => string | undefined, now: number): number | undefined {
  const delays: (number | undefined)[] = [];
  const epochSeconds = (name: string) => {
    const value = Number(header(name));
    if (header(name) !== undefined && Number.isFinite(value) && value > 0) delays.push(value * 1000 - now);
  };
  for (const prefix of ['x-user-limit-24hour', 'x-app-limit-24hour']) {
    if (header(`${prefix}-remaining`) === '0') epochSeconds(`${prefix}-reset`);
  }
  // The window limit: when it is the exhausted one, or when no header says which one is.
  if (delays.length === 0 || header('x-rate-limit-remaining') === '0') epochSeconds('x-rate-limit-reset');
  delays.push(parseRetryAfterMs(header('retry-after'), now));
  return latestDelay(delays);
}
