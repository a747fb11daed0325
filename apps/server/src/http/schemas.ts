// Shared request and response schemas; zod objects are strict so unknown fields are refused, not ignored.
import { z } from 'zod';
import { LOCALES, ROLES } from '@rostra/core';
import { CONTROL_CHARACTER, LONE_SURROGATE } from '../names.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../accounts/password-policy.js';

export const roleSchema = z.enum(ROLES);
export const localeSchema = z.enum(LOCALES);
export const idSchema = z.string().min(1).max(64);
/**
 * Every name or label a person gives (workspace, organisation, member, theme, content type, topic, source,
 * alert, API key, webhook, tag): one line of real text, trimmed, at most `max` characters. Empty is allowed
 * unless the caller adds `.min(1)` (see nameSchema).
 */
export function name(max = 120) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((v) => !CONTROL_CHARACTER.test(v), 'Control characters (NUL, tab, line breaks…) are not allowed in a name')
    .refine((v) => !LONE_SURROGATE.test(v), 'Invalid Unicode: a lone surrogate');
}
export const nameSchema = name().min(1);
export const emailSchema = z.email().max(254);
/** Length only; the accounts service also refuses common passwords and ones made of the person's email or name. */
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH);

const timeZones = new Set(Intl.supportedValuesOf('timeZone'));
timeZones.add('UTC');
export const timezoneSchema = z
  .string()
  .max(64)
  .refine((tz) => timeZones.has(tz), { message: 'Unknown IANA time zone (e.g. Europe/Paris)' });

export const isoDate = z.iso.datetime();
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
export function toIsoOrNull(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export const errorSchema = z
  .object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() })
  .describe('Error');

export const workspaceParams = z.strictObject({ workspaceId: idSchema });

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  locale: localeSchema,
  isOwner: z.boolean(),
});

export const workspaceSchema = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  approvalRequired: z.boolean(),
  role: roleSchema,
  createdAt: isoDate,
});

/** Error responses every route may give, for the OpenAPI document. */
export const noContent = { 204: z.null().describe('No content') };

export const commonErrors = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
};
