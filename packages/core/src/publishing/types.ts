// Channels (connected network accounts), posts and their deliveries to each channel.
import type { Timestamp } from '../accounts/types.js';
import type { PostStatus } from './workflow.js';
import type { FailureCode, TargetStatus } from './delivery.js';

/** An editorial pillar ("thème"): posts carry one, the calendar colours by it. */
export interface Theme {
  id: string;
  workspaceId: string;
  name: string;
  /** A CSS colour, e.g. #1c7ed6. */
  color: string;
}

/** A kind of content (vidéo, photo, lien, texte, événement, jeu…), to keep the plan varied. */
export interface ContentType {
  id: string;
  workspaceId: string;
  name: string;
}

export interface PostComment {
  id: string;
  postId: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: Timestamp;
}

export type ChannelStatus = 'active' | 'needs_reconnect' | 'disabled';

export interface Channel {
  id: string;
  workspaceId: string;
  network: string;
  /** What people recognise: a handle, a page name. */
  name: string;
  /** The network's id of the account (a DID, a page id…): one channel per account per workspace. */
  accountId: string;
  status: ChannelStatus;
  credentialsExpiresAt: Timestamp | null;
  lastError: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export interface Post {
  id: string;
  workspaceId: string;
  text: string;
  status: PostStatus;
  themeId: string | null;
  contentTypeId: string | null;
  ownerId: string | null;
  backupOwnerId: string | null;
  scheduledAt: Timestamp | null;
  /** BCP 47 tags of the text, e.g. ["fr"]; empty when not said. */
  languages: string[];
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

/**
 * A thread on one network: `split` when Rostra cut the text itself (and cuts it again when it changes),
 * `parts` when a person wrote each part.
 */
export interface ThreadPlan {
  mode: 'split' | 'parts';
  parts: string[];
  /** A split thread ends each part with " 1/3", " 2/3"… */
  numbering?: boolean;
}

/** A part of a delivery (thread part, first comment) already on the network, by its idempotency key. */
export interface PublishedPart {
  key: string;
  id: string;
  url: string;
  extra: Record<string, string>;
}

/** What a person chose for one channel beyond its text. */
export interface TargetInput {
  channelId: string;
  text: string | null;
  options?: Record<string, unknown>;
  firstComment?: string | null;
  thread?: ThreadPlan | null;
}

/** "pending" while the post is not scheduled; then the delivery's own status. */
export type DeliveryStatus = 'pending' | TargetStatus;

export interface PostTarget {
  id: string;
  postId: string;
  workspaceId: string;
  channelId: string;
  /** This network's text when it differs from the post's. */
  text: string | null;
  status: DeliveryStatus;
  dueAt: Timestamp | null;
  attempts: number;
  leaseOwner: string | null;
  leaseUntil: Timestamp | null;
  published: { id: string; url: string; extra: Record<string, string>; at: Timestamp } | null;
  lastErrorCode: FailureCode | null;
  lastError: string | null;
  /** Network settings (visibility, content warning, title…), checked by the network's connector. */
  options: Record<string, unknown>;
  firstComment: string | null;
  thread: ThreadPlan | null;
  /** What a previous attempt already published, so a retry resumes instead of repeating. */
  publishedParts: PublishedPart[];
}

/** A post's overall status follows its deliveries once it is out of the editors' hands. */
export function aggregateStatus(targets: Array<Pick<PostTarget, 'status'>>): PostStatus | undefined {
  if (targets.length === 0) return undefined;
  const statuses = new Set(targets.map((t) => t.status));
  if (statuses.has('publishing')) return 'publishing';
  if (statuses.has('unconfirmed')) return 'unconfirmed';
  if (statuses.has('failed')) return 'failed';
  if (statuses.has('scheduled')) return 'scheduled';
  if ([...statuses].every((s) => s === 'published')) return 'published';
  return undefined;
}
