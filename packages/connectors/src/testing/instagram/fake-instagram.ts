// A fake Instagram for tests: a real HTTP server on 127.0.0.1 serving the authorisation window
// (www.instagram.com), the token endpoint (api.instagram.com) and the Instagram API with Instagram Login
// (graph.instagram.com) at one pinned version, written from Meta's documentation:
// - Business Login: https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login
// - Long-lived tokens: https://developers.facebook.com/docs/instagram-platform/reference/access_token
//   and https://developers.facebook.com/docs/instagram-platform/reference/refresh_access_token
// - Content publishing: https://developers.facebook.com/docs/instagram-platform/content-publishing/
// - Containers: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media
//   and https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-container
// - media_publish: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media_publish
// - Publishing limit: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/content_publishing_limit
// - Comments: https://developers.facebook.com/docs/instagram-platform/comment-moderation
// - Errors: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/error-codes
// Like Instagram it downloads each image_url / video_url ("we cURL media used in publishing attempts").
// Documented failures get Graph error objects; anything else — another version, an unknown endpoint or
// parameter — gets a 500 also recorded in `unexpected`, so a test can assert that list is empty.
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

export type FakeInstagramRoute =
  | 'GET /oauth/authorize'
  | 'POST /oauth/access_token'
  | 'GET /access_token'
  | 'GET /refresh_access_token'
  | 'GET /me'
  | 'GET /:user/content_publishing_limit'
  | 'POST /:user/media'
  | 'GET /:object'
  | 'POST /:user/media_publish'
  | 'POST /:media/comments'
  | 'POST /:comment/replies';

export interface FakeInstagramFailure extends GraphFailure {
  /** Act first (publish, comment), then answer the failure. */
  afterActing?: boolean;
}

export interface FakeInstagramOptions {
  appId: string;
  appSecret: string;
  version: string;
  /** Status polls answered IN_PROGRESS before a container is FINISHED: images, and videos (transcoded). */
  imagePolls: number;
  videoPolls: number;
  /** The daily publishing limit content_publishing_limit reports and media_publish enforces. */
  quotaTotal: number;
}

export interface FakeInstagramItem {
  kind: 'image' | 'video';
  alt: string | undefined;
  mimeType: string;
  bytes: number;
}

export interface FakeInstagramMedia {
  id: string;
  userId: string;
  /** IMAGE, REELS or CAROUSEL_ALBUM, as the media's `media_type`/`media_product_type` would say. */
  type: 'IMAGE' | 'REELS' | 'CAROUSEL_ALBUM';
  caption: string;
  items: FakeInstagramItem[];
  permalink: string;
  publishedAt: number;
}

export interface FakeInstagramComment {
  id: string;
  mediaId: string;
  /** The top comment it answers, for a reply. */
  parentId: string | undefined;
  userId: string;
  text: string;
}

export interface FakeInstagramContainer {
  id: string;
  userId: string;
  params: Record<string, string>;
  items: FakeInstagramItem[];
  carouselItem: boolean;
  pollsLeft: number;
  status: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'PUBLISHED' | 'EXPIRED';
  /** For ERROR: "Error: <subcode>". */
  error: string;
}

type TokenKind = 'short' | 'long';

export interface FakeInstagram {
  readonly url: string;
  readonly unexpected: UnexpectedRequest[];
  readonly requests: { method: string; path: string; route: FakeInstagramRoute | undefined }[];
  readonly media: FakeInstagramMedia[];
  readonly comments: FakeInstagramComment[];
  readonly containers: FakeInstagramContainer[];
  /** A professional account (Business or Creator). */
  createAccount(username: string): { userId: string };
  /** A long-lived token for the account, as after Business Login and the exchange. */
  issueToken(userId: string): string;
  tokenKind(token: string): TokenKind | undefined;
  signInAs(userId: string | undefined): void;
  revokeToken(token: string): void;
  /** Moves the fake's clock (token ages and expiries, the 24-hour publishing window). */
  advance(ms: number): void;
  /** Counts `count` publications for the account now, as if made elsewhere (the limit counts every app). */
  spendQuota(userId: string, count: number): void;
  /** The next container created for the account ends in ERROR with this subcode. */
  failNextContainer(subcode: number): void;
  configure(options: Partial<FakeInstagramOptions>): void;
  failNext(route: FakeInstagramRoute, failure: FakeInstagramFailure, times?: number): void;
  close(): Promise<void>;
}

