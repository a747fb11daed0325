// A fake Mastodon instance for tests and benchmarks: a real HTTP server on 127.0.0.1 implementing the
// endpoints Rostra's connector calls, written from https://docs.joinmastodon.org/ (each handler links its
// page). It answers documented failures the documented way (401, 403, 404, 422…), and refuses anything else
// — an unknown endpoint, a wrong method or content type, a missing or unknown parameter — with a 500 that it
// also records in `unexpected`, so a test can assert that list is empty.
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  Answer,
  Unexpected,
  boundaryOf,
  createFailureInjection,
  toInjectedAnswer,
  type InjectedFailure,
  createRouter,
  headerOf,
  parseMultipart,
  readBody,
  readTarget,
  runHandler,
  sendAnswer,
  startFakeHttpServer,
  type LostAnswer,
  type UnexpectedRequest,
} from '../fake-http.js';

export type { LostAnswer, UnexpectedRequest } from '../fake-http.js';

export type FakeRoute =
  | 'POST /api/v1/apps'
  | 'GET /oauth/authorize'
  | 'POST /oauth/token'
  | 'GET /api/v1/accounts/verify_credentials'
  | 'GET /api/v2/instance'
  | 'POST /api/v2/media'
  | 'GET /api/v1/media/:id'
  | 'POST /api/v1/statuses'
  | 'GET /api/v1/statuses/:id'
  | 'GET /api/v1/timelines/tag/:hashtag'
  | 'GET /api/v1/timelines/public'
  | 'GET /api/v1/accounts/lookup'
  | 'GET /api/v1/accounts/:id/statuses'
  | 'GET /api/v1/streaming'
  | 'GET /api/v1/notifications'
  | 'GET /api/v1/statuses/:id/context';

export interface FakeMastodonOptions {
  /** configuration.statuses.max_characters. Default 500. */
  maxCharacters: number;
  /** configuration.statuses.characters_reserved_per_url. Default 23. */
  charactersReservedPerUrl: number;
  /** configuration.statuses.max_media_attachments. Default 4. */
  maxMediaAttachments: number;
  /** configuration.media_attachments.supported_mime_types. Default: images, videos and audio of Mastodon 4.3. */
  supportedMimeTypes: string[];
  /** Bytes. Defaults 16 MiB, 99 MiB, and 1,500 characters of description. */
  imageSizeLimit: number;
  videoSizeLimit: number;
  descriptionLimit: number;
  /**
   * `sync`: POST /api/v2/media answers 200, processed. `async`: 202 with `url: null`, then GET /api/v1/media/:id
   * answers 206 `processingPolls` times before 200. `by-type` (default): async for video and audio, as Mastodon.
   */
  mediaProcessing: 'sync' | 'async' | 'by-type';
  /** Default 2. */
  processingPolls: number;
  /** Waits this long before every answer, after acting: network latency. Default 0. */
  responseDelayMs: number;
  /** The LOCAL_DOMAIN in handles and public URLs (`https://<domain>/@user/id`). Default "mastodon.test". */
  domain: string;
  /** Default "4.3.0". */
  version: string;
  /** Refuse an authorisation without a PKCE challenge (real servers allow it). Default true. */
  requirePkce: boolean;
  /**
   * The streaming API at /api/v1/streaming: `open` (public streams need no token, as by default), `auth` (every
   * stream needs one: LIMITED_FEDERATION_MODE or AUTHORIZED_FETCH), `absent` (404: no streaming server behind
   * this host). Default `open`.
   */
  streaming: 'open' | 'auth' | 'absent';
}

/** An answer given instead of the real one, before the fake acts. Without `body`, Mastodon's own for the status. */
export type FakeFailure = InjectedFailure;

export interface FakeAccount {
  id: string;
  username: string;
  /** Set for an account of another server, known here through federation: `acct` is `username@domain`. */
  domain?: string;
  displayName?: string;
  followersCount?: number;
}

export interface FakeStatus {
  id: string;
  accountId: string;
  /** The text as posted (the API answers `content` as HTML). */
  text: string;
  spoilerText: string;
  sensitive: boolean;
  visibility: string;
  language: string;
  inReplyToId: string | null;
  mediaIds: string[];
  idempotencyKey: string | null;
  createdAt: string;
  /** `content` as a server sent it (remote statuses), instead of the HTML made from `text`. */
  html?: string;
  /** Hashtags; by default those of `text`. */
  tags?: string[];
  /** A boost: the id of the boosted status (`text` is then empty). */
  reblogOfId?: string | null;
  /** Set by an edit: when it was last edited. */
  editedAt?: string;
}

/** A status that arrived by federation or was posted elsewhere, for the listening tests. */
export interface FakeStatusInput {
  username: string;
  text?: string;
  html?: string;
  spoilerText?: string;
  language?: string;
  tags?: string[];
  inReplyToId?: string | null;
  reblogOfId?: string | null;
  visibility?: string;
}

/**
 * A notification of `mention` type: Mastodon makes one for each account a status names with `@user` (a reply
 * names the author it answers, as clients write it; a direct message names its recipients).
 * https://docs.joinmastodon.org/entities/Notification/
 */
export interface FakeNotification {
  id: string;
  type: 'mention';
  /** Whose notification it is. */
  accountId: string;
  statusId: string;
  createdAt: string;
  /**
   * Set aside by the account's notification policy (Mastodon 4.3): by default a private mention from someone the
   * account does not follow, unless it answers one of the account's own. Listed only with `include_filtered`.
   * https://docs.joinmastodon.org/entities/NotificationPolicy/
   */
  filtered: boolean;
}

export interface FakeMedia {
  id: string;
  accountId: string;
  mimeType: string;
  data: Buffer;
  description: string;
  statusId: string | null;
  /** How many more GET /api/v1/media/:id answer 206. */
  pollsLeft: number;
}

export interface FakeApp {
  id: string;
  name: string;
  website: string | null;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  scopes: string[];
}

export interface RecordedRequest {
  method: string;
  /** Path and query string. */
  path: string;
  route: FakeRoute | undefined;
  idempotencyKey: string | undefined;
}

export interface FakeMastodon {
  /** `http://127.0.0.1:<port>`: give it as the instance. */
  readonly url: string;
  readonly domain: string;
  /** Requests the fake refused as no correct client would send them. Assert it is empty after each test. */
  readonly unexpected: UnexpectedRequest[];
  /** Every request, in order. */
  readonly requests: RecordedRequest[];
  readonly statuses: FakeStatus[];
  readonly media: FakeMedia[];
  readonly apps: FakeApp[];
  /** Notifications made so far (mentions), oldest first. */
  readonly notifications: FakeNotification[];
  /** A local account and an access token for it, as Preferences → Development makes. Scopes default to "read write". */
  createAccount(
    username: string,
    options?: { scopes?: string; domain?: string; displayName?: string; followersCount?: number },
  ): { account: FakeAccount; accessToken: string };
  /** Adds a status as if posted or federated now, and sends it to the matching streams. */
  addStatus(input: FakeStatusInput): FakeStatus;
  /**
   * Edits a status as its author would (PUT /api/v1/statuses/:id): new content, `edited_at` now, and a
   * `status.update` event on the streams it appears in. https://docs.joinmastodon.org/methods/statuses/#edit
   */
  editStatus(
    id: string,
    changes: Pick<FakeStatusInput, 'text' | 'html' | 'spoilerText' | 'language' | 'tags'>,
  ): FakeStatus;
  /** Open streaming connections. */
  readonly streamClients: number;
  /** Cuts every streaming connection, as a restart of the streaming server does. */
  dropStreams(): void;
  /** Who approves at GET /oauth/authorize (the fake approves at once, as if they clicked "Authorise"). */
  signInAs(username: string | undefined): void;
  revokeToken(accessToken: string): void;
  /** Changes options from the next request on. */
  configure(options: Partial<FakeMastodonOptions>): void;
  /** The next request to `route` gets `failure`, and the fake does nothing else. Queued per route. */
  failNext(route: FakeRoute, failure: FakeFailure): void;
  /** The fake handles the next request to `route`, then its answer is lost. Queued per route. */
  dropNextResponse(route: FakeRoute, how?: LostAnswer): void;
  close(): Promise<void>;
}

