// The X connector (API v2): OAuth 2.0 with PKCE and rotating refresh tokens, and publishing posts with up to
// four images (with alternative text), or one GIF or one video, in threads. X has no idempotency key, so this
// publisher is not idempotent: an answer lost after sending is `unknown_outcome`, for a person to check.
import type {
  ConnectedAccount,
  Connector,
  MediaAttachment,
  OAuthFlow,
  PublishRequest,
  PublishedRef,
  Publisher,
} from '../connector.js';
import { ConnectorError } from '../errors.js';
import { createXApi, type ApiOptions, type XApi, type XMediaUpload } from './api.js';
import { buildTweetBody, MEDIA_CATEGORIES, toPublishedRef } from './mapping.js';
import { countWeighted, isBlocking, MAX_WEIGHTED_LENGTH, mediaKindOf, NETWORK, validatePost } from './rules.js';
import { finishOAuth, readSession, refreshSession, startOAuth, type SessionContext } from './session.js';

export interface XConnectorOptions {
  /** The OAuth 2.0 Client ID of Rostra's app, from the X developer console (Keys and tokens). */
  clientId: string;
  /** Only for a confidential client ("Web App, Automated App or Bot"); a public client has none. */
  clientSecret?: string;
  /** Default https://x.com/i/oauth2/authorize. */
  authorizeUrl?: string;
  /** Default https://api.x.com. */
  apiBaseUrl?: string;
  /** Where media are uploaded. Default: apiBaseUrl (media upload is part of API v2). */
  uploadBaseUrl?: string;
  /** Per HTTP call; past it a post is `unknown_outcome`, anything else `unavailable`. Default 30 s. */
  timeoutMs?: number;
  /** Bytes per APPEND of a GIF or video upload. Default 4 MiB (X takes at most 5 MB per segment). */
  chunkBytes?: number;
  /** How long to wait between STATUS checks of a processing GIF or video. Default: X's check_after_secs. */
  mediaPollIntervalMs?: number;
  /** How long to wait for processing before giving up (`unavailable`: nothing was posted). Default 5 min. */
  mediaProcessingTimeoutMs?: number;
  /** The clock, for expiry dates. Default Date.now. */
  now?: () => number;
}

/** Every capability declared, none optional: tools and tests call them without checks. */
export interface XConnector extends Connector {
  /** One login is one X account. */
  readonly oauth: OAuthFlow<ConnectedAccount>;
  readonly refresh: NonNullable<Connector['refresh']>;
  readonly publisher: Publisher;
}

interface Polling {
  intervalMs: number | undefined;
  timeoutMs: number;
}

export function createXConnector(options: XConnectorOptions): XConnector {
  if (options.clientId.trim() === '') throw new Error('The X connector needs the OAuth 2.0 Client ID of Rostra’s app');
  const apiBaseUrl = options.apiBaseUrl ?? 'https://api.x.com';
  const api: ApiOptions = {
    apiBaseUrl,
    uploadBaseUrl: options.uploadBaseUrl ?? apiBaseUrl,
    timeoutMs: options.timeoutMs ?? 30_000,
  };
  const context: SessionContext = {
    api,
    client: { clientId: options.clientId, clientSecret: options.clientSecret || undefined },
    authorizeUrl: options.authorizeUrl ?? 'https://x.com/i/oauth2/authorize',
    now: options.now ?? Date.now,
  };
  const chunkBytes = options.chunkBytes ?? 4 * 1024 * 1024;
  const polling: Polling = {
    intervalMs: options.mediaPollIntervalMs,
    timeoutMs: options.mediaProcessingTimeoutMs ?? 5 * 60_000,
  };

  const publisher: Publisher = {
    idempotent: false,
    // POST /2/tweets: 100 requests per 15 minutes per user and app (https://docs.x.com/x-api/fundamentals/rate-limits),
    // with a margin for other Rostra processes posting as the same account. Plans with a daily cap
    // (x-user-limit-24hour-*) still answer 429, which carries when the cap resets.
    rateLimit: { posts: 90, perMs: 15 * 60_000 },
    // Threads are replies to self (reply.in_reply_to_tweet_id), each part counted the weighted way.
    thread: { maxLength: () => MAX_WEIGHTED_LENGTH, count: (text) => countWeighted(text).weightedLength },
    validate: (request) => validatePost(request),
    async publish(credentials, request) {
      const blocking = validatePost(request).filter(isBlocking);
      if (blocking.length > 0) {
        throw new ConnectorError(NETWORK, 'rejected', blocking.map((v) => v.message).join('; '));
      }
      const session = readSession(credentials);
      const client = createXApi({ accessToken: session.accessToken }, api);
      return publishTweet(client, session.username, request, { chunkBytes, polling });
    },
    // No findPublished: a post carries nothing of Rostra's to look it up by, and X has no idempotency key.
  };

  return {
    network: NETWORK,
    auth: 'oauth2',
    oauth: {
      start: (input) => startOAuth(input, context),
      finish: (input) => finishOAuth(input, context),
    },
    refresh: (credentials) => refreshSession(credentials, context),
    publisher,
  };
}

