// The one place where error codes become HTTP statuses and `{ code, message, details }` bodies.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, validationError, type ErrorCode, type ValidationIssue } from '@rostra/core';
import { schemaIssueOf } from '../schema-issues.js';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  conflict: 409,
  already_set_up: 409,
  not_set_up: 409,
  last_admin: 409,
  owner_protected: 403,
  weak_password: 400,
  wrong_password: 403,
  reset_link_invalid: 410,
  invitation_email_mismatch: 409,
  invalid_transition: 409,
  not_editable: 409,
  post_invalid: 422,
  charter_blocked: 422,
  channel_unavailable: 502,
  /** The network turned the account's credentials down: not a Rostra session problem, so not 401. */
  channel_refused: 422,
  invitation_expired: 410,
  invitation_revoked: 410,
  invitation_used: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  image_too_large: 422,
  media_truncated: 422,
  json_too_deep: 400,
  rate_limited: 429,
  /** Nothing was sent: the address is not public (ROSTRA_OUTBOUND_ALLOW can allow it). */
  address_not_allowed: 422,
  internal: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

const CONTEXT_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'headers',
};

function toAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const where = CONTEXT_NAMES[(error as { validationContext?: string }).validationContext ?? 'body'] ?? 'body';
    const issues: ValidationIssue[] = error.validation.map((v) => ({
      path: [where, ...v.instancePath.split('/').filter(Boolean)].join('.'),
      ...schemaIssueOf(v.keyword, v.params, v.message ?? ''),
      message: v.message ?? 'Invalid value',
    }));
    return validationError(issues);
  }
  const fastifyError = error as Partial<FastifyError>;
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('invalid_json', `The request body is not valid JSON: ${fastifyError.message ?? ''}`.trim());
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'Send JSON with Content-Type: application/json');
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) {
    return new AppError('invalid_json', `The request body is not valid JSON: ${error.message}`);
  }
  return undefined;
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const known = toAppError(error);
    if (known) {
      if (known.code === 'rate_limited' && typeof known.details?.retryAfter === 'number') {
        void reply.header('retry-after', String(known.details.retryAfter));
      }
      return reply
        .status(statusOf(known.code))
        .send({ code: known.code, message: known.message, ...(known.details ? { details: known.details } : {}) });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'internal', message: 'Something went wrong on our side; it was logged.' });
  });
}
