// Row types of every table, as Kysely sees them. Timestamps are ms since epoch (bigint in PostgreSQL).
import type { Generated } from 'kysely';

export interface OrganisationsTable {
  id: string;
  name: string;
  created_at: number;
}

export interface UsersTable {
  id: string;
  organisation_id: string;
  email: string;
  name: string;
  password_hash: string;
  locale: string;
  /** 'owner' or 'member': owners create workspaces. */
  org_role: string;
  created_at: number;
}

export interface WorkspacesTable {
  id: string;
  organisation_id: string;
  name: string;
  timezone: string;
  created_at: number;
}

export interface MembershipsTable {
  workspace_id: string;
  user_id: string;
  role: string;
  created_at: number;
}

export interface InvitationsTable {
  id: string;
  workspace_id: string;
  email: string;
  role: string;
  token_hash: string;
  invited_by: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_by: string | null;
  revoked_at: number | null;
}

export interface ApiKeysTable {
  id: string;
  workspace_id: string;
  name: string;
  prefix: string;
  secret_hash: string;
  role: string;
  created_by: string | null;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  expires_at: number;
  last_seen_at: number;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditLogTable {
  id: string;
  organisation_id: string;
  workspace_id: string | null;
  actor_type: string;
  actor_id: string | null;
  actor_label: string;
  action: string;
  target_type: string | null;
  target_id: string | null;
  ip: string | null;
  user_agent: string | null;
  details: string;
  created_at: number;
}

export interface JobsTable {
  id: string;
  type: string;
  payload: string;
  /** queued | running | done | failed */
  status: string;
  dedupe_key: string | null;
  run_at: number;
  attempts: Generated<number>;
  max_attempts: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface WorkersTable {
  id: string;
  role: string;
  driver: string;
  host: string;
  pid: number;
  started_at: number;
  heartbeat_at: number;
}

export interface JobProbesTable {
  job_id: string;
  worker_id: string;
  ran_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  jobs: JobsTable;
  workers: WorkersTable;
  job_probes: JobProbesTable;
  settings: SettingsTable;
}
