// What the account domain needs from storage; packages/store implements it on SQLite and PostgreSQL.
import type { Role } from './roles.js';
import type { AuditAction } from '../audit.js';
import type { PostingSlot } from '../planning/slots.js';
import type {
  ChannelsRepository,
  DeliveriesRepository,
  EditorialRepository,
  MediaRepository,
  PacingRepository,
  PostsRepository,
} from '../publishing/ports.js';
import type { WebhooksRepository } from '../events/webhooks.js';
import type { AlertsRepository } from '../alerts/ports.js';
import type { NotificationsRepository } from '../notifications/ports.js';
import type { ListeningRepository } from '../listening/ports.js';
import type { PlanRepository } from '../planning/plan-ports.js';
import type { CharterRepository } from '../charter/ports.js';
import type { AmbassadorRepository } from '../ambassador/ports.js';
import type { InboxRepository } from '../inbox/ports.js';
import type { InboxAutomationRepository } from '../inbox/automation-ports.js';
import type { StrategyRepository } from '../strategy/ports.js';
import type {
  ApiKey,
  AuditEntry,
  Invitation,
  InvitationEmailStatus,
  Locale,
  MemberView,
  Membership,
  Organisation,
  Session,
  Timestamp,
  User,
  Workspace,
} from './types.js';

export interface NewUser {
  organisationId: string;
  email: string;
  name: string;
  passwordHash: string;
  locale: Locale;
  isOwner: boolean;
}

export interface UserWithSecret extends User {
  passwordHash: string;
}

export interface AccountsRepository {
  countUsers(): Promise<number>;
  createOrganisation(name: string): Promise<Organisation>;
  getOrganisation(id: string): Promise<Organisation | undefined>;
  /** The organisation of this installation (the one setup created), if any. */
  firstOrganisation(): Promise<Organisation | undefined>;

  createUser(user: NewUser): Promise<User>;
  getUser(id: string): Promise<User | undefined>;
  listOwners(organisationId: string): Promise<User[]>;
  findUserByEmail(email: string): Promise<UserWithSecret | undefined>;
  updateUser(id: string, patch: { name?: string; locale?: Locale }): Promise<User>;
  /** The stored hash of a user's password (to check the current one before a change). */
  getPasswordHash(id: string): Promise<string | undefined>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
  /** Makes a user an owner of their organisation, or a plain member. */
  setOwner(id: string, isOwner: boolean): Promise<void>;

  createWorkspace(workspace: { organisationId: string; name: string; timezone: string }): Promise<Workspace>;
  getWorkspace(id: string): Promise<Workspace | undefined>;
  updateWorkspace(
    id: string,
    patch: { name?: string; timezone?: string; approvalRequired?: boolean; postingSlots?: PostingSlot[] },
  ): Promise<Workspace>;
  listWorkspaces(organisationId: string): Promise<Workspace[]>;
  listWorkspacesOfUser(userId: string): Promise<Array<Workspace & { role: Role }>>;

  addMember(membership: { workspaceId: string; userId: string; role: Role }): Promise<Membership>;
  getMembership(workspaceId: string, userId: string): Promise<Membership | undefined>;
  listMembers(workspaceId: string): Promise<MemberView[]>;
  setMemberRole(workspaceId: string, userId: string, role: Role): Promise<void>;
  removeMember(workspaceId: string, userId: string): Promise<void>;
  countAdmins(workspaceId: string): Promise<number>;
}

export interface InvitationsRepository {
  create(invitation: {
    workspaceId: string;
    email: string;
    role: Role;
    tokenHash: string;
    invitedBy: string;
    expiresAt: Timestamp;
    emailStatus?: InvitationEmailStatus | null;
  }): Promise<Invitation>;
  setEmailStatus(id: string, status: InvitationEmailStatus, error: string | null): Promise<void>;
  get(workspaceId: string, id: string): Promise<Invitation | undefined>;
  findByTokenHash(tokenHash: string): Promise<Invitation | undefined>;
  list(workspaceId: string): Promise<Array<Invitation & { invitedByName: string }>>;
  markAccepted(id: string, userId: string, at: Timestamp): Promise<void>;
  revoke(id: string, at: Timestamp): Promise<void>;
}

