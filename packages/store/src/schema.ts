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
  /** null: no email (SMTP not configured); 'queued' | 'sent' | 'failed'. */
  email_status: string | null;
  /** The reason code of the last failed send (e.g. ECONNECTION, EENVELOPE). */
  email_error: string | null;
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

export interface PasswordResetsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: number;
  expires_at: number;
  used_at: number | null;
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
  /** Added by 0008: the network said "too many requests"; no publishing to it before this time. */
  paused_until?: number | null;
}

export interface NotificationsTable {
  id: string;
  workspace_id: string;
  user_id: string;
  kind: string;
  params: string;
  link: string | null;
  actor_id: string | null;
  created_at: number;
  read_at: number | null;
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
  /** Added by 0007: JSON list of BCP 47 tags. */
  languages: Generated<string>;
  /** Added by 0019: the post's words folded for search (repositories/post-search.ts). */
  search_text: Generated<string>;
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
  /** Added by 0007: JSON object of network options. */
  options: Generated<string>;
  first_comment: Generated<string | null>;
  /** Added by 0007: JSON { mode: 'split' | 'parts', parts: string[] }, or null for a single post. */
  thread: Generated<string | null>;
  /** Added by 0007: JSON list of { key, id, url, extra } for each part (and the comment) already published. */
  published_parts: Generated<string>;
}

export interface MediaTable {
  id: string;
  workspace_id: string;
  mime_type: string;
  size: number;
  width: number | null;
  height: number | null;
  sha256: string;
  alt: string;
  data: Uint8Array;
  created_by: string | null;
  created_at: number;
}

