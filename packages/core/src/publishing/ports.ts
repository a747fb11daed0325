// What publishing needs from storage; packages/store implements it on SQLite and PostgreSQL.
import type { Timestamp } from '../accounts/types.js';
import type { PostStatus } from './workflow.js';
import type { FailureCode } from './delivery.js';
import type {
  Channel,
  ChannelStatus,
  ContentType,
  Post,
  PostComment,
  PostTarget,
  PublishedPart,
  TargetInput,
  Theme,
  ThreadPlan,
} from './types.js';
import type { Media, MediaType, PostMedia } from './media.js';

export interface NewChannel {
  workspaceId: string;
  network: string;
  name: string;
  accountId: string;
  sealedCredentials: string;
  credentialsExpiresAt: Timestamp | null;
  createdBy: string | null;
}

export interface ChannelsRepository {
  /** Creates the channel, or reconnects the existing one for the same account (keeping its id). */
  upsert(channel: NewChannel): Promise<Channel>;
  get(workspaceId: string, id: string): Promise<Channel | undefined>;
  list(workspaceId: string): Promise<Channel[]>;
  /** The sealed credentials, for the worker that publishes. */
  getSealedCredentials(id: string): Promise<string | undefined>;
  updateCredentials(id: string, sealed: string, expiresAt: Timestamp | null): Promise<void>;
  setStatus(id: string, status: ChannelStatus, lastError: string | null): Promise<void>;
  /** Active channels whose credentials expire before `before`, across workspaces (for the refresh job). */
  listExpiring(before: Timestamp, limit: number): Promise<Channel[]>;
  delete(workspaceId: string, id: string): Promise<void>;
  savePendingOAuth(pending: {
    stateHash: string;
    workspaceId: string;
    userId: string;
    network: string;
    sealed: string;
    expiresAt: Timestamp;
  }): Promise<void>;
  /** Reads a pending OAuth connection without using it up; undefined if unknown, used or expired. */
  peekPendingOAuth(
    stateHash: string,
    now: Timestamp,
  ): Promise<{ workspaceId: string; userId: string; network: string; sealed: string } | undefined>;
  /** Returns and forgets a pending OAuth connection; undefined if unknown, used or expired. */
  takePendingOAuth(
    stateHash: string,
    now: Timestamp,
  ): Promise<{ workspaceId: string; userId: string; network: string; sealed: string } | undefined>;
}

export interface NewPost {
  workspaceId: string;
  text: string;
  themeId: string | null;
  contentTypeId: string | null;
  ownerId: string | null;
  backupOwnerId: string | null;
  scheduledAt: Timestamp | null;
  languages?: string[];
  createdBy: string | null;
  targets: TargetInput[];
}

export interface PostQuery {
  workspaceId: string;
  from?: Timestamp | undefined;
  to?: Timestamp | undefined;
  status?: PostStatus | undefined;
  channelId?: string | undefined;
  /** true: only posts with a date; false: only posts without one (the drafts panel). */
  scheduled?: boolean | undefined;
  /** Words every post found contains, in its text or a channel's text, accents and case aside. */
  search?: string | undefined;
  themeId?: string | undefined;
  /** Posts this member wrote or is responsible for. */
  authorId?: string | undefined;
  limit: number;
}

export interface PostsRepository {
  create(post: NewPost): Promise<Post>;
  get(workspaceId: string, id: string): Promise<Post | undefined>;
  list(query: PostQuery): Promise<Post[]>;
  update(
    id: string,
    patch: Partial<
      Pick<Post, 'text' | 'themeId' | 'contentTypeId' | 'ownerId' | 'backupOwnerId' | 'scheduledAt' | 'languages'>
    >,
  ): Promise<void>;
  /** Replaces the post's channels and their texts (only while it is not scheduled). */
  setTargets(postId: string, workspaceId: string, targets: TargetInput[]): Promise<void>;
  /** Replaces one target's thread (a split redone after the text changed). */
  setThread(targetId: string, thread: ThreadPlan | null): Promise<void>;
  /** Compare-and-set: moves the post only if it is still in `from`; returns whether it moved. */
  setStatus(id: string, from: PostStatus, to: PostStatus): Promise<boolean>;
  /** Moves the post to `to` whatever its status; returns whether it changed (false when it was there already). */
  forceStatus(id: string, to: PostStatus): Promise<boolean>;
  /** Shows the post as `publishing`, only while one of its deliveries really is (so it never undoes a settle). */
  showPublishing(id: string): Promise<boolean>;
  /**
   * Posts whose status says they are on their way out (`scheduled`, `publishing`) while none of their deliveries
   * is: their worker died between recording a delivery and updating the post.
   */
  listUnsettled(limit: number): Promise<Array<{ id: string; workspaceId: string }>>;
  delete(workspaceId: string, id: string): Promise<void>;
  targets(postId: string): Promise<PostTarget[]>;
  targetsOf(postIds: string[]): Promise<PostTarget[]>;
}