export const DEFAULT_FAKE_OPTIONS: FakeMastodonOptions = {
  maxCharacters: 500,
  charactersReservedPerUrl: 23,
  maxMediaAttachments: 4,
  supportedMimeTypes: [
    'image/jpeg',
    'image/png',
    'image/gif',
    'image/heic',
    'image/heif',
    'image/webp',
    'image/avif',
    'video/webm',
    'video/mp4',
    'video/quicktime',
    'video/ogg',
    'audio/wave',
    'audio/wav',
    'audio/x-wav',
    'audio/ogg',
    'audio/mpeg',
    'audio/mp3',
    'audio/webm',
    'audio/flac',
    'audio/aac',
    'audio/mp4',
  ],
  imageSizeLimit: 16 * 1024 * 1024,
  videoSizeLimit: 99 * 1024 * 1024,
  descriptionLimit: 1500,
  mediaProcessing: 'by-type',
  processingPolls: 2,
  responseDelayMs: 0,
  domain: 'mastodon.test',
  version: '4.3.0',
  requirePkce: true,
  streaming: 'open',
};

const IDEMPOTENCY_TTL_MS = 60 * 60_000; // "Idempotency keys are stored for up to 1 hour"
const CODE_TTL_MS = 10 * 60_000; // Doorkeeper's authorization_code_expires_in
const MAX_BODY_BYTES = 128 * 1024 * 1024;
const KNOWN_SCOPES = /^(?:read|write|follow|push|profile|admin:(?:read|write))(?::[a-z_]+)?$/;

