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
