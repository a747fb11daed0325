// Shapes of the Rostra API responses used by the UI.
import type { Role } from '../features/workspaces/roles';

export type Locale = 'fr' | 'en';

export interface User {
  id: string;
  email: string;
  name: string;
  locale: Locale;
  isOwner: boolean;
}

export interface WorkspaceSummary {
  id: string;
  name: string;
  timezone: string;
  role: Role;
}

export interface Session {
  user: User;
  organisation: { id: string; name: string };
  workspaces: WorkspaceSummary[];
  csrfToken: string;
}

export interface WorkspaceDetails extends WorkspaceSummary {
  createdAt: string;
  /** When false, community managers may schedule drafts without a manager's approval. */
  approvalRequired: boolean;
}

export interface Member {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invitation {
  id: string;
  email: string;
  role: Role;
  status: InvitationStatus;
  createdAt: string;
  expiresAt: string;
  invitedBy: { id: string; name: string } | null;
}

export interface PublicInvitation {
  organisation: { name: string };
  workspace: { id: string; name: string };
  email: string;
  role: Role;
  status: InvitationStatus;
  expiresAt: string;
  userExists: boolean;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: { id: string; name: string } | null;
}

export interface AuditEntry {
  id: string;
  at: string;
  actor: { type: 'user' | 'api_key' | 'system'; id: string | null; label: string | null };
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
}

export interface Page<T> {
  items: T[];
}

export interface CursorPage<T> extends Page<T> {
  nextCursor: string | null;
}

// Publishing: channels, the editorial vocabulary, posts and their deliveries.

export type ChannelStatus = 'active' | 'needs_reconnect' | 'disabled';

export interface Channel {
  id: string;
  network: string;
  name: string;
  accountId: string;
  status: ChannelStatus;
  credentialsExpiresAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A network this server can connect, as announced by GET …/channels. */
export type ConnectMethod = 'password' | 'oauth';

export interface NetworkOffer {
  network: string;
  auth: string;
  canPublish: boolean;
  /** How an account can be connected; older servers omit it (credentials only). */
  methods?: ConnectMethod[];
}

export interface ChannelList extends Page<Channel> {
  networks: NetworkOffer[];
}

export interface Theme {
  id: string;
  name: string;
  color: string;
}

export interface ContentType {
  id: string;
  name: string;
}

export const POST_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'publishing',
  'published',
  'failed',
  'unconfirmed',
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export type TargetStatus = 'pending' | 'scheduled' | 'publishing' | 'published' | 'failed' | 'unconfirmed';

export interface PostTarget {
  id: string;
  channelId: string;
  /** This channel's own text, or null when it uses the post's text. */
  text: string | null;
  status: TargetStatus;
  dueAt: string | null;
  attempts: number;
  publishedUrl: string | null;
  publishedAt: string | null;
  lastErrorCode: string | null;
  lastError: string | null;
}

export interface Post {
  id: string;
  text: string;
  status: PostStatus;
  themeId: string | null;
  contentTypeId: string | null;
  ownerId: string | null;
  backupOwnerId: string | null;
  scheduledAt: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  targets: PostTarget[];
}

/** A network rule the post breaks on one channel, as the server counts it. */
export interface Violation {
  channelId: string;
  network: string;
  rule: string;
  message: string;
  excess?: number;
  /** `warning` is advice (e.g. an image without alt text) that does not block publishing. */
  severity?: 'error' | 'warning';
}

export interface PostDetail extends Post {
  violations: Violation[];
}

export interface PostComment {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
}

export interface Webhook {
  id: string;
  url: string;
  events: string[];
  description: string;
  createdAt: string;
  disabledAt: string | null;
}

export interface WebhookList {
  items: Webhook[];
  /** Every event the server can send; `'*'` subscribes to all of them. */
  events: string[];
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  id: string;
  event: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  payload: unknown;
}