export interface PostMediaTable {
  post_id: string;
  media_id: string;
  position: number;
  alt: string;
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
  /** Added by 0018 (the outbox): the event's id, shared by its deliveries (null only before the backfill). */
  event_id: string | null;
  /** Added by 0018: when a pending delivery's next attempt is due; null once delivered or failed. */
  next_attempt_at: number | null;
  /** Added by 0018: until when the worker sending it holds it. */
  lease_until: number | null;
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

export interface AlertRulesTable {
  id: string;
  workspace_id: string;
  topic_id: string;
  name: string;
  kind: string;
  params: string;
  cooldown_ms: number;
  enabled: number;
  notify_in_app: number;
  email_to: string;
  notify_webhooks: number;
  chat_url: string | null;
  last_fired_at: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface AlertEventsTable {
  id: string;
  workspace_id: string;
  rule_id: string;
  topic_id: string;
  kind: string;
  figures: string;
  mention_id: string | null;
  deliveries: string;
  fired_at: number;
}

export interface TopicsTable {
  id: string;
  workspace_id: string;
  name: string;
  topic_group: string;
  query: string;
  enabled: number;
  color: string;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface SourcesTable {
  id: string;
  workspace_id: string;
  network: string;
  kind: string;
  config: string;
  label: string;
  enabled: number;
  realtime: number;
  cursor: string | null;
  poll_interval_ms: number;
  next_poll_at: number;
  host: string | null;
  last_polled_at: number | null;
  last_ok_at: number | null;
  last_error: string | null;
  last_error_code: string | null;
  last_error_at: number | null;
  consecutive_failures: number;
  items_total: number;
  lease_owner: string | null;
  lease_until: number | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
  channel_id: string | null;
}

export interface MentionsTable {
  id: string;
  workspace_id: string;
  source_id: string | null;
  network: string;
  external_id: string;
  url: string | null;
  title: string | null;
  text: string;
  author_id: string | null;
  author_handle: string | null;
  author_name: string | null;
  author_url: string | null;
  site: string | null;
  published_at: number | null;
  seen_at: number;
  sort_at: number;
  language: string;
  language_how: string;
  sentiment: string;
  sentiment_confidence: number;
  sentiment_corrected: number;
  reach: number | null;
  likes: number | null;
  reposts: number | null;
  replies: number | null;
  hashtags: string;
  repost_of: string | null;
  reply_to: string | null;
  duplicate_of: string | null;
  simhash: string | null;
  simhash_band0: number | null;
  simhash_band1: number | null;
  simhash_band2: number | null;
  simhash_band3: number | null;
  handled_at: number | null;
  handled_by: string | null;
  tags: string;
  /** When the network says the item was last edited (ms), null when never; see migration 0014. */
  edited_at: number | null;
}

export interface MentionTopicsTable {
  mention_id: string;
  topic_id: string;
  workspace_id: string;
  sort_at: number;
}

export interface SentimentCorrectionsTable {
  id: string;
  workspace_id: string;
  mention_id: string | null;
  text: string;
  language: string;
  label: string;
  previous_label: string;
  corrected_by: string | null;
  created_at: number;
}

/** Recurring rubrics of the animation plan (added by 0020). */
export interface PlanRubricsTable {
  id: string;
  workspace_id: string;
  name: string;
  objective: string;
  objective_id: string | null;
  persona: string;
  /** JSON array of channel ids. */
  channel_ids: string;
  /** JSON: core's RubricPeriod. */
  period: string;
  time: string;
  theme_id: string | null;
  content_type_id: string | null;
  owner_id: string | null;
  backup_owner_id: string | null;
  brief: string;
  keep_on_holidays: number;
  created_at: number;
  updated_at: number;
}

/** Planned slots generated from the rubrics (added by 0020). */
export interface PlanSlotsTable {
  id: string;
  workspace_id: string;
  rubric_id: string | null;
  channel_id: string;
  local_date: string;
  local_time: string;
  at: number;
  holiday: string | null;
  skipped: number;
  off_rubric: number;
  theme_id: string | null;
  content_type_id: string | null;
  post_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface PlanSettingsTable {
  workspace_id: string;
  holiday_region: string;
  /** JSON object: channel id → posts a week. */
  targets: string;
  updated_at: number;
}

/** The animation plan's idea bank (added by 0023). */
export interface PlanIdeasTable {
  id: string;
  workspace_id: string;
  title: string;
  notes: string;
  theme_id: string | null;
  persona: string;
  source: string;
  mention_id: string | null;
  source_url: string | null;
  used_at: number | null;
  used_post_id: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** The animation plan's events, one-off or yearly (added by 0023). */
export interface PlanEventsTable {
  id: string;
  workspace_id: string;
  name: string;
  theme_id: string | null;
  date: string;
  yearly: number;
  created_at: number;
}

/** One version of a workspace's editorial charter (added by 0021); the highest version is the current one. */
export interface EditorialChartersTable {
  workspace_id: string;
  version: number;
  /** JSON: core's Charter. */
  charter: string;
  updated_by: string | null;
  updated_at: number;
}

/** The strategy document's free texts, one row per workspace (added by 0022). */
export interface StrategyDocumentsTable {
  workspace_id: string;
  context: string;
  diagnostic: string;
  targets: string;
  updated_by: string | null;
  updated_at: number;
}

/** SMART objectives of the strategy (added by 0022). */
export interface StrategyObjectivesTable {
  id: string;
  workspace_id: string;
  statement: string;
  kind: string;
  kpi: string;
  topic_id: string | null;
  channel_id: string | null;
  baseline: number | null;
  target: number;
  start_date: string;
  deadline: string;
  owner_id: string | null;
  /** JSON array of persona ids. */
  persona_ids: string;
  /** JSON array of network ids. */
  networks: string;
  created_at: number;
  updated_at: number;
}

/** Personas of the strategy (added by 0022). */
export interface StrategyPersonasTable {
  id: string;
  workspace_id: string;
  name: string;
  description: string;
  needs: string;
  questions: string;
  /** JSON array of network ids. */
  networks: string;
  tone: string;
  audience: string;
  created_at: number;
  updated_at: number;
}

/** The inbox's conversations: one per thread on a channel (added by 0025). */
export interface InboxConversationsTable {
  id: string;
  workspace_id: string;
  channel_id: string;
  network: string;
  root_remote_id: string;
  subject_remote_id: string | null;
  subject_url: string | null;
  subject_text: string | null;
  subject_post_id: string | null;
  item_count: Generated<number>;
  first_item_at: number;
  last_item_at: number;
  created_at: number;
}

/** The inbox's items: unique by (channel_id, remote_id) (added by 0025). */
export interface InboxItemsTable {
  id: string;
  workspace_id: string;
  channel_id: string;
  conversation_id: string;
  network: string;
  kind: string;
  remote_id: string;
  url: string | null;
  root_remote_id: string;
  parent_remote_id: string | null;
  author_id: string | null;
  author_handle: string | null;
  author_name: string | null;
  author_url: string | null;
  author_avatar: string | null;
  author_followers: number | null;
  text: string;
  created_at: number;
  received_at: number;
  status: string;
  assignee_id: string | null;
  priority: Generated<number>;
  updated_at: number;
}

export interface InboxItemLabelsTable {
  item_id: string;
  workspace_id: string;
  label: string;
  position: number;
}

export interface InboxNotesTable {
  id: string;
  workspace_id: string;
  conversation_id: string;
  author_id: string | null;
  text: string;
  /** JSON array of user ids. */
  mentions: string;
  created_at: number;
}

/** Where each channel's inbox reading resumes (added by 0025). */
export interface InboxCursorsTable {
  channel_id: string;
  workspace_id: string;
  cursor: string | null;
  backfilled_at: number | null;
  last_polled_at: number | null;
  next_poll_at: number;
  consecutive_failures: Generated<number>;
  last_error_code: string | null;
  last_error: string | null;
}

/** A workspace's inbox service levels (added by 0027). */
export interface InboxServiceLevelsTable {
  workspace_id: string;
  /** JSON: core's ServiceLevels. */
  levels: string;
  updated_by: string | null;
  updated_at: number;
}

export interface InboxSavedRepliesTable {
  id: string;
  workspace_id: string;
  name: string;
  text: string;
  link: string | null;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

/** Moderation rules in their order (added by 0027). */
export interface InboxRulesTable {
  id: string;
  workspace_id: string;
  position: number;
  name: string;
  enabled: number;
  match: string;
  /** JSON arrays of core's RuleCondition and RuleAction. */
  conditions: string;
  actions: string;
  stop: number;
  created_by: string | null;
  created_at: number;
  updated_at: number;
}

export interface InboxRuleMatchesTable {
  rule_id: string;
  item_id: string;
  workspace_id: string;
  matched_at: number;
}

export interface InboxRuleDecisionsTable {
  id: string;
  workspace_id: string;
  item_id: string;
  rule_id: string | null;
  action_type: string;
  /** JSON: core's RuleAction. */
  action: string;
  status: string;
  created_at: number;
}

export interface InboxItemAnalysisTable {
  item_id: string;
  workspace_id: string;
  sentiment: string | null;
  sentiment_confidence: number | null;
  language: string | null;
}

export interface InboxItemTimesTable {
  item_id: string;
  workspace_id: string;
  first_response_at: number | null;
  resolved_at: number | null;
  auto_resolved: Generated<number>;
}

/** A post marked « à relayer » by the team (added by 0024). */
export interface RelayPostsTable {
  post_id: string;
  workspace_id: string;
  link: string;
  /** JSON: core's RelayTexts. */
  texts: string;
  marked_by: string | null;
  marked_at: number;
  updated_at: number;
}

/** A relay an ambassador declared, once per post, person and network (added by 0024). */
export interface RelaySharesTable {
  post_id: string;
  workspace_id: string;
  user_id: string;
  network: string;
  shared_at: number;
}

/** One version of the employees' social media policy (added by 0024). */
export interface AmbassadorPoliciesTable {
  workspace_id: string;
  version: number;
  text: string;
  created_by: string | null;
  created_at: number;
}

export interface AmbassadorAcknowledgementsTable {
  workspace_id: string;
  user_id: string;
  version: number;
  acknowledged_at: number;
}

export interface AmbassadorProfilesTable {
  workspace_id: string;
  user_id: string;
  mastodon_instance: string | null;
  updated_at: number;
}

export interface Database {
  organisations: OrganisationsTable;
  users: UsersTable;
  workspaces: WorkspacesTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  api_keys: ApiKeysTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
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
  media: MediaTable;
  post_media: PostMediaTable;
  topics: TopicsTable;
  sources: SourcesTable;
  mentions: MentionsTable;
  mention_topics: MentionTopicsTable;
  sentiment_corrections: SentimentCorrectionsTable;
  alert_rules: AlertRulesTable;
  alert_events: AlertEventsTable;
  notifications: NotificationsTable;
  plan_rubrics: PlanRubricsTable;
  plan_slots: PlanSlotsTable;
  plan_settings: PlanSettingsTable;
  plan_ideas: PlanIdeasTable;
  plan_events: PlanEventsTable;
  editorial_charters: EditorialChartersTable;
  relay_posts: RelayPostsTable;
  relay_shares: RelaySharesTable;
  ambassador_policies: AmbassadorPoliciesTable;
  ambassador_acknowledgements: AmbassadorAcknowledgementsTable;
  ambassador_profiles: AmbassadorProfilesTable;
  strategy_documents: StrategyDocumentsTable;
  strategy_objectives: StrategyObjectivesTable;
  strategy_personas: StrategyPersonasTable;
  inbox_conversations: InboxConversationsTable;
  inbox_items: InboxItemsTable;
  inbox_item_labels: InboxItemLabelsTable;
  inbox_notes: InboxNotesTable;
  inbox_cursors: InboxCursorsTable;
  inbox_service_levels: InboxServiceLevelsTable;
  inbox_saved_replies: InboxSavedRepliesTable;
  inbox_rules: InboxRulesTable;
  inbox_rule_matches: InboxRuleMatchesTable;
  inbox_rule_decisions: InboxRuleDecisionsTable;
  inbox_item_analysis: InboxItemAnalysisTable;
  inbox_item_times: InboxItemTimesTable;
}
