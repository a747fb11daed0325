// The REST calls Rostra makes to a WordPress site (fetch, no client library): finding the API root, then
// acting as a user with an application password; and the one place where failures become ConnectorError codes.
// REST API handbook: https://developer.wordpress.org/rest-api/ — errors are `{code, message, data: {status}}`.
import { ConnectorError } from '../errors.js';
import { type CallKind, codeForStatus, summariseText, toNetworkError } from '../shared/network-errors.js';
import { readField } from '../shared/network-json.js';
import { parseRetryAfterMs } from '../shared/retry-after.js';
import { decodeEntities } from './mapping.js';
import { NETWORK } from './rules.js';

export interface ApiOptions {
  /** Per call, response body included. */
  timeoutMs: number;
  fetch: typeof fetch;
}

/** What the API index says about the site: https://developer.wordpress.org/rest-api/reference/ (GET /) */
export interface SiteIndex {
  /** The site title, decoded. */
  name: string;
  /** The site's public address. */
  home: string;
  namespaces: string[];
  /** False when the site turned application passwords off (or serves no HTTPS and is not `local`). */
  applicationPasswords: boolean;
}

/** https://developer.wordpress.org/rest-api/reference/users/#retrieve-a-user (context=edit) */
export interface WordPressUser {
  id: number;
  username: string;
  capabilities: Record<string, boolean>;
}

export interface WordPressPost {
  id: number;
  link: string;
}

export interface WordPressTerm {
  id: number;
  /** Decoded (WordPress answers `&amp;`). */
  name: string;
}

export interface WordPressComment {
  id: number;
  post: number;
  link: string;
  /** Only in context=edit: empty otherwise. */
  userAgent: string;
  /** The raw HTML in context=edit, the rendered one in context=view; empty when not asked for. */
  content: string;
}

export type Taxonomy = 'categories' | 'tags';

/** Statuses a retry must see: a post made as a draft is as published as a live one. */
const ANY_STATUS = 'publish,future,draft,pending,private';

export interface WordPressApi {
  /** GET /wp/v2/users/me?context=edit */
  getMe(): Promise<WordPressUser>;
  /** GET /wp/v2/posts?slug= in every status — https://developer.wordpress.org/rest-api/reference/posts/#list-posts */
  findPostBySlug(slug: string): Promise<WordPressPost | undefined>;
  /** POST /wp/v2/posts — https://developer.wordpress.org/rest-api/reference/posts/#create-a-post */
  createPost(body: Record<string, unknown>): Promise<WordPressPost>;
  /** GET /wp/v2/{categories|tags}?search=, then an exact match on the name, case aside. */
  findTerm(taxonomy: Taxonomy, name: string): Promise<WordPressTerm | undefined>;
  /** POST /wp/v2/{categories|tags} — https://developer.wordpress.org/rest-api/reference/categories/#create-a-category */
  createTerm(taxonomy: Taxonomy, name: string): Promise<WordPressTerm>;
  /** GET /wp/v2/media?slug= — https://developer.wordpress.org/rest-api/reference/media/#list-media */
  findMediaBySlug(slug: string): Promise<number | undefined>;
  /** POST /wp/v2/media, the file as the body — https://developer.wordpress.org/rest-api/reference/media/#create-a-media-item */
  uploadMedia(input: {
    data: Uint8Array;
    mimeType: string;
    filename: string;
    alt: string;
    slug: string;
  }): Promise<number>;
  /** POST /wp/v2/comments — https://developer.wordpress.org/rest-api/reference/comments/#create-a-comment */
  createComment(body: Record<string, unknown>): Promise<WordPressComment>;
  /** The user's latest comments (context=edit, which holds the user agent) — newest first. */
  listCommentsBy(userId: number): Promise<WordPressComment[]>;
  /**
   * The user's top-level comments on one post, newest first. `edit` (moderators only) holds every status, the
   * user agent and the raw content; `view` only approved comments and their rendered content.
   * https://developer.wordpress.org/rest-api/reference/comments/#list-comments
   */
  listCommentsOn(postId: number, userId: number, context: 'edit' | 'view'): Promise<WordPressComment[]>;
}

