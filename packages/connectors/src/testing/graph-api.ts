// What the fakes of Meta's Graph APIs (Facebook's graph.facebook.com, Instagram's graph.instagram.com) answer
// alike: the Graph error object, an injected failure as one, the refusal of an unexpected request, and the
// form body their POST endpoints take. https://developers.facebook.com/docs/graph-api/guides/error-handling
import { randomBytes } from 'node:crypto';
import { Answer, Unexpected, toInjectedAnswer, type InjectedFailure } from './fake-http.js';

/** A Graph error object's fields, as a fake's handler or a test arms them. */
export interface GraphErrorFields {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
}

/** A failure a test arms on a Graph fake: a Graph error object's fields (without them, a generic transient one). */
export interface GraphFailure extends InjectedFailure {
  error?: Partial<GraphErrorFields> & { code: number };
}

/** `{error: {message, type, code, error_subcode, is_transient, fbtrace_id}}`, with a fresh fbtrace_id. */
export function graphError(status: number, error: GraphErrorFields): Answer {
  return new Answer(status, { error: { ...error, fbtrace_id: `A${randomBytes(8).toString('hex')}` } });
}

export function toGraphFailureAnswer(failure: GraphFailure): Answer {
  const error = failure.error ?? { code: 2, message: 'An unexpected error has occurred', is_transient: true };
  return toInjectedAnswer(failure, (status) =>
    graphError(status, {
      message: error.message ?? `Injected (#${error.code})`,
      type: error.type ?? 'OAuthException',
      code: error.code,
      ...(error.error_subcode !== undefined ? { error_subcode: error.error_subcode } : {}),
      ...(error.is_transient !== undefined ? { is_transient: error.is_transient } : {}),
    }),
  );
}

/** The body of the 500 an unexpected request gets: a Graph error object no client maps to a known case. */
export function graphRefusalBody(reason: string): unknown {
  return { error: { message: `Unexpected request: ${reason}`, type: 'FakeException', code: -1 } };
}

/** A POST's parameters: a form body, as the Graph API documents them, never in the query. */
export function readGraphForm(request: { query: URLSearchParams; body: Buffer; contentType: string }): URLSearchParams {
  if (request.contentType !== 'application/x-www-form-urlencoded') throw new Unexpected('not a form');
  if (request.query.size > 0) throw new Unexpected('parameters go in the body');
  return new URLSearchParams(request.body.toString('utf8'));
}
