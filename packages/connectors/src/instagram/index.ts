// The Instagram connector: professional accounts through the Instagram API with Instagram Login, publishing
// with the Content Publishing API — a container per image, carousel (up to 10) or Reel, polled until
// FINISHED, then media_publish — after checking the account's daily publishing limit; first comments and
// answers through the comments edge. Instagram fetches media from a public URL, which Rostra's server gives
// (`mediaUrl`). There is no idempotency key, so the publisher says `idempotent: false`.
// https://developers.facebook.com/docs/instagram-platform/content-publishing/
import type {
  ChannelCredentials,
  Connector,
  MediaAttachment,
  PublishRequest,
  PublishedRef,
  Publisher,
} from '../connector.js';
import { ConnectorError } from '../errors.js';
import { createInstagramApi, type ApiOptions } from './api.js';
import { carouselContainer, carouselItem, singleContainer, toCommentRef, toMediaRef } from './mapping.js';
import { isBlocking, NETWORK, readOptions, validatePost } from './rules.js';
import { finishOAuth, readSession, refreshSession, startOAuth, type InstagramSession } from './session.js';

export interface InstagramConnectorOptions {
  /** The Instagram app's ID and secret (App Dashboard → Instagram → API setup with Instagram login). */
  appId: string;
  appSecret: string;
  /**
   * A public https:// address where Instagram can download this file while it publishes ("we cURL media
   * used in publishing attempts"). Rostra's server gives a signed, short-lived one.
   */
  mediaUrl(item: MediaAttachment): string | Promise<string>;
  /** Default https://graph.instagram.com (tests point it at a fake). */
  graphBaseUrl?: string;
  /** The token endpoint's host. Default https://api.instagram.com */
  apiBaseUrl?: string;
  /** Where the authorisation window lives. Default https://www.instagram.com */
  loginBaseUrl?: string;
  /** Per HTTP call. Default 30 s. */
  timeoutMs?: number;
  /**
   * How a container's status is polled: first after `intervalMs`, then twice as long each time up to
   * `maxIntervalMs`, for `timeoutMs` at most. Meta suggests once a minute for no more than 5 minutes.
   */
  poll?: { intervalMs?: number; maxIntervalMs?: number; timeoutMs?: number };
  now?: () => number;
}

export interface InstagramConnector extends Connector {
  readonly oauth: NonNullable<Connector['oauth']>;
  readonly refresh: NonNullable<Connector['refresh']>;
  readonly publisher: Publisher;
  /** Comments on a published post as the account (what `options.firstComment` does), e.g. to retry one. */
  publishComment(credentials: ChannelCredentials, on: PublishedRef, text: string): Promise<PublishedRef>;
}

/** Documented: "an Instagram professional account can only publish 50 posts within a 24 hour moving period". */
const DAILY_POSTS = 50;
const DAY_MS = 24 * 3_600_000;

/** Container errors (`status: "Error: <subcode>"`) worth a new container later: server error, download timeout, expiry. */
const TRANSIENT_SUBCODES = new Set(['2207001', '2207003', '2207020', '2207032', '2207053']);

