// The Mastodon connector: OAuth (with PKCE) or a personal access token on any instance, and publishing
// statuses at most once per idempotency key — Mastodon's Idempotency-Key header answers a repeated POST with
// the status it already made. Each instance sets its own limits; they are read from it and cached.
import type {
  ChannelCredentials,
  ConnectedAccount,
  Connector,
  MediaAttachment,
  OAuthFlow,
  PublishRequest,
  PublishedRef,
  Publisher,
} from '../connector.js';
import { ConnectorError } from '../errors.js';
import { createMastodonApi, type ApiOptions, type MastodonApi } from './api.js';
import { createMastodonInbox } from './inbox.js';
import { createMastodonMentions, type MastodonMentionsOptions } from './mentions.js';
import {
  buildStatusForm,
  toIdempotencyKey,
  toInstanceProfile,
  toPublishedRef,
  type InstanceProfile,
} from './mapping.js';
import {
  countCharacters,
  DEFAULT_LIMITS,
  isBlocking,
  NETWORK,
  readOptions,
  validatePost,
  type MastodonLimits,
} from './rules.js';
import { connectWithToken, finishOAuth, readSession, startOAuth, type SessionContext } from './session.js';

export interface MastodonConnectorOptions {
  /** Per HTTP call; past it a status is `unknown_outcome`, anything else `unavailable`. Default 30 s. */
  timeoutMs?: number;
  /** The app name people see on their instance's authorisation page. Default "Rostra". */
  clientName?: string;
  /** The link shown beside it. */
  website?: string;
  /** How long an instance's limits are trusted. Default 1 hour (admins rarely change them). */
  instanceCacheMs?: number;
  /** How often to ask whether an uploaded file is processed. Default 1 s. */
  mediaPollIntervalMs?: number;
  /** How long to wait for processing before giving up (`unavailable`: nothing was posted). Default 2 min. */
  mediaProcessingTimeoutMs?: number;
  /** Listening: hashtag, public and account timelines, and the streaming API. */
  mentions?: MastodonMentionsOptions;
}

/** Every capability declared, none optional: tools and tests call them without checks. */
export interface MastodonConnector extends Connector {
  readonly oauth: OAuthFlow<ConnectedAccount>;
  readonly connect: NonNullable<Connector['connect']>;
  readonly publisher: Publisher;
  readonly mentions: NonNullable<Connector['mentions']>;
  /** The inbox: mention notifications (replies, mentions, direct messages) of the channel's account. */
  readonly inbox: NonNullable<Connector['inbox']>;
  /**
   * The limits of the channel's instance, for the composer: pass `maxCharacters` to `validate` as
   * `options.maxCharacters` to count against the instance rather than a stock server.
   */
  readInstanceLimits(credentials: ChannelCredentials): Promise<MastodonLimits>;
}