export interface SiteSession {
  /** The API root as the site announced it: `https://site/wp-json/` or `https://site/?rest_route=/`. */
  apiRoot: string;
  username: string;
  applicationPassword: string;
}

export function createWordPressApi(session: SiteSession, options: ApiOptions): WordPressApi {
  const authorization = `Basic ${Buffer.from(`${session.username}:${session.applicationPassword}`).toString('base64')}`;
  const call = (spec: CallSpec) => callWordPress(session.apiRoot, authorization, options, spec);

  return {
    async getMe() {
      const { body } = await call({ method: 'GET', route: '/wp/v2/users/me', query: { context: 'edit' } });
      const capabilities = readObject(body, 'capabilities');
      return {
        id: readId(body, 'id'),
        username: readString(body, 'username'),
        capabilities: Object.fromEntries(Object.entries(capabilities).map(([key, value]) => [key, value === true])),
      };
    },
    async findPostBySlug(slug) {
      const { body } = await call({
        method: 'GET',
        route: '/wp/v2/posts',
        query: { slug, status: ANY_STATUS, context: 'edit', _fields: 'id,link' },
      });
      const first = readList(body)[0];
      return first === undefined ? undefined : { id: readId(first, 'id'), link: readString(first, 'link') };
    },
    async createPost(body) {
      const answer = await call({ method: 'POST', route: '/wp/v2/posts', kind: 'effect', json: body });
      return { id: readId(answer.body, 'id', 'effect'), link: readString(answer.body, 'link', 'effect') };
    },
    async findTerm(taxonomy, name) {
      const { body } = await call({
        method: 'GET',
        route: `/wp/v2/${taxonomy}`,
        query: { search: name, per_page: '100', hide_empty: 'false', _fields: 'id,name' },
      });
      const wanted = name.toLocaleLowerCase();
      return readList(body)
        .map((term) => ({ id: readId(term, 'id'), name: decodeEntities(readString(term, 'name')) }))
        .find((term) => term.name.toLocaleLowerCase() === wanted);
    },
    async createTerm(taxonomy, name) {
      try {
        const { body } = await call({
          method: 'POST',
          route: `/wp/v2/${taxonomy}`,
          kind: 'repeatable',
          json: { name },
        });
        return { id: readId(body, 'id'), name: decodeEntities(readString(body, 'name')) };
      } catch (error) {
        // Made meanwhile (or a name that only differs in case): WordPress names the existing term.
        // https://developer.wordpress.org/reference/functions/wp_insert_term/ ("term_exists", data: {term_id})
        const existing = error instanceof WordPressHttpError ? error.body : undefined;
        if (existing?.code === 'term_exists') {
          const termId = readField(existing.data, 'term_id');
          if (typeof termId === 'number') return { id: termId, name };
        }
        throw error;
      }
    },
    async findMediaBySlug(slug) {
      const { body } = await call({
        method: 'GET',
        route: '/wp/v2/media',
        query: { slug, context: 'edit', _fields: 'id' },
      });
      const first = readList(body)[0];
      return first === undefined ? undefined : readId(first, 'id');
    },
    async uploadMedia({ data, mimeType, filename, alt, slug }) {
      // The file goes as the raw body; the other fields ride in the query, which WordPress merges into the
      // request's parameters. An unattached upload is harmless, and a retry finds it by its slug.
      const { body } = await call({
        method: 'POST',
        route: '/wp/v2/media',
        kind: 'repeatable',
        query: { alt_text: alt, slug, title: alt.slice(0, 100) || filename },
        raw: { data, mimeType, filename },
      });
      return readId(body, 'id');
    },
    async createComment(body) {
      const answer = await call({ method: 'POST', route: '/wp/v2/comments', kind: 'effect', json: body });
      return readComment(answer.body, 'effect');
    },
    async listCommentsBy(userId) {
      const { body } = await call({
        method: 'GET',
        route: '/wp/v2/comments',
        query: {
          author: String(userId),
          context: 'edit',
          per_page: '100',
          orderby: 'date_gmt',
          order: 'desc',
          // Held for moderation, a comment is still made: a retry must see it.
          status: 'all',
          _fields: 'id,post,link,author_user_agent',
        },
      });
      return readList(body).map((comment) => readComment(comment));
    },
    async listCommentsOn(postId, userId, context) {
      const { body } = await call({
        method: 'GET',
        route: '/wp/v2/comments',
        query: {
          post: String(postId),
          author: String(userId),
          parent: '0',
          context,
          per_page: '100',
          orderby: 'date_gmt',
          order: 'desc',
          ...(context === 'edit' ? { status: 'all' } : {}),
          _fields: context === 'edit' ? 'id,post,link,author_user_agent,content' : 'id,post,link,content',
        },
      });
      return readList(body).map((comment) => readComment(comment));
    },
  };
}

