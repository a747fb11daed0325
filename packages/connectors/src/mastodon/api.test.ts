import { describe, expect, it } from 'vitest';
import type { ConnectorError } from '../errors.js';
import { readRetryAfterMs, toHttpError } from './api.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const headers = (values: Record<string, string>) => (name: string) => values[name];
const nginx = (status: number) => `<html><body><h1>${status}</h1><hr>nginx</body></html>`;

// [case, status, body, code for a status, code for anything else]
const answers: Array<[string, number, string, ConnectorError['code'], ConnectorError['code']]> = [
  ['401 invalid token', 401, '{"error":"The access token is invalid"}', 'auth_expired', 'auth_expired'],
  [
    '403 outside scopes',
    403,
    '{"error":"This action is outside the authorized scopes"}',
    'auth_expired',
    'auth_expired',
  ],
  ['403 account disabled', 403, '{"error":"Your login is currently disabled"}', 'auth_expired', 'auth_expired'],
  ['400 otherwise', 400, '{"error":"invalid_request"}', 'rejected', 'rejected'],
  ['404 reply target gone', 404, '{"error":"Record not found"}', 'rejected', 'rejected'],
  ['413 from nginx', 413, nginx(413), 'rejected', 'rejected'],
  [
    '422 validation',
    422,
    '{"error":"Validation failed: Text character limit of 500 exceeded"}',
    'rejected',
    'rejected',
  ],
  ['429', 429, '{"error":"Too many requests"}', 'rate_limited', 'rate_limited'],
  ['500', 500, '{"error":"We\'re sorry, but something went wrong on our end."}', 'unavailable', 'unavailable'],
  ['503 from nginx', 503, nginx(503), 'unavailable', 'unavailable'],
  ['502 from a gateway', 502, nginx(502), 'unknown_outcome', 'unavailable'],
  ['504 from a gateway', 504, nginx(504), 'unknown_outcome', 'unavailable'],
];

describe('toHttpError', () => {
  it.each(answers)('%s', (_case, status, body, onStatus, otherwise) => {
    expect(toHttpError(status, headers({}), body, 'effect', NOW)).toMatchObject({
      network: 'mastodon',
      code: onStatus,
    });
    expect(toHttpError(status, headers({}), body, 'repeatable', NOW).code).toBe(otherwise);
  });

  it("keeps Mastodon's message, never the text of an HTML page (the server is one a person typed)", () => {
    expect(toHttpError(422, headers({}), '{"error":"Validation failed: Text can\'t be blank"}', 'effect').message).toBe(
      "Mastodon answered 422: Validation failed: Text can't be blank",
    );
    expect(toHttpError(503, headers({}), nginx(503), 'effect').message).toBe('Mastodon answered 503: no message');
  });

  it('carries the delay of a 429', () => {
    const reset = new Date(NOW + 90_000).toISOString();
    expect(toHttpError(429, headers({ 'x-ratelimit-reset': reset }), '', 'effect', NOW).retryAfterMs).toBe(90_000);
  });
});

describe('readRetryAfterMs', () => {
  it.each([
    [{ 'x-ratelimit-reset': new Date(NOW + 30_000).toISOString() }, 30_000],
    [{ 'x-ratelimit-reset': '2026-01-15T12:05:00.000000Z' }, 300_000],
    [{ 'x-ratelimit-reset': String(NOW / 1000 + 45) }, 45_000],
    [{ 'retry-after': '12' }, 12_000],
    [{ 'retry-after': new Date(NOW + 20_000).toUTCString() }, 20_000],
    [{ 'x-ratelimit-reset': new Date(NOW + 30_000).toISOString(), 'retry-after': '60' }, 60_000],
    [{ 'x-ratelimit-reset': new Date(NOW - 30_000).toISOString() }, 0],
    [{ 'x-ratelimit-reset': 'bientôt' }, undefined],
    [{}, undefined],
  ])('%o → %s', (values, expected) => {
    expect(readRetryAfterMs(headers(values), NOW)).toBe(expected);
  });
});
