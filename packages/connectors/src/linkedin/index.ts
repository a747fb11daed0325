// The LinkedIn connector: OAuth for a member and the organisation pages they administer, token refresh, and
// publishing through the Posts API (text, a link card, images with alternative text), answers and first
// comments through the Comments API. LinkedIn has no idempotency key: a post is made at most once per call,
// and a retry after an unknown outcome could post twice, so the publisher says `idempotent: false`.
// https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
import type { ChannelCredentials, Connector, PublishRequest, PublishedRef, Publisher } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { createLinkedInApi, type ApiOptions, type LinkedInApi } from './api.js';
import { buildCommentBody, buildPostBody, toCommentRef, toPostRef } from './mapping.js';
import { isBlocking, NETWORK, readOptions, validatePost } from './rules.js';
import { finishOAuth, readSession, refreshCredentials, startOAuth } from './session.js';

export interface LinkedInConnectorOptions {
  /** The app's Client ID and Client Secret (LinkedIn Developer Portal → Auth). */
  clientId: string;
  clientSecret: string;
  /** Default https://www.linkedin.com (tests point it at a fake). */
  authBaseUrl?: string;
  /** Default https://api.linkedin.com */
  apiBaseUrl?: string;
  /** Per HTTP call; past it a post is `unknown_outcome`, anything else `unavailable`. Default 30 s. */
  timeoutMs?: number;
  /** Ask for the organisation scopes (needs the Community Management API product). Default true. */
  organizations?: boolean;
  now?: () => number;
}

export interface LinkedInConnector extends Connector {
  readonly oauth: NonNullable<Connector['oauth']>;
  readonly refresh: NonNullable<Connector['refresh']>;
  readonly publisher: Publisher;
  /**
   * Comments on a published post as the channel (what `options.firstComment` does after publishing), e.g. to
   * retry a first comment that failed: its error is in the post's ref, `extra.firstCommentError`.
   */
  publishComment(credentials: ChannelCredentials, on: PublishedRef, text: string): Promise<PublishedRef>;
}

export function createLinkedInConnector(options: LinkedInConnectorOptions): LinkedInConnector {
  const settings: ApiOptions = {
    authBaseUrl: options.authBaseUrl ?? 'https://www.linkedin.com',
    apiBaseUrl: options.apiBaseUrl ?? 'https://api.linkedin.com',
    timeoutMs: options.timeoutMs ?? 30_000,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
  };
  const api = createLinkedInApi(settings);
  const now = options.now ?? Date.now;

  const publishComment = async (credentials: ChannelCredentials, on: PublishedRef, text: string) => {
    const session = readSession(credentials);
    return comment(api, session, on, text);
  };

  const publisher: Publisher = {
    idempotent: false,
    validate: (request) => validatePost(request),
    async publish(credentials, request) {
      const blocking = validatePost(request).filter(isBlocking);
      if (blocking.length > 0) {
        throw new ConnectorError(NETWORK, 'rejected', blocking.map((v) => v.message).join('; '));
      }
      const session = readSession(credentials);
      if (request.replyTo) return comment(api, session, request.replyTo, request.text);
      const ref = await publishPost(api, session, request);
      const { firstComment } = readOptions(request.options).options;
      if (firstComment === undefined) return ref;
      // The post is out: a failed comment must not make a worker publish it again.
      try {
        const made = await comment(api, session, ref, firstComment);
        return { ...ref, extra: { ...ref.extra, firstComment: made.id } };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ...ref, extra: { ...ref.extra, firstCommentError: message } };
      }
    },
    // No findPublished: LinkedIn keeps no field of ours on a post to search for.
    // The composer's first comment, under the published post (socialActions comments).
    comment: (credentials, on, request) => publishComment(credentials, on, request.text),
  };

  return {
    network: NETWORK,
    auth: 'oauth2',
    oauth: {
      start: async (input) => startOAuth(input, settings.authBaseUrl, settings.clientId, options.organizations ?? true),
      finish: (input) => finishOAuth(input, api, now()),
    },
    refresh: (credentials) => refreshCredentials(credentials, api, now()),
    publisher,
    publishComment,
  };
}

/** Uploads each image (initializeUpload, then PUT the bytes), then makes the post. */
async function publishPost(
  api: LinkedInApi,
  session: { accessToken: string; author: string },
  request: PublishRequest,
): Promise<PublishedRef> {
  const images: { urn: string; alt: string }[] = [];
  for (const item of request.media ?? []) {
    // The image's owner must be the post's author. https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api
    const slot = await api.initializeImageUpload(session.accessToken, session.author);
    await api.uploadImage(session.accessToken, slot.uploadUrl, item.data, item.mimeType);
    images.push({ urn: slot.image, alt: item.alt });
  }
  const urn = await api.createPost(session.accessToken, buildPostBody(session.author, request, images));
  return toPostRef(urn);
}

/**
 * A comment on a post, or an answer to a comment. LinkedIn nests comments one level deep: an answer to an
 * answer goes under the same top comment, as LinkedIn's own site does.
 * https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api
 */
async function comment(
  api: LinkedInApi,
  session: { accessToken: string; author: string },
  on: PublishedRef,
  text: string,
): Promise<PublishedRef> {
  const isComment = on.id.startsWith('urn:li:comment:');
  const post = on.extra?.post ?? (isComment ? undefined : on.id);
  if (!post) throw new ConnectorError(NETWORK, 'rejected', 'The comment to answer does not say which post it is on');
  const parent = isComment ? (on.extra?.parentComment ?? on.id) : undefined;
  const urn = await api.createComment(
    session.accessToken,
    parent ?? post,
    buildCommentBody(session.author, post, text, parent),
  );
  return toCommentRef(urn, post, parent);
}
