// Errors with a stable code; the server maps codes to HTTP statuses in one place.

/** Every code an error may carry; the web app has a sentence for each (a test fails when one lacks it). */
export const ERROR_CODES = [
  'validation_failed',
  'invalid_json',
  'unauthenticated',
  'invalid_credentials',
  'forbidden',
  'csrf_failed',
  'not_found',
  'conflict',
  'already_set_up',
  'not_set_up',
  'last_admin',
  /** The organisation owner can be demoted or removed only by themselves or another owner. */
  'owner_protected',
  /** Too short, common, or made of the person's own email or name (`details.reason`). */
  'weak_password',
  /** The current password given to change it is not the right one. */
  'wrong_password',
  /** A password reset link that is unknown, used or expired. */
  'reset_link_invalid',
  'invitation_expired',
  'invitation_revoked',
  'invitation_used',
  'invitation_email_mismatch',
  'rate_limited',
  'invalid_transition',
  'not_editable',
  'post_invalid',
  /** Blocking rules of the editorial charter refuse approval; `details.findings` lists them (core's CharterFinding). */
  'charter_blocked',
  'channel_unavailable',
  'channel_refused',
  'payload_too_large',
  'unsupported_media_type',
  /** An image whose declared dimensions are absurd (a decompression bomb); `details` gives them and the limits. */
  'image_too_large',
  /** A media file cut short (no PNG IEND, no JPEG EOI, a box past the end…) or whose header does not parse. */
  'media_truncated',
  /** A JSON body nested deeper than the API reads (`details.maxDepth`). */
  'json_too_deep',
  /** A URL whose address (typed, resolved or redirected to) is not public and not allowed by the administrator. */
  'address_not_allowed',
  'internal',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * Why a field was refused, as a stable code the web app renders in the person's language with `params`
 * (the English `message` is for API users). Schema checks map to the first group; Rostra's own checks follow.
 */
export const ISSUE_CODES = [
  'required',
  'invalid_type',
  'too_short',
  'too_long',
  'too_small',
  'too_big',
  'too_few',
  'too_many',
  'invalid_format',
  'invalid_choice',
  'unknown_field',
  'invalid',
  'nul_character',
  'empty_file',
  'duplicate',
  'unknown_media',
  'unknown_channel',
  'unknown_theme',
  'unknown_content_type',
  'unknown_topic',
  'unknown_account',
  'not_a_member',
  'unknown_cursor',
  'end_before_start',
  'network_unsupported',
  'network_without_oauth',
  'required_to_schedule',
  'query_syntax',
  // A listening source's settings (`body.config.<field>`).
  'source_network_unsupported',
  'source_kind_unsupported',
  'source_channel_network',
  'address_missing',
  'address_invalid',
  'address_scheme',
  'address_credentials',
  'selector_invalid',
  'search_missing',
  'search_too_long',
  'language_code_invalid',
  'hashtag_missing',
  'hashtag_invalid',
  'boolean_invalid',
  'account_missing',
  'account_invalid',
  'instance_invalid',
  'subreddit_invalid',
  'collections_invalid',
  'collections_too_many',
  'collections_without_posts',
  'dids_invalid',
  'dids_too_many',
  'keywords_invalid',
  // A CSV calendar import (`body.csv.line<n>.<column>`, with `params.line` and `params.column`).
  'csv_unreadable',
  'csv_too_many_lines',
  'csv_no_text_column',
  'csv_text_empty',
  'csv_text_too_long',
  'csv_date_invalid',
  'csv_channel_unknown',
  'csv_theme_unknown',
  'csv_content_type_unknown',
  'csv_owner_unknown',
  // An animation plan rubric.
  'backup_is_owner',
  // The animation plan's events calendar imported from CSV or iCal (with `params.line`), an idea used once.
  'event_column_missing',
  'event_name_empty',
  'event_name_too_long',
  'event_date_invalid',
  'event_recurrence_invalid',
  'event_ical_unreadable',
  'event_ical_no_date',
  'event_ical_recurrence',
  'event_file_empty',
  'idea_used',
  // A rubric names a strategy objective that is not the workspace's.
  'unknown_objective',
  // A workspace's service levels (inbox business hours).
  'time_zone_invalid',
  'business_hours_time_invalid',
  'business_hours_cross_midnight',
  'business_hours_empty_range',
  'business_hours_overlap',
  'business_hours_none',
  // An inbox moderation rule.
  'rule_no_conditions',
  'rule_no_actions',
  'rule_conflicting_actions',
  'hide_reason_required',
  'unknown_saved_reply',
  // A saved reply of the inbox (`params.line` and `params.column` in its text).
  'saved_reply_unknown_variable',
  'saved_reply_unclosed_variable',
  'saved_reply_missing_value',
  'saved_reply_too_long',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

/** Values an issue's sentence names: a limit, the allowed choices, the address typed… */
export type IssueParams = Record<string, string | number | boolean | readonly string[]>;

export interface ValidationIssue {
  /** Where the problem is, e.g. `body.email` or `query.limit`. */
  path: string;
  /** Why, for people: rendered from `code` and `params`. */
  code: IssueCode;
  params?: IssueParams;
  /** Why, in English, for API users. */
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** A `validation_failed` error for these issues; its message names the first one (for API users and logs). */
export function validationError(issues: readonly ValidationIssue[]): AppError {
  const first = issues[0];
  return new AppError('validation_failed', first ? `${first.path}: ${first.message}` : 'Invalid request', {
    issues,
  });
}
