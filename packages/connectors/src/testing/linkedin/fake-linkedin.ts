// A fake LinkedIn for tests and benchmarks: a real HTTP server on 127.0.0.1 serving both www.linkedin.com
// (OAuth) and api.linkedin.com (REST), written from the documentation on learn.microsoft.com/linkedin (each
// handler links its page). Documented failures are answered the documented way (400, 401, 403, 404, 422,
// 429); anything else — an unknown endpoint, a missing version header, an unknown field — gets a 500 that is
// also recorded in `unexpected`, so a test can assert that list is empty.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  Answer,
  Unexpected,
  createFailureInjection,
  toInjectedAnswer,
  type InjectedFailure,
  mediaTypeOf,
  readBody,
  readParams,
  readTarget,
  runHandler,
  sendAnswer,
  startFakeHttpServer,
  type UnexpectedRequest,
} from '../fake-http.js';

export type { UnexpectedRequest } from '../fake-http.js';

export type FakeLinkedInRoute =
  | 'GET /oauth/v2/authorization'
  | 'POST /oauth/v2/accessToken'
  | 'GET /v2/userinfo'
  | 'GET /rest/organizationAcls'
  | 'GET /rest/organizations/:id'
  | 'POST /rest/images'
  | 'PUT /upload/:image'
  | 'POST /rest/posts'
  | 'POST /rest/socialActions/:urn/comments';

export interface FakeLinkedInFailure extends InjectedFailure {
  /** Act first (make the post), then answer the failure: a gateway timeout that hides a success. */
  afterActing?: boolean;
}

export interface FakeLinkedInMember {
  sub: string;
  name: string;
}

export interface FakeLinkedInPost {
  urn: string;
  author: string;
  /** As sent, little text and all. */
  commentary: string;
  /** Read back: escapes undone, hashtag templates as `#tag`. */
  text: string;
  content: Record<string, unknown> | undefined;
  body: Record<string, unknown>;
}

export interface FakeLinkedInComment {
  urn: string;
  actor: string;
  object: string;
  parentComment: string | undefined;
  text: string;
}

export interface FakeLinkedInImage {
  urn: string;
  owner: string;
  data: Buffer | undefined;
  mimeType: string | undefined;
}

export interface FakeLinkedInOptions {
  clientId: string;
  clientSecret: string;
  /** The app is enrolled in programmatic refresh tokens. Default true. */
  refreshTokens: boolean;
  /** A refresh answers without `refresh_token` (some answers do): the client must keep its own. Default false. */
  omitRefreshTokenOnRefresh: boolean;
  /** Scopes the member grants, whatever is asked (e.g. without the organisation ones). Default: all asked. */
  grantedScopes: string[] | undefined;
}

export interface FakeLinkedIn {
  /** Give it as both authBaseUrl and apiBaseUrl. */
  readonly url: string;
  readonly unexpected: UnexpectedRequest[];
  readonly requests: { method: string; path: string; route: FakeLinkedInRoute | undefined }[];
  readonly posts: FakeLinkedInPost[];
  readonly comments: FakeLinkedInComment[];
  readonly images: FakeLinkedInImage[];
  /** A member, with the pages they hold a role on. */
  createMember(
    name: string,
    organizations?: { id: string; name: string; role: string; state?: string }[],
  ): FakeLinkedInMember;
  /** An access token for a member, as if granted with `scopes` (default: every scope Rostra asks). */
  issueToken(sub: string, scopes?: string[]): string;
  /** Who approves at the authorisation page (the fake approves at once). */
  signInAs(sub: string | undefined): void;
  expireToken(accessToken: string): void;
  configure(options: Partial<FakeLinkedInOptions>): void;
  failNext(route: FakeLinkedInRoute, failure: FakeLinkedInFailure): void;
  close(): Promise<void>;
}

const ALL_SCOPES = ['openid', 'profile', 'w_member_social', 'w_organization_social', 'r_organization_admin'];
const ACCESS_TTL_S = 60 * 24 * 3600; // "access tokens… 60 days"
const REFRESH_TTL_S = 365 * 24 * 3600; // "refresh tokens… 365 days"
const RESERVED = '|{}@[]()<>#\\*_~';

