// The Bluesky connector: app-password sign-in against any PDS, and publishing posts exactly once — the
// record key comes from the idempotency key, so a retry finds the post instead of writing a second one.
import type { BlobRef } from '@atproto/api';
import type { ChannelCredentials, Connector, PublishRequest, PublishedRef, Publisher } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { createBlueskyApi, type ApiOptions, type BlueskyApi } from './api.js';
import { countGraphemes, detectFacets, resolveFacets } from './facets.js';
import { buildPostRecord, toPublishedRef } from './mapping.js';
import { createBlueskyInbox, type BlueskyInboxOptions } from './inbox.js';
import { createBlueskyMentions, type BlueskyMentionsOptions } from './mentions.js';
import { deriveRecordKey } from './record-key.js';
import { isBlocking, LIMITS, NETWORK, validatePost } from './rules.js';
import {
  connectWithAppPassword,
  DEFAULT_PDS_URL,
  readSession,
  refreshCredentials,
  type BlueskySession,
} from './session.js';

export interface BlueskyConnectorOptions {
  /** Per XRPC call; past it a write is `unknown_outcome`, a read `unavailable`. Default 30 s. */
  timeoutMs?: number;
  /** Listening: post search through an AppView, and the Jetstream firehose. */
  mentions?: BlueskyMentionsOptions;
  /** The inbox: notifications through the account's PDS. */
  inbox?: BlueskyInboxOptions;
}

/** Every capability declared, none optional: tools and tests call them without checks. */
export interface BlueskyConnector extends Connector {
  readonly connect: NonNullable<Connector['connect']>;
  readonly refresh: NonNullable<Connector['refresh']>;
  readonly publisher: Publisher & Required<Pick<Publisher, 'findPublished'>>;
  readonly mentions: NonNullable<Connector['mentions']>;
  readonly inbox: NonNullable<Connector['inbox']>;
}

export function createBlueskyConnector(options: BlueskyConnectorOptions = {}): BlueskyConnector {
  const api: ApiOptions = { timeoutMs: options.timeoutMs ?? 30_000 };
  const openApi = (session: BlueskySession) => createBlueskyApi(session.pdsUrl, session.accessJwt, api);

  const publisher: BlueskyConnector['publisher'] = {
    idempotent: true,
    // Repo writes cost points: a created record 3, within 5,000 points per hour and 35,000 per day per account
    // (https://docs.bsky.app/docs/advanced-guides/rate-limits). 480 posts an hour keeps under both windows:
    // 480 × 3 = 1,440 points an hour, and 480 × 24 × 3 = 34,560 a day.
    rateLimit: { posts: 480, perMs: 60 * 60_000 },
    validate: validatePost,
    // A thread is a chain of posts each replying to the previous, with `reply.root` the first.
    // https://docs.bsky.app/docs/advanced-guides/posts#replies
    thread: { maxLength: () => LIMITS.graphemes, count: (text) => countGraphemes(text) },
    async publish(credentials, request) {
      const blocking = validatePost(request).filter(isBlocking);
      if (blocking.length > 0) {
        throw new ConnectorError(NETWORK, 'rejected', blocking.map((v) => v.message).join('; '));
      }
      const session = readSession(credentials);
      return publishPost(openApi(session), session, request);
    },
    async findPublished(credentials: ChannelCredentials, idempotencyKey: string) {
      const session = readSession(credentials);
      const stored = await openApi(session).getPost(session.did, deriveRecordKey(idempotencyKey));
      return stored ? toPublishedRef(stored, session.handle) : undefined;
    },
  };

  return {
    network: NETWORK,
    auth: 'app-password',
    connect: (input) => connectWithAppPassword(input, api),
    connectFields: [
      {
        name: 'identifier',
        required: true,
        description: 'the handle (ville.bsky.social) or the account e-mail',
        input: 'text',
        placeholder: 'mairie.bsky.social',
      },
      {
        name: 'appPassword',
        required: true,
        description: "an app password, made in Bluesky's settings",
        input: 'secret',
        placeholder: 'xxxx-xxxx-xxxx-xxxx',
        aliases: ['password'],
      },
      {
        name: 'service',
        required: false,
        description: `the account's server, for a self-hosted PDS (default ${DEFAULT_PDS_URL})`,
        input: 'url',
        placeholder: DEFAULT_PDS_URL,
        aliases: ['pdsUrl'],
      },
    ],
    refresh: (credentials) => refreshCredentials(credentials, api),
    publisher,
    mentions: createBlueskyMentions({
      ...options.mentions,
      search: { timeoutMs: api.timeoutMs, ...options.mentions?.search },
    }),
    inbox: createBlueskyInbox(openApi, options.inbox),
  };
}

export const bluesky: BlueskyConnector = createBlueskyConnector();

/**
 * Looks first, writes second, looks again on failure. The first look makes a retry after a crash cheap
 * (no second upload); the record key makes it safe (the PDS cannot hold two records at one key). The look
 * after a failure catches a concurrent publish that won, which the reference PDS reports as a 500.
 */
async function publishPost(api: BlueskyApi, session: BlueskySession, request: PublishRequest): Promise<PublishedRef> {
  const rkey = deriveRecordKey(request.idempotencyKey);
  const existing = await api.getPost(session.did, rkey);
  if (existing) return toPublishedRef(existing, session.handle);

  const facets = await resolveFacets(detectFacets(request.text), (handle) => api.resolveHandle(handle));
  const images: BlobRef[] = [];
  for (const item of request.media ?? []) images.push(await api.uploadBlob(item.data, item.mimeType));
  const record = buildPostRecord(request, { facets, images, createdAt: new Date() });

  try {
    const created = await api.createPost(session.did, rkey, record);
    return toPublishedRef({ ...created, value: record }, session.handle);
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.code === 'rate_limited' || error.code === 'auth_expired') {
      throw error;
    }
    const written = await api.getPost(session.did, rkey).catch(() => undefined);
    if (written) return toPublishedRef(written, session.handle);
    throw error;
  }
}
