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
  /** 0 or 1 (added by 0002): posts need approval before scheduling. */
  approval_required: Generated<number>;
  /** JSON list of posting slots (added by 0006). */
  posting_slots: Generated<string>;
  created_at: number;
}

export interface ThemesTable {
  id: string;
  workspace_id: string;
  name: string;
  color: string;
  created_at: number;
}

export interface ContentTypesTable {
  id: string;
  workspace_id: string;
  name: string;
  created_at: number;
}

export interface PostCommentsTable {
  id: string;
  post_id: string;
  author_id: string;
  text: string;
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

export interface ChannelsTable {
  id: string;
  workspace_id: string;
  network: string;
  name: string;
  account_id: string;
  status: string;
  /** Sealed with the secret box: never stored in clear. */
  credentials: string;
  credentials_expires_at: number | null;
  last_error: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface PostsTable {
  id: string;
  workspace_id: string;
  text: string;
  status: string;
  theme_id: string | null;
  content_type_id: string | null;
  owner_id: string | null;
  backup_owner_id: string | null;
  scheduled_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface PostTargetsTable {
  id: string;
  post_id: string;
  workspace_id: string;
  channel_id: string;
  text: string | null;
  status: string;
  due_at: number | null;
  attempts: Generated<number>;
  lease_owner: string | null;
  lease_until: number | null;
  published_id: string | null;
  published_url: string | null;
  published_extra: string | null;
  published_at: number | null;
  last_error_code: string | null;
  last_error: string | null;
  updated_at: number;
}

export interface WebhooksTable {
  id: string;
  workspace_id: string;
  url: string;
  events: string;
  secret: string;
  description: string;
  created_by: string | null;
  created_at: number;
  disabled_at: number | null;
}

export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event: string;
  payload: string;
  status: string;
  attempts: Generated<number>;
  response_status: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
}

export interface CalendarFeedsTable {
  workspace_id: string;
  token_hash: string;
  token_sealed: string;
  created_at: number;
}

export interface OAuthStatesTable {
  state_hash: string;
  workspace_id: string;
  user_id: string;
  network: string;
  pending: string;
  expires_at: number;
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
  channels: ChannelsTable;
  posts: PostsTable;
  post_targets: PostTargetsTable;
  themes: ThemesTable;
  content_types: ContentTypesTable;
  post_comments: PostCommentsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  calendar_feeds: CalendarFeedsTable;
  oauth_states: OAuthStatesTable;
}