export async function startFakeMastodon(options: Partial<FakeMastodonOptions> = {}): Promise<FakeMastodon> {
  const config: FakeMastodonOptions = { ...DEFAULT_FAKE_OPTIONS, ...options };
  const unexpected: UnexpectedRequest[] = [];
  const requests: RecordedRequest[] = [];
  const statuses: FakeStatus[] = [];
  const media: FakeMedia[] = [];
  const apps: FakeApp[] = [];
  const notifications: FakeNotification[] = [];
  const accounts: FakeAccount[] = [];
  const tokens = new Map<string, { accountId: string; scopes: string[] }>();
  const grants = new Map<string, Grant>();
  const idempotency = new Map<string, { statusId: string; expiresAt: number }>();
  const faults = createFailureInjection<FakeRoute>();
  const nextId = createSnowflakes();
  let signedIn: FakeAccount | undefined;

  function issueToken(accountId: string, scopes: string[]): string {
    const token = randomBytes(32).toString('base64url');
    tokens.set(token, { accountId, scopes });
    return token;
  }

  /** Checks `Authorization: Bearer …` and the scope, the way Doorkeeper answers. */
  function authenticate(request: Incoming, scope: string): FakeAccount {
    const header = request.headers.authorization;
    if (header === undefined) throw new Unexpected('no Authorization header on an endpoint that needs a token');
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    if (!token) throw new Unexpected(`malformed Authorization header "${header}"`);
    const granted = tokens.get(token);
    const account = granted && accounts.find((a) => a.id === granted.accountId);
    if (!granted || !account) throw new Answer(401, { error: 'The access token is invalid' });
    if (!hasScope(granted.scopes, scope))
      throw new Answer(403, { error: 'This action is outside the authorized scopes' });
    return account;
  }

  function optionalAccount(request: Incoming): FakeAccount | undefined {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const granted = token ? tokens.get(token) : undefined;
    return granted && accounts.find((a) => a.id === granted.accountId);
  }

  // The entities as Mastodon answers them: https://docs.joinmastodon.org/entities/
  const { accountJson, mediaJson, statusJson } = createPresenters();
  function createPresenters() {
    const accountJson = (account: FakeAccount) => ({
      id: account.id,
      username: account.username,
      acct: account.domain ? `${account.username}@${account.domain}` : account.username,
      display_name: account.displayName ?? account.username,
      locked: false,
      bot: false,
      created_at: '2024-01-01T00:00:00.000Z',
      note: '',
      uri: `https://${account.domain ?? config.domain}/users/${account.username}`,
      url: `https://${account.domain ?? config.domain}/@${account.username}`,
      avatar: `https://${config.domain}/avatars/original/missing.png`,
      header: `https://${config.domain}/headers/original/missing.png`,
      followers_count: account.followersCount ?? 0,
      following_count: 0,
      statuses_count: statuses.filter((s) => s.accountId === account.id).length,
      emojis: [],
      fields: [],
    });

    const mediaJson = (item: FakeMedia) => {
      const processed = item.pollsLeft === 0;
      const base = `https://${config.domain}/system/media_attachments/files/${item.id}`;
      return {
        id: item.id,
        type: mediaType(item.mimeType),
        url: processed ? `${base}/original/file` : null,
        preview_url: `${base}/small/file`,
        remote_url: null,
        meta: {},
        description: item.description || null,
        blurhash: null,
      };
    };

    const statusJson = (status: FakeStatus): Record<string, unknown> => {
      const account = accounts.find((a) => a.id === status.accountId) as FakeAccount;
      const parent = statuses.find((s) => s.id === status.inReplyToId);
      const home = account.domain ?? config.domain;
      const reblog = status.reblogOfId ? statuses.find((s) => s.id === status.reblogOfId) : undefined;
      if (reblog) {
        // A boost wraps the boosted status: its own uri is the Announce activity's, its content empty.
        return {
          ...statusJson({ ...status, reblogOfId: null, text: '', html: '', tags: [] }),
          uri: `https://${home}/users/${account.username}/statuses/${status.id}/activity`,
          url: null,
          language: null,
          reblog: statusJson(reblog),
        };
      }
      return {
        id: status.id,
        created_at: status.createdAt,
        in_reply_to_id: status.inReplyToId,
        in_reply_to_account_id: parent?.accountId ?? null,
        sensitive: status.sensitive,
        spoiler_text: status.spoilerText,
        visibility: status.visibility,
        language: status.language,
        uri: `https://${home}/users/${account.username}/statuses/${status.id}`,
        url: `https://${home}/@${account.username}/${status.id}`,
        replies_count: statuses.filter((s) => s.inReplyToId === status.id).length,
        reblogs_count: statuses.filter((s) => s.reblogOfId === status.id).length,
        favourites_count: 0,
        edited_at: status.editedAt ?? null,
        content: status.html ?? toHtml(status.text),
        reblog: null,
        application: { name: 'Rostra', website: null },
        account: accountJson(account),
        media_attachments: status.mediaIds.map((id) => mediaJson(media.find((m) => m.id === id) as FakeMedia)),
        mentions: mentionedIn(status).map((a) => ({
          id: a.id,
          username: a.username,
          url: `https://${a.domain ?? config.domain}/@${a.username}`,
          acct: a.domain ? `${a.username}@${a.domain}` : a.username,
        })),
        tags: tagsOf(status).map((name) => ({ name, url: `https://${config.domain}/tags/${name}` })),
        emojis: [],
        card: null,
        poll: null,
      };
    };

    return { accountJson, mediaJson, statusJson };
  }

  /** The account's own media a new status may take: free, processed, and videos alone, as Mastodon checks them. */
  function mediaToAttach(mediaIds: string[], account: FakeAccount): FakeMedia[] {
    if (mediaIds.length > config.maxMediaAttachments) {
      throw new Answer(422, { error: `Cannot attach more than ${config.maxMediaAttachments} files` });
    }
    const attached = mediaIds.map((id) => media.find((m) => m.id === id && m.accountId === account.id && !m.statusId));
    const missing = mediaIds.filter((_, index) => !attached[index]);
    if (missing.length > 0) {
      throw new Answer(422, { error: `Media ${missing.join(', ')} not found or already attached to another post` });
    }
    const items = attached as FakeMedia[];
    if (items.length > 1 && items.some((item) => isTimeBased(item.mimeType))) {
      throw new Answer(422, { error: 'Cannot attach a video to a post that already contains images' });
    }
    if (items.some((item) => item.pollsLeft > 0)) {
      throw new Answer(422, {
        error: 'Cannot attach files that have not finished processing. Try again in a moment!',
      });
    }
    return items;
  }

  /** Registering an app, OAuth's authorisation and token, and the signed-in account. */
  function signInHandlers(): Pick<
    Handlers,
    'POST /api/v1/apps' | 'GET /oauth/authorize' | 'POST /oauth/token' | 'GET /api/v1/accounts/verify_credentials'
  > {
    return {
      // https://docs.joinmastodon.org/methods/apps/#create
      'POST /api/v1/apps': (request) => {
        const form = readForm(
          request,
          ['form', 'json', 'multipart'],
          ['client_name', 'redirect_uris', 'scopes', 'website'],
        );
        const name = form.required('client_name');
        const redirectUris = form
          .all('redirect_uris')
          .flatMap((value) => value.split(/\s+/))
          .filter(Boolean);
        if (redirectUris.length === 0) throw new Unexpected('redirect_uris is required');
        if (!redirectUris.every(isAbsoluteUri)) {
          throw new Answer(422, { error: 'Validation failed: Redirect URI must be an absolute URI.' });
        }
        const scopes = (form.one('scopes') ?? 'read').split(/\s+/).filter(Boolean);
        if (!scopes.every((scope) => KNOWN_SCOPES.test(scope))) {
          throw new Answer(422, { error: 'Validation failed: Scopes are invalid' });
        }
        const app: FakeApp = {
          id: String(apps.length + 1),
          name,
          website: form.one('website') ?? null,
          clientId: randomBytes(32).toString('base64url'),
          clientSecret: randomBytes(32).toString('base64url'),
          redirectUris,
          scopes,
        };
        apps.push(app);
        return new Answer(200, {
          id: app.id,
          name: app.name,
          website: app.website,
          scopes: app.scopes,
          redirect_uri: app.redirectUris.join('\n'),
          redirect_uris: app.redirectUris,
          client_id: app.clientId,
          client_secret: app.clientSecret,
          client_secret_expires_at: 0,
        });
      },

      // https://docs.joinmastodon.org/methods/oauth/#authorize — a browser page; the signed-in person approves at once.
      'GET /oauth/authorize': (request) => {
        const query = readQuery(request, [
          'response_type',
          'client_id',
          'redirect_uri',
          'scope',
          'state',
          'code_challenge',
          'code_challenge_method',
          'force_login',
          'lang',
        ]);
        if (query.required('response_type') !== 'code') throw new Unexpected('response_type must be "code"');
        const app = apps.find((a) => a.clientId === query.required('client_id'));
        const redirectUri = query.required('redirect_uri');
        // Doorkeeper shows an error page, not a redirect, when it cannot trust the redirect URI.
        if (!app) throw new Answer(401, '<h1>Client authentication failed due to unknown client</h1>');
        if (!app.redirectUris.includes(redirectUri)) {
          throw new Answer(400, '<h1>The redirect uri included is not valid.</h1>');
        }
        const back = new URL(redirectUri);
        const state = query.one('state');
        if (state !== undefined) back.searchParams.set('state', state);
        const refuse = (error: string, description: string) => {
          back.searchParams.set('error', error);
          back.searchParams.set('error_description', description);
          return new Answer(302, '', { location: back.toString() });
        };
        const scopes = (query.one('scope') ?? 'read').split(/[\s+]+/).filter(Boolean);
        if (!scopes.every((scope) => app.scopes.includes(scope))) {
          return refuse('invalid_scope', 'The requested scope is invalid, unknown, or malformed.');
        }
        const challenge = query.one('code_challenge');
        const method = query.one('code_challenge_method');
        if (challenge === undefined && config.requirePkce)
          return refuse('invalid_request', 'Code challenge is required.');
        if (challenge !== undefined && method !== 'S256') {
          return refuse('invalid_request', 'The code challenge method must be S256.');
        }
        if (!signedIn) throw new Unexpected('nobody is signed in at the fake to approve: call fake.signInAs(username)');
        const code = randomBytes(32).toString('base64url');
        grants.set(code, {
          clientId: app.clientId,
          redirectUri,
          scopes,
          codeChallenge: challenge,
          accountId: signedIn.id,
          expiresAt: Date.now() + CODE_TTL_MS,
        });
        back.searchParams.set('code', code);
        return new Answer(302, '', { location: back.toString() });
      },

      // https://docs.joinmastodon.org/methods/oauth/#token — PKCE: RFC 7636 §4.6, S256 only.
      'POST /oauth/token': (request) => {
        const form = readForm(
          request,
          ['form', 'json'],
          ['grant_type', 'code', 'client_id', 'client_secret', 'redirect_uri', 'code_verifier', 'scope'],
        );
        if (form.required('grant_type') !== 'authorization_code') {
          throw new Unexpected('the fake only implements grant_type=authorization_code');
        }
        const app = apps.find((a) => a.clientId === form.required('client_id'));
        if (!app || app.clientSecret !== form.required('client_secret')) {
          throw new Answer(401, {
            error: 'invalid_client',
            error_description:
              'Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.',
          });
        }
        const invalidGrant = new Answer(400, {
          error: 'invalid_grant',
          error_description:
            'The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.',
        });
        const code = form.required('code');
        const grant = grants.get(code);
        if (!grant || grant.expiresAt < Date.now() || grant.clientId !== app.clientId) throw invalidGrant;
        if (grant.redirectUri !== form.required('redirect_uri')) throw invalidGrant;
        if (grant.codeChallenge !== undefined) {
          const verifier = form.one('code_verifier');
          if (!verifier || createHash('sha256').update(verifier, 'ascii').digest('base64url') !== grant.codeChallenge) {
            throw invalidGrant;
          }
        }
        grants.delete(code);
        return new Answer(200, {
          access_token: issueToken(grant.accountId, grant.scopes),
          token_type: 'Bearer',
          scope: grant.scopes.join(' '),
          created_at: Math.floor(Date.now() / 1000),
        });
      },

      // https://docs.joinmastodon.org/methods/accounts/#verify_credentials
      'GET /api/v1/accounts/verify_credentials': (request) => {
        readQuery(request, []);
        const account = authenticate(request, 'read:accounts');
        return new Answer(200, {
          ...accountJson(account),
          source: { privacy: 'public', sensitive: false, language: '', note: '', fields: [] },
        });
      },
    };
  }

  /** What publishing uses: the instance's limits, media, statuses. */
  function publishingHandlers(): Pick<
    Handlers,
    | 'GET /api/v2/instance'
    | 'POST /api/v2/media'
    | 'GET /api/v1/media/:id'
    | 'POST /api/v1/statuses'
    | 'GET /api/v1/statuses/:id'
  > {
    return {
      // https://docs.joinmastodon.org/methods/instance/#v2 (public)
      'GET /api/v2/instance': (request) => {
        readQuery(request, []);
        return new Answer(200, {
          domain: config.domain,
          title: 'Mastodon de test',
          version: config.version,
          source_url: 'https://github.com/mastodon/mastodon',
          description: 'A fake instance for Rostra’s tests',
          usage: { users: { active_month: accounts.length } },
          thumbnail: { url: `https://${config.domain}/packs/media/images/preview.png` },
          languages: ['fr', 'en'],
          configuration: {
            urls: { streaming: `wss://${config.domain}` },
            accounts: { max_featured_tags: 10, max_pinned_statuses: 5 },
            statuses: {
              max_characters: config.maxCharacters,
              max_media_attachments: config.maxMediaAttachments,
              characters_reserved_per_url: config.charactersReservedPerUrl,
            },
            media_attachments: {
              supported_mime_types: config.supportedMimeTypes,
              description_limit: config.descriptionLimit,
              image_size_limit: config.imageSizeLimit,
              image_matrix_limit: 33_177_600,
              video_size_limit: config.videoSizeLimit,
              video_frame_rate_limit: 120,
              video_matrix_limit: 8_294_400,
            },
            polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300, max_expiration: 2_629_746 },
            translation: { enabled: false },
          },
          registrations: { enabled: false, approval_required: false, message: null },
          contact: { email: `admin@${config.domain}`, account: null },
          rules: [],
        });
      },

      // https://docs.joinmastodon.org/methods/media/#v2 — multipart only: it carries a file.
      'POST /api/v2/media': (request) => {
        const form = readForm(request, ['multipart'], ['file', 'thumbnail', 'description', 'focus']);
        const account = authenticate(request, 'write:media');
        const file = form.file('file');
        if (!file) throw new Unexpected('file is required, as a multipart file part');
        if (!config.supportedMimeTypes.includes(file.type)) {
          throw new Answer(422, { error: 'Validation failed: File content type is invalid, File is invalid' });
        }
        const limit = isTimeBased(file.type) ? config.videoSizeLimit : config.imageSizeLimit;
        if (file.data.byteLength > limit) {
          throw new Answer(422, { error: `Validation failed: File file size must be less than ${limit} Bytes` });
        }
        const description = form.one('description') ?? '';
        if ([...description].length > config.descriptionLimit) {
          throw new Answer(422, {
            error: `Validation failed: Description is too long (maximum is ${config.descriptionLimit} characters)`,
          });
        }
        const asynchronous =
          config.mediaProcessing === 'async' || (config.mediaProcessing === 'by-type' && isTimeBased(file.type));
        const item: FakeMedia = {
          id: nextId(),
          accountId: account.id,
          mimeType: file.type,
          data: file.data,
          description,
          statusId: null,
          pollsLeft: asynchronous ? Math.max(1, config.processingPolls) : 0,
        };
        media.push(item);
        return new Answer(asynchronous ? 202 : 200, mediaJson(item));
      },

      // https://docs.joinmastodon.org/methods/media/#get — 206 while processing.
      'GET /api/v1/media/:id': (request) => {
        readQuery(request, []);
        const account = authenticate(request, 'write:media');
        const item = media.find((m) => m.id === request.params.id && m.accountId === account.id);
        if (!item) throw new Answer(404, { error: 'Record not found' });
        if (item.pollsLeft > 0) {
          item.pollsLeft -= 1;
          return new Answer(206, { ...mediaJson(item), url: null });
        }
        return new Answer(200, mediaJson(item));
      },

      // https://docs.joinmastodon.org/methods/statuses/#create
      'POST /api/v1/statuses': (request) => {
        const form = readForm(
          request,
          ['form', 'json'],
          [
            'status',
            'media_ids',
            'in_reply_to_id',
            'sensitive',
            'spoiler_text',
            'visibility',
            'language',
            'poll',
            'scheduled_at',
            'quoted_status_id',
            'quote_approval_policy',
          ],
        );
        const account = authenticate(request, 'write:statuses');
        for (const name of ['poll', 'scheduled_at', 'quoted_status_id', 'quote_approval_policy']) {
          if (form.one(name) !== undefined) throw new Unexpected(`the fake does not implement ${name}`);
        }
        // "Prevent duplicate submissions of the same status. Idempotency keys are stored for up to 1 hour."
        const key = headerOf(request, 'idempotency-key');
        const slot = key ? `${account.id}:${key}` : undefined;
        const earlier = slot ? idempotency.get(slot) : undefined;
        if (earlier && earlier.expiresAt > Date.now()) {
          return new Answer(200, statusJson(statuses.find((s) => s.id === earlier.statusId) as FakeStatus));
        }

        const mediaIds = form.all('media_ids');
        const items = mediaToAttach(mediaIds, account);
        const inReplyToId = form.one('in_reply_to_id') ?? null;
        if (inReplyToId !== null && !statuses.some((s) => s.id === inReplyToId)) {
          throw new Answer(404, { error: 'The post you are trying to reply to does not appear to exist.' });
        }
        const text = form.one('status') ?? '';
        const spoilerText = form.one('spoiler_text') ?? '';
        if (text.trim() === '' && items.length === 0)
          throw new Answer(422, { error: "Validation failed: Text can't be blank" });
        if (countLikeMastodon(text, spoilerText, config.charactersReservedPerUrl) > config.maxCharacters) {
          throw new Answer(422, {
            error: `Validation failed: Text character limit of ${config.maxCharacters} exceeded`,
          });
        }
        const visibility = form.one('visibility') ?? 'public';
        if (!['public', 'unlisted', 'private', 'direct'].includes(visibility)) {
          throw new Answer(422, { error: `'${visibility}' is not a valid visibility` });
        }
        const sensitive = form.one('sensitive');
        const status: FakeStatus = {
          id: nextId(),
          accountId: account.id,
          text,
          spoilerText,
          // Rails' boolean cast; a content warning makes the status sensitive (PostStatusService).
          sensitive:
            (sensitive !== undefined && !['', '0', 'f', 'false', 'off'].includes(sensitive.toLowerCase())) ||
            spoilerText !== '',
          visibility,
          language: /^[a-z]{2,3}(?:[-_][a-z0-9]+)*$/i.test(form.one('language') ?? '')
            ? (form.one('language') as string)
            : 'en',
          inReplyToId,
          mediaIds,
          idempotencyKey: key ?? null,
          createdAt: new Date().toISOString(),
        };
        statuses.push(status);
        broadcast(status);
        notify(status);
        for (const item of items) item.statusId = status.id;
        if (slot) idempotency.set(slot, { statusId: status.id, expiresAt: Date.now() + IDEMPOTENCY_TTL_MS });
        return new Answer(200, statusJson(status));
      },

      // https://docs.joinmastodon.org/methods/statuses/#get — public statuses need no token.
      'GET /api/v1/statuses/:id': (request) => {
        readQuery(request, []);
        const reader = optionalAccount(request);
        const status = statuses.find((s) => s.id === request.params.id);
        const visible =
          status && (['public', 'unlisted'].includes(status.visibility) || reader?.id === status.accountId);
        if (!status || !visible) throw new Answer(404, { error: 'Record not found' });
        return new Answer(200, statusJson(status));
      },
    };
  }

  /** What listening reads: timelines, accounts and their statuses, the stream. */
  function readingHandlers(): Pick<
    Handlers,
    | 'GET /api/v1/timelines/tag/:hashtag'
    | 'GET /api/v1/timelines/public'
    | 'GET /api/v1/accounts/lookup'
    | 'GET /api/v1/accounts/:id/statuses'
    | 'GET /api/v1/streaming'
  > {
    return {
      // https://docs.joinmastodon.org/methods/timelines/#tag — public statuses with the hashtag, boosts left out.
      'GET /api/v1/timelines/tag/:hashtag': (request) => {
        const query = readQuery(request, [...PAGE_PARAMS, 'any', 'all', 'none', 'local', 'remote', 'only_media']);
        for (const name of ['any', 'all', 'none', 'remote', 'only_media']) {
          if (query.one(name) !== undefined) throw new Unexpected(`the fake does not implement ${name}`);
        }
        const tag = (request.params.hashtag ?? '').toLowerCase();
        const local = isTrue(query.one('local'));
        return paginate(
          request,
          statuses.filter(
            (s) =>
              isPublic(s) && !s.reblogOfId && tagsOf(s).some((t) => t.toLowerCase() === tag) && (!local || isLocal(s)),
          ),
        );
      },

      // https://docs.joinmastodon.org/methods/timelines/#public — boosts are not in public timelines.
      'GET /api/v1/timelines/public': (request) => {
        const query = readQuery(request, [...PAGE_PARAMS, 'local', 'remote', 'only_media']);
        for (const name of ['remote', 'only_media']) {
          if (query.one(name) !== undefined) throw new Unexpected(`the fake does not implement ${name}`);
        }
        const local = isTrue(query.one('local'));
        return paginate(
          request,
          statuses.filter((s) => isPublic(s) && !s.reblogOfId && (!local || isLocal(s))),
        );
      },

      // https://docs.joinmastodon.org/methods/accounts/#lookup — `user` here, `user@domain` for a known remote one.
      'GET /api/v1/accounts/lookup': (request) => {
        const acct = readQuery(request, ['acct']).required('acct').replace(/^@/, '');
        const [username, domain] = acct.split('@');
        const account = accounts.find(
          (a) =>
            a.username.toLowerCase() === username?.toLowerCase() &&
            (domain === undefined || domain === config.domain ? !a.domain : a.domain === domain),
        );
        if (!account) throw new Answer(404, { error: 'Record not found' });
        return new Answer(200, accountJson(account));
      },

      // https://docs.joinmastodon.org/methods/accounts/#statuses — boosts included; public and unlisted ones.
      'GET /api/v1/accounts/:id/statuses': (request) => {
        const query = readQuery(request, [
          ...PAGE_PARAMS,
          'only_media',
          'exclude_replies',
          'exclude_reblogs',
          'pinned',
          'tagged',
        ]);
        for (const name of ['only_media', 'exclude_replies', 'exclude_reblogs', 'pinned', 'tagged']) {
          if (query.one(name) !== undefined) throw new Unexpected(`the fake does not implement ${name}`);
        }
        const account = accounts.find((a) => a.id === request.params.id);
        if (!account) throw new Answer(404, { error: 'Record not found' });
        return paginate(
          request,
          statuses.filter((s) => s.accountId === account.id && ['public', 'unlisted'].includes(s.visibility)),
        );
      },

      // https://docs.joinmastodon.org/methods/streaming/#websocket — reached here only without an Upgrade header.
      'GET /api/v1/streaming': () => {
        throw new Unexpected('the fake serves the streaming API as a WebSocket only');
      },
    };
  }

  /**
   * The accounts a status names, as ProcessMentionsService finds them: `@user` of this instance, `@user@domain`
   * of a known remote one (a simplified MENTION_RE). Statuses given as HTML name nobody.
   */
  function mentionedIn(status: FakeStatus): FakeAccount[] {
    if (status.html !== undefined || status.reblogOfId) return [];
    const found = [...status.text.matchAll(/(?<![=/\p{L}\p{N}_])@([a-z0-9_]+)(?:@([a-z0-9.-]+[a-z0-9]))?/giu)];
    const named = found.flatMap(([, username, domain]) =>
      accounts.filter(
        (a) =>
          a.username.toLowerCase() === username?.toLowerCase() &&
          (domain === undefined || domain === config.domain ? !a.domain : a.domain === domain),
      ),
    );
    return [...new Set(named)];
  }

  /** A `mention` notification for each account named, but the author (NotifyService skips self-mentions). */
  function notify(status: FakeStatus): void {
    for (const account of mentionedIn(status)) {
      if (account.id === status.accountId || account.domain) continue;
      notifications.push({
        id: nextId(),
        type: 'mention',
        accountId: account.id,
        statusId: status.id,
        createdAt: new Date().toISOString(),
        // The fake has no follows: every private mention is from a stranger.
        filtered: status.visibility === 'direct' && byId(status.inReplyToId)?.accountId !== account.id,
      });
    }
  }

  /** Public and unlisted statuses, the reader's own, and those naming the reader (private and direct). */
  function canSee(status: FakeStatus, reader: FakeAccount | undefined): boolean {
    if (['public', 'unlisted'].includes(status.visibility)) return true;
    return reader !== undefined && (reader.id === status.accountId || mentionedIn(status).includes(reader));
  }

  /** What the inbox reads: the account's notifications, and the thread around a status. */
  function inboxHandlers(): Pick<Handlers, 'GET /api/v1/notifications' | 'GET /api/v1/statuses/:id/context'> {
    return {
      // https://docs.joinmastodon.org/methods/notifications/#get — 40 by default, 80 at most; the fake makes
      // mentions only, so it implements `types[]` for them and refuses the filters it does not implement.
      // `include_filtered` (4.3) lists what the notification policy set aside too.
      'GET /api/v1/notifications': (request) => {
        const query = readQuery(request, [
          ...PAGE_PARAMS,
          'types[]',
          'exclude_types[]',
          'account_id',
          'include_filtered',
        ]);
        for (const name of ['exclude_types[]', 'account_id']) {
          if (query.one(name) !== undefined) throw new Unexpected(`the fake does not implement ${name}`);
        }
        const known = ['mention', 'status', 'reblog', 'follow', 'follow_request', 'favourite', 'poll', 'update'];
        const types = query.all('types[]');
        const wrong = types.find((type) => !known.includes(type) && !type.startsWith('admin.'));
        if (wrong) throw new Unexpected(`"${wrong}" is not a notification type`);
        const account = authenticate(request, 'read:notifications');
        const withFiltered = isTrue(query.one('include_filtered'));
        const mine = notifications.filter(
          (n) =>
            n.accountId === account.id &&
            (types.length === 0 || types.includes(n.type)) &&
            (withFiltered || !n.filtered),
        );
        return paginateBy(request, mine, {
          present: (n) => ({
            id: n.id,
            type: n.type,
            group_key: `ungrouped-${n.id}`,
            created_at: n.createdAt,
            account: accountJson(accounts.find((a) => a.id === statusOf(n).accountId) as FakeAccount),
            status: statusJson(statusOf(n)),
          }),
          defaultLimit: 40,
          maxLimit: 80,
        });
      },

      // https://docs.joinmastodon.org/methods/statuses/#context — ancestors oldest first, what the reader may see.
      'GET /api/v1/statuses/:id/context': (request) => {
        readQuery(request, []);
        const reader = optionalAccount(request);
        const status = statuses.find((s) => s.id === request.params.id);
        if (!status || !canSee(status, reader)) throw new Answer(404, { error: 'Record not found' });
        const ancestors: FakeStatus[] = [];
        for (
          let parent = byId(status.inReplyToId);
          parent && canSee(parent, reader);
          parent = byId(parent.inReplyToId)
        ) {
          ancestors.unshift(parent);
        }
        const descendants: FakeStatus[] = [];
        const below = (id: string) => statuses.filter((s) => s.inReplyToId === id && canSee(s, reader));
        for (const queue = below(status.id); queue.length > 0;) {
          const next = queue.shift() as FakeStatus;
          descendants.push(next);
          queue.unshift(...below(next.id));
        }
        return new Answer(200, { ancestors: ancestors.map(statusJson), descendants: descendants.map(statusJson) });
      },
    };
  }

  const byId = (id: string | null) => (id === null ? undefined : statuses.find((s) => s.id === id));
  const statusOf = (n: FakeNotification) => byId(n.statusId) as FakeStatus;

  const handlers: Handlers = {
    ...signInHandlers(),
    ...publishingHandlers(),
    ...readingHandlers(),
    ...inboxHandlers(),
  };

  /** Statuses, 20 a page by default and 40 at most, as timelines answer them. */
  function paginate(request: Incoming, matching: FakeStatus[]): Answer {
    return paginateBy(request, matching, { present: statusJson, defaultLimit: 20, maxLimit: 40 });
  }

  /**
   * Newest first; `max_id` below, `since_id` above (the newest page), `min_id` immediately above (the oldest
   * page above it). Link: `next` goes older, `prev` newer. https://docs.joinmastodon.org/api/guidelines/#pagination
   */
  function paginateBy<T extends { id: string }>(
    request: Incoming,
    matching: T[],
    { present, defaultLimit, maxLimit }: { present: (item: T) => unknown; defaultLimit: number; maxLimit: number },
  ): Answer {
    const query = request.query;
    const rawLimit = query.get('limit');
    if (rawLimit !== null && !/^\d+$/.test(rawLimit)) throw new Unexpected(`limit "${rawLimit}" is not a number`);
    const limit = Math.min(maxLimit, Math.max(1, Number(rawLimit ?? defaultLimit)));
    const id = (name: string) => {
      const value = query.get(name);
      if (value !== null && !/^\d+$/.test(value)) throw new Unexpected(`${name} "${value}" is not a status id`);
      return value === null ? undefined : BigInt(value);
    };
    const maxId = id('max_id');
    const sinceId = id('since_id');
    const minId = id('min_id');
    let list = [...matching]
      .filter((s) => (maxId === undefined || BigInt(s.id) < maxId) && (sinceId === undefined || BigInt(s.id) > sinceId))
      .filter((s) => minId === undefined || BigInt(s.id) > minId)
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    list = minId !== undefined && sinceId === undefined ? list.slice(-limit) : list.slice(0, limit);
    const headers: Record<string, string> = {};
    const oldest = list[list.length - 1];
    const newest = list[0];
    if (oldest && newest) {
      const link = (name: string, value: string) => {
        const url = new URL(request.path, `http://127.0.0.1:${port()}`);
        for (const param of PAGE_PARAMS) if (param !== 'limit') url.searchParams.delete(param);
        url.searchParams.set(name, value);
        return url.toString();
      };
      headers.link = `<${link('max_id', oldest.id)}>; rel="next", <${link('min_id', newest.id)}>; rel="prev"`;
    }
    return new Answer(200, list.map(present), headers);
  }

  const isLocal = (status: FakeStatus) => !accounts.find((a) => a.id === status.accountId)?.domain;

  // Streaming: https://docs.joinmastodon.org/methods/streaming/ — one stream per connection, from the query.
  const { streams, sockets, broadcast, upgrade } = createStreaming();
  function createStreaming() {
    const streams = new Map<WebSocket, { stream: string; tag: string | undefined }>();
    const sockets = new WebSocketServer({ noServer: true });

    /** Mastodon's fan-out sends a new status as `update` and an edited one as `status.update`, to the same streams. */
    function broadcast(status: FakeStatus, event: 'update' | 'status.update' = 'update'): void {
      if (!isPublic(status) || status.reblogOfId) return;
      for (const [socket, { stream, tag }] of streams) {
        if (stream.endsWith(':local') && !isLocal(status)) continue;
        if (stream.startsWith('hashtag') && !tagsOf(status).some((t) => t.toLowerCase() === tag?.toLowerCase()))
          continue;
        const name = stream.startsWith('hashtag') ? [stream, tag] : [stream];
        socket.send(JSON.stringify({ stream: name, event, payload: JSON.stringify(statusJson(status)) }));
      }
    }

    function upgrade(incoming: IncomingMessage, socket: Duplex, head: Buffer): void {
      const target = new URL(incoming.url ?? '/', 'http://127.0.0.1');
      const path = `${target.pathname}${target.search}`;
      requests.push({ method: 'GET', path, route: 'GET /api/v1/streaming', idempotencyKey: undefined });
      const answer = (status: number, reason: string) => {
        socket.end(
          `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{"error":"${reason}"}`,
        );
      };
      const refuse = (reason: string) => {
        unexpected.push({ method: 'GET', path, reason });
        answer(500, 'Unexpected');
      };
      if (target.pathname !== '/api/v1/streaming') return refuse('no WebSocket endpoint at this path');
      if (config.streaming === 'absent') return answer(404, 'Not Found');
      const allowed = ['stream', 'tag', 'access_token', 'list'];
      const unknown = [...target.searchParams.keys()].find((name) => !allowed.includes(name));
      if (unknown) return refuse(`unknown parameter "${unknown}" (documented: ${allowed.join(', ')})`);
      const stream = target.searchParams.get('stream') ?? '';
      const tag = target.searchParams.get('tag') ?? undefined;
      if (!['public', 'public:local', 'hashtag', 'hashtag:local'].includes(stream)) {
        return refuse(`the fake streams public and hashtag timelines, not "${stream}"`);
      }
      if (stream.startsWith('hashtag') && !tag) return refuse('stream=hashtag without tag');
      const bearer = /^Bearer (\S+)$/.exec(incoming.headers.authorization ?? '')?.[1];
      const token = bearer ?? target.searchParams.get('access_token') ?? undefined;
      if (token !== undefined && !tokens.has(token)) return answer(401, 'Unauthorized');
      if (config.streaming === 'auth' && token === undefined) return answer(401, 'Unauthorized');
      sockets.handleUpgrade(incoming, socket, head, (client) => {
        streams.set(client, { stream, tag });
        client.on('close', () => streams.delete(client));
      });
    }

    return { streams, sockets, broadcast, upgrade };
  }

  async function handle(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const { method, target, path } = readTarget(incoming);
    const body = await readBody(incoming, MAX_BODY_BYTES);
    const match = matchRoute(method, target.pathname);
    requests.push({
      method,
      path,
      route: match && 'route' in match ? match.route : undefined,
      idempotencyKey: headerOf(incoming, 'idempotency-key'),
    });
    const refuse = (reason: string) => http.refuse(outgoing, { method, path }, reason);
    if (!match) return refuse('no such endpoint in the fake (see the doc links in fake-mastodon.ts)');
    if ('wrongMethod' in match) return refuse(`${target.pathname} is not called with ${method}`);

    const failure = faults.takeFailure(match.route);
    if (failure) {
      await sleep(config.responseDelayMs);
      return sendAnswer(outgoing, toInjectedAnswer(failure, mastodonFailure));
    }

    const answer = await runHandler(() =>
      handlers[match.route]({
        headers: incoming.headers,
        query: target.searchParams,
        body,
        params: match.params,
        path,
      }),
    );
    if (answer instanceof Unexpected) return refuse(answer.message);

    const lost = faults.takeLoss(match.route);
    if (lost === 'hang' || lost === 'reset') return http.lose(lost, incoming, outgoing);
    await sleep(config.responseDelayMs);
    sendAnswer(
      outgoing,
      lost === 'garbage' ? new Answer(200, '{"id": "1', { 'content-type': 'application/json' }) : answer,
    );
  }

  const http = await startFakeHttpServer({
    unexpected,
    refusalBody: (reason) => ({ error: `Unexpected request to the fake Mastodon: ${reason}` }),
    handle,
    upgrade,
  });
  const url = http.url;
  const port = () => Number(new URL(url).port);

  return {
    url,
    get domain() {
      return config.domain;
    },
    unexpected,
    requests,
    statuses,
    media,
    apps,
    notifications,
    createAccount(username, { scopes = 'read write', domain, displayName, followersCount } = {}) {
      if (accounts.some((a) => a.username === username && a.domain === domain)) {
        throw new Error(`${username} already exists on the fake`);
      }
      const account: FakeAccount = { id: nextId(), username, domain, displayName, followersCount };
      accounts.push(account);
      return { account, accessToken: issueToken(account.id, scopes.split(/\s+/)) };
    },
    signInAs(username) {
      signedIn = username === undefined ? undefined : accounts.find((a) => a.username === username);
      if (username !== undefined && !signedIn) throw new Error(`${username} has no account on the fake`);
    },
    revokeToken(accessToken) {
      tokens.delete(accessToken);
    },
    configure(next) {
      Object.assign(config, next);
    },
    failNext: (route, failure) => faults.failNext(route, failure),
    dropNextResponse(route, how = 'hang') {
      faults.loseNext(route, how);
    },
    addStatus(input) {
      const account = accounts.find(
        (a) => a.username === input.username || `${a.username}@${a.domain}` === input.username,
      );
      if (!account) throw new Error(`${input.username} has no account on the fake`);
      const status: FakeStatus = {
        id: nextId(),
        accountId: account.id,
        text: input.text ?? '',
        spoilerText: input.spoilerText ?? '',
        sensitive: (input.spoilerText ?? '') !== '',
        visibility: input.visibility ?? 'public',
        language: input.language ?? 'fr',
        inReplyToId: input.inReplyToId ?? null,
        mediaIds: [],
        idempotencyKey: null,
        createdAt: new Date().toISOString(),
        ...(input.html === undefined ? {} : { html: input.html }),
        ...(input.tags === undefined ? {} : { tags: input.tags }),
        reblogOfId: input.reblogOfId ?? null,
      };
      statuses.push(status);
      broadcast(status);
      notify(status);
      return status;
    },
    editStatus(id, changes) {
      const status = statuses.find((s) => s.id === id);
      if (!status) throw new Error(`no status ${id} on the fake`);
      if (status.reblogOfId) throw new Error('a boost cannot be edited');
      // Mastodon keeps created_at and moves edited_at; the tags follow the new text unless given.
      if (changes.text !== undefined) {
        status.text = changes.text;
        delete status.html;
        delete status.tags;
      }
      if (changes.html !== undefined) status.html = changes.html;
      if (changes.tags !== undefined) status.tags = changes.tags;
      if (changes.spoilerText !== undefined) {
        status.spoilerText = changes.spoilerText;
        status.sensitive = changes.spoilerText !== '';
      }
      if (changes.language !== undefined) status.language = changes.language;
      // Strictly later than creation and than a previous edit, even within one millisecond.
      const previous = Date.parse(status.editedAt ?? status.createdAt);
      status.editedAt = new Date(Math.max(Date.now(), previous + 1)).toISOString();
      broadcast(status, 'status.update');
      return status;
    },
    get streamClients() {
      return streams.size;
    },
    dropStreams() {
      for (const socket of streams.keys()) socket.terminate();
    },
    async close() {
      for (const socket of streams.keys()) socket.terminate();
      sockets.close();
      await http.close();
    },
  };
}