interface Token {
  sub: string;
  scopes: string[];
  expired: boolean;
}

export async function startFakeLinkedIn(options: Partial<FakeLinkedInOptions> = {}): Promise<FakeLinkedIn> {
  const config: FakeLinkedInOptions = {
    clientId: 'rostra-client',
    clientSecret: 'rostra-secret',
    refreshTokens: true,
    omitRefreshTokenOnRefresh: false,
    grantedScopes: undefined,
    ...options,
  };
  const unexpected: UnexpectedRequest[] = [];
  const requests: FakeLinkedIn['requests'] = [];
  const posts: FakeLinkedInPost[] = [];
  const comments: FakeLinkedInComment[] = [];
  const images: FakeLinkedInImage[] = [];
  const members = new Map<string, FakeLinkedInMember>();
  const roles: { sub: string; organization: string; role: string; state: string }[] = [];
  const organizations = new Map<string, string>();
  const tokens = new Map<string, Token>();
  const refreshTokens = new Map<string, { sub: string; scopes: string[] }>();
  const codes = new Map<string, { sub: string; scopes: string[]; redirectUri: string }>();
  const faults = createFailureInjection<FakeLinkedInRoute, FakeLinkedInFailure>();
  let signedIn: string | undefined;
  let serial = 7_100_000_000_000_000_000n;
  const nextId = () => String(++serial);
  let url = '';

  const newToken = (sub: string, scopes: string[]) => {
    const token = `AQ${randomBytes(24).toString('base64url')}`;
    tokens.set(token, { sub, scopes, expired: false });
    return token;
  };

  function authenticate(request: Incoming): Token {
    const header = request.headers.authorization;
    const token = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
    const held = token ? tokens.get(token) : undefined;
    // https://learn.microsoft.com/en-us/linkedin/shared/api-guide/concepts/error-handling (401 INVALID_ACCESS_TOKEN)
    if (!held || held.expired) throw new Answer(401, restError(401, 65600, 'Invalid access token'));
    return held;
  }

  /** Versioned APIs refuse a call without their two headers. https://learn.microsoft.com/en-us/linkedin/marketing/versioning */
  function requireVersioned(request: Incoming): void {
    const version = request.headers['linkedin-version'];
    if (typeof version !== 'string' || !/^\d{6}(\.\d{2})?$/.test(version)) {
      throw new Unexpected('missing or malformed LinkedIn-Version header');
    }
    if (request.headers['x-restli-protocol-version'] !== '2.0.0') {
      throw new Unexpected('missing X-Restli-Protocol-Version: 2.0.0');
    }
  }

  function requireScope(token: Token, ...anyOf: string[]): void {
    if (!anyOf.some((scope) => token.scopes.includes(scope))) {
      throw new Answer(403, restError(403, 100, `Not enough permissions to access: needs ${anyOf.join(' or ')}`));
    }
  }

  /** The author may post: the member themself, or a page where they are (content) administrator. */
  function canAct(sub: string, author: string): boolean {
    if (author === `urn:li:person:${sub}`) return true;
    return roles.some(
      (r) =>
        r.sub === sub &&
        r.organization === author &&
        r.state === 'APPROVED' &&
        (r.role === 'ADMINISTRATOR' || r.role === 'CONTENT_ADMINISTRATOR'),
    );
  }

  const handlers: Record<FakeLinkedInRoute, (request: Incoming, params: string[]) => Answer | Promise<Answer>> = {
    // https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow#step-2-request-an-authorization-code
    'GET /oauth/v2/authorization': (request) => {
      const query = readParams(request.query, ['response_type', 'client_id', 'redirect_uri', 'state', 'scope'], []);
      if (query.response_type !== 'code') throw new Unexpected('response_type must be code');
      if (query.client_id !== config.clientId) throw new Answer(400, { error: 'invalid_client_id' });
      if (!signedIn) throw new Unexpected('nobody is signed in to approve');
      const asked = query.scope.split(' ');
      const unknown = asked.filter((scope) => !ALL_SCOPES.includes(scope));
      if (unknown.length > 0) throw new Unexpected(`unknown scopes ${unknown.join(', ')}`);
      const scopes = config.grantedScopes ? asked.filter((s) => config.grantedScopes?.includes(s)) : asked;
      const code = `AQT${randomBytes(16).toString('base64url')}`;
      codes.set(code, { sub: signedIn, scopes, redirectUri: query.redirect_uri });
      const back = new URL(query.redirect_uri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', query.state);
      return new Answer(302, undefined, { location: back.toString() });
    },
    // https://learn.microsoft.com/en-us/linkedin/shared/authentication/authorization-code-flow#step-3-exchange-authorization-code-for-an-access-token
    // https://learn.microsoft.com/en-us/linkedin/shared/authentication/programmatic-refresh-tokens
    'POST /oauth/v2/accessToken': (request) => {
      if (request.contentType !== 'application/x-www-form-urlencoded') throw new Unexpected('not a form');
      const raw = new URLSearchParams(request.body.toString('utf8'));
      const grant = raw.get('grant_type');
      const form: Record<string, string> =
        grant === 'authorization_code'
          ? readParams(raw, ['grant_type', 'code', 'redirect_uri', 'client_id', 'client_secret'], [])
          : readParams(raw, ['grant_type', 'refresh_token', 'client_id', 'client_secret'], []);
      if (form.client_id !== config.clientId || form.client_secret !== config.clientSecret) {
        throw new Answer(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      let sub: string;
      let scopes: string[];
      let refreshToken: string | undefined;
      if (grant === 'authorization_code') {
        const code = codes.get(form.code ?? '');
        codes.delete(form.code ?? '');
        if (!code || code.redirectUri !== form.redirect_uri) {
          throw new Answer(400, {
            error: 'invalid_grant',
            error_description: 'The provided authorization grant is invalid, expired or revoked',
          });
        }
        ({ sub, scopes } = code);
        if (config.refreshTokens) {
          refreshToken = `AQX${randomBytes(24).toString('base64url')}`;
          refreshTokens.set(refreshToken, { sub, scopes });
        }
      } else if (grant === 'refresh_token') {
        const held = refreshTokens.get(form.refresh_token ?? '');
        if (!held) {
          throw new Answer(400, {
            error: 'invalid_grant',
            error_description: 'The refresh token is invalid or expired',
          });
        }
        ({ sub, scopes } = held);
        // The refresh token stays the same; its time to live does not reset.
        refreshToken = config.omitRefreshTokenOnRefresh ? undefined : form.refresh_token;
      } else {
        throw new Unexpected(`grant_type ${grant}`);
      }
      return new Answer(200, {
        access_token: newToken(sub, scopes),
        expires_in: ACCESS_TTL_S,
        ...(refreshToken ? { refresh_token: refreshToken, refresh_token_expires_in: REFRESH_TTL_S } : {}),
        scope: scopes.join(','),
      });
    },
    // https://learn.microsoft.com/en-us/linkedin/consumer/integrations/self-serve/sign-in-with-linkedin-v2
    'GET /v2/userinfo': (request) => {
      readParams(request.query, [], []);
      const token = authenticate(request);
      requireScope(token, 'openid');
      const member = members.get(token.sub);
      return new Answer(200, { sub: token.sub, name: member?.name, locale: { country: 'FR', language: 'fr' } });
    },
    // https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-access-control-by-role#find-a-members-organization-access-control-information
    'GET /rest/organizationAcls': (request) => {
      requireVersioned(request);
      const query = readParams(request.query, ['q'], ['role', 'state', 'start', 'count']);
      if (query.q !== 'roleAssignee') throw new Unexpected(`q=${query.q}`);
      const token = authenticate(request);
      requireScope(token, 'r_organization_admin', 'rw_organization_admin');
      const start = Number(query.start ?? 0);
      const count = Number(query.count ?? 10);
      const matching = roles.filter(
        (r) =>
          r.sub === token.sub && (!query.role || r.role === query.role) && (!query.state || r.state === query.state),
      );
      return new Answer(200, {
        paging: { start, count, links: [], total: matching.length },
        elements: matching.slice(start, start + count).map((r) => ({
          roleAssignee: `urn:li:person:${r.sub}`,
          state: r.state,
          role: r.role,
          organization: r.organization,
        })),
      });
    },
    // https://learn.microsoft.com/en-us/linkedin/marketing/community-management/organizations/organization-lookup-api#retrieve-an-organization
    'GET /rest/organizations/:id': (request, [id]) => {
      requireVersioned(request);
      readParams(request.query, [], []);
      authenticate(request);
      const name = organizations.get(`urn:li:organization:${id}`);
      if (!name) throw new Answer(404, restError(404, 100, 'Not found'));
      return new Answer(200, { id: Number(id), localizedName: name, vanityName: name.toLowerCase() });
    },
    // https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api#initialize-image-upload
    'POST /rest/images': (request) => {
      requireVersioned(request);
      const query = readParams(request.query, ['action'], []);
      if (query.action !== 'initializeUpload') throw new Unexpected(`action=${query.action}`);
      const token = authenticate(request);
      const body = readJson(request);
      const init = body.initializeUploadRequest as Record<string, unknown> | undefined;
      if (!init || Object.keys(body).length !== 1) throw new Unexpected('body must be { initializeUploadRequest }');
      checkFields(init, ['owner'], []);
      const owner = init.owner as string;
      if (!canAct(token.sub, owner)) throw new Answer(403, restError(403, 100, `Not allowed to act as ${owner}`));
      const urn = `urn:li:image:D4E${randomBytes(8).toString('hex')}`;
      images.push({ urn, owner, data: undefined, mimeType: undefined });
      return new Answer(200, {
        value: {
          uploadUrlExpiresAt: Date.now() + 3_600_000,
          uploadUrl: `${url}/upload/${encodeURIComponent(urn)}`,
          image: urn,
        },
      });
    },
    'PUT /upload/:image': (request, [urn]) => {
      authenticate(request);
      const image = images.find((i) => i.urn === urn);
      if (!image) throw new Answer(404, restError(404, 100, 'Unknown upload'));
      if (!['image/jpeg', 'image/png', 'image/gif'].includes(request.contentType)) {
        throw new Answer(400, restError(400, 100, `Unsupported media type ${request.contentType}`));
      }
      image.data = request.body;
      image.mimeType = request.contentType;
      return new Answer(201, undefined);
    },
    // https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api#create-a-post
    'POST /rest/posts': (request) => {
      requireVersioned(request);
      readParams(request.query, [], []);
      const token = authenticate(request);
      const body = readJson(request);
      checkFields(
        body,
        ['author', 'commentary', 'visibility', 'distribution', 'lifecycleState'],
        ['content', 'isReshareDisabledByAuthor', 'contentLandingPage', 'contentCallToActionLabel'],
      );
      const author = body.author as string;
      requireScope(token, author.startsWith('urn:li:organization:') ? 'w_organization_social' : 'w_member_social');
      if (!canAct(token.sub, author)) throw new Answer(403, restError(403, 100, `Not allowed to post as ${author}`));
      if (body.lifecycleState !== 'PUBLISHED' || body.visibility !== 'PUBLIC') {
        throw new Unexpected('Rostra publishes PUBLIC, PUBLISHED posts');
      }
      const commentary = body.commentary as string;
      const text = readLittleText(commentary);
      if (text === undefined)
        throw new Answer(422, restError(422, 100, 'commentary has unescaped reserved characters'));
      if ([...text].length > 3000) throw new Answer(422, restError(422, 100, 'commentary is longer than 3000'));
      const content = body.content as Record<string, unknown> | undefined;
      if (content) checkContent(content, author);
      const urn = `urn:li:share:${nextId()}`;
      posts.push({ urn, author, commentary, text, content, body });
      return new Answer(201, undefined, { 'x-restli-id': urn });
    },
    // https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api#create-a-comment
    'POST /rest/socialActions/:urn/comments': (request, [target]) => {
      requireVersioned(request);
      readParams(request.query, [], []);
      const token = authenticate(request);
      const body = readJson(request);
      checkFields(body, ['actor', 'object', 'message'], ['parentComment', 'content']);
      const actor = body.actor as string;
      if (!canAct(token.sub, actor)) throw new Answer(403, restError(403, 100, `Not allowed to comment as ${actor}`));
      const object = body.object as string;
      if (!posts.some((p) => p.urn === object)) throw new Answer(404, restError(404, 100, `No post ${object}`));
      const parentComment = body.parentComment as string | undefined;
      if (parentComment !== undefined) {
        const parent = comments.find((c) => c.urn === parentComment);
        if (target !== parentComment || !parent || parent.object !== object) {
          throw new Answer(400, restError(400, 100, 'parentComment must be the path target and on the same object'));
        }
        if (parent.parentComment) throw new Answer(400, restError(400, 100, 'Comments nest one level deep'));
      } else if (target !== object) {
        throw new Answer(400, restError(400, 100, 'The path target must be the object'));
      }
      const message = body.message as Record<string, unknown>;
      checkFields(message, ['text'], ['attributes']);
      const text = readLittleText(message.text as string);
      if (text === undefined) throw new Answer(422, restError(422, 100, 'message has unescaped reserved characters'));
      const urn = `urn:li:comment:(${object},${nextId()})`;
      comments.push({ urn, actor, object, parentComment, text });
      return new Answer(
        201,
        { actor, object, message, commentUrn: urn, id: urn.slice(urn.lastIndexOf(',') + 1, -1) },
        {
          'x-restli-id': urn,
        },
      );
    },
  };

  function checkContent(content: Record<string, unknown>, author: string): void {
    const keys = Object.keys(content);
    if (keys.length !== 1) throw new Unexpected('content holds exactly one of media, multiImage, article');
    const attached = (id: unknown, alt: unknown) => {
      const image = images.find((i) => i.urn === id);
      if (!image?.data) throw new Answer(422, restError(422, 100, `Image ${String(id)} was not uploaded`));
      if (image.owner !== author) throw new Answer(422, restError(422, 100, 'The image owner is not the author'));
      if (alt !== undefined && (typeof alt !== 'string' || alt.length > 4086)) throw new Unexpected('altText');
    };
    if (content.media) {
      const media = content.media as Record<string, unknown>;
      checkFields(media, ['id'], ['altText', 'title']);
      attached(media.id, media.altText);
    } else if (content.multiImage) {
      const multi = content.multiImage as { images?: Record<string, unknown>[] };
      checkFields(multi as Record<string, unknown>, ['images'], []);
      if (!Array.isArray(multi.images) || multi.images.length < 2 || multi.images.length > 20) {
        throw new Answer(422, restError(422, 100, 'multiImage takes 2 to 20 images'));
      }
      for (const image of multi.images) {
        checkFields(image, ['id'], ['altText']);
        attached(image.id, image.altText);
      }
    } else if (content.article) {
      const article = content.article as Record<string, unknown>;
      checkFields(article, ['source', 'title'], ['description', 'thumbnail', 'thumbnailAltText']);
    } else {
      throw new Unexpected(`content.${keys[0]}`);
    }
  }

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const { method, target, path } = readTarget(incoming);
    const matched = matchRoute(method, target.pathname);
    requests.push({ method, path, route: matched?.route });
    const refuse = (reason: string) => http.refuse(outgoing, { method, path: target.pathname }, reason);
    if (!matched) return refuse('no such endpoint');
    const request: Incoming = {
      headers: incoming.headers,
      query: target.searchParams,
      body: await readBody(incoming),
      contentType: mediaTypeOf(incoming),
    };
    const failure = faults.takeFailure(matched.route);
    const answer =
      failure && !failure.afterActing
        ? toFailureAnswer(failure)
        : await runHandler(async () => {
            const acted = await handlers[matched.route](request, matched.params);
            return failure ? toFailureAnswer(failure) : acted;
          });
    if (answer instanceof Unexpected) return refuse(answer.message);
    sendAnswer(outgoing, answer);
  }

  const http = await startFakeHttpServer({
    unexpected,
    refusalBody: (reason) => ({ message: `Unexpected request: ${reason}` }),
    handle,
  });
  url = http.url;

  return {
    url,
    unexpected,
    requests,
    posts,
    comments,
    images,
    createMember(name, memberOrganizations = []) {
      const member = { sub: randomBytes(6).toString('base64url'), name };
      members.set(member.sub, member);
      for (const organization of memberOrganizations) {
        const urn = `urn:li:organization:${organization.id}`;
        organizations.set(urn, organization.name);
        roles.push({
          sub: member.sub,
          organization: urn,
          role: organization.role,
          state: organization.state ?? 'APPROVED',
        });
      }
      return member;
    },
    issueToken: (sub, scopes = ALL_SCOPES) => newToken(sub, scopes),
    signInAs(sub) {
      signedIn = sub;
    },
    expireToken(accessToken) {
      const token = tokens.get(accessToken);
      if (token) token.expired = true;
    },
    configure(next) {
      Object.assign(config, next);
    },
    failNext: (route, failure) => faults.failNext(route, failure),
    close: http.close,
  };
}

/** Undoes little-text escaping; undefined when a reserved character is left unescaped (LinkedIn cuts there). */
export function readLittleText(text: string): string | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === '\\') {
      const next = text[i + 1];
      if (next === undefined || !RESERVED.includes(next)) return undefined;
      out += next;
      i++;
    } else if (text.startsWith('{hashtag|\\#|', i)) {
      const end = text.indexOf('}', i);
      if (end < 0) return undefined;
      const tag = readLittleText(text.slice(i + '{hashtag|\\#|'.length, end));
      if (tag === undefined) return undefined;
      out += `#${tag}`;
      i = end;
    } else if (RESERVED.includes(char)) {
      return undefined;
    } else {
      out += char;
    }
  }
  return out;
}