export function createInstagramConnector(options: InstagramConnectorOptions): InstagramConnector {
  const settings: ApiOptions = {
    graphBaseUrl: options.graphBaseUrl ?? 'https://graph.instagram.com',
    apiBaseUrl: options.apiBaseUrl ?? 'https://api.instagram.com',
    timeoutMs: options.timeoutMs ?? 30_000,
    appId: options.appId,
    appSecret: options.appSecret,
  };
  const loginBaseUrl = options.loginBaseUrl ?? 'https://www.instagram.com';
  const now = options.now ?? Date.now;
  const poll = { intervalMs: 3000, maxIntervalMs: 60_000, timeoutMs: 5 * 60_000, ...options.poll };
  const api = createInstagramApi(settings);

  const waitUntilFinished = async (session: InstagramSession, containerId: string) => {
    const deadline = now() + poll.timeoutMs;
    let delay = poll.intervalMs;
    for (;;) {
      const { statusCode, status } = await api.readContainer(session.accessToken, containerId);
      if (statusCode === 'FINISHED') return;
      if (statusCode === 'ERROR') {
        const subcode = /\d{7}/.exec(status)?.[0] ?? '';
        const code = TRANSIENT_SUBCODES.has(subcode) ? 'unavailable' : 'rejected';
        throw new ConnectorError(NETWORK, code, `Instagram could not prepare the media: ${status || 'ERROR'}`);
      }
      if (statusCode === 'EXPIRED' || statusCode === 'PUBLISHED') {
        throw new ConnectorError(NETWORK, 'unavailable', `Instagram's container ${containerId} is ${statusCode}`);
      }
      // IN_PROGRESS: nothing is published yet, so giving up here is safe to retry with a new container.
      if (now() + delay > deadline) {
        throw new ConnectorError(NETWORK, 'unavailable', 'Instagram is still preparing the media: trying again later');
      }
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, poll.maxIntervalMs);
    }
  };

  const createPostContainer = async (session: InstagramSession, request: PublishRequest): Promise<string> => {
    const media = request.media ?? [];
    const create = (params: Record<string, string>) => api.createContainer(session.accessToken, session.userId, params);
    if (media.length === 1) return create(singleContainer(media[0]!, await options.mediaUrl(media[0]!), request.text));
    const children: string[] = [];
    for (const item of media) {
      const child = await create(carouselItem(item, await options.mediaUrl(item)));
      await waitUntilFinished(session, child);
      children.push(child);
    }
    return create(carouselContainer(children, request.text));
  };

  const publishPost = async (session: InstagramSession, request: PublishRequest): Promise<PublishedRef> => {
    // Checked first, so a spent day costs no container: https://developers.facebook.com/docs/instagram-platform/content-publishing/#rate-limit
    const limit = await api.readPublishingLimit(session.accessToken, session.userId);
    if (limit.usage >= limit.total) {
      throw new ConnectorError(
        NETWORK,
        'rate_limited',
        `Instagram: this account published ${limit.usage} of its ${limit.total} posts in the last 24 hours`,
        { retryAfterMs: 60 * 60_000 },
      );
    }
    const containerId = await createPostContainer(session, request);
    await waitUntilFinished(session, containerId);
    const mediaId = await api.publishContainer(session.accessToken, session.userId, containerId);
    let permalink = `https://www.instagram.com/${session.username}/`;
    try {
      permalink = await api.readPermalink(session.accessToken, mediaId);
    } catch {
      // The post is out: a failed read of its address must not make a worker publish it again.
    }
    return toMediaRef(mediaId, permalink);
  };

  const comment = async (session: InstagramSession, on: PublishedRef, text: string): Promise<PublishedRef> => {
    const post = on.extra?.post ?? on.id;
    if (on.id === post) return toCommentRef(await api.createComment(session.accessToken, post, text), on);
    // Instagram nests answers one level deep: an answer to an answer goes under the same top comment.
    // https://developers.facebook.com/docs/instagram-platform/comment-moderation
    const parent = on.extra?.parentComment ?? on.id;
    return toCommentRef(await api.createReply(session.accessToken, parent, text), on, parent);
  };

  const publisher: Publisher = {
    idempotent: false,
    rateLimit: { posts: DAILY_POSTS, perMs: DAY_MS },
    comment: (credentials, on, request) => comment(readSession(credentials), on, request.text),
    validate: (request) => validatePost(request),
    async publish(credentials, request) {
      const blocking = validatePost(request).filter(isBlocking);
      if (blocking.length > 0) {
        throw new ConnectorError(NETWORK, 'rejected', blocking.map((v) => v.message).join('; '));
      }
      const session = readSession(credentials);
      if (request.replyTo) return comment(session, request.replyTo, request.text);
      const ref = await publishPost(session, request);
      const { firstComment } = readOptions(request.options).options;
      if (firstComment === undefined) return ref;
      try {
        const made = await comment(session, ref, firstComment);
        return { ...ref, extra: { ...ref.extra, firstComment: made.id } };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ...ref, extra: { ...ref.extra, firstCommentError: message } };
      }
    },
  };

  return {
    network: NETWORK,
    auth: 'oauth2',
    oauth: {
      start: async (input) => startOAuth(input, loginBaseUrl, settings.appId),
      finish: (input) => finishOAuth(input, api, now),
    },
    refresh: (credentials) => refreshSession(credentials, api, now),
    publisher,
    publishComment: async (credentials, on, text) => comment(readSession(credentials), on, text),
  };
}