/**
 * Uploads the media (alternative text set on each image and GIF), then creates the post. A retry after a
 * failure uploads the media again: the first copies stay unattached and expire. Only the last call, the post
 * itself, has an effect that cannot be taken back.
 */
async function publishTweet(
  client: XApi,
  username: string,
  request: PublishRequest,
  settings: { chunkBytes: number; polling: Polling },
): Promise<PublishedRef> {
  const mediaIds: string[] = [];
  for (const item of request.media ?? []) mediaIds.push(await uploadMedia(client, item, settings));
  const tweet = await client.createTweet(buildTweetBody(request, mediaIds));
  return toPublishedRef(tweet, username);
}

async function uploadMedia(
  client: XApi,
  item: MediaAttachment,
  settings: { chunkBytes: number; polling: Polling },
): Promise<string> {
  const kind = mediaKindOf(item.mimeType);
  if (!kind) throw new ConnectorError(NETWORK, 'rejected', `X does not take ${item.mimeType}`);
  const category = MEDIA_CATEGORIES[kind];
  let upload: XMediaUpload;
  if (kind === 'image') {
    // Images go in one request. https://docs.x.com/x-api/media/upload-media
    upload = await client.uploadMedia({ data: item.data, mimeType: item.mimeType, category });
  } else {
    // GIFs and videos only through the chunked upload. https://docs.x.com/x-api/media/quickstart/media-upload-chunked
    const started = await client.initializeUpload({
      mimeType: item.mimeType,
      totalBytes: item.data.byteLength,
      category,
    });
    for (let offset = 0, index = 0; offset < item.data.byteLength; offset += settings.chunkBytes, index++) {
      const chunk = item.data.subarray(offset, offset + settings.chunkBytes);
      await client.appendUpload({ mediaId: started.id, segmentIndex: index, chunk });
    }
    upload = await client.finalizeUpload(started.id);
  }
  await waitForProcessing(client, upload, settings.polling);
  // "Currently only supported for images and GIFs". https://docs.x.com/x-api/media/create-media-metadata
  if (kind !== 'video' && item.alt.trim() !== '') await client.setAltText(upload.id, item.alt);
  return upload.id;
}

/**
 * "If and only if the response of the FINALIZE command contains a processing_info field", STATUS is polled
 * until it says succeeded (or failed), every check_after_secs. A post cannot attach a medium still processing.
 */
async function waitForProcessing(client: XApi, first: XMediaUpload, polling: Polling): Promise<void> {
  let upload = first;
  const deadline = Date.now() + polling.timeoutMs;
  while (upload.processing && upload.processing.state !== 'succeeded') {
    if (upload.processing.state === 'failed') {
      const reason = upload.processing.error ?? 'no reason given';
      throw new ConnectorError(NETWORK, 'rejected', `X could not process medium ${upload.id}: ${reason}`);
    }
    const waitMs = polling.intervalMs ?? (upload.processing.checkAfterSecs ?? 1) * 1000;
    if (Date.now() + waitMs > deadline) {
      throw new ConnectorError(NETWORK, 'unavailable', `X is still processing medium ${upload.id}; try again later`);
    }
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    upload = await client.getUploadStatus(upload.id);
  }
}