interface Incoming {
  headers: IncomingMessage['headers'];
  query: URLSearchParams;
  body: Buffer;
  contentType: string;
}

function restError(status: number, serviceErrorCode: number, message: string) {
  return { status, serviceErrorCode, code: status === 401 ? 'INVALID_ACCESS_TOKEN' : 'ERROR', message };
}

function toFailureAnswer(failure: FakeLinkedInFailure): Answer {
  return toInjectedAnswer(failure, (status) => new Answer(status, restError(status, 0, `Injected ${status}`)));
}

const ROUTES: { route: FakeLinkedInRoute; method: string; pattern: RegExp }[] = [
  { route: 'GET /oauth/v2/authorization', method: 'GET', pattern: /^\/oauth\/v2\/authorization$/ },
  { route: 'POST /oauth/v2/accessToken', method: 'POST', pattern: /^\/oauth\/v2\/accessToken$/ },
  { route: 'GET /v2/userinfo', method: 'GET', pattern: /^\/v2\/userinfo$/ },
  { route: 'GET /rest/organizationAcls', method: 'GET', pattern: /^\/rest\/organizationAcls$/ },
  { route: 'GET /rest/organizations/:id', method: 'GET', pattern: /^\/rest\/organizations\/(\d+)$/ },
  { route: 'POST /rest/images', method: 'POST', pattern: /^\/rest\/images$/ },
  { route: 'PUT /upload/:image', method: 'PUT', pattern: /^\/upload\/([^/]+)$/ },
  { route: 'POST /rest/posts', method: 'POST', pattern: /^\/rest\/posts$/ },
  {
    route: 'POST /rest/socialActions/:urn/comments',
    method: 'POST',
    pattern: /^\/rest\/socialActions\/([^/]+)\/comments$/,
  },
];

function matchRoute(method: string, path: string): { route: FakeLinkedInRoute; params: string[] } | undefined {
  for (const entry of ROUTES) {
    const match = entry.method === method ? entry.pattern.exec(path) : null;
    if (match) return { route: entry.route, params: match.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return undefined;
}

function readJson(request: Incoming): Record<string, unknown> {
  if (request.contentType !== 'application/json') throw new Unexpected('body is not JSON');
  try {
    const body = JSON.parse(request.body.toString('utf8')) as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Unexpected('body is not an object');
    return body as Record<string, unknown>;
  } catch (error) {
    if (error instanceof Unexpected) throw error;
    throw new Unexpected('body is not JSON');
  }
}

function checkFields(body: Record<string, unknown>, required: string[], optional: string[]): void {
  for (const key of Object.keys(body)) {
    if (!required.includes(key) && !optional.includes(key)) throw new Unexpected(`unknown field ${key}`);
  }
  for (const key of required) if (body[key] === undefined) throw new Unexpected(`missing field ${key}`);
}