/** Whether WordPress refused the call with this error code (`comment_duplicate`, `term_exists`…). */
export function isWordPressError(error: unknown, code: string): boolean {
  return error instanceof WordPressHttpError && error.body?.code === code;
}

function readComment(body: unknown, kind: CallKind = 'repeatable'): WordPressComment {
  const userAgent = readField(body, 'author_user_agent');
  const content = readField(body, 'content');
  const html = readField(content, 'raw') ?? readField(content, 'rendered');
  return {
    id: readId(body, 'id', kind),
    post: readId(body, 'post', kind),
    link: readString(body, 'link', kind),
    userAgent: typeof userAgent === 'string' ? userAgent : '',
    content: typeof html === 'string' ? html : '',
  };
}

/**
 * Finds the REST API of the site at `site`: the `Link: <…>; rel="https://api.w.org/"` header every WordPress
 * page sends, else `/wp-json/`, else `?rest_route=/` (sites with plain permalinks have no /wp-json/).
 * https://developer.wordpress.org/rest-api/using-the-rest-api/discovery/
 */
export async function discoverApi(site: string, options: ApiOptions): Promise<{ apiRoot: string; index: SiteIndex }> {
  const candidates: string[] = [];
  const home = await fetchForDiscovery(site, options);
  const announced = readApiLink(home.headers.get('link'), home.url || site);
  if (announced) candidates.push(announced);
  const base = site.endsWith('/') ? site : `${site}/`;
  candidates.push(new URL('wp-json/', base).toString(), new URL('?rest_route=/', base).toString());
  for (const apiRoot of [...new Set(candidates)]) {
    const answer = await fetchForDiscovery(apiRoot, options);
    if (!answer.ok) continue;
    const index = readIndex(await answer.text().catch(() => ''));
    if (index) return { apiRoot, index };
  }
  throw new ConnectorError(
    NETWORK,
    'rejected',
    `${site} does not look like a WordPress site: no WordPress REST API answered there (looked for the api.w.org link, /wp-json/ and ?rest_route=/)`,
  );
}

