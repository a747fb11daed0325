// A fake X API v2 for tests and benchmarks: a real HTTP server on 127.0.0.1 implementing the endpoints Rostra's
// connector calls (and the read endpoint tests check them with), written from https://docs.x.com/ (each handler
// links its page). It answers documented failures the documented way (problem JSON with title, detail, type and
// status; OAuth errors; 429 with x-rate-limit-* headers), and refuses anything else — an unknown endpoint, a wrong
// method or content type, a missing or unknown parameter — with a 500 that it also records in `unexpected`, so a
// test can assert that list is empty.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import twitterText from 'twitter-text';
import {
  Answer,
  Unexpected,
  boundaryOf,
  createFailureInjection,
  toInjectedAnswer,
  type InjectedFailure,
  createRouter,
  headerOf,
  mediaTypeOf,
  parseMultipart,
  readBody,
  readTarget,
  runHandler,
  sendAnswer,
  startFakeHttpServer,
  type LostAnswer,
  type UnexpectedRequest,
} from '../fake-http.js';

export type FakeXRoute =
  | 'GET /i/oauth2/authorize'
  | 'POST /2/oauth2/token'
  | 'GET /2/users/me'
  | 'POST /2/media/upload'
  | 'GET /2/media/upload'
  | 'POST /2/media/upload/initialize'
  | 'POST /2/media/upload/:id/append'
  | 'POST /2/media/upload/:id/finalize'
  | 'POST /2/media/metadata'
  | 'POST /2/tweets'
  | 'GET /2/users/:id/tweets';

const ROUTE_LIST: FakeXRoute[] = [
  'GET /i/oauth2/authorize',
  'POST /2/oauth2/token',
  'GET /2/users/me',
  'POST /2/media/upload',
  'GET /2/media/upload',
  'POST /2/media/upload/initialize',
  'POST /2/media/upload/:id/append',
  'POST /2/media/upload/:id/finalize',
  'POST /2/media/metadata',
  'POST /2/tweets',
  'GET /2/users/:id/tweets',
];

export interface FakeXOptions {
  /** The app's OAuth 2.0 Client ID. Default "rostra-test-client". */
  clientId: string;
  /** Set: a confidential client, which must authenticate with HTTP Basic. Undefined: a public client. */
  clientSecret: string | undefined;
  /** The callback URLs registered in the developer console; any other is refused. */
  redirectUris: string[];
  /** Lifetime of access tokens. Default 7200 s ("two hours"). */
  accessTokenTtlSecs: number;
  /** STATUS answers in_progress this many times before succeeded, for GIFs and videos. Default 2. */
  processingPolls: number;
  /** How processing of GIFs and videos ends. Default succeeded. */
  processingOutcome: 'succeeded' | 'failed';
  /** Requests per 15-minute window, per user and endpoint. Defaults from the rate-limit table. */
  rateLimits: Partial<Record<FakeXRoute, number>>;
}

export const DEFAULT_FAKE_X_OPTIONS: FakeXOptions = {
  clientId: 'rostra-test-client',
  clientSecret: undefined,
  redirectUris: ['https://rostra.example/api/channels/oauth/callback'],
  accessTokenTtlSecs: 7200,
  processingPolls: 2,
  processingOutcome: 'succeeded',
  rateLimits: {},
};

// https://docs.x.com/x-api/fundamentals/rate-limits (per user, per 15 minutes)
const DEFAULT_RATE_LIMITS: Partial<Record<FakeXRoute, number>> = {
  'GET /2/users/me': 75,
  'POST /2/tweets': 100,
  'GET /2/users/:id/tweets': 900,
  'POST /2/media/upload': 500,
  'POST /2/media/upload/initialize': 500,
  'POST /2/media/upload/:id/append': 500,
  'POST /2/media/upload/:id/finalize': 500,
  'GET /2/media/upload': 500,
  'POST /2/media/metadata': 500,
};
const WINDOW_MS = 15 * 60_000;
const CODE_TTL_MS = 30_000; // "the authorization code … is valid for 30 seconds"
const MAX_BODY_BYTES = 64 * 1024 * 1024;
const KNOWN_SCOPES = new Set([
  'tweet.read',
  'tweet.write',
  'tweet.moderate.write',
  'users.read',
  'follows.read',
  'follows.write',
  'offline.access',
  'space.read',
  'mute.read',
  'mute.write',
  'like.read',
  'like.write',
  'list.read',
  'list.write',
  'block.read',
  'block.write',
  'bookmark.read',
  'bookmark.write',
  'media.write',
]);
// https://docs.x.com/x-api/media/quickstart/best-practices
const SIZE_LIMITS: Record<string, number> = {
  tweet_image: 5 * 1024 * 1024,
  tweet_gif: 15 * 1024 * 1024,
  tweet_video: 512 * 1024 * 1024,
  amplify_video: 512 * 1024 * 1024,
};
// The media_type enums of POST /2/media/upload and POST /2/media/upload/initialize.
const SIMPLE_TYPES = ['image/jpeg', 'image/bmp', 'image/png', 'image/webp', 'image/pjpeg', 'image/tiff'];
const CHUNKED_TYPES = [...SIMPLE_TYPES, 'image/gif', 'video/mp4', 'video/webm', 'video/mp2t', 'video/quicktime'];

/** An answer given instead of the real one, before the fake acts. Without `body`, X's own for the status. */
export type FakeXFailure = InjectedFailure;

/** How an answer gets lost after the fake acted: never sent, connection reset, or 201 with unreadable JSON. */
export type FakeXLostAnswer = LostAnswer;