type Handlers = Record<FakeRoute, (request: Incoming) => Answer>;

interface Grant {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge: string | undefined;
  accountId: string;
  expiresAt: number;
}

interface Incoming {
  headers: IncomingMessage['headers'];
  query: URLSearchParams;
  body: Buffer;
  params: Record<string, string>;
  /** Path and query string, to build Link headers from. */
  path: string;
}

const matchRoute = createRouter<FakeRoute>([
  'POST /api/v1/apps',
  'GET /oauth/authorize',
  'POST /oauth/token',
  'GET /api/v1/accounts/verify_credentials',
  'GET /api/v2/instance',
  'POST /api/v2/media',
  'GET /api/v1/media/:id',
  'POST /api/v1/statuses',
  'GET /api/v1/statuses/:id',
  'GET /api/v1/timelines/tag/:hashtag',
  'GET /api/v1/timelines/public',
  'GET /api/v1/accounts/lookup',
  'GET /api/v1/accounts/:id/statuses',
  'GET /api/v1/streaming',
  'GET /api/v1/notifications',
  'GET /api/v1/statuses/:id/context',
]);

/** What Mastodon (or the proxy in front of it) answers with each status, unless the test says otherwise. */
function mastodonFailure(status: number): Answer {
  switch (status) {
    case 401:
      return new Answer(401, { error: 'The access token is invalid' });
    case 403:
      return new Answer(403, { error: 'This action is outside the authorized scopes' });
    case 404:
      return new Answer(404, { error: 'Record not found' });
    case 422:
      return new Answer(422, { error: 'Validation failed: Text character limit of 500 exceeded' });
    case 429: {
      // https://docs.joinmastodon.org/api/rate-limits/ — the reset is an ISO 8601 date.
      const reset = new Date(Date.now() + 5 * 60_000).toISOString();
      return new Answer(
        429,
        { error: 'Too many requests' },
        { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset },
      );
    }
    default:
      // nginx's page, as in front of most instances.
      return new Answer(
        status,
        `<html><head><title>${status}</title></head><body><center><h1>${status}</h1></center><hr><center>nginx</center></body></html>`,
      );
  }
}

