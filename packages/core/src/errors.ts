// Errors with a stable code; the server maps codes to HTTP statuses in one place.

export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'forbidden'
  | 'csrf_failed'
  | 'not_found'
  | 'conflict'
  | 'already_set_up'
  | 'not_set_up'
  | 'last_admin'
  /** The organisation owner can be demoted or removed only by themselves or another owner. */
  | 'owner_protected'
  /** Too short, common, or made of the person's own email or name (`details.reason`). */
  | 'weak_password'
  /** The current password given to change it is not the right one. */
  | 'wrong_password'
  /** A password reset link that is unknown, used or expired. */
  | 'reset_link_invalid'
  | 'invitation_expired'
  | 'invitation_revoked'
  | 'invitation_used'
  | 'invitation_email_mismatch'
  | 'rate_limited'
  | 'invalid_transition'
  | 'not_editable'
  | 'post_invalid'
  | 'channel_unavailable'
  | 'channel_refused'
  | 'payload_too_large'
  | 'unsupported_media_type'
  /** An image whose declared dimensions are absurd (a decompression bomb); `details` gives them and the limits. */
  | 'image_too_large'
  /** A media file cut short (no PNG IEND, no JPEG EOI, a box past the end…) or whose header does not parse. */
  | 'media_truncated'
  /** A JSON body nested deeper than the API reads (`details.maxDepth`). */
  | 'json_too_deep'
  /** A URL whose address (typed, resolved or redirected to) is not public and not allowed by the administrator. */
  | 'address_not_allowed'
  | 'internal';

export interface ValidationIssue {
  /** Where the problem is, e.g. `body.email` or `query.limit`. */
  path: string;
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
