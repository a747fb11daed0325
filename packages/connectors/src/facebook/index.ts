// The Facebook Pages connector: Facebook Login for the Pages a person manages, and publishing as a Page
// through the Graph API (text, a link, photos with alternative text), answers and first comments through
// the comments edge. The Graph API has no idempotency key, so the publisher says `idempotent: false`.
// https://developers.facebook.com/docs/pages-api/posts
import type { ChannelCredentials, Connector, PublishRequest, PublishedRef, Publisher } from '../connector.js';
import { ConnectorError } from '../errors.js';
import { createFacebookApi, type ApiOptions, type FacebookApi } from './api.js';
import { buildFeedForm, toCommentRef, toPostRef } from './mapping.js';
import { isBlocking, NETWORK, readOptions, validatePost } from './rules.js';
import { finishOAuth, readSession, startOAuth, type FacebookSession } from './session.js';

export interface FacebookConnectorOptions {
  /** The app's App ID and App Secret (Meta for Developers → App settings → Basic). */
  appId: string;
  appSecret: string;
  /** Default https://graph.facebook.com (tests point it at a fake). */
  graphBaseUrl?: string;
  /** Where the Login dialog lives. Default https://www.facebook.com */
  dialogBaseUrl?: string;
  /** Per HTTP call; past it a post is `unknown_outcome`, anything else `unavailable`. Default 30 s. */
  timeoutMs?: number;
}

export interface FacebookConnector extends Connector {
  readonly oauth: NonNullable<Connector['oauth']>;
  readonly publisher: Publisher;
  /** Comments on a published post as the Page (what `options.firstComment` does), e.g. to retry one that failed. */
  publishComment(credentials: ChannelCredentials, on: PublishedRef, text: string): Promise<PublishedRef>;
}

export function createFacebookConnector(options: FacebookConnectorOptions): FacebookConnector {
  const settings: ApiOptions = {
    graphBaseUrl: options.graphBaseUrl ?? 'https://graph.facebook.com',
    timeoutMs: options.timeoutMs ?? 30_000,
    appId: options.appId,
    appSecret: options.appSecret,
  };
  const dialogBaseUrl = options.dialogBaseUrl ?? 'https://www.facebook.com';
  const api = createFacebookApi(settings);

  const publisher: Publisher = {
    idempotent: false,
    // The composer's first comment, on the page post's comments edge.
    comment: (credentials, on, request) => comment(api, readSession(credentials), on, request.text),
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
    // No findPublished: a Page post carries no field of ours to look it up by.
  };

  return {
    network: NETWORK,
    auth: 'oauth2',
    oauth: {
      start: async (input) => startOAuth(input, dialogBaseUrl, settings.appId),
      finish: (input) => finishOAuth(input, api),
    },
    // No refresh: Page tokens from a long-lived user token do not expire.
    publisher,
    publishComment: async (credentials, on, text) => comment(api, readSession(credentials), on, text),
  };
}

/** Photos are uploaded unpublished, then attached to one feed post, so several photos make one post. */
async function publishPost(api: FacebookApi, session: FacebookSession, request: PublishRequest): Promise<PublishedRef> {
  const photoIds: string[] = [];
  for (const item of request.media ?? []) {
    photoIds.push(await api.uploadPhoto(session.pageAccessToken, session.pageId, item));
  }
  const id = await api.createPost(session.pageAccessToken, session.pageId, buildFeedForm(request, photoIds));
  return toPostRef(id);
}

/**
 * Facebook nests comments one level deep: an answer to an answer goes under the same top comment.
 * https://developers.facebook.com/docs/graph-api/reference/object/comments/
 */
async function comment(
  api: FacebookApi,
  session: FacebookSession,
  on: PublishedRef,
  text: string,
): Promise<PublishedRef> {
  const post = on.extra?.post ?? on.id;
  const isComment = on.id !== post;
  const parent = isComment ? (on.extra?.parentComment ?? on.id) : undefined;
  const id = await api.createComment(session.pageAccessToken, parent ?? post, text);
  return toCommentRef(id, post, parent);
}