interface FormFile {
  type: string;
  data: Buffer;
}

interface Form {
  one(name: string): string | undefined;
  all(name: string): string[];
  required(name: string): string;
  file(name: string): FormFile | undefined;
}

/** Query parameters, refusing unknown ones: Mastodon ignores them, which would hide a misspelt name. */
function readQuery(request: Incoming, allowed: string[]): Form {
  const values = new Map<string, string[]>();
  for (const [name, value] of request.query) values.set(name, [...(values.get(name) ?? []), value]);
  return toForm(values, new Map(), allowed);
}

type BodyKind = 'form' | 'json' | 'multipart';

/**
 * The body as parameters, in one of the encodings the endpoint takes (Rails parses form, JSON and multipart
 * alike). Array parameters are named `name[]` in forms and `name` in JSON; both read as `name`.
 */
function readForm(request: Incoming, kinds: BodyKind[], allowed: string[]): Form {
  const contentType = headerOf(request, 'content-type') ?? '';
  const mediaType = contentType.split(';')[0]?.trim().toLowerCase();
  const kind: BodyKind | undefined =
    mediaType === 'application/x-www-form-urlencoded'
      ? 'form'
      : mediaType === 'application/json'
        ? 'json'
        : mediaType === 'multipart/form-data'
          ? 'multipart'
          : undefined;
  if (!kind || !kinds.includes(kind)) {
    throw new Unexpected(`content type "${contentType}" where the endpoint takes ${kinds.join(', ')}`);
  }
  if ([...request.query.keys()].length > 0) throw new Unexpected('parameters in the query string of a POST');
  const values = new Map<string, string[]>();
  const files = new Map<string, FormFile>();
  const add = (rawName: string, value: string) => {
    const name = rawName.replace(/\[\]$/, '');
    values.set(name, [...(values.get(name) ?? []), value]);
  };
  if (kind === 'form') {
    for (const [name, value] of new URLSearchParams(request.body.toString('utf8'))) add(name, value);
  } else if (kind === 'json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(request.body.toString('utf8'));
    } catch {
      throw new Unexpected('a JSON body that does not parse');
    }
    for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
      for (const item of Array.isArray(value) ? value : [value]) {
        if (item === null || typeof item === 'object') throw new Unexpected(`nested JSON in "${name}"`);
        add(name, String(item));
      }
    }
  } else {
    for (const part of parseMultipart(request.body, boundaryOf(contentType))) {
      if (part.filename !== undefined) files.set(part.name, { type: part.type, data: part.data });
      else add(part.name, part.data.toString('utf8'));
    }
  }
  return toForm(values, files, allowed);
}

