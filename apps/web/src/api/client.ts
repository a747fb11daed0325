// Small typed client for the Rostra JSON API. Every call goes through here so
// CSRF, cookies and error shapes are handled in exactly one place.

export interface ApiIssue {
  path: string;
  /** Why, as a code the web app renders (ISSUE_CODES in @rostra/core), with `params`. */
  code: string;
  params?: Record<string, unknown>;
  /** The server's English, for API users: never shown. */
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** Validation issues from `details.issues`, when the server sent some. */
  get issues(): ApiIssue[] {
    const details = this.details as { issues?: unknown } | null | undefined;
    if (!details || !Array.isArray(details.issues)) return [];
    return details.issues.filter(
      (issue): issue is ApiIssue =>
        typeof issue === 'object' &&
        issue !== null &&
        typeof (issue as ApiIssue).path === 'string' &&
        typeof (issue as ApiIssue).code === 'string',
    );
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// The token lives in memory only: the server hands it out with every session
// response, so a reload simply fetches it again via GET /api/session.
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A file (media upload) goes as it is, with its own type; everything else as JSON.
  const file = body instanceof Blob ? body : undefined;
  if (body !== undefined) headers['content-type'] = file ? file.type || 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      body: file ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
  } catch (cause) {
    throw new ApiError(0, 'network_error', cause instanceof Error ? cause.message : 'Network error');
  }

  if (response.status === 204) return undefined as T;

  const text = await response.text();
  let payload: unknown = undefined;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      payload = undefined;
    }
  }

  if (!response.ok) {
    const error = (payload ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
    throw new ApiError(
      response.status,
      typeof error.code === 'string' ? error.code : `http_${response.status}`,
      typeof error.message === 'string' ? error.message : response.statusText,
      error.details,
    );
  }
  return payload as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  /** POSTs a file as the raw body, with its content type. */
  upload: <T>(path: string, file: Blob) => request<T>('POST', path, file),
  delete: (path: string) => request<void>('DELETE', path),
};

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}
