// A fake Facebook for tests and benchmarks: a real HTTP server on 127.0.0.1 serving the Login dialog
// (www.facebook.com) and the Graph API (graph.facebook.com) at one pinned version, written from
// developers.facebook.com (each handler links its page). Documented failures get Graph error objects
// `{error: {message, type, code, error_subcode, fbtrace_id}}`; anything else — another version, an unknown
// endpoint or parameter — gets a 500 also recorded in `unexpected`, so a test can assert that list is empty.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Answer,
  Unexpected,
  createFailureInjection,
  mediaTypeOf,
  readBody,
  readParams,
  readTarget,
  runHandler,
  sendAnswer,
  startFakeHttpServer,
  type UnexpectedRequest,
} from '../fake-http.js';
import { graphError, graphRefusalBody, readGraphForm, toGraphFailureAnswer, type GraphFailure } from '../graph-api.js';

export type { UnexpectedRequest } from '../fake-http.js';

export type FakeFacebookRoute =
  | 'GET /dialog/oauth'
  | 'GET /oauth/access_token'
  | 'GET /me/accounts'
  | 'POST /:page/photos'
  | 'POST /:page/feed'
  | 'POST /:object/comments';

export interface FakeFacebookFailure extends GraphFailure {
  /** Act first (make the post), then answer the failure. */
  afterActing?: boolean;
}

export interface FakeFacebookPage {
  id: string;
  name: string;
  tasks: string[];
}

export interface FakeFacebookPost {
  id: string;
  pageId: string;
  message: string;
  link: string | undefined;
  photoIds: string[];
}

export interface FakeFacebookPhoto {
  id: string;
  pageId: string;
  alt: string | undefined;
  mimeType: string;
  bytes: number;
  published: boolean;
}

export interface FakeFacebookComment {
  id: string;
  /** The post it is on. */
  postId: string;
  /** The top comment it answers, for a reply. */
  parentId: string | undefined;
  fromPageId: string;
  message: string;
}

export interface FakeFacebookOptions {
  appId: string;
  appSecret: string;
  version: string;
  /** The most /me/accounts answers per page, whatever `limit` asks. Default 25. */
  pageSize: number;
}

type TokenKind = 'short-user' | 'long-user' | 'short-page' | 'page';

export interface FakeFacebook {
  readonly url: string;
  readonly unexpected: UnexpectedRequest[];
  readonly requests: { method: string; path: string; route: FakeFacebookRoute | undefined }[];
  readonly posts: FakeFacebookPost[];
  readonly photos: FakeFacebookPhoto[];
  readonly comments: FakeFacebookComment[];
  /** A person and the Pages they manage. */
  createUser(name: string, pages: FakeFacebookPage[]): { userId: string };
  /** A non-expiring Page token, as a long-lived user token's /me/accounts gives. */
  issuePageToken(pageId: string): string;
  /** What a token is: `page` tokens from a long-lived user token never expire; `short-page` ones do within hours. */
  tokenKind(token: string): TokenKind | undefined;
  signInAs(userId: string | undefined): void;
  revokeToken(token: string): void;
  configure(options: Partial<FakeFacebookOptions>): void;
  failNext(route: FakeFacebookRoute, failure: FakeFacebookFailure): void;
  close(): Promise<void>;
}

interface Token {
  kind: TokenKind;
  userId?: string;
  pageId?: string;
  revoked: boolean;
}