interface Token {
  kind: TokenKind;
  userId: string;
  issuedAt: number;
  expiresAt: number;
  revoked: boolean;
}

const SCOPES = [
  'instagram_business_basic',
  'instagram_business_content_publish',
  'instagram_business_manage_comments',
  'instagram_business_manage_messages',
];
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export async function startFakeInstagram(options: Partial<FakeInstagramOptions> = {}): Promise<FakeInstagram> {
  const config: FakeInstagramOptions = {
    appId: '990602627938098',
    appSecret: 'instagram-app-secret',
    version: 'v23.0',
    imagePolls: 0,
    videoPolls: 2,
    quotaTotal: 50,
    ...options,
  };
  const unexpected: UnexpectedRequest[] = [];
  const requests: FakeInstagram['requests'] = [];
  const media: FakeInstagramMedia[] = [];
  const comments: FakeInstagramComment[] = [];
  const containers: FakeInstagramContainer[] = [];
  const accounts = new Map<string, { username: string; publications: number[] }>();
  const tokens = new Map<string, Token>();
  const codes = new Map<string, { userId: string; redirectUri: string }>();
  const faults = createFailureInjection<FakeInstagramRoute, FakeInstagramFailure>();
  const containerFailures: number[] = [];
  let signedIn: string | undefined;
  let clockOffset = 0;
  const now = () => Date.now() + clockOffset;
  let serial = 17_841_400_000_000_000n;
  const nextId = () => String(++serial);

  const newToken = (kind: TokenKind, userId: string) => {
    const value = `IG${randomBytes(24).toString('base64url')}`;
    tokens.set(value, {
      kind,
      userId,
      issuedAt: now(),
      expiresAt: now() + (kind === 'short' ? HOUR : 60 * DAY),
      revoked: false,
    });
    return value;
  };

  /** Error 190: "Invalid OAuth access token" (expired, revoked or unknown). */
  function authenticate(token: string | undefined): Token {
    const held = token ? tokens.get(token) : undefined;
    if (!held || held.revoked || held.expiresAt <= now()) {
      throw graphError(400, {
        message: 'Invalid OAuth access token - Cannot parse access token',
        type: 'OAuthException',
        code: 190,
      });
    }
    return held;
  }

  function asAccount(token: string | undefined, userId: string): Token {
    const held = authenticate(token);
    if (held.userId !== userId) {
      throw graphError(400, {
        message: `Unsupported request. Object with ID '${userId}' does not exist or cannot be loaded due to missing permissions`,
        type: 'GraphMethodException',
        code: 100,
        error_subcode: 33,
      });
    }
    return held;
  }

  const publishedInWindow = (userId: string) =>
    (accounts.get(userId)?.publications ?? []).filter((at) => at > now() - DAY).length;

  const handlers: Record<FakeInstagramRoute, (request: Incoming, params: string[]) => Promise<Answer> | Answer> = {
    // Business Login, step 1: the authorisation window sends the person back with ?code=…#_
    'GET /oauth/authorize': (request) => {
      const query = readParams(
        request.query,
        ['client_id', 'redirect_uri', 'response_type', 'scope'],
        ['state', 'enable_fb_login', 'force_reauth'],
      );
      if (query.client_id !== config.appId) throw new Unexpected('unknown client_id');
      if (query.response_type !== 'code') throw new Unexpected('response_type must be code');
      for (const scope of query.scope.split(',')) if (!SCOPES.includes(scope)) throw new Unexpected(`scope ${scope}`);
      if (!signedIn) throw new Unexpected('nobody signed in to approve');
      const code = `AQ${randomBytes(20).toString('base64url')}`;
      codes.set(code, { userId: signedIn, redirectUri: query.redirect_uri });
      const back = new URL(query.redirect_uri);
      back.searchParams.set('code', code);
      if (query.state !== undefined) back.searchParams.set('state', query.state);
      back.hash = '_';
      return new Answer(302, undefined, { location: back.toString() });
    },
    // Business Login, step 2: POST form (client_id, client_secret, grant_type, redirect_uri, code) → the
    // short-lived token, the Instagram-scoped user id (a number) and the permissions granted, inside `data`.
    'POST /oauth/access_token': (request) => {
      const form = readGraphForm(request);
      const body = readParams(form, ['client_id', 'client_secret', 'grant_type', 'redirect_uri', 'code'], []);
      if (body.client_id !== config.appId || body.client_secret !== config.appSecret) {
        return new Answer(400, { error_type: 'OAuthException', code: 400, error_message: 'Invalid client_secret' });
      }
      if (body.grant_type !== 'authorization_code') throw new Unexpected('grant_type must be authorization_code');
      const code = codes.get(body.code);
      codes.delete(body.code);
      if (!code || code.redirectUri !== body.redirect_uri) {
        return new Answer(400, {
          error_type: 'OAuthException',
          code: 400,
          error_message: 'This authorization code has been used',
        });
      }
      const token = newToken('short', code.userId);
      // A raw number, as Instagram sends it (larger than 2^53: clients must not rely on it).
      const raw = `{"data":[{"access_token":${JSON.stringify(token)},"user_id":${code.userId},"permissions":"${SCOPES.slice(0, 3).join(',')}"}]}`;
      return new Answer(200, undefined, { 'content-type': 'application/json' }, raw);
    },
    'GET /access_token': (request) => {
      const query = readParams(request.query, ['grant_type', 'client_secret', 'access_token'], []);
      if (query.grant_type !== 'ig_exchange_token') throw new Unexpected('grant_type must be ig_exchange_token');
      if (query.client_secret !== config.appSecret) {
        throw graphError(400, { message: 'Error validating client secret.', type: 'OAuthException', code: 101 });
      }
      const held = authenticate(query.access_token);
      if (held.kind !== 'short') throw new Unexpected('ig_exchange_token takes a short-lived token');
      const token = newToken('long', held.userId);
      return new Answer(200, { access_token: token, token_type: 'bearer', expires_in: 5_183_944 });
    },
    // "Refresh a long-lived access token that is at least 24 hours old but has not expired."
    'GET /refresh_access_token': (request) => {
      const query = readParams(request.query, ['grant_type', 'access_token'], []);
      if (query.grant_type !== 'ig_refresh_token') throw new Unexpected('grant_type must be ig_refresh_token');
      const held = authenticate(query.access_token);
      if (held.kind !== 'long') throw new Unexpected('ig_refresh_token takes a long-lived token');
      if (held.issuedAt > now() - DAY) {
        throw graphError(400, {
          message: 'The access token is not old enough to be refreshed',
          type: 'OAuthException',
          code: 100,
        });
      }
      held.revoked = true;
      const token = newToken('long', held.userId);
      return new Answer(200, { access_token: token, token_type: 'bearer', expires_in: 5_183_944 });
    },
    'GET /me': (request) => {
      const query = readParams(request.query, ['access_token'], ['fields']);
      const held = authenticate(query.access_token);
      const fields = (query.fields ?? 'id').split(',');
      const account = accounts.get(held.userId)!;
      const entry: Record<string, unknown> = { id: `app-scoped-${held.userId}` };
      for (const field of fields) {
        if (field === 'user_id') entry.user_id = held.userId;
        else if (field === 'username') entry.username = account.username;
        else if (field !== 'id') throw new Unexpected(`field ${field}`);
      }
      return new Answer(200, entry);
    },
    'GET /:user/content_publishing_limit': (request, [userId]) => {
      const query = readParams(request.query, ['access_token'], ['fields', 'since']);
      asAccount(query.access_token, userId!);
      const fields = (query.fields ?? 'quota_usage').split(',');
      const entry: Record<string, unknown> = {};
      for (const field of fields) {
        if (field === 'quota_usage') entry.quota_usage = publishedInWindow(userId!);
        else if (field === 'config') entry.config = { quota_total: config.quotaTotal, quota_duration: 86_400 };
        else throw new Unexpected(`field ${field}`);
      }
      return new Answer(200, { data: [entry] });
    },
    'POST /:user/media': async (request, [userId]) => {
      const form = Object.fromEntries(readGraphForm(request));
      const known = [
        'image_url',
        'video_url',
        'media_type',
        'is_carousel_item',
        'caption',
        'alt_text',
        'children',
        'access_token',
      ];
      for (const key of Object.keys(form)) if (!known.includes(key)) throw new Unexpected(`media field ${key}`);
      asAccount(form.access_token, userId!);
      const { access_token: _token, ...params } = form;
      const carouselItem = params.is_carousel_item === 'true';
      if (params.is_carousel_item !== undefined && !carouselItem)
        throw new Unexpected('is_carousel_item is true or absent');
      const container: FakeInstagramContainer = {
        id: nextId(),
        userId: userId!,
        params,
        items: [],
        carouselItem,
        pollsLeft: 0,
        status: 'IN_PROGRESS',
        error: '',
      };
      if (params.media_type === 'CAROUSEL') fillCarousel(container, containers, config.imagePolls);
      else if (params.media_type === 'REELS' || params.media_type === 'VIDEO')
        await fillVideo(container, config.videoPolls);
      else if (params.media_type === undefined) await fillImage(container, config.imagePolls);
      else throw new Unexpected(`media_type ${params.media_type}`);
      if ([...(params.caption ?? '')].length > 2200) {
        throw graphError(400, {
          message: 'The caption is too long.',
          type: 'OAuthException',
          code: 100,
          error_subcode: 2207010,
        });
      }
      const failure = containerFailures.shift();
      if (failure !== undefined) {
        container.status = 'ERROR';
        container.error = `Error: ${failure}`;
      } else if (container.pollsLeft === 0) {
        container.status = 'FINISHED';
      }
      containers.push(container);
      return new Answer(200, { id: container.id });
    },
    'GET /:object': (request, [id]) => {
      const query = readParams(request.query, ['access_token'], ['fields']);
      const fields = (query.fields ?? 'id').split(',');
      const container = containers.find((c) => c.id === id);
      if (container) {
        asAccount(query.access_token, container.userId);
        if (container.status === 'IN_PROGRESS') {
          container.pollsLeft -= 1;
          if (container.pollsLeft < 0) container.status = 'FINISHED';
        }
        const entry: Record<string, unknown> = { id };
        for (const field of fields) {
          if (field === 'status_code') entry.status_code = container.status;
          else if (field === 'status')
            entry.status =
              container.status === 'ERROR'
                ? container.error
                : container.status === 'FINISHED'
                  ? 'Finished: Media has been uploaded and it is ready to be published.'
                  : container.status;
          else if (field !== 'id') throw new Unexpected(`container field ${field}`);
        }
        return new Answer(200, entry);
      }
      const published = media.find((m) => m.id === id);
      if (!published) throw new Unexpected(`GET of unknown object ${id}`);
      asAccount(query.access_token, published.userId);
      const entry: Record<string, unknown> = { id };
      for (const field of fields) {
        if (field === 'permalink') entry.permalink = published.permalink;
        else if (field === 'caption') entry.caption = published.caption;
        else if (field !== 'id') throw new Unexpected(`media field ${field}`);
      }
      return new Answer(200, entry);
    },
    'POST /:user/media_publish': (request, [userId]) => {
      const form = Object.fromEntries(readGraphForm(request));
      for (const key of Object.keys(form))
        if (!['creation_id', 'access_token'].includes(key)) throw new Unexpected(`publish field ${key}`);
      asAccount(form.access_token, userId!);
      const container = containers.find((c) => c.id === form.creation_id && c.userId === userId);
      if (!container)
        throw graphError(400, {
          message: 'Media builder not found',
          type: 'OAuthException',
          code: 24,
          error_subcode: 2207008,
        });
      if (container.carouselItem) throw new Unexpected('a carousel item is published through its carousel');
      if (container.status !== 'FINISHED') {
        // Publishing before FINISHED: "The media is not ready for publishing, please wait for a moment".
        throw graphError(400, {
          message: 'Media ID is not available',
          type: 'OAuthException',
          code: 9007,
          error_subcode: 2207027,
        });
      }
      if (publishedInWindow(userId!) >= config.quotaTotal) {
        throw graphError(400, {
          message: 'Application request limit reached',
          type: 'OAuthException',
          code: 9,
          error_subcode: 2207042,
        });
      }
      container.status = 'PUBLISHED';
      const account = accounts.get(userId!)!;
      account.publications.push(now());
      const id = nextId();
      const type =
        container.params.media_type === 'CAROUSEL'
          ? 'CAROUSEL_ALBUM'
          : container.params.media_type === 'REELS'
            ? 'REELS'
            : 'IMAGE';
      const shortcode = randomBytes(8).toString('base64url');
      media.push({
        id,
        userId: userId!,
        type,
        caption: container.params.caption ?? '',
        items: container.items,
        permalink: `https://www.instagram.com/${type === 'REELS' ? 'reel' : 'p'}/${shortcode}/`,
        publishedAt: now(),
      });
      return new Answer(200, { id });
    },
    'POST /:media/comments': (request, [mediaId]) => {
      const form = Object.fromEntries(readGraphForm(request));
      for (const key of Object.keys(form))
        if (!['message', 'access_token'].includes(key)) throw new Unexpected(`comment field ${key}`);
      const target = media.find((m) => m.id === mediaId);
      if (!target) throw new Unexpected(`comment on unknown media ${mediaId}`);
      const held = asAccount(form.access_token, target.userId);
      if (!form.message)
        throw graphError(400, {
          message: '(#100) The parameter message is required',
          type: 'OAuthException',
          code: 100,
        });
      const id = nextId();
      comments.push({ id, mediaId: target.id, parentId: undefined, userId: held.userId, text: form.message });
      return new Answer(200, { id });
    },
    'POST /:comment/replies': (request, [commentId]) => {
      const form = Object.fromEntries(readGraphForm(request));
      for (const key of Object.keys(form))
        if (!['message', 'access_token'].includes(key)) throw new Unexpected(`reply field ${key}`);
      const parent = comments.find((c) => c.id === commentId);
      if (!parent) throw new Unexpected(`reply to unknown comment ${commentId}`);
      if (parent.parentId)
        throw graphError(400, { message: 'Replies nest one level deep', type: 'OAuthException', code: 100 });
      const owner = media.find((m) => m.id === parent.mediaId)!;
      const held = asAccount(form.access_token, owner.userId);
      if (!form.message)
        throw graphError(400, {
          message: '(#100) The parameter message is required',
          type: 'OAuthException',
          code: 100,
        });
      const id = nextId();
      comments.push({ id, mediaId: parent.mediaId, parentId: parent.id, userId: held.userId, text: form.message });
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

  return {
    url: http.url,
    unexpected,
    requests,
    media,
    comments,
    containers,
    createAccount(username) {
      const userId = nextId();
      accounts.set(userId, { username, publications: [] });
      return { userId };
    },
    issueToken: (userId) => newToken('long', userId),
    tokenKind: (token) => tokens.get(token)?.kind,
    signInAs(userId) {
      signedIn = userId;
    },
    revokeToken(token) {
      const held = tokens.get(token);
      if (held) held.revoked = true;
    },
    advance(ms) {
      clockOffset += ms;
    },
    spendQuota(userId, count) {
      for (let i = 0; i < count; i += 1) accounts.get(userId)?.publications.push(now());
    },
    failNextContainer(subcode) {
      containerFailures.push(subcode);
    },
    configure(next) {
      Object.assign(config, next);
    },
    failNext: (route, failure, times) => faults.failNext(route, failure, times),
    close: () => http.close(),
  };
}

/** Instagram downloads the file: it must answer 200 with a JPEG (images) or an MP4/MOV (videos). */
async function download(url: string, kind: 'image' | 'video'): Promise<{ mimeType: string; bytes: number }> {
  const refused = graphError(400, {
    message: 'Media download has failed.: The media could not be fetched from this uri: ' + url,
    type: 'OAuthException',
    code: 9004,
    error_subcode: 2207052,
  });
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    throw new Unexpected(`${kind === 'image' ? 'image_url' : 'video_url'} is not a URL`);
  }
  let response: Response;
  try {
    response = await fetch(target, { signal: AbortSignal.timeout(5000) });
  } catch {
    throw refused;
  }
  if (!response.ok) throw refused;
  const data = new Uint8Array(await response.arrayBuffer());
  if (kind === 'image') {
    // "JPEG is the only image format supported."
    const jpeg = data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff;
    if (!jpeg) {
      throw graphError(400, {
        message: 'Only photo or video can be accepted as media type.',
        type: 'OAuthException',
        code: 9004,
        error_subcode: 2207026,
      });
    }
    if (data.byteLength > 8 * 1024 * 1024) {
      throw graphError(400, {
        message: 'The image size is too large.',
        type: 'OAuthException',
        code: 36000,
        error_subcode: 2207004,
      });
    }
    return { mimeType: 'image/jpeg', bytes: data.byteLength };
  }
  const ftyp = Buffer.from(data.subarray(4, 8)).toString('latin1') === 'ftyp';
  if (!ftyp) {
    throw graphError(400, {
      message: 'The video format is not supported.',
      type: 'OAuthException',
      code: 352,
      error_subcode: 2207026,
    });
  }
  return { mimeType: 'video/mp4', bytes: data.byteLength };
}

/** A carousel container takes 2 to 10 FINISHED carousel items of the same account, and a caption. */
function fillCarousel(container: FakeInstagramContainer, containers: FakeInstagramContainer[], polls: number): void {
  const { params, carouselItem } = container;
  if (params.image_url || params.video_url || params.alt_text || carouselItem) {
    throw new Unexpected('a carousel takes children and a caption only');
  }
  const children = (params.children ?? '').split(',').filter((id) => id !== '');
  if (children.length < 2 || children.length > 10) {
    throw graphError(400, {
      message: 'The carousel should have between 2 and 10 items.',
      type: 'OAuthException',
      code: 100,
      error_subcode: 2207028,
    });
  }
  for (const childId of children) {
    const child = containers.find((c) => c.id === childId);
    if (!child || child.userId !== container.userId || !child.carouselItem) {
      throw graphError(400, { message: `Invalid children ${childId}`, type: 'OAuthException', code: 100 });
    }
    if (child.status !== 'FINISHED') {
      throw graphError(400, {
        message: 'Media ID is not available',
        type: 'OAuthException',
        code: 9007,
        error_subcode: 2207027,
      });
    }
    container.items.push(...child.items);
  }
  container.pollsLeft = polls;
}

/** A Reel, or a video inside a carousel (VIDEO): downloaded, then transcoded over `videoPolls` polls. */
async function fillVideo(container: FakeInstagramContainer, polls: number): Promise<void> {
  const { params, carouselItem } = container;
  if (params.image_url || params.children || params.alt_text)
    throw new Unexpected('alt_text, image_url or children on a video');
  if (params.media_type === 'VIDEO' && !carouselItem) throw new Unexpected('single videos are REELS since July 2023');
  if (params.media_type === 'REELS' && carouselItem) throw new Unexpected('a carousel video is VIDEO');
  if (carouselItem && params.caption !== undefined) throw new Unexpected('carousel items take no caption');
  const file = await download(params.video_url ?? '', 'video');
  container.items.push({ kind: 'video', alt: undefined, ...file });
  container.pollsLeft = polls;
}

/** An image (no media_type): image_url, downloaded, with its alt_text. */
async function fillImage(container: FakeInstagramContainer, polls: number): Promise<void> {
  const { params, carouselItem } = container;
  if (!params.image_url || params.video_url || params.children)
    throw new Unexpected('an image container takes image_url');
  if (carouselItem && params.caption !== undefined) throw new Unexpected('carousel items take no caption');
  const file = await download(params.image_url, 'image');
  container.items.push({ kind: 'image', alt: params.alt_text, ...file });
  container.pollsLeft = polls;
}

interface Incoming {
  query: URLSearchParams;
  body: Buffer;
  contentType: string;
}

/** Routes without a version (authorisation, tokens) and Graph routes under /<version>/. */
const ROUTES: { route: FakeInstagramRoute; method: string; pattern: string; versioned: boolean }[] = [
  { route: 'GET /oauth/authorize', method: 'GET', pattern: '/oauth/authorize', versioned: false },
  { route: 'POST /oauth/access_token', method: 'POST', pattern: '/oauth/access_token', versioned: false },
  { route: 'GET /access_token', method: 'GET', pattern: '/access_token', versioned: false },
  { route: 'GET /refresh_access_token', method: 'GET', pattern: '/refresh_access_token', versioned: false },
  { route: 'GET /me', method: 'GET', pattern: '/me', versioned: true },
  {
    route: 'GET /:user/content_publishing_limit',
    method: 'GET',
    pattern: '/(\\d+)/content_publishing_limit',
    versioned: true,
  },
  { route: 'POST /:user/media', method: 'POST', pattern: '/(\\d+)/media', versioned: true },
  { route: 'POST /:user/media_publish', method: 'POST', pattern: '/(\\d+)/media_publish', versioned: true },
  { route: 'POST /:media/comments', method: 'POST', pattern: '/(\\d+)/comments', versioned: true },
  { route: 'POST /:comment/replies', method: 'POST', pattern: '/(\\d+)/replies', versioned: true },
  { route: 'GET /:object', method: 'GET', pattern: '/(\\d+)', versioned: true },
];

function matchRoute(
  method: string,
  path: string,
  version: string,
): { route: FakeInstagramRoute; params: string[] } | undefined {
  for (const entry of ROUTES) {
    if (entry.method !== method) continue;
    const prefix = entry.versioned ? `/${version.replace('.', '\\.')}` : '';
    const match = new RegExp(`^${prefix}${entry.pattern}$`).exec(path);
    if (match) return { route: entry.route, params: match.slice(1) };
  }
  return undefined;
}

/**
 * Where the tests put media for the fake to download, as Rostra's server serves them to Instagram: each file at
 * an unguessable address, with its own Content-Type.
 */
export interface FakeMediaHost {
  readonly url: string;
  put(data: Uint8Array, mimeType: string): string;
  close(): Promise<void>;
}

export async function startFakeMediaHost(): Promise<FakeMediaHost> {
  const files = new Map<string, { data: Uint8Array; mimeType: string }>();
  const unexpected: UnexpectedRequest[] = [];
  const http = await startFakeHttpServer({
    unexpected,
    refusalBody: (reason) => reason,
    handle(incoming, outgoing) {
      const { target } = readTarget(incoming);
      const file = files.get(target.pathname);
      if (!file || incoming.method !== 'GET') {
        outgoing.writeHead(404).end();
        return;
      }
      outgoing.writeHead(200, { 'content-type': file.mimeType, 'content-length': String(file.data.byteLength) });
      outgoing.end(Buffer.from(file.data));
    },
  });
  return {
    url: http.url,
    put(data, mimeType) {
      const path = `/media/${randomBytes(12).toString('base64url')}`;
      files.set(path, { data, mimeType });
      return `${http.url}${path}`;
    },
    close: () => http.close(),
  };
}