export interface ApiKeysRepository {
  create(key: {
    workspaceId: string;
    name: string;
    prefix: string;
    secretHash: string;
    role: Role;
    createdBy: string | null;
  }): Promise<ApiKey>;
  get(workspaceId: string, id: string): Promise<ApiKey | undefined>;
  findBySecretHash(secretHash: string): Promise<ApiKey | undefined>;
  list(workspaceId: string): Promise<Array<ApiKey & { createdByName: string | null }>>;
  revoke(id: string, at: Timestamp): Promise<void>;
  touch(id: string, at: Timestamp): Promise<void>;
}

export interface SessionsRepository {
  create(session: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    expiresAt: Timestamp;
    ip: string | null;
    userAgent: string | null;
  }): Promise<Session>;
  findByTokenHash(tokenHash: string): Promise<Session | undefined>;
  extend(id: string, lastSeenAt: Timestamp, expiresAt: Timestamp): Promise<void>;
  delete(id: string): Promise<void>;
  /** Ends every session of a user except `keepId` (after a password change or reset); returns how many. */
  deleteForUser(userId: string, keepId?: string): Promise<number>;
  deleteExpired(now: Timestamp): Promise<number>;
}

export interface PasswordReset {
  id: string;
  userId: string;
  /** The admin or owner who issued the link; null when the person asked for it by email. */
  createdBy: string | null;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  usedAt: Timestamp | null;
}

/** Single-use password reset links: only the SHA-256 of the token is stored. */
export interface PasswordResetsRepository {
  create(reset: {
    userId: string;
    tokenHash: string;
    createdBy: string | null;
    expiresAt: Timestamp;
  }): Promise<PasswordReset>;
  findByTokenHash(tokenHash: string): Promise<PasswordReset | undefined>;
  /** Marks the link used if it still was not; false when another request used it first. */
  markUsed(id: string, at: Timestamp): Promise<boolean>;
  /** Ends the user's other open links (a new password makes them pointless). */
  invalidateForUser(userId: string, at: Timestamp): Promise<void>;
  /** Housekeeping: forgets links that expired before `before`; returns how many. */
  deleteExpired(before: Timestamp): Promise<number>;
}

export interface AuditQuery {
  workspaceId: string;
  limit: number;
  /** Opaque cursor returned by the previous page. */
  cursor?: string | undefined;
  /** An action, or the start of one (`post.` is every post action). */
  action?: string | undefined;
  /** Entries by this person or API key only. */
  actorId?: string | undefined;
  /** Entries at or after `from` and before `to` (milliseconds). */
  from?: Timestamp | undefined;
  to?: Timestamp | undefined;
}

/** An entry to write: its action is one of `AUDIT_ACTIONS`, so each has a sentence in the web app. */
export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'action'> & { action: AuditAction };

export interface AuditRepository {
  record(entry: NewAuditEntry): Promise<AuditEntry>;
  list(query: AuditQuery): Promise<{ items: AuditEntry[]; nextCursor: string | null }>;
}

/** All repositories, bound to one connection or to one transaction. */
export interface Repositories {
  accounts: AccountsRepository;
  invitations: InvitationsRepository;
  apiKeys: ApiKeysRepository;
  sessions: SessionsRepository;
  passwordResets: PasswordResetsRepository;
  audit: AuditRepository;
  posts: PostsRepository;
  deliveries: DeliveriesRepository;
  pacing: PacingRepository;
  channels: ChannelsRepository;
  editorial: EditorialRepository;
  media: MediaRepository;
  webhooks: WebhooksRepository;
  alerts: AlertsRepository;
  notifications: NotificationsRepository;
  /** Listening's topics, sources and mentions (the SQLite ingest fast path is for outside transactions). */
  listening: ListeningRepository;
  /** The animation plan: rubrics, planned slots, settings. */
  plan: PlanRepository;
  /** The editorial charter, versioned. */
  charter: CharterRepository;
  /** Ambassadors: relays, the social media policy and its acknowledgements, their settings. */
  ambassador: AmbassadorRepository;
  /** The inbox: items read from the channels, conversations, the team's work, cursors. */
  inbox: InboxRepository;
  /** The inbox's service levels, saved replies, moderation rules and what they decided, items' analysis and times. */
  inboxAutomation: InboxAutomationRepository;
  /** The strategy document, its objectives and personas. */
  strategy: StrategyRepository;
}

export interface UnitOfWork extends Repositories {
  /** Runs `work` in one database transaction: all of it is stored, or none. */
  transaction<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}