export function createMastodonConnector(options: MastodonConnectorOptions = {}): MastodonConnector {
  const api: ApiOptions = { timeoutMs: options.timeoutMs ?? 30_000 };
  const loadProfile = createProfileCache(api, options.instanceCacheMs ?? 60 * 60_000);
  const context: SessionContext = {
    api,
    clientName: options.clientName ?? 'Rostra',
    website: options.website,
    loadProfile,
  };
  const polling = {
    intervalMs: options.mediaPollIntervalMs ?? 1000,
    timeoutMs: options.mediaProcessingTimeoutMs ?? 2 * 60_000,
  };

  const publisher: Publisher = {
    idempotent: true,
    // Per account: 300 requests per 5 minutes on every endpoint (https://docs.joinmastodon.org/api/rate-limits/);
    // 250 posts keeps a margin for media and polling calls. Media uploads have their own 30 per 30 minutes: an
    // illustrated burst beyond it gets a 429 with its reset time, which pauses the channel for every worker.
    rateLimit: { posts: 250, perMs: 5 * 60_000 },
    validate: (request) => validatePost(request),
    // A thread is statuses each `in_reply_to_id` the previous; the content warning counts in every part.
    // https://docs.joinmastodon.org/methods/statuses/#create
    thread: {
      maxLength: (raw) => readOptions(raw).options.maxCharacters ?? DEFAULT_LIMITS.maxCharacters,
      count: (text, raw) => countCharacters(text, readOptions(raw).options.spoilerText ?? ''),
    },
    async publish(credentials, request) {
      const session = readSession(credentials);
      // Refuse here what the instance would refuse, counted against its own limits, before any upload.
      const { limits } = await loadProfile(session.instance);
      const blocking = validatePost(request, limits).filter(isBlocking);
      if (blocking.length > 0) {
        throw new ConnectorError(NETWORK, 'rejected', blocking.map((v) => v.message).join('; '));
      }
      return publishStatus(createMastodonApi(session.instance, session.accessToken, api), request, polling);
    },
    // No findPublished: Mastodon cannot look a status up by its Idempotency-Key (the key lives an hour in
    // Redis and only answers a repeated POST), and statuses carry no field of ours to search for. After an
    // unknown_outcome, publishing again with the same key within the hour IS the lookup: it returns the status
    // made the first time, or makes it. Past the hour, that retry would post a second status.
  };

  return {
    network: NETWORK,
    auth: 'oauth2',
    oauth: {
      start: (input) => startOAuth(input, context),
      finish: (input) => finishOAuth(input, context),
    },
    connect: (input) => connectWithToken(input, context),
    connectFields: [
      {
        name: 'instance',
        required: true,
        description: 'the instance, e.g. mastodon.social',
        input: 'text',
        placeholder: 'mastodon.social',
        oauth: true,
      },
      {
        name: 'accessToken',
        required: true,
        description: 'a personal access token (Preferences → Development → New application)',
        input: 'secret',
      },
    ],
    // No refresh: Mastodon's access tokens do not expire (https://docs.joinmastodon.org/spec/oauth/).
    publisher,
    mentions: createMastodonMentions({ timeoutMs: api.timeoutMs, ...options.mentions }),
    inbox: createMastodonInbox({ timeoutMs: api.timeoutMs }),
    readInstanceLimits: async (credentials) => (await loadProfile(readSession(credentials).instance)).limits,
  };
}

export const mastodon: MastodonConnector = createMastodonConnector();

/**
 * Uploads the media (each with its description as alt text), waits for the server to process them, then
 * posts the status under Rostra's idempotency key. A retry after a crash uploads the media again: the first
 * copies stay unattached and the server deletes them; the key keeps the status single.
 */
async function publishStatus(
  api: MastodonApi,
  request: PublishRequest,
  polling: { intervalMs: number; timeoutMs: number },
): Promise<PublishedRef> {
  const mediaIds: string[] = [];
  for (const item of request.media ?? []) mediaIds.push(await uploadMedia(api, item, polling));
  const status = await api.createStatus(buildStatusForm(request, mediaIds), toIdempotencyKey(request.idempotencyKey));
  return toPublishedRef(status);
}

// Large files are processed after the upload answers 202; a status cannot attach them before ("Cannot attach
// files that have not finished processing"). https://docs.joinmastodon.org/methods/media/#v2
async function uploadMedia(
  api: MastodonApi,
  item: MediaAttachment,
  polling: { intervalMs: number; timeoutMs: number },
): Promise<string> {
  let media = await api.uploadMedia({ data: item.data, mimeType: item.mimeType, description: item.alt });
  const deadline = Date.now() + polling.timeoutMs;
  while (!media.processed) {
    if (Date.now() + polling.intervalMs > deadline) {
      throw new ConnectorError(
        NETWORK,
        'unavailable',
        `Mastodon is still processing media ${media.id}; try again later`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, polling.intervalMs));
    media = await api.getMedia(media.id);
  }
  return media.id;
}

/**
 * Each instance's profile, fetched once per `ttlMs` and shared by concurrent callers. Failures are not kept.
 * A server without /api/v2/instance (Mastodon before 4.0) gets a stock server's limits.
 */
function createProfileCache(api: ApiOptions, ttlMs: number): (instance: string) => Promise<InstanceProfile> {
  const cache = new Map<string, { at: number; profile: Promise<InstanceProfile> }>();
  return (instance) => {
    const cached = cache.get(instance);
    if (cached && Date.now() - cached.at < ttlMs) return cached.profile;
    const profile = createMastodonApi(instance, undefined, api)
      .getInstance()
      .then((body) => toInstanceProfile(body, new URL(instance).hostname));
    cache.set(instance, { at: Date.now(), profile });
    profile.catch(() => {
      if (cache.get(instance)?.profile === profile) cache.delete(instance);
    });
    return profile;
  };
}
