// How the API reads JSON bodies: Fastify's own parser (prototype poisoning refused, empty body refused), behind
// a nesting limit, and with NUL characters refused in every string. JSON.parse takes any depth, but a value
// nested thousands deep later overflows the stack of whatever walks it recursively (JSON.stringify when it is
// stored or measured), which would be a 500.
import type { FastifyInstance } from 'fastify';
import { AppError, validationError } from '@rostra/core';

/** Far deeper than any Rostra request (a post's channel options are four levels down). */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in a JSON text, stopping as soon as it passes `limit`. */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) i++;
      else if (c === 0x22 /* " */) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      depth++;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return deepest;
}

type JsonParser = ReturnType<FastifyInstance['getDefaultJsonParser']>;

/** Fastify's JSON parser behind the limits: `json_too_deep` past MAX_JSON_DEPTH, a NUL anywhere refused. */
export function guardJsonParser(parse: JsonParser): JsonParser {
  return (request, body, done) => {
    if (jsonDepth(body, MAX_JSON_DEPTH) > MAX_JSON_DEPTH) {
      done(
        new AppError('json_too_deep', `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} deep`, {
          maxDepth: MAX_JSON_DEPTH,
        }),
        undefined,
      );
      return;
    }
    // Fastify's parser answers through `done`; what it returns is not awaited by Fastify either.
    void parse(request, body, (error, value) => {
      if (error) return done(error, undefined);
      const at = findNul(value, 'body');
      if (at) {
        const message = 'NUL characters are not allowed';
        return done(validationError([{ path: at, code: 'nul_character', message }]), undefined);
      }
      done(null, value);
    });
  };
}

/**
 * Where the first NUL character is, in a key or a string, as a field path; undefined when there is none.
 * PostgreSQL cannot store NUL in text (SQLite cuts strings at it), and no Rostra field has a use for it, so it is
 * refused at the door for every field rather than failing as a 500 at the database. The depth limit keeps this
 * recursion shallow.
 */
function findNul(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], `${path}.${i}`);
      if (found) return found;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) return `${path}.${key.replaceAll('\u0000', '')}`;
      const found = findNul(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}