export interface FakeXAccount {
  id: string;
  username: string;
  name: string;
}

export interface FakeXTweet {
  id: string;
  accountId: string;
  /** The text as posted (the API answers it with links wrapped in t.co). */
  text: string;
  inReplyToId: string | null;
  /** The id of the thread's first post. */
  conversationId: string;
  mediaIds: string[];
  replySettings: string;
}

export interface FakeXMedia {
  id: string;
  accountId: string;
  mimeType: string;
  category: string;
  totalBytes: number;
  segments: Map<number, Buffer>;
  /** uploading: INIT done, awaiting FINALIZE; processing: STATUS says in_progress; ready: attachable. */
  state: 'uploading' | 'processing' | 'ready' | 'failed';
  pollsLeft: number;
  altText: string | null;
  tweetId: string | null;
}

export type FakeXUnexpected = UnexpectedRequest;

export interface FakeXRequest {
  method: string;
  /** Path and query string. */
  path: string;
  route: FakeXRoute | undefined;
}

export interface FakeXTokens {
  accessToken: string;
  refreshToken: string;
}

export interface FakeX {
  /** `http://127.0.0.1:<port>`: the API base URL and the upload base URL. */
  readonly url: string;
  /** `<url>/i/oauth2/authorize`, standing for https://x.com/i/oauth2/authorize. */
  readonly authorizeUrl: string;
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  /** Requests the fake refused as no correct client would send them. Assert it is empty after each test. */
  readonly unexpected: FakeXUnexpected[];
  readonly requests: FakeXRequest[];
  readonly tweets: FakeXTweet[];
  readonly media: FakeXMedia[];
  /** An account and tokens for it, as if it had authorised the app with `scopes` (default: all Rostra asks). */
  createAccount(username: string, options?: { scopes?: string }): { account: FakeXAccount } & FakeXTokens;
  /** Who approves at GET /i/oauth2/authorize (the fake approves at once, as if they clicked "Authorize app"). */
  signInAs(username: string | undefined): void;
  /** The access token stops working, as two hours later. */
  expireAccessToken(accessToken: string): void;
  configure(options: Partial<FakeXOptions>): void;
  /** The next request to `route` gets `failure`, and the fake does nothing else. Queued per route. */
  failNext(route: FakeXRoute, failure: FakeXFailure): void;
  /** The fake handles the next request to `route`, then its answer is lost. Queued per route. */
  dropNextResponse(route: FakeXRoute, how?: FakeXLostAnswer): void;
  close(): Promise<void>;
}

const ALL_SCOPES = 'tweet.read tweet.write users.read media.write offline.access';

/** reply_settings: who may answer the post (default everyone). */
function readReplySettings(value: unknown): string {
  const replySettings = value ?? 'everyone';
  if (
    typeof replySettings !== 'string' ||
    !['following', 'mentionedUsers', 'subscribers', 'verified', 'everyone'].includes(replySettings)
  ) {
    throw new Answer(400, invalidRequest(`reply_settings "${String(replySettings)}" is not valid`, 'reply_settings'));
  }
  return replySettings;
}

type Handlers = Record<FakeXRoute, (request: Incoming) => Answer>;