export interface EditorialRepository {
  listThemes(workspaceId: string): Promise<Theme[]>;
  createTheme(workspaceId: string, name: string, color: string): Promise<Theme>;
  deleteTheme(workspaceId: string, id: string): Promise<boolean>;
  listContentTypes(workspaceId: string): Promise<ContentType[]>;
  createContentType(workspaceId: string, name: string): Promise<ContentType>;
  deleteContentType(workspaceId: string, id: string): Promise<boolean>;
  /** The workspace's iCal feed token: its hash for lookup, sealed for showing the address again. */
  setCalendarFeed(workspaceId: string, tokenHash: string, tokenSealed: string): Promise<void>;
  getCalendarFeed(workspaceId: string): Promise<string | undefined>;
  findWorkspaceByCalendarToken(tokenHash: string): Promise<string | undefined>;
  addComment(postId: string, authorId: string, text: string): Promise<PostComment>;
  listComments(postId: string): Promise<PostComment[]>;
}

export interface DeliveriesRepository {
  /** Puts every pending target of the post on the schedule (or back to pending). */
  scheduleTargets(postId: string, dueAt: Timestamp): Promise<string[]>;
  unscheduleTargets(postId: string): Promise<void>;
  /** Reschedules failed/unconfirmed targets of a post (a person decided to retry). */
  retryTargets(postId: string, dueAt: Timestamp): Promise<string[]>;
  getTarget(id: string): Promise<PostTarget | undefined>;
  /** scheduled and due → publishing with a lease, atomically; undefined if another worker has it. */
  claim(id: string, owner: string, now: Timestamp, leaseMs: number): Promise<PostTarget | undefined>;
  markPublished(
    id: string,
    owner: string,
    published: { id: string; url: string; extra: Record<string, string> },
    at: Timestamp,
  ): Promise<boolean>;
  markRetry(id: string, owner: string, dueAt: Timestamp, code: FailureCode, error: string): Promise<boolean>;
  markFailed(
    id: string,
    owner: string,
    status: 'failed' | 'unconfirmed',
    code: FailureCode | null,
    error: string,
  ): Promise<boolean>;
  /** Scheduled targets whose time has come (for the sweep that re-enqueues lost jobs). */
  listDue(before: Timestamp, limit: number): Promise<PostTarget[]>;
  /**
   * Targets left in `publishing` by a worker that died: its heartbeat (`workers`) is older than
   * `ownerSilentSince`, or, for an owner no heartbeat speaks for, its lease has run out. A fresh heartbeat keeps
   * the lease however long the publish takes.
   */
  listAbandoned(now: Timestamp, limit: number, ownerSilentSince?: Timestamp): Promise<PostTarget[]>;
  /**
   * Records one published part (thread part, first comment) while `owner` holds the lease, right after the
   * network answered, so a retry resumes after it. Returns false when the lease was lost.
   */
  recordPart(id: string, owner: string, part: PublishedPart): Promise<boolean>;
  /** Takes over an abandoned target (see listAbandoned) for `owner`; one taker wins. */
  takeOver(
    id: string,
    owner: string,
    now: Timestamp,
    leaseMs: number,
    ownerSilentSince?: Timestamp,
  ): Promise<PostTarget | undefined>;
  /** Extends `owner`'s lease; false when it no longer holds the target (taken over meanwhile). */
  renewLease(id: string, owner: string, until: Timestamp): Promise<boolean>;
}

export interface NewMedia {
  workspaceId: string;
  mimeType: MediaType;
  data: Uint8Array;
  width: number | null;
  height: number | null;
  sha256: string;
  alt: string;
  createdBy: string | null;
}

export interface MediaRepository {
  create(media: NewMedia): Promise<Media>;
  get(workspaceId: string, id: string): Promise<Media | undefined>;
  /** The bytes, only for a file of this workspace. */
  getData(workspaceId: string, id: string): Promise<Uint8Array | undefined>;
  /** Newest first. */
  list(workspaceId: string, limit: number): Promise<Media[]>;
  /** Refuses (returns false) for a file of another workspace; callers check `usedBy` first. */
  delete(workspaceId: string, id: string): Promise<boolean>;
  /** Replaces the file's own alternative text; false for a file of another workspace. */
  setAlt(workspaceId: string, id: string, alt: string): Promise<boolean>;
  /** The posts that use the file. */
  usedBy(id: string): Promise<string[]>;
  /** Replaces the post's files, in order, each with this post's alternative text. */
  setPostMedia(postId: string, items: Array<{ mediaId: string; alt: string }>): Promise<void>;
  postMedia(postId: string): Promise<PostMedia[]>;
}

/**
 * When deliveries go out: a channel's publishing budget, its pause after a "too many requests", putting a
 * delivery back without spending an attempt, moving a scheduled post in one transaction.
 */
export interface PacingRepository {
  /**
   * Publication times (ascending) of the channel's deliveries published after `since`, plus how many
   * other deliveries of the channel are being published right now (claimed by a worker, not yet settled).
   */
  channelUsage(
    channelId: string,
    since: number,
    exceptTargetId: string,
  ): Promise<{ publishedAt: number[]; inFlight: number }>;
  pausedUntil(channelId: string): Promise<number | null>;
  /** Pauses the channel until `until`; a longer pause already set is kept. */
  pauseChannel(channelId: string, until: number): Promise<void>;
  /**
   * Gives a held delivery back to the schedule at `dueAt` without counting the attempt: it was never tried.
   * Only the lease owner may; false otherwise.
   */
  deferHeld(targetId: string, owner: string, dueAt: number): Promise<boolean>;
  /**
   * Moves a scheduled post and its scheduled deliveries to `dueAt`, atomically. Returns the deliveries moved,
   * or undefined when the post was not scheduled any more.
   */
  reschedulePost(postId: string, dueAt: number): Promise<Array<{ id: string; attempts: number }> | undefined>;
}
