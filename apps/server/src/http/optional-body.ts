// Bodies a route may leave out (`POST …/posts/:id/submit`): sent with no body at all, or as
// `Content-Type: application/json` with nothing after it, they reach the route as "no body" instead of failing.
import type { FastifyInstance, FastifyRequest, FastifySchema, FastifySchemaCompiler } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { guardJsonParser } from './json-body.js';

/** The zod validator, except that a missing body is `undefined` (what `.optional()` accepts), not `null`. */
export const optionalBodyValidatorCompiler: FastifySchemaCompiler<z.ZodType> = (route) => {
  const validate = validatorCompiler(route);
  // Fastify hands an absent body to the validator as null.
  return route.httpPart === 'body' ? (data: unknown) => validate(data === null ? undefined : data) : validate;
};

function acceptsNoBody(request: FastifyRequest): boolean {
  const body = (request.routeOptions.schema as FastifySchema | undefined)?.body;
  return body instanceof z.ZodType && body.safeParse(undefined).success;
}

/**
 * Fastify's own JSON parser, except that an empty body is "no body" on a route whose body is optional; on
 * any other route it stays the `invalid_json` it was.
 */
export function acceptEmptyJsonBodies(app: FastifyInstance): void {
  // Depth and NUL limits first (json-body.ts), then Fastify's parser.
  const parseJson = guardJsonParser(app.getDefaultJsonParser('error', 'error'));
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '' && acceptsNoBody(request)) {
      done(null, undefined);
      return;
    }
    void parseJson(request, body as string, done);
  });
}
