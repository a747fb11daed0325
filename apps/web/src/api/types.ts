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
  /** Owner of the organisation: only owners change an owner's role or remove them. */
  isOwner: boolean;
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

/** The accounts one OAuth login offers (a member and their pages…), as GET …/channels/oauth/choices/:token says. */
export interface OAuthChoices {
  network: string;
  accounts: { accountId: string; name: string; connected: boolean }[];
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
  /** Network settings: Mastodon visibility/spoilerText, WordPress title/categories/tags/status… */
  options: Record<string, unknown>;
  firstComment: string | null;
  thread: ThreadPlan | null;
  /** Parts (and the first comment) already on the network. */
  publishedParts: Array<{ key: string; url: string }>;
}

export interface ThreadPlan {
  mode: 'split' | 'parts';
  parts: string[];
  numbering?: boolean;
}

/** An uploaded image or video. */
export interface MediaFile {
  id: string;
  mimeType: string;
  size: number;
  width: number | null;
  height: number | null;
  sha256: string;
  alt: string;
  /** Where to download it (same session). */
  url: string;
  createdBy: string | null;
  createdAt: string;
}

export interface PostMedia {
  mediaId: string;
  alt: string;
  position: number;
  file: MediaFile;
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
  languages: string[];
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
  media: PostMedia[];
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

// --- Listening (veille) ----------------------------------------------------------------------------------------

export type TopicGroup = 'brand' | 'competitor' | 'sector' | 'other';
export type Sentiment = 'negative' | 'neutral' | 'positive';

export interface Topic {
  id: string;
  name: string;
  group: TopicGroup;
  query: string;
  enabled: boolean;
  color: string;
  createdAt: string;
  updatedAt: string;
}

export interface TopicList {
  items: Topic[];
  groups: TopicGroup[];
}

/** Where a query breaks, as the server's parser (the same as the browser's) reports it. */
export interface QueryProblem {
  code: string;
  column: number;
  length: number;
  message: string;
  hint: string;
}

export interface Mention {
  id: string;
  sourceId: string | null;
  network: string;
  externalId: string;
  url: string | null;
  title: string | null;
  text: string;
  author: { id: string | null; handle: string | null; name: string | null; url: string | null };
  site: string | null;
  publishedAt: string | null;
  /** When its network says it was last edited; null when never. */
  editedAt: string | null;
  seenAt: string;
  language: string;
  languageHow: 'declared' | 'detected' | 'unknown';
  sentiment: Sentiment;
  sentimentConfidence: number;
  sentimentCorrected: boolean;
  metrics: { reach: number | null; likes: number | null; reposts: number | null; replies: number | null };
  hashtags: string[];
  repostOf: string | null;
  replyTo: string | null;
  duplicateOf: string | null;
  topicIds: string[];
  tags: string[];
  handledAt: string | null;
  handledBy: string | null;
}

export interface MentionPage {
  items: Mention[];
  nextCursor: string | null;
}

export interface TopicPreview {
  scanned: number;
  matched: number;
  items: Mention[];
}

export type SourceHealthStatus = 'ok' | 'failing' | 'waiting' | 'disabled';

export interface ListeningSource {
  id: string;
  network: string;
  kind: string;
  config: Record<string, string>;
  label: string;
  enabled: boolean;
  realtime: boolean;
  pollIntervalSeconds: number;
  nextPollAt: string;
  host: string | null;
  /** The connected channel the source searches as, if any. */
  channelId: string | null;
  health: {
    status: SourceHealthStatus;
    lastPolledAt: string | null;
    lastOkAt: string | null;
    lastError: string | null;
    lastErrorCode: string | null;
    lastErrorAt: string | null;
    consecutiveFailures: number;
    itemsTotal: number;
  };
  createdAt: string;
}

export interface SourceNetwork {
  network: string;
  kinds: { kind: string; fields: string[]; realtime: boolean }[];
}

export interface SourceList {
  items: ListeningSource[];
  networks: SourceNetwork[];
}

export type DashboardBucket = 'hour' | 'day' | 'week';

export interface VolumeDashboard {
  from: string;
  to: string;
  bucket: DashboardBucket;
  /** Buckets start at origin + k × size: midnight (or Monday) in the workspace's time zone. */
  origin: string;
  series: { topicId: string; points: { at: string; count: number }[] }[];
}

export interface SentimentPoint {
  at: string;
  negative: number;
  neutral: number;
  positive: number;
  total: number;
  negativeShare: number;
  positiveShare: number;
}

export interface SentimentDashboard {
  from: string;
  to: string;
  bucket: DashboardBucket;
  origin: string;
  points: SentimentPoint[];
}

export interface TopDashboard {
  from: string;
  to: string;
  sources: { site: string; network: string; count: number }[];
  authors: { network: string; handle: string | null; name: string | null; count: number; reach: number }[];
}

export interface TrendingTerm {
  term: string;
  count: number;
  previousCount: number;
  score: number;
}

export interface TrendingDashboard {
  from: string;
  to: string;
  terms: TrendingTerm[];
  hashtags: TrendingTerm[];
}

export interface VoiceShare {
  topicId: string;
  name: string;
  group: TopicGroup;
  color: string;
  mentions: number;
  reach: number;
  shareOfMentions: number;
  shareOfReach: number;
}

export interface ShareOfVoiceDashboard {
  from: string;
  to: string;
  items: VoiceShare[];
}

// --- Alerts -------------------------------------------------------------------------------------------------

export type AlertKind = 'volume_spike' | 'negative_share' | 'watched_author' | 'new_source';

export interface AlertRule {
  id: string;
  topicId: string;
  name: string;
  kind: AlertKind;
  /** Effective parameters, the defaults included. */
  params: Record<string, unknown>;
  cooldownMinutes: number;
  enabled: boolean;
  notifyInApp: boolean;
  emailTo: string[];
  notifyWebhooks: boolean;
  hasChatUrl: boolean;
  lastFiredAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface AlertEvent {
  id: string;
  ruleId: string;
  topicId: string;
  kind: AlertKind;
  figures: Record<string, number>;
  mentionId: string | null;
  /** Channel → outcome (e.g. { inApp: "sent", email: "skipped" }). */
  deliveries: Record<string, string>;
  firedAt: string;
}

export interface AlertEventPage {
  items: AlertEvent[];
  nextBefore: string | null;
}