function toForm(values: Map<string, string[]>, files: Map<string, FormFile>, allowed: string[]): Form {
  for (const name of [...values.keys(), ...files.keys()]) {
    if (!allowed.includes(name))
      throw new Unexpected(`unknown parameter "${name}" (documented: ${allowed.join(', ') || 'none'})`);
  }
  return {
    one: (name) => values.get(name)?.[0],
    all: (name) => values.get(name) ?? [],
    required(name) {
      const value = values.get(name)?.[0];
      if (value === undefined || value === '') throw new Unexpected(`${name} is required`);
      return value;
    },
    file: (name) => files.get(name),
  };
}

const PAGE_PARAMS = ['max_id', 'since_id', 'min_id', 'limit'];

function isPublic(status: FakeStatus): boolean {
  return status.visibility === 'public';
}

function isTrue(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'f', 'false', 'off'].includes(value.toLowerCase());
}

/** Mastodon extracts hashtags from the text it receives (a simplified HASHTAG_RE). */
function tagsOf(status: FakeStatus): string[] {
  if (status.tags) return status.tags;
  return [...status.text.matchAll(/(?:^|[^\p{L}\p{N}_/])#([\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)/gu)].map((m) =>
    (m[1] ?? '').toLowerCase(),
  );
}

function hasScope(granted: string[], needed: string): boolean {
  return granted.includes(needed) || granted.includes(needed.split(':')[0] ?? needed);
}

function isAbsoluteUri(value: string): boolean {
  try {
    return new URL(value).protocol !== '';
  } catch {
    return false;
  }
}

function isTimeBased(mimeType: string): boolean {
  return mimeType.startsWith('video/') || mimeType.startsWith('audio/');
}

function mediaType(mimeType: string): string {
  if (mimeType === 'image/gif') return 'gifv';
  return mimeType.split('/')[0] === 'image' ? 'image' : (mimeType.split('/')[0] ?? 'unknown');
}

function toHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return `<p>${escaped
    .split(/\n{2,}/)
    .join('</p><p>')
    .replace(/\n/g, '<br />')}</p>`;
}

/**
 * The fake's own reading of https://docs.joinmastodon.org/user/posting/#text, written apart from the
 * connector's so that each checks the other: the content warning counts too, any http(s) URL counts as
 * `perUrl` characters, and `@user@domain` as `@user`; characters are grapheme clusters.
 */
export function countLikeMastodon(text: string, spoilerText: string, perUrl: number): number {
  const rewritten = text
    .replace(/(?<![\p{L}\p{N}@$#])https?:\/\/\S+/gu, (url) => {
      const kept = url.replace(/[.,;:!?'"»)\]]+$/u, '');
      return 'x'.repeat(perUrl) + url.slice(kept.length);
    })
    .replace(/(?<![=/\p{L}\p{N}_])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)@[\p{L}\p{N}_.-]*[\p{L}\p{N}_]/giu, '@$1');
  const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  return [...graphemes.segment(spoilerText + (text.trim() === '' ? '' : rewritten))].length;
}

/** Mastodon's ids: milliseconds shifted left 16 bits, plus a sequence; strings in the API. */
function createSnowflakes(): () => string {
  let last = 0n;
  return () => {
    const candidate = BigInt(Date.now()) << 16n;
    last = candidate > last ? candidate : last + 1n;
    return last.toString();
  };
}

function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
