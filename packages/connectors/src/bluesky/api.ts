// The XRPC calls Rostra makes to a Bluesky PDS (through @atproto/api), and the one place where their
// failures become ConnectorError codes. Status codes and error names: https://atproto.com/specs/xrpc
import {
  Agent,
  XRPCError,
  type AppBskyActorDefs,
  type AppBskyFeedDefs,
  type AppBskyFeedPost,
  type AppBskyNotificationListNotifications,
  type BlobRef,
} from '@atproto/api';
import { ConnectorError } from '../errors.js';
import { type CallKind, codeForStatus, isNotSent } from '../shared/network-errors.js';
import { latestDelay, parseResetMs, parseRetryAfterMs } from '../shared/retry-after.js';
import { asAddressRefusal, describeFailure, outboundFetch } from '../outbound.js';
import { NETWORK } from './rules.js';

export const POST_COLLECTION = 'app.bsky.feed.post';

export interface SessionTokens {
  accessJwt: string;
  refreshJwt: string;
  did: string;
  handle: string;
}

export interface StoredRecord {
  uri: string;
  cid: string;
  value: AppBskyFeedPost.Record;
}

export interface BlueskyApi {
  createSession(identifier: string, password: string): Promise<SessionTokens>;
  /** Needs the client built with the refresh token as its bearer. */
  refreshSession(): Promise<SessionTokens>;
  /** The DID of a handle, or undefined when no account has it. */
  resolveHandle(handle: string): Promise<string | undefined>;
  uploadBlob(data: Uint8Array, mimeType: string): Promise<BlobRef>;
  createPost(repo: string, rkey: string, record: AppBskyFeedPost.Record): Promise<{ uri: string; cid: string }>;
  /** The post at this record key, or undefined when there is none. */
  getPost(repo: string, rkey: string): Promise<StoredRecord | undefined>;
  /** The account's notifications, newest first, through the PDS's AppView (the inbox). */
  listNotifications(params: { limit: number; cursor?: string }): Promise<NotificationPage>;
  /** Posts by URI (at most 25), as the AppView shows them; deleted ones are missing. */
  getPosts(uris: string[]): Promise<AppBskyFeedDefs.PostView[]>;
  /** Profiles by DID (at most 25), with their follower counts. */
  getProfiles(actors: string[]): Promise<AppBskyActorDefs.ProfileViewDetailed[]>;
}

export interface NotificationPage {
  notifications: AppBskyNotificationListNotifications.Notification[];
  cursor?: string;
}

export interface ApiOptions {
  /** Per call, response body included. */
  timeoutMs: number;
}

/**
 * A client for one PDS. `bearer` is the access token (or the refresh token, for refreshSession only).
 * The tokens stay Rostra's to store: no automatic refresh here, since a refresh rotates the refresh token
 * and a rotation nobody saved would disconnect the channel.
 */