export async function startFakeX(options: Partial<FakeXOptions> = {}): Promise<FakeX> {
  const config: FakeXOptions = { ...DEFAULT_FAKE_X_OPTIONS, ...options };
  const unexpected: FakeXUnexpected[] = [];
  const requests: FakeXRequest[] = [];
  const tweets: FakeXTweet[] = [];
  const media: FakeXMedia[] = [];
  const accounts: FakeXAccount[] = [];
  const accessTokens = new Map<string, { accountId: string; scopes: string[]; expiresAt: number }>();
  const refreshTokens = new Map<string, { accountId: string; scopes: string[] }>();
  const grants = new Map<string, Grant>();
  const windows = new Map<string, { count: number; resetAt: number }>();
  const faults = createFailureInjection<FakeXRoute>();
  const nextId = createSnowflakes();
  let signedIn: FakeXAccount | undefined;

  function issueTokens(accountId: string, scopes: string[]): FakeXTokens & { scope: string } {
    const accessToken = randomBytes(32).toString('base64url');
    accessTokens.set(accessToken, { accountId, scopes, expiresAt: Date.now() + config.accessTokenTtlSecs * 1000 });
    // "If the scope offline.access is applied an OAuth 2.0 refresh token will be issued."
    const refreshToken = scopes.includes('offline.access') ? randomBytes(32).toString('base64url') : '';
    if (refreshToken) refreshTokens.set(refreshToken, { accountId, scopes });
    return { accessToken, refreshToken, scope: scopes.join(' ') };
  }

  /** `Authorization: Bearer …` and the endpoint's scopes; counts the request against the user's window. */
  function authenticate(request: Incoming, scopes: string[]): FakeXAccount {
    const header = request.headers.authorization;
    if (header === undefined) throw new Unexpected('no Authorization header on an endpoint that needs a user token');
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    if (!token) throw new Unexpected(`malformed Authorization header "${header}"`);
    const granted = accessTokens.get(token);
    const account = granted && accounts.find((a) => a.id === granted.accountId);
    if (!granted || !account || granted.expiresAt <= Date.now()) {
      throw new Answer(401, problem(401, 'Unauthorized', 'Unauthorized'));
    }
    const missing = scopes.filter((scope) => !granted.scopes.includes(scope));
    if (missing.length > 0) {
      throw new Answer(403, problem(403, 'Forbidden', `Missing scopes: ${missing.join(', ')}`));
    }
    countRequest(request.route, account.id, request.rateHeaders);
    return account;
  }

  // https://docs.x.com/x-api/fundamentals/rate-limits — every answer carries the window's state.
  function countRequest(route: FakeXRoute, accountId: string, headers: Record<string, string>): void {
    const limit = config.rateLimits[route] ?? DEFAULT_RATE_LIMITS[route];
    if (limit === undefined) return;
    const key = `${route} ${accountId}`;
    const now = Date.now();
    let window = windows.get(key);
    if (!window || window.resetAt <= now) window = { count: 0, resetAt: now + WINDOW_MS };
    windows.set(key, window);
    Object.assign(headers, {
      'x-rate-limit-limit': String(limit),
      'x-rate-limit-reset': String(Math.ceil(window.resetAt / 1000)),
    });
    if (window.count >= limit) {
      headers['x-rate-limit-remaining'] = '0';
      throw new Answer(429, problem(429, 'Too Many Requests', 'Too Many Requests'));
    }
    window.count += 1;
    headers['x-rate-limit-remaining'] = String(limit - window.count);
  }

  function ownMedia(account: FakeXAccount, id: string | undefined): FakeXMedia {
    const item = media.find((m) => m.id === id && m.accountId === account.id);
    if (!item) throw new Answer(400, invalidRequest(`The media_id ${id ?? ''} is not valid`, 'media_id'));
    return item;
  }

  const uploadJson = (item: FakeXMedia) => {
    const data: Record<string, unknown> = {
      id: item.id,
      media_key: `${MEDIA_KEY_PREFIX[item.category] ?? '3'}_${item.id}`,
      size: item.totalBytes,
      expires_after_secs: 86_400,
    };
    if (item.state === 'processing') {
      const progress = Math.round(100 / (item.pollsLeft + 1));
      data.processing_info = { state: 'in_progress', check_after_secs: 1, progress_percent: progress };
    } else if (item.state === 'failed') {
      data.processing_info = {
        state: 'failed',
        progress_percent: 100,
        error: { code: 1, name: 'InvalidMedia', message: 'Unsupported video format' },
      };
    } else if (item.category !== 'tweet_image') {
      data.processing_info = { state: 'succeeded', progress_percent: 100 };
    }
    return { data };
  };

  const tweetJson = (tweet: FakeXTweet, fields: Set<string>) => {
    const json: Record<string, unknown> = {
      id: tweet.id,
      text: wrapLinks(tweet),
      edit_history_tweet_ids: [tweet.id],
    };
    if (fields.has('conversation_id')) json.conversation_id = tweet.conversationId;
    if (fields.has('author_id')) json.author_id = tweet.accountId;
    if (fields.has('reply_settings')) json.reply_settings = tweet.replySettings;
    if (fields.has('referenced_tweets') && tweet.inReplyToId) {
      json.referenced_tweets = [{ type: 'replied_to', id: tweet.inReplyToId }];
    }
    if (fields.has('in_reply_to_user_id') && tweet.inReplyToId) {
      json.in_reply_to_user_id = tweets.find((t) => t.id === tweet.inReplyToId)?.accountId;
    }
    if (fields.has('attachments') && tweet.mediaIds.length > 0) {
      json.attachments = { media_keys: tweet.mediaIds.map((id) => mediaKeyOf(id)) };
    }
    return json;
  };

  const mediaKeyOf = (id: string) => {
    const item = media.find((m) => m.id === id);
    return `${MEDIA_KEY_PREFIX[item?.category ?? 'tweet_image'] ?? '3'}_${id}`;
  };

  /** The account's own processed media a new post may take: 1 to 4, and a GIF or a video alone. */
  function mediaToAttach(account: FakeXAccount, media: unknown): { mediaIds: string[]; items: FakeXMedia[] } {
    const mediaIds = asRecord(media).media_ids ?? [];
    if (!Array.isArray(mediaIds) || !mediaIds.every((id) => typeof id === 'string' && /^[0-9]{1,19}$/.test(id))) {
      throw new Unexpected('media.media_ids must be an array of numeric strings');
    }
    if (media !== undefined && (mediaIds.length < 1 || mediaIds.length > 4)) {
      throw new Answer(400, invalidRequest('media.media_ids must have 1 to 4 items', 'media.media_ids'));
    }
    const items = (mediaIds as string[]).map((id) => ownMedia(account, id));
    if (items.some((item) => item.state !== 'ready' || item.tweetId !== null)) {
      throw new Answer(400, invalidRequest('Your media IDs are invalid.', 'media.media_ids'));
    }
    if (items.length > 1 && items.some((item) => item.category !== 'tweet_image')) {
      throw new Answer(400, invalidRequest('A GIF or a video must be the only media of a post.', 'media.media_ids'));
    }
    return { mediaIds: mediaIds as string[], items };
  }

  /** OAuth 2.0 with PKCE (authorisation, token, refresh) and the signed-in user. */
  function signInHandlers(): Pick<Handlers, 'GET /i/oauth2/authorize' | 'POST /2/oauth2/token' | 'GET /2/users/me'> {
    return {
      // https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token (step 1) — a page on x.com; the
      // signed-in person approves at once.
      'GET /i/oauth2/authorize': (request) => {
        const query = readQuery(request, [
          'response_type',
          'client_id',
          'redirect_uri',
          'scope',
          'state',
          'code_challenge',
          'code_challenge_method',
        ]);
        if (query.required('response_type') !== 'code') throw new Unexpected('response_type must be "code"');
        if (query.required('client_id') !== config.clientId) {
          throw new Answer(400, '<h1>Something went wrong: You weren’t able to give access to the App.</h1>');
        }
        const redirectUri = query.required('redirect_uri');
        // X shows its error page, not a redirect, for a callback not registered in the developer console.
        if (!config.redirectUris.includes(redirectUri)) {
          throw new Answer(400, '<h1>Something went wrong: You weren’t able to give access to the App.</h1>');
        }
        const state = query.required('state');
        const scopes = query.required('scope').split(' ');
        const unknown = scopes.filter((scope) => !KNOWN_SCOPES.has(scope));
        if (unknown.length > 0) throw new Unexpected(`unknown scopes: ${unknown.join(', ')}`);
        // PKCE is required: "code_challenge … required", "code_challenge_method … S256 or plain".
        const challenge = query.required('code_challenge');
        const method = query.required('code_challenge_method');
        if (method !== 'S256' && method !== 'plain') throw new Unexpected('code_challenge_method is S256 or plain');
        if (!signedIn) throw new Unexpected('nobody is signed in at the fake to approve: call fake.signInAs(username)');
        const code = randomBytes(32).toString('base64url');
        grants.set(code, {
          redirectUri,
          scopes,
          challenge,
          method,
          accountId: signedIn.id,
          expiresAt: Date.now() + CODE_TTL_MS,
        });
        const back = new URL(redirectUri);
        back.searchParams.set('state', state);
        back.searchParams.set('code', code);
        return new Answer(302, '', { location: back.toString() });
      },

      // https://docs.x.com/fundamentals/authentication/oauth-2-0/user-access-token (step 3) and the refresh token
      // flow of https://docs.x.com/fundamentals/authentication/oauth-2-0/authorization-code
      'POST /2/oauth2/token': (request) => {
        const form = readUrlEncoded(request, [
          'grant_type',
          'code',
          'redirect_uri',
          'code_verifier',
          'refresh_token',
          'client_id',
        ]);
        const basic = /^Basic (\S+)$/.exec(headerOf(request, 'authorization') ?? '')?.[1];
        const invalidClient = new Answer(401, {
          error: 'invalid_client',
          error_description: 'Missing valid authorization header',
        });
        if (config.clientSecret !== undefined) {
          // "If you are working with confidential clients, you will need to use a basic authentication scheme."
          const expected = Buffer.from(`${config.clientId}:${config.clientSecret}`).toString('base64');
          if (basic !== expected) throw invalidClient;
        } else {
          if (basic !== undefined) throw invalidClient;
          if (form.required('client_id') !== config.clientId) throw invalidClient;
        }
        const clientId = form.one('client_id');
        if (clientId !== undefined && clientId !== config.clientId) throw invalidClient;
        const invalidToken = new Answer(400, {
          error: 'invalid_request',
          error_description: 'Value passed for the token was invalid.',
        });
        const grantType = form.required('grant_type');
        if (grantType === 'authorization_code') {
          const code = form.required('code');
          const grant = grants.get(code);
          if (!grant || grant.expiresAt < Date.now()) throw invalidToken;
          if (grant.redirectUri !== form.required('redirect_uri')) {
            throw new Answer(400, {
              error: 'invalid_request',
              error_description: 'Value passed for the redirect uri did not match the uri of the authorization code.',
            });
          }
          const verifier = form.required('code_verifier');
          const derived =
            grant.method === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;
          if (derived !== grant.challenge) {
            throw new Answer(400, {
              error: 'invalid_request',
              error_description: 'Value passed for the code verifier did not match the code challenge.',
            });
          }
          grants.delete(code);
          return tokenAnswer(issueTokens(grant.accountId, grant.scopes), config.accessTokenTtlSecs);
        }
        if (grantType === 'refresh_token') {
          const refreshToken = form.required('refresh_token');
          const granted = refreshTokens.get(refreshToken);
          if (!granted) throw invalidToken;
          // Refresh tokens rotate: the one just used is spent.
          refreshTokens.delete(refreshToken);
          return tokenAnswer(issueTokens(granted.accountId, granted.scopes), config.accessTokenTtlSecs);
        }
        throw new Unexpected(`the fake implements grant_type authorization_code and refresh_token, not "${grantType}"`);
      },

      // https://docs.x.com/x-api/users/user-lookup-me — scopes tweet.read, users.read.
      'GET /2/users/me': (request) => {
        readQuery(request, ['user.fields', 'expansions', 'tweet.fields']);
        const account = authenticate(request, ['tweet.read', 'users.read']);
        return new Answer(200, { data: { id: account.id, name: account.name, username: account.username } });
      },
    };
  }

  /** Media upload: in one request, or chunked (initialize, append, finalize, status); alt text. */
  function mediaHandlers(): Pick<
    Handlers,
    | 'POST /2/media/upload'
    | 'POST /2/media/upload/initialize'
    | 'POST /2/media/upload/:id/append'
    | 'POST /2/media/upload/:id/finalize'
    | 'GET /2/media/upload'
    | 'POST /2/media/metadata'
  > {
    return {
      // https://docs.x.com/x-api/media/upload-media — one request, images and subtitles only.
      'POST /2/media/upload': (request) => {
        const form = readMultipart(request, ['media', 'media_category', 'media_type', 'additional_owners', 'shared']);
        const account = authenticate(request, ['media.write']);
        const category = form.required('media_category');
        if (category !== 'tweet_image')
          throw new Unexpected(`the fake takes media_category tweet_image, not "${category}"`);
        const file = form.file('media');
        if (!file) throw new Unexpected('media is required, as a multipart file part');
        const type = form.one('media_type') ?? file.type;
        if (!SIMPLE_TYPES.includes(type)) {
          throw new Answer(
            400,
            invalidRequest(`media_type ${type} is not one of ${SIMPLE_TYPES.join(', ')}`, 'media_type'),
          );
        }
        checkSize(category, file.data.byteLength);
        if (!matchesMagic(type, file.data))
          throw new Answer(400, invalidRequest('InvalidMedia: the file is not a valid image', 'media'));
        const item: FakeXMedia = {
          id: nextId(),
          accountId: account.id,
          mimeType: type,
          category,
          totalBytes: file.data.byteLength,
          segments: new Map([[0, file.data]]),
          state: 'ready',
          pollsLeft: 0,
          altText: null,
          tweetId: null,
        };
        media.push(item);
        return new Answer(200, uploadJson(item));
      },

      // https://docs.x.com/x-api/media/initialize-media-upload
      'POST /2/media/upload/initialize': (request) => {
        const body = readJson(request, ['media_type', 'total_bytes', 'media_category', 'additional_owners', 'shared']);
        const account = authenticate(request, ['media.write']);
        const type = body.media_type;
        const total = body.total_bytes;
        const category = body.media_category ?? 'tweet_image';
        if (typeof type !== 'string' || !CHUNKED_TYPES.includes(type)) {
          throw new Answer(400, invalidRequest(`media_type ${String(type)} is not supported`, 'media_type'));
        }
        if (typeof total !== 'number' || !Number.isInteger(total) || total <= 0) {
          throw new Unexpected('total_bytes must be a positive whole number');
        }
        if (typeof category !== 'string' || !(category in SIZE_LIMITS)) {
          throw new Unexpected(`media_category "${String(category)}" is not one the fake implements`);
        }
        checkSize(category, total);
        const item: FakeXMedia = {
          id: nextId(),
          accountId: account.id,
          mimeType: type,
          category,
          totalBytes: total,
          segments: new Map(),
          state: 'uploading',
          pollsLeft: 0,
          altText: null,
          tweetId: null,
        };
        media.push(item);
        return new Answer(200, { data: { id: item.id, media_key: mediaKeyOf(item.id), expires_after_secs: 86_400 } });
      },

      // https://docs.x.com/x-api/media/append-media-upload
      'POST /2/media/upload/:id/append': (request) => {
        const form = readMultipart(request, ['media', 'segment_index']);
        const account = authenticate(request, ['media.write']);
        const item = ownMedia(account, request.params.id);
        if (item.state !== 'uploading') throw new Unexpected(`APPEND after FINALIZE of ${item.id}`);
        const index = Number(form.required('segment_index'));
        if (!Number.isInteger(index) || index < 0 || index > 999) throw new Unexpected('segment_index is 0 to 999');
        const file = form.file('media');
        if (!file) throw new Unexpected('media is required, as a multipart file part');
        // "each chunk … must be ≤ 5 MB"
        if (file.data.byteLength > 5 * 1024 * 1024) throw new Unexpected('a segment over 5 MB');
        item.segments.set(index, file.data);
        return new Answer(200, { data: { expires_at: Math.floor(Date.now() / 1000) + 86_400 } });
      },

      // https://docs.x.com/x-api/media/finalize-media-upload
      'POST /2/media/upload/:id/finalize': (request) => {
        if (request.body.byteLength > 0) throw new Unexpected('FINALIZE takes no body');
        const account = authenticate(request, ['media.write']);
        const item = ownMedia(account, request.params.id);
        if (item.state !== 'uploading') throw new Unexpected(`FINALIZE twice for ${item.id}`);
        const indexes = [...item.segments.keys()].sort((a, b) => a - b);
        const data = Buffer.concat(indexes.map((index) => item.segments.get(index) as Buffer));
        if (data.byteLength !== item.totalBytes || indexes.some((index, position) => index !== position)) {
          throw new Answer(400, invalidRequest('Segments do not add up to provided total file size.', 'media_id'));
        }
        if (!matchesMagic(item.mimeType, data))
          throw new Answer(400, invalidRequest('InvalidMedia: the file is not valid', 'media'));
        item.segments = new Map([[0, data]]);
        // "In future, all video and animated GIF processing will only be supported using async finalize."
        item.pollsLeft = config.processingPolls;
        item.state = item.category === 'tweet_image' ? 'ready' : 'processing';
        if (item.state === 'processing' && item.pollsLeft === 0) item.state = settle();
        if (item.state === 'processing') {
          return new Answer(200, {
            data: { ...uploadJson(item).data, processing_info: { state: 'pending', check_after_secs: 1 } },
          });
        }
        return new Answer(200, uploadJson(item));
      },

      // https://docs.x.com/x-api/media/get-media-upload-status
      'GET /2/media/upload': (request) => {
        const query = readQuery(request, ['media_id', 'command']);
        if (query.one('command') !== undefined && query.one('command') !== 'STATUS')
          throw new Unexpected('command is STATUS');
        const account = authenticate(request, ['media.write']);
        const item = ownMedia(account, query.required('media_id'));
        if (item.state === 'processing') {
          item.pollsLeft -= 1;
          if (item.pollsLeft <= 0) item.state = settle();
        }
        return new Answer(200, uploadJson(item));
      },

      // https://docs.x.com/x-api/media/create-media-metadata — alt text "Must be <= 1000 chars"; "currently only
      // supported for images and GIFs".
      'POST /2/media/metadata': (request) => {
        const body = readJson(request, ['id', 'metadata']);
        const account = authenticate(request, ['media.write']);
        const item = ownMedia(account, typeof body.id === 'string' ? body.id : undefined);
        const metadata = asRecord(body.metadata);
        for (const key of Object.keys(metadata)) {
          if (key !== 'alt_text') throw new Unexpected(`the fake implements metadata.alt_text, not "${key}"`);
        }
        const text = asRecord(metadata.alt_text).text;
        if (typeof text !== 'string') throw new Unexpected('metadata.alt_text.text must be a string');
        if ([...text].length > 1000)
          throw new Answer(400, invalidRequest('alt_text.text must be at most 1000 characters', 'alt_text'));
        if (!['tweet_image', 'tweet_gif'].includes(item.category)) {
          throw new Answer(400, invalidRequest('Alt text is supported for images and GIFs only', 'id'));
        }
        item.altText = text;
        return new Answer(200, { data: { id: item.id, associated_metadata: { alt_text: { text } } } });
      },
    };
  }

  /** Creating a post, and reading a user's posts. */
  function postHandlers(): Pick<Handlers, 'POST /2/tweets' | 'GET /2/users/:id/tweets'> {
    return {
      // https://docs.x.com/x-api/posts/create-post — scopes tweet.read, tweet.write, users.read.
      'POST /2/tweets': (request) => {
        const body = readJson(request, [
          'text',
          'media',
          'reply',
          'reply_settings',
          'quote_tweet_id',
          'poll',
          'geo',
          'nullcast',
          'card_uri',
          'community_id',
          'direct_message_deep_link',
          'for_super_followers_only',
          'share_with_followers',
          'made_with_ai',
          'paid_partnership',
        ]);
        const account = authenticate(request, ['tweet.read', 'tweet.write', 'users.read']);
        for (const name of Object.keys(body)) {
          if (!['text', 'media', 'reply', 'reply_settings'].includes(name))
            throw new Unexpected(`the fake does not implement ${name}`);
        }
        const text = body.text;
        if (text !== undefined && typeof text !== 'string') throw new Unexpected('text must be a string');
        const { mediaIds, items } = mediaToAttach(account, body.media);
        if ((text ?? '') === '' && items.length === 0) {
          throw new Answer(400, invalidRequest('A post needs text or media.', 'text'));
        }
        if (text !== undefined && text !== '' && twitterText.parseTweet(text).weightedLength > 280) {
          throw new Answer(400, invalidRequest('Text of the post is too long.', 'text'));
        }
        const replySettings = readReplySettings(body.reply_settings);
        const reply = asRecord(body.reply);
        const inReplyToId = reply.in_reply_to_tweet_id;
        if (body.reply !== undefined && typeof inReplyToId !== 'string')
          throw new Unexpected('reply.in_reply_to_tweet_id is required');
        const parent = typeof inReplyToId === 'string' ? tweets.find((t) => t.id === inReplyToId) : undefined;
        if (typeof inReplyToId === 'string' && !parent) {
          throw new Answer(
            403,
            problem(403, 'Forbidden', 'You attempted to reply to a Tweet that is deleted or not visible to you.'),
          );
        }
        // The same text twice from one account is refused.
        if (text && tweets.some((t) => t.accountId === account.id && t.text === text)) {
          throw new Answer(
            403,
            problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.'),
          );
        }
        const id = nextId();
        const tweet: FakeXTweet = {
          id,
          accountId: account.id,
          text: text ?? '',
          inReplyToId: parent?.id ?? null,
          conversationId: parent?.conversationId ?? id,
          mediaIds,
          replySettings,
        };
        tweets.push(tweet);
        for (const item of items) item.tweetId = id;
        return new Answer(201, { data: { id, text: wrapLinks(tweet), edit_history_tweet_ids: [id] } });
      },

      // https://docs.x.com/x-api/users/get-posts — newest first, paginated with next_token.
      'GET /2/users/:id/tweets': (request) => {
        const query = readQuery(request, [
          'max_results',
          'pagination_token',
          'tweet.fields',
          'expansions',
          'media.fields',
          'exclude',
          'since_id',
          'until_id',
        ]);
        authenticate(request, ['tweet.read', 'users.read']);
        const max = Number(query.one('max_results') ?? '10');
        if (!Number.isInteger(max) || max < 5 || max > 100) {
          throw new Answer(
            400,
            invalidRequest('The `max_results` query parameter value is not between 5 and 100', 'max_results'),
          );
        }
        const fields = new Set((query.one('tweet.fields') ?? '').split(',').filter(Boolean));
        const expansions = new Set((query.one('expansions') ?? '').split(',').filter(Boolean));
        const mediaFields = new Set((query.one('media.fields') ?? '').split(',').filter(Boolean));
        const own = tweets.filter((t) => t.accountId === request.params.id).reverse();
        const start = Number(query.one('pagination_token') ?? '0');
        const page = own.slice(start, start + max);
        if (page.length === 0) return new Answer(200, { meta: { result_count: 0 } });
        const json: Record<string, unknown> = {
          data: page.map((tweet) => tweetJson(tweet, fields)),
          meta: {
            result_count: page.length,
            newest_id: page[0]?.id,
            oldest_id: page.at(-1)?.id,
            ...(start + max < own.length ? { next_token: String(start + max) } : {}),
          },
        };
        if (expansions.has('attachments.media_keys')) {
          const keys = page.flatMap((tweet) => tweet.mediaIds);
          json.includes = {
            media: keys.map((id) => {
              const item = media.find((m) => m.id === id) as FakeXMedia;
              const entry: Record<string, unknown> = {
                media_key: mediaKeyOf(id),
                type:
                  item.category === 'tweet_image' ? 'photo' : item.category === 'tweet_gif' ? 'animated_gif' : 'video',
              };
              if (mediaFields.has('alt_text') && item.altText !== null) entry.alt_text = item.altText;
              return entry;
            }),
          };
        }
        return new Answer(200, json);
      },
    };
  }

  const handlers: Handlers = { ...signInHandlers(), ...mediaHandlers(), ...postHandlers() };

  function settle(): FakeXMedia['state'] {
    return config.processingOutcome === 'failed' ? 'failed' : 'ready';
  }

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const { method, target, path } = readTarget(incoming);
    const body = await readBody(incoming, MAX_BODY_BYTES);
    const match = matchRoute(method, target.pathname);
    requests.push({ method, path, route: match && 'route' in match ? match.route : undefined });
    const refuse = (reason: string) => http.refuse(outgoing, { method, path }, reason);
    if (!match) return refuse('no such endpoint in the fake (see the doc links in fake-x.ts)');
    if ('wrongMethod' in match) return refuse(`${target.pathname} is not called with ${method}`);

    const failure = faults.takeFailure(match.route);
    if (failure) return sendAnswer(outgoing, toInjectedAnswer(failure, xFailure));

    const rateHeaders: Record<string, string> = {};
    const answer = await runHandler(() =>
      handlers[match.route]({
        route: match.route,
        headers: incoming.headers,
        query: target.searchParams,
        body,
        params: match.params,
        rateHeaders,
      }),
    );
    if (answer instanceof Unexpected) return refuse(answer.message);

    const lost = faults.takeLoss(match.route);
    if (lost === 'hang' || lost === 'reset') return http.lose(lost, incoming, outgoing);
    sendAnswer(
      outgoing,
      lost === 'garbage'
        ? new Answer(answer.status, '{"data": {"id": "1', { 'content-type': 'application/json' })
        : new Answer(answer.status, answer.body, { ...rateHeaders, ...answer.headers }),
    );
  }

  const http = await startFakeHttpServer({
    unexpected,
    refusalBody: (detail) => ({ title: 'Unexpected request to the fake X', detail }),
    handle,
  });
  const url = http.url;

  return {
    url,
    authorizeUrl: `${url}/i/oauth2/authorize`,
    get clientId() {
      return config.clientId;
    },
    get clientSecret() {
      return config.clientSecret;
    },
    unexpected,
    requests,
    tweets,
    media,
    createAccount(username, { scopes = ALL_SCOPES } = {}) {
      if (accounts.some((a) => a.username === username)) throw new Error(`${username} already exists on the fake`);
      const account = { id: nextId(), username, name: username.replace(/_/g, ' ') };
      accounts.push(account);
      const { accessToken, refreshToken } = issueTokens(account.id, scopes.split(' '));
      return { account, accessToken, refreshToken };
    },
    signInAs(username) {
      signedIn = username === undefined ? undefined : accounts.find((a) => a.username === username);
      if (username !== undefined && !signedIn) throw new Error(`${username} has no account on the fake`);
    },
    expireAccessToken(accessToken) {
      const granted = accessTokens.get(accessToken);
      if (granted) granted.expiresAt = Date.now();
    },
    configure(next) {
      Object.assign(config, next);
    },
    failNext: (route, failure) => faults.failNext(route, failure),
    dropNextResponse(route, how = 'hang') {
      faults.loseNext(route, how);
    },
    close: http.close,
  };
}

