// The account model: an organisation owns workspaces; users hold one role per workspace.
import type { Role } from './roles.js';
import type { PostingSlot } from '../planning/slots.js';

/** Milliseconds since the epoch, UTC. */
export type Timestamp = number;

export interface Organisation {
  id: string;
  name: string;
  createdAt: Timestamp;
}

export interface User {
  id: string;
  organisationId: string;
  email: string;
  name: string;
  locale: Locale;
  /** Owners create workspaces; the person who ran setup is the first owner. */
  isOwner: boolean;
  createdAt: Timestamp;
}

export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export interface Workspace {
  id: string;
  organisationId: string;
  name: string;
  timezone: string;
  /** Posts need a manager's approval before they can be scheduled. */
  approvalRequired: boolean;
  /** When the workspace publishes, in its time zone. */
  postingSlots: PostingSlot[];
  createdAt: Timestamp;
}

export interface Membership {
  workspaceId: string;
  userId: string;
  role: Role;
  createdAt: Timestamp;
}

export interface MemberView {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** An owner of the organisation: only owners change their memberships. */
  isOwner: boolean;
  joinedAt: Timestamp;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invitation {
  id: string;
  workspaceId: string;
  email: string;
  role: Role;
  invitedBy: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  acceptedAt: Timestamp | null;
  acceptedBy: string | null;
  revokedAt: Timestamp | null;
  /** How the invitation email fared; null when none was sent (no SMTP configured). */
  emailStatus: InvitationEmailStatus | null;
  /** Reason code of the last failed send. */
  emailError: string | null;
}

export type InvitationEmailStatus = 'queued' | 'sent' | 'failed';

export function invitationStatus(invitation: Invitation, now: Timestamp): InvitationStatus {
  if (invitation.acceptedAt !== null) return 'accepted';
  if (invitation.revokedAt !== null) return 'revoked';
  if (invitation.expiresAt <= now) return 'expired';
  return 'pending';
}

export interface ApiKey {
  id: string;
  workspaceId: string;
  name: string;
  /** The first characters of the secret, shown so people can tell keys apart. */
  prefix: string;
  role: Role;
  createdBy: string | null;
  createdAt: Timestamp;
  lastUsedAt: Timestamp | null;
  revokedAt: Timestamp | null;
}

export interface Session {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: Timestamp;
  expiresAt: Timestamp;
  lastSeenAt: Timestamp;
}

/** Who did something: a person, a script holding an API key, or Rostra itself (CLI, jobs). */
export type Actor =
  | { type: 'user'; id: string; label: string }
  | { type: 'api_key'; id: string; label: string }
  | { type: 'system'; id: null; label: string };

export interface AuditEntry {
  id: string;
  organisationId: string;
  workspaceId: string | null;
  actor: Actor;
  action: string;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
  at: Timestamp;
}

/** The context every write runs in: who, from where. Every write is audited with it. */
export interface ActionContext {
  actor: Actor;
  ip: string | null;
  userAgent: string | null;
}
