// A schema (zod) issue as one of Rostra's issue codes with its parameters, so the web app says it in the
// person's language: for request validation (http/errors.ts) and services that parse with zod themselves.
import type { IssueCode, IssueParams } from '@rostra/core';

type SchemaParams = Record<string, unknown>;

function numberAt(params: SchemaParams, key: string): number | undefined {
  const value = params[key];
  if (typeof value === 'number') return value;
  return typeof value === 'bigint' ? Number(value) : undefined;
}

/** The limit a too_small/too_big issue names, by what was measured: a text's length, a list's size, a number. */
function sized(params: SchemaParams, limitKey: 'minimum' | 'maximum', codes: [IssueCode, IssueCode, IssueCode]) {
  const limit = numberAt(params, limitKey) ?? 0;
  const [text, list, value] = codes;
  const code = params.origin === 'string' ? text : params.origin === 'array' || params.origin === 'set' ? list : value;
  return { code, params: { limit } };
}

/**
 * A schema (zod) issue as a Rostra issue code and its parameters, so the web app can say it in the person's
 * language; zod's codes and fields are https://zod.dev/api?id=issues (v4).
 */
export function schemaIssueOf(
  keyword: string,
  params: SchemaParams,
  message: string,
): { code: IssueCode; params?: IssueParams } {
  switch (keyword) {
    case 'invalid_type':
      // zod v4 does not put the input in its issues: a missing field is told by its message.
      if (/received undefined$/.test(message)) return { code: 'required' };
      return { code: 'invalid_type', params: { expected: String(params.expected) } };
    case 'too_small':
      if (params.origin === 'string' && numberAt(params, 'minimum') === 1) return { code: 'required' };
      return sized(params, 'minimum', ['too_short', 'too_few', 'too_small']);
    case 'too_big':
      return sized(params, 'maximum', ['too_long', 'too_many', 'too_big']);
    case 'invalid_format':
      return { code: 'invalid_format', params: { format: String(params.format) } };
    case 'invalid_value': {
      const values = Array.isArray(params.values) ? params.values.map(String) : [];
      return { code: 'invalid_choice', params: { values } };
    }
    case 'unrecognized_keys': {
      const keys = Array.isArray(params.keys) ? params.keys.map(String) : [];
      return { code: 'unknown_field', params: { keys } };
    }
    default:
      return { code: 'invalid' };
  }
}