interface Grant {
  redirectUri: string;
  scopes: string[];
  challenge: string;
  method: string;
  accountId: string;
  expiresAt: number;
}

interface Incoming {
  route: FakeXRoute;
  headers: IncomingMessage['headers'];
  query: URLSearchParams;
  body: Buffer;
  params: Record<string, string>;
  /** Filled by `authenticate` with the x-rate-limit-* headers of the answer. */
  rateHeaders: Record<string, string>;
}

// https://docs.x.com/x-api/fundamentals/response-codes-and-errors — "Problem Details" (RFC 7807).
function problem(status: number, title: string, detail: string): Record<string, unknown> {
  return { title, detail, type: 'about:blank', status };
}

function invalidRequest(message: string, parameter: string): Record<string, unknown> {
  return {
    errors: [{ parameters: { [parameter]: [] }, message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  };
}

function checkSize(category: string, bytes: number): void {
  const limit = SIZE_LIMITS[category];
  if (limit !== undefined && bytes > limit) {
    throw new Answer(400, invalidRequest(`File size exceeds ${limit} bytes for ${category}`, 'total_bytes'));
  }
}

function tokenAnswer(tokens: FakeXTokens & { scope: string }, ttlSecs: number): Answer {
  const body: Record<string, unknown> = {
    token_type: 'bearer',
    expires_in: ttlSecs,
    access_token: tokens.accessToken,
    scope: tokens.scope,
  };
  if (tokens.refreshToken) body.refresh_token = tokens.refreshToken;
  return new Answer(200, body);
}

// 3 photo, 16 animated GIF, 7 video, as in media keys the API answers.
const MEDIA_KEY_PREFIX: Record<string, string> = {
  tweet_image: '3',
  tweet_gif: '16',
  tweet_video: '7',
  amplify_video: '13',
};

/** The API answers text with each link wrapped in t.co, and a t.co link to the media at the end. */
function wrapLinks(tweet: FakeXTweet): string {
  let text = tweet.text;
  for (const entity of twitterText.extractUrlsWithIndices(text).reverse()) {
    const [start, end] = entity.indices;
    text = `${text.slice(0, start)}${tcoLink(entity.url)}${text.slice(end)}`;
  }
  if (tweet.mediaIds.length > 0) text = `${text}${text === '' ? '' : ' '}${tcoLink(tweet.id)}`;
  return text;
}

function tcoLink(seed: string): string {
  return `https://t.co/${createHash('sha256').update(seed).digest('base64url').slice(0, 10)}`;
}

const matchRoute = createRouter(ROUTE_LIST);

/** What X (or the load balancer in front of it) answers with each status, unless the test says otherwise. */
function xFailure(status: number): Answer {
  switch (status) {
    case 401:
      return new Answer(401, problem(401, 'Unauthorized', 'Unauthorized'));
    case 403:
      return new Answer(403, problem(403, 'Forbidden', 'You are not permitted to perform this action.'));
    case 429: {
      const reset = String(Math.ceil((Date.now() + WINDOW_MS) / 1000));
      return new Answer(429, problem(429, 'Too Many Requests', 'Too Many Requests'), {
        'x-rate-limit-limit': '100',
        'x-rate-limit-remaining': '0',
        'x-rate-limit-reset': reset,
      });
    }
    case 500:
      return new Answer(500, problem(500, 'Internal Server Error', 'Internal Server Error'));
    case 503:
      return new Answer(503, problem(503, 'Service Unavailable', 'Service Unavailable'));
    default:
      return new Answer(status, `<html><head><title>${status}</title></head><body><h1>${status}</h1></body></html>`);
  }
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

interface FormFile {
  type: string;
  data: Buffer;
}

interface Form {
  one(name: string): string | undefined;
  required(name: string): string;
  file(name: string): FormFile | undefined;
}

function toForm(values: Map<string, string>, files: Map<string, FormFile>, allowed: string[]): Form {
  for (const name of [...values.keys(), ...files.keys()]) {
    if (!allowed.includes(name))
      throw new Unexpected(`unknown parameter "${name}" (documented: ${allowed.join(', ')})`);
  }
  return {
    one: (name) => values.get(name),
    required(name) {
      const value = values.get(name);
      if (value === undefined || value === '') throw new Unexpected(`${name} is required`);
      return value;
    },
    file: (name) => files.get(name),
  };
}

/** Query parameters, refusing unknown ones: a misspelt name would otherwise go unnoticed. */
function readQuery(request: Incoming, allowed: string[]): Form {
  const values = new Map<string, string>();
  for (const [name, value] of request.query) {
    if (values.has(name)) throw new Unexpected(`"${name}" given twice`);
    values.set(name, value);
  }
  return toForm(values, new Map(), allowed);
}

function noQuery(request: Incoming): void {
  if ([...request.query.keys()].length > 0) throw new Unexpected('parameters in the query string of a POST');
}

// The token endpoint: "Content-Type: application/x-www-form-urlencoded".
function readUrlEncoded(request: Incoming, allowed: string[]): Form {
  if (mediaTypeOf(request) !== 'application/x-www-form-urlencoded') {
    throw new Unexpected(`content type "${mediaTypeOf(request)}" where the endpoint takes a form`);
  }
  noQuery(request);
  const values = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(request.body.toString('utf8'))) values.set(name, value);
  return toForm(values, new Map(), allowed);
}

function readJson(request: Incoming, allowed: string[]): Record<string, unknown> {
  if (mediaTypeOf(request) !== 'application/json') {
    throw new Unexpected(`content type "${mediaTypeOf(request)}" where the endpoint takes JSON`);
  }
  noQuery(request);
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new Unexpected('a JSON body that does not parse');
  }
  const body = asRecord(parsed);
  for (const name of Object.keys(body)) {
    if (!allowed.includes(name)) throw new Unexpected(`unknown field "${name}" (documented: ${allowed.join(', ')})`);
  }
  return body;
}

function readMultipart(request: Incoming, allowed: string[]): Form {
  const contentType = headerOf(request, 'content-type') ?? '';
  if (mediaTypeOf(request) !== 'multipart/form-data') {
    throw new Unexpected(`content type "${contentType}" where the endpoint takes multipart/form-data`);
  }
  noQuery(request);
  const values = new Map<string, string>();
  const files = new Map<string, FormFile>();
  for (const part of parseMultipart(request.body, boundaryOf(contentType))) {
    if (part.filename !== undefined) files.set(part.name, { type: part.type, data: part.data });
    else values.set(part.name, part.data.toString('utf8'));
  }
  return toForm(values, files, allowed);
}

/** X decodes what it receives: the bytes must be the declared format. */
function matchesMagic(mimeType: string, data: Buffer): boolean {
  const starts = (...bytes: number[]) => bytes.every((byte, index) => data[index] === byte);
  switch (mimeType) {
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47);
    case 'image/jpeg':
    case 'image/pjpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/gif':
      return data.subarray(0, 4).toString('latin1') === 'GIF8';
    case 'image/webp':
      return data.subarray(0, 4).toString('latin1') === 'RIFF' && data.subarray(8, 12).toString('latin1') === 'WEBP';
    case 'video/mp4':
    case 'video/quicktime':
      return data.subarray(4, 8).toString('latin1') === 'ftyp';
    default:
      return true;
  }
}

/** X's ids: milliseconds since X's epoch shifted left 22 bits, plus a sequence; strings in the API. */
function createSnowflakes(): () => string {
  const twitterEpoch = 1288834974657n;
  let last = 0n;
  return () => {
    const candidate = (BigInt(Date.now()) - twitterEpoch) << 22n;
    last = candidate > last ? candidate : last + 1n;
    return last.toString();
  };
}