export async function startFakeFacebook(options: Partial<FakeFacebookOptions> = {}): Promise<FakeFacebook> {
  const config: FakeFacebookOptions = {
    appId: '1234567890',
    appSecret: 'app-secret',
    version: 'v23.0',
    pageSize: 25,
    ...options,
  };
  const unexpected: UnexpectedRequest[] = [];
  const requests: FakeFacebook['requests'] = [];
  const posts: FakeFacebookPost[] = [];
  const photos: FakeFacebookPhoto[] = [];
  const comments: FakeFacebookComment[] = [];
  const users = new Map<string, { name: string; pages: FakeFacebookPage[] }>();
  const tokens = new Map<string, Token>();
  const codes = new Map<string, { userId: string; redirectUri: string }>();
  const faults = createFailureInjection<FakeFacebookRoute, FakeFacebookFailure>();
  let signedIn: string | undefined;
  let serial = 100_000_000_000_000;
  const nextId = () => String(++serial);
  let url = '';

  const newToken = (token: Token) => {
    const value = `EAA${randomBytes(24).toString('base64url')}`;
    tokens.set(value, token);
    return value;
  };

  /** https://developers.facebook.com/docs/graph-api/guides/error-handling (190: invalid OAuth access token) */
  function authenticate(token: string | undefined): Token {
    const held = token ? tokens.get(token) : undefined;
    if (!held || held.revoked) {
      throw graphError(400, {
        message: 'Error validating access token',
        type: 'OAuthException',
        code: 190,
        error_subcode: 460,
      });
    }
    return held;
  }

  function pageToken(token: string | undefined, pageId: string): Token {
    const held = authenticate(token);
    if ((held.kind !== 'page' && held.kind !== 'short-page') || held.pageId !== pageId) {
      // Publishing as a Page needs that Page's own token. https://developers.facebook.com/docs/pages-api/overview#permissions
      throw graphError(403, {
        message: '(#200) Requires a Page access token for this Page',
        type: 'OAuthException',
        code: 200,
      });
    }
    return held;
  }

  const handlers: Record<FakeFacebookRoute, (request: Incoming, params: string[]) => Promise<Answer> | Answer> = {
    // https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#login
    'GET /dialog/oauth': (request) => {
      const query = readParams(request.query, ['client_id', 'redirect_uri', 'state', 'response_type', 'scope'], []);
      if (query.client_id !== config.appId) throw new Unexpected('unknown client_id');
      if (query.response_type !== 'code') throw new Unexpected('response_type must be code');
      for (const scope of query.scope.split(',')) {
        if (!['pages_show_list', 'pages_manage_posts', 'pages_read_engagement'].includes(scope)) {
          throw new Unexpected(`scope ${scope}`);
        }
      }
      if (!signedIn) throw new Unexpected('nobody signed in to approve');
      const code = `AQ${randomBytes(20).toString('base64url')}`;
      codes.set(code, { userId: signedIn, redirectUri: query.redirect_uri });
      const back = new URL(query.redirect_uri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', query.state);
      return new Answer(302, undefined, { location: back.toString() });
    },
    // https://developers.facebook.com/docs/facebook-login/guides/advanced/manual-flow#confirm (code → token)
    // https://developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived (fb_exchange_token)
    'GET /oauth/access_token': (request) => {
      const raw = request.query;
      const exchange = raw.get('grant_type') === 'fb_exchange_token';
      const query: Record<string, string> = exchange
        ? readParams(raw, ['grant_type', 'client_id', 'client_secret', 'fb_exchange_token'], [])
        : readParams(raw, ['client_id', 'client_secret', 'redirect_uri', 'code'], []);
      if (query.client_id !== config.appId || query.client_secret !== config.appSecret) {
        throw graphError(400, {
          message: 'Error validating client secret.',
          type: 'OAuthException',
          code: 1,
          error_subcode: 0,
        });
      }
      if (exchange) {
        const held = authenticate(query.fb_exchange_token);
        if (held.kind !== 'short-user') throw new Unexpected('fb_exchange_token takes a short-lived user token');
        const token = newToken({ kind: 'long-user', userId: held.userId, revoked: false });
        return new Answer(200, { access_token: token, token_type: 'bearer', expires_in: 5_183_944 });
      }
      const code = codes.get(query.code ?? '');
      codes.delete(query.code ?? '');
      if (!code || code.redirectUri !== query.redirect_uri) {
        throw graphError(400, {
          message: 'This authorization code has been used.',
          type: 'OAuthException',
          code: 100,
          error_subcode: 36009,
        });
      }
      const token = newToken({ kind: 'short-user', userId: code.userId, revoked: false });
      return new Answer(200, { access_token: token, token_type: 'bearer', expires_in: 5400 });
    },
    // https://developers.facebook.com/docs/graph-api/reference/user/accounts/
    'GET /me/accounts': (request) => {
      const query = readParams(request.query, ['access_token'], ['fields', 'limit', 'after']);
      const held = authenticate(query.access_token);
      if (!held.userId) throw new Unexpected('/me/accounts with a Page token');
      const fields = (query.fields ?? 'id,name').split(',');
      for (const field of fields) {
        if (!['id', 'name', 'access_token', 'tasks', 'category'].includes(field))
          throw new Unexpected(`field ${field}`);
      }
      const all = users.get(held.userId)?.pages ?? [];
      const start = query.after ? Number(Buffer.from(query.after, 'base64url').toString()) : 0;
      const size = Math.min(Number(query.limit ?? 25), config.pageSize);
      const slice = all.slice(start, start + size);
      const data = slice.map((page) => {
        const entry: Record<string, unknown> = {};
        if (fields.includes('id')) entry.id = page.id;
        if (fields.includes('name')) entry.name = page.name;
        if (fields.includes('tasks')) entry.tasks = page.tasks;
        if (fields.includes('access_token')) {
          // "If you used a short-lived User access token, the Page access token is valid for only 1 hour."
          const kind = held.kind === 'long-user' ? 'page' : 'short-page';
          entry.access_token = newToken({ kind, pageId: page.id, revoked: false });
        }
        return entry;
      });
      const paging: Record<string, unknown> = {
        cursors: {
          before: Buffer.from(String(start)).toString('base64url'),
          after: Buffer.from(String(start + slice.length)).toString('base64url'),
        },
      };
      if (start + slice.length < all.length) {
        const next = new URL(`${url}/${config.version}/me/accounts`);
        next.search = new URLSearchParams({
          ...(query.fields ? { fields: query.fields } : {}),
          limit: String(size),
          access_token: query.access_token,
          after: Buffer.from(String(start + slice.length)).toString('base64url'),
        }).toString();
        paging.next = next.toString();
      }
      return new Answer(200, { data, paging });
    },
    // https://developers.facebook.com/docs/graph-api/reference/page/photos/#upload
    'POST /:page/photos': async (request, [pageId]) => {
      if (request.contentType !== 'multipart/form-data') throw new Unexpected('photos take multipart/form-data');
      const form = await new Response(new Uint8Array(request.body), {
        headers: { 'content-type': String(request.headers['content-type']) },
      }).formData();
      const known = ['source', 'published', 'alt_text_custom', 'access_token'];
      const fields: string[] = [];
      form.forEach((_value, key) => fields.push(key));
      for (const key of fields) if (!known.includes(key)) throw new Unexpected(`photo field ${key}`);
      const token = form.get('access_token');
      pageToken(typeof token === 'string' ? token : undefined, pageId!);
      const source = form.get('source');
      if (!(source instanceof Blob)) throw new Unexpected('source must be a file');
      if (form.get('published') !== 'false') throw new Unexpected('Rostra uploads photos unpublished');
      const types = ['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'image/tiff', 'image/heif', 'image/webp'];
      if (!types.includes(source.type)) {
        throw graphError(400, { message: '(#324) Requires upload file', type: 'OAuthException', code: 324 });
      }
      const alt = form.get('alt_text_custom');
      const id = nextId();
      photos.push({
        id,
        pageId: pageId!,
        alt: typeof alt === 'string' ? alt : undefined,
        mimeType: source.type,
        bytes: source.size,
        published: false,
      });
      return new Answer(200, { id });
    },
    // https://developers.facebook.com/docs/graph-api/reference/page/feed/#publish
    'POST /:page/feed': (request, [pageId]) => {
      const form = readGraphForm(request);
      const attached: string[] = [];
      const fields: Record<string, string> = {};
      for (const [key, value] of form) {
        const media = /^attached_media\[(\d+)\]$/.exec(key);
        if (media) {
          const parsed = JSON.parse(value) as { media_fbid?: unknown };
          if (typeof parsed.media_fbid !== 'string' || Object.keys(parsed).length !== 1) {
            throw new Unexpected('attached_media entries are {"media_fbid":"…"}');
          }
          attached[Number(media[1])] = parsed.media_fbid;
        } else if (['message', 'link', 'access_token'].includes(key)) {
          fields[key] = value;
        } else {
          throw new Unexpected(`feed field ${key}`);
        }
      }
      pageToken(fields.access_token, pageId!);
      if (!fields.message && !fields.link && attached.length === 0) {
        throw graphError(400, { message: '(#100) Missing message or attachment', type: 'OAuthException', code: 100 });
      }
      for (const photoId of attached) {
        const photo = photos.find((p) => p.id === photoId);
        if (!photo || photo.pageId !== pageId || photo.published) {
          throw graphError(400, { message: `(#100) Invalid media_fbid ${photoId}`, type: 'OAuthException', code: 100 });
        }
        photo.published = true;
      }
      const id = `${pageId}_${nextId()}`;
      posts.push({ id, pageId: pageId!, message: fields.message ?? '', link: fields.link, photoIds: attached });
      return new Answer(200, { id });
    },
    // https://developers.facebook.com/docs/graph-api/reference/object/comments/#publish
    'POST /:object/comments': (request, [objectId]) => {
      const form = Object.fromEntries(readGraphForm(request));
      for (const key of Object.keys(form)) {
        if (!['message', 'access_token', 'attachment_id', 'attachment_url'].includes(key)) {
          throw new Unexpected(`comment field ${key}`);
        }
      }
      const post = posts.find((p) => p.id === objectId);
      const parent = comments.find((c) => c.id === objectId);
      const pageId = post?.pageId ?? (parent ? posts.find((p) => p.id === parent.postId)?.pageId : undefined);
      if (!pageId) {
        throw graphError(400, {
          message: `Unsupported post request. Object ${objectId} does not exist`,
          type: 'GraphMethodException',
          code: 100,
          error_subcode: 33,
        });
      }
      pageToken(form.access_token, pageId);
      if (parent?.parentId) {
        throw graphError(400, { message: '(#100) Comments nest one level deep', type: 'OAuthException', code: 100 });
      }
      if (!form.message)
        throw graphError(400, { message: '(#100) Missing message', type: 'OAuthException', code: 100 });
      const postId = post?.id ?? parent!.postId;
      const id = `${postId.split('_')[1]}_${nextId()}`;
      comments.push({ id, postId, parentId: parent?.id, fromPageId: pageId, message: form.message });
      return new Answer(200, { id });
    },
  };

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const { method, target, path } = readTarget(incoming);
    const matched = matchRoute(method, target.pathname, config.version);
    requests.push({ method, path, route: matched?.route });
    const refuse = (reason: string) => http.refuse(outgoing, { method, path: target.pathname }, reason);
    if (!matched) return refuse(`no such endpoint at ${config.version}`);
    const request: Incoming = {
      headers: incoming.headers,
      query: target.searchParams,
      body: await readBody(incoming),
      contentType: mediaTypeOf(incoming),
    };
    const failure = faults.takeFailure(matched.route);
    const answer =
      failure && !failure.afterActing
        ? toGraphFailureAnswer(failure)
        : await runHandler(async () => {
            const acted = await handlers[matched.route](request, matched.params);
            return failure ? toGraphFailureAnswer(failure) : acted;
          });
    if (answer instanceof Unexpected) return refuse(answer.message);
    sendAnswer(outgoing, answer);
  }

  const http = await startFakeHttpServer({
    unexpected,
    refusalBody: graphRefusalBody,
    handle,
  });
  url = http.url;

  return {
    url,
    unexpected,
    requests,
    posts,
    photos,
    comments,
    createUser(name, pages) {
      const userId = nextId();
      users.set(userId, { name, pages });
      return { userId };
    },
    issuePageToken: (pageId) => newToken({ kind: 'page', pageId, revoked: false }),
    tokenKind: (token) => tokens.get(token)?.kind,
    signInAs(userId) {
      signedIn = userId;
    },
    revokeToken(token) {
      const held = tokens.get(token);
      if (held) held.revoked = true;
    },
    configure(next) {
      Object.assign(config, next);
    },
    failNext: (route, failure) => faults.failNext(route, failure),
    close: http.close,
  };
}

interface Incoming {
  headers: IncomingMessage['headers'];
  query: URLSearchParams;
  body: Buffer;
  contentType: string;
}

const ROUTES: { route: FakeFacebookRoute; method: string; pattern: string }[] = [
  { route: 'GET /dialog/oauth', method: 'GET', pattern: '/dialog/oauth' },
  { route: 'GET /oauth/access_token', method: 'GET', pattern: '/oauth/access_token' },
  { route: 'GET /me/accounts', method: 'GET', pattern: '/me/accounts' },
  { route: 'POST /:page/photos', method: 'POST', pattern: '/(\\d+)/photos' },
  { route: 'POST /:page/feed', method: 'POST', pattern: '/(\\d+)/feed' },
  { route: 'POST /:object/comments', method: 'POST', pattern: '/(\\d+(?:_\\d+)?)/comments' },
];

function matchRoute(
  method: string,
  path: string,
  version: string,
): { route: FakeFacebookRoute; params: string[] } | undefined {
  for (const entry of ROUTES) {
    const match =
      entry.method === method ? new RegExp(`^/${version.replace('.', '\\.')}${entry.pattern}$`).exec(path) : null;
    if (match) return { route: entry.route, params: match.slice(1) };
  }
  return undefined;
}