async function fetchForDiscovery(url: string, options: ApiOptions): Promise<Response> {
  try {
    return await options.fetch(url, {
      headers: { accept: 'application/json, text/html;q=0.9' },
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw toNetworkError(error, 'repeatable', { network: NETWORK, label: 'WordPress', host: hostOf(url) });
  }
}

/** RFC 8288 Link header: `<https://site/wp-json/>; rel="https://api.w.org/"`, among others. */
export function readApiLink(header: string | null, base: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /<([^>]+)>\s*;(.*)$/s.exec(part.trim());
    if (match?.[1] && /rel\s*=\s*"?https:\/\/api\.w\.org\/"?/i.test(match[2] ?? '')) {
      try {
        return new URL(match[1], base).toString();
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

function readIndex(text: string): SiteIndex | undefined {
  let body: unknown;
  try {
    body = parseJson(text);
  } catch {
    return undefined;
  }
  const listed = readField(body, 'namespaces');
  const namespaces = Array.isArray(listed) ? listed.filter((n): n is string => typeof n === 'string') : [];
  if (!namespaces.includes('wp/v2')) return undefined;
  const name = readField(body, 'name');
  const home = readField(body, 'home');
  const url = readField(body, 'url');
  return {
    name: typeof name === 'string' ? decodeEntities(name) : '',
    home: typeof home === 'string' ? home : typeof url === 'string' ? url : '',
    namespaces,
    applicationPasswords: readField(readField(body, 'authentication'), 'application-passwords') !== undefined,
  };
}

interface CallSpec {
  method: 'GET' | 'POST';
  route: string;
  kind?: CallKind;
  query?: Record<string, string>;
  json?: unknown;
  raw?: { data: Uint8Array; mimeType: string; filename: string };
}

/** An HTTP error answer, kept readable for the callers that recognise one (term_exists). */
class WordPressHttpError extends ConnectorError {
  readonly body: { code?: unknown; data?: unknown } | undefined;
  constructor(error: ConnectorError, body: { code?: unknown; data?: unknown } | undefined) {
    super(error.network, error.code, error.message, { retryAfterMs: error.retryAfterMs });
    this.body = body;
  }
}

/** `route` under the API root, whichever form the site uses. */
export function toEndpoint(apiRoot: string, route: string, query: Record<string, string> = {}): URL {
  const root = new URL(apiRoot);
  let url: URL;
  if (root.searchParams.has('rest_route')) {
    url = new URL(root);
    url.searchParams.set('rest_route', route);
  } else {
    url = new URL(route.replace(/^\//, ''), root.toString().endsWith('/') ? root : `${root.toString()}/`);
  }
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  return url;
}

async function callWordPress(
  apiRoot: string,
  authorization: string,
  options: ApiOptions,
  spec: CallSpec,
): Promise<{ status: number; body: unknown }> {
  const kind = spec.kind ?? 'repeatable';
  const headers: Record<string, string> = { accept: 'application/json', authorization };
  let body: string | Uint8Array | undefined;
  if (spec.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(spec.json);
  } else if (spec.raw) {
    headers['content-type'] = spec.raw.mimeType;
    headers['content-disposition'] = `attachment; filename="${spec.raw.filename}"`;
    body = spec.raw.data;
  }
  const url = toEndpoint(apiRoot, spec.route, spec.query);
  let response: Response;
  let text: string;
  try {
    // One deadline for the answer and its body: a body that stops halfway is as unknown as no answer.
    response = await options.fetch(url, {
      method: spec.method,
      headers,
      body,
      // A redirected POST comes back as a GET (fetch's rule for 301/302): it would list posts, not make one.
      redirect: spec.method === 'POST' ? 'manual' : 'follow',
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    throw toNetworkError(error, kind, { network: NETWORK, label: 'WordPress', host: hostOf(url) });
  }
  if (response.status >= 300 && response.status < 400) {
    throw new ConnectorError(
      NETWORK,
      'rejected',
      `WordPress redirected ${spec.method} ${spec.route} to ${response.headers.get('location') ?? 'elsewhere'}: connect the channel again with the site's current address`,
    );
  }
  if (!response.ok) {
    const error = toHttpError(response.status, (name) => response.headers.get(name) ?? undefined, text, kind);
    throw new WordPressHttpError(error, readErrorBody(text));
  }
  try {
    return { status: response.status, body: parseJson(text) };
  } catch (error) {
    throw unreadable(
      kind,
      `WordPress answered ${spec.method} ${spec.route} with ${response.status} but no JSON: ${summariseText(text)}`,
      error,
    );
  }
}

/**
 * JSON, tolerating what a site with `display_errors` on prints before it ("Deprecated: … in … on line …"):
 * a common sight on shared hosts, where the JSON after it is still whole.
 */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    const start = text.search(/[[{]/);
    if (start > 0 && /(?:Deprecated|Notice|Warning)/.test(text.slice(0, start))) {
      return JSON.parse(text.slice(start)) as unknown;
    }
    throw error;
  }
}

function unreadable(kind: CallKind, message: string, cause?: unknown): ConnectorError {
  // A 2xx we cannot read: a write happened, or may have.
  return new ConnectorError(NETWORK, kind === 'effect' ? 'unknown_outcome' : 'unavailable', message, { cause });
}

function readObject(body: unknown, field: string): object {
  const value = readField(body, field);
  if (value && typeof value === 'object' && !Array.isArray(value)) return value;
  // An empty PHP array is serialised as [].
  if (Array.isArray(value) && value.length === 0) return {};
  throw unreadable('repeatable', `WordPress's answer has no "${field}"`);
}

function readList(body: unknown): unknown[] {
  if (Array.isArray(body)) return body;
  throw unreadable('repeatable', 'WordPress answered something other than a list');
}

function readId(body: unknown, field: string, kind: CallKind = 'repeatable'): number {
  const value = readField(body, field);
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  throw unreadable(kind, `WordPress's answer has no "${field}"`);
}

function readString(body: unknown, field: string, kind: CallKind = 'repeatable'): string {
  const value = readField(body, field);
  if (typeof value === 'string') return value;
  throw unreadable(kind, `WordPress's answer has no "${field}"`);
}

function hostOf(url: string | URL): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}

function readErrorBody(text: string): { code?: unknown; message?: unknown; data?: unknown } | undefined {
  try {
    const body = parseJson(text);
    if (!body || typeof body !== 'object' || Array.isArray(body)) return undefined;
    return { code: readField(body, 'code'), message: readField(body, 'message'), data: readField(body, 'data') };
  } catch {
    return undefined;
  }
}

/**
 * An HTTP error answer as a code. WordPress answers `{"code": "rest_…", "message": "…"}`; a proxy, a security
 * plugin or PHP itself may answer HTML.
 */
export function toHttpError(
  status: number,
  header: (name: string) => string | undefined,
  text: string,
  kind: CallKind,
  now = Date.now(),
): ConnectorError {
  const error = readErrorBody(text);
  const detail =
    typeof error?.message === 'string'
      ? `${decodeEntities(error.message)}${typeof error.code === 'string' ? ` (${error.code})` : ''}`
      : summariseText(text);
  const message = `WordPress answered ${status}: ${detail}`;
  const retryAfterMs = parseRetryAfterMs(header('retry-after'), now);
  const fail = (code: ConnectorError['code']) =>
    new ConnectorError(NETWORK, code, message, retryAfterMs === undefined ? {} : { retryAfterMs });
  if (status === 429) return fail('rate_limited');
  // A refused password may leave the request anonymous (WordPress then ignores Basic credentials it cannot
  // match), and asking for drafts anonymously fails parameter validation with a 400 whose details carry the
  // real status: "Status is forbidden." (rest_forbidden_status, 401).
  // https://developer.wordpress.org/reference/classes/wp_rest_request/sanitize_params/
  if (status === 400 && readDetailStatuses(error).includes(401)) return fail('auth_expired');
  // 401: a wrong, revoked or expired application password (or a user who no longer exists).
  if (status === 401) return fail('auth_expired');
  // 403: the password works but the user's role may not do this (publish, create a category, upload):
  // reconnecting with the same account will not help, a change of role or of request will.
  if (status === 403) return fail('rejected');
  // 503: maintenance mode (".maintenance", with Retry-After) or an overloaded host; other 5xx: a PHP fatal.
  // A fatal may come after the insert (a plugin's save hook), which is why publishing looks its slug up first.
  // 400 invalid parameter, 404 post gone, 409 duplicate comment, 413 too large: the same request will fail again.
  return fail(codeForStatus(status, kind));
}

function readDetailStatuses(error: { data?: unknown } | undefined): number[] {
  const details = readField(error?.data, 'details');
  if (!details || typeof details !== 'object') return [];
  return Object.values(details)
    .map((detail) => readField(readField(detail, 'data'), 'status'))
    .filter((value): value is number => typeof value === 'number');
}