export function createBlueskyApi(pdsUrl: string, bearer: string | undefined, options: ApiOptions): BlueskyApi {
  const agent = new Agent({
    service: pdsUrl,
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    fetch: (input, init) =>
      outboundFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(options.timeoutMs) }),
  });
  const host = new URL(pdsUrl).host;
  const attempt = <T>(kind: CallKind, call: () => Promise<T>): Promise<T> =>
    call().catch((error: unknown) => {
      throw toConnectorError(error, kind, Date.now(), host);
    });
  const repo = agent.com.atproto.repo;
  const server = agent.com.atproto.server;

  return {
    createSession: (identifier, password) =>
      attempt('repeatable', async () => pickTokens((await server.createSession({ identifier, password })).data)),
    refreshSession: () => attempt('repeatable', async () => pickTokens((await server.refreshSession()).data)),
    resolveHandle: (handle) =>
      attempt('repeatable', async () => {
        try {
          return (await agent.com.atproto.identity.resolveHandle({ handle })).data.did;
        } catch (error) {
          // 400 "Unable to resolve handle": the handle is nobody's.
          if (error instanceof XRPCError && error.status === 400) return undefined;
          throw error;
        }
      }),
    // Blobs are content-addressed: uploading one twice stores it once, so a retry is harmless.
    uploadBlob: (data, mimeType) =>
      attempt('repeatable', async () => (await repo.uploadBlob(data, { encoding: mimeType })).data.blob),
    createPost: (did, rkey, record) =>
      attempt('effect', async () => {
        const { data } = await repo.createRecord({ repo: did, collection: POST_COLLECTION, rkey, record });
        return { uri: data.uri, cid: data.cid };
      }),
    getPost: (did, rkey) =>
      attempt('repeatable', async () => {
        try {
          const { data } = await repo.getRecord({ repo: did, collection: POST_COLLECTION, rkey });
          if (!data.cid) return undefined;
          return { uri: data.uri, cid: data.cid, value: data.value as AppBskyFeedPost.Record };
        } catch (error) {
          if (error instanceof XRPCError && error.error === 'RecordNotFound') return undefined;
          throw error;
        }
      }),
    // https://docs.bsky.app/docs/api/app-bsky-notification-list-notifications
    listNotifications: (params) =>
      attempt('repeatable', async () => {
        const { data } = await agent.app.bsky.notification.listNotifications(params);
        return { notifications: data.notifications, ...(data.cursor ? { cursor: data.cursor } : {}) };
      }),
    // https://docs.bsky.app/docs/api/app-bsky-feed-get-posts
    getPosts: (uris) =>
      attempt('repeatable', async () => (uris.length ? (await agent.app.bsky.feed.getPosts({ uris })).data.posts : [])),
    // https://docs.bsky.app/docs/api/app-bsky-actor-get-profiles
    getProfiles: (actors) =>
      attempt('repeatable', async () =>
        actors.length ? (await agent.app.bsky.actor.getProfiles({ actors })).data.profiles : [],
      ),
  };
}

function pickTokens(data: SessionTokens): SessionTokens {
  return { accessJwt: data.accessJwt, refreshJwt: data.refreshJwt, did: data.did, handle: data.handle };
}

// Token errors come back as 400 with these names (the reference PDS), or as 401.
const AUTH_ERRORS = new Set(['ExpiredToken', 'InvalidToken', 'AuthMissing', 'AuthenticationRequired']);

/** `host` is the server tried: a refused address and a failed connection name it. */
export function toConnectorError(error: unknown, kind: CallKind, now = Date.now(), host?: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const refused = host === undefined ? undefined : asAddressRefusal(error, host, NETWORK);
  if (refused) return refused;
  let message = error instanceof Error ? error.message : String(error);
  if (host !== undefined && (!(error instanceof XRPCError) || error.status < 100)) {
    // No HTTP answer at all (@atproto/api's status 1, "fetch failed"): say which server did not answer.
    message = `The Bluesky server ${host} could not be reached: ${describeFailure(error instanceof XRPCError && error.cause ? error.cause : error)}`;
  }
  const fail = (code: ConnectorError['code'], options: { retryAfterMs?: number } = {}) =>
    new ConnectorError(NETWORK, code, message, { ...options, cause: error });
  const uncertain = kind === 'effect' ? 'unknown_outcome' : 'unavailable';

  if (!(error instanceof XRPCError)) return fail(uncertain);
  const status: number = error.status;
  if (status === 429) {
    const retryAfterMs = readRetryAfterMs(error.headers ?? {}, now);
    return fail('rate_limited', retryAfterMs === undefined ? {} : { retryAfterMs });
  }
  if (status === 401 || AUTH_ERRORS.has(error.error)) return fail('auth_expired');
  // A gateway's 502/504 may hide an upstream PDS that went on and acted; other 5xx are the PDS's own
  // answer, given after its transaction failed as a whole.
  if (status >= 400) return fail(codeForStatus(status, kind));
  // No usable answer: either no HTTP response at all (status 1) or a 2xx the client could not read (2).
  return isNotSent(error.cause) ? fail('unavailable') : fail(uncertain);
}

/**
 * When the PDS lets us call again (limits: https://docs.bsky.app/docs/advanced-guides/rate-limits). The
 * reference PDS sends `ratelimit-reset` as UTC epoch seconds; `retry-after` is seconds or an HTTP date.
 * The later of the two wins.
 */
export function readRetryAfterMs(headers: Record<string, string | undefined>, now: number): number | undefined {
  return latestDelay([parseResetMs(headers['ratelimit-reset'], now), parseRetryAfterMs(headers['retry-after'], now)]);
}
