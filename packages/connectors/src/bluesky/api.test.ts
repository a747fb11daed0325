import { XRPCError } from '@atproto/api';
import { describe, expect, it } from 'vitest';
import type { ConnectorError } from '../errors.js';
import { RefusedAddressError } from '../outbound.js';
import { readRetryAfterMs, toConnectorError } from './api.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const xrpc = (status: number, error?: string, headers: Record<string, string> = {}, cause?: unknown) =>
  new XRPCError(status, error, 'x', headers, { cause });
const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
const timedOut = new DOMException('The operation was aborted due to timeout', 'TimeoutError');

// [case, error, code for a write, code for a read]
const cases: Array<[string, unknown, ConnectorError['code'], ConnectorError['code']]> = [
  ['429', xrpc(429, 'RateLimitExceeded'), 'rate_limited', 'rate_limited'],
  ['401 on a bad password', xrpc(401, 'AuthenticationRequired'), 'auth_expired', 'auth_expired'],
  ['400 ExpiredToken', xrpc(400, 'ExpiredToken'), 'auth_expired', 'auth_expired'],
  ['400 InvalidToken', xrpc(400, 'InvalidToken'), 'auth_expired', 'auth_expired'],
  ['400 InvalidRequest', xrpc(400, 'InvalidRequest'), 'rejected', 'rejected'],
  ['413', xrpc(413, 'PayloadTooLarge'), 'rejected', 'rejected'],
  ['500 from the PDS', xrpc(500, 'InternalServerError'), 'unavailable', 'unavailable'],
  ['503', xrpc(503), 'unavailable', 'unavailable'],
  ['502 from a gateway', xrpc(502), 'unknown_outcome', 'unavailable'],
  ['504 from a gateway', xrpc(504), 'unknown_outcome', 'unavailable'],
  ['a timeout', XRPCError.from(timedOut), 'unknown_outcome', 'unavailable'],
  ['a refused connection', XRPCError.from(refused), 'unavailable', 'unavailable'],
  ['an unreadable 2xx', xrpc(2), 'unknown_outcome', 'unavailable'],
  ['anything else', new Error('boom'), 'unknown_outcome', 'unavailable'],
];

describe('toConnectorError', () => {
  it.each(cases)('%s', (_case, error, onWrite, onRead) => {
    expect(toConnectorError(error, 'effect', NOW)).toMatchObject({ network: 'bluesky', code: onWrite, cause: error });
    expect(toConnectorError(error, 'repeatable', NOW).code).toBe(onRead);
  });

  it('names the server tried when nothing answered, never "fetch failed" alone', () => {
    const unreachable = xrpc(1, undefined, {}, refused);
    const error = toConnectorError(unreachable, 'repeatable', NOW, 'pds.example.org');
    expect(error).toMatchObject({ code: 'unavailable' });
    expect(error.message).toContain('pds.example.org');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('a refused address keeps its code, naming the server typed', () => {
    const cause = Object.assign(new Error('fetch failed'), {
      cause: new RefusedAddressError('127.0.0.1', 'loopback'),
    });
    const error = toConnectorError(xrpc(1, undefined, {}, cause), 'effect', NOW, '127.0.0.1:2583');
    expect(error).toMatchObject({ network: 'bluesky', code: 'address_not_allowed' });
    expect(error.message).toContain('127.0.0.1 is not a public address');
  });

  it('carries the delay the PDS asked for', () => {
    const error = xrpc(429, 'RateLimitExceeded', { 'ratelimit-reset': String(NOW / 1000 + 90) });
    expect(toConnectorError(error, 'effect', NOW).retryAfterMs).toBe(90_000);
  });
});

describe('readRetryAfterMs', () => {
  it.each([
    [{ 'ratelimit-reset': String(NOW / 1000 + 30) }, 30_000],
    [{ 'ratelimit-reset': '45' }, 45_000],
    [{ 'retry-after': '12' }, 12_000],
    [{ 'retry-after': new Date(NOW + 20_000).toUTCString() }, 20_000],
    [{ 'ratelimit-reset': String(NOW / 1000 + 30), 'retry-after': '60' }, 60_000],
    [{ 'ratelimit-reset': String(NOW / 1000 - 30) }, 0],
    [{}, undefined],
  ])('%o → %s', (headers, expected) => {
    expect(readRetryAfterMs(headers, NOW)).toBe(expected);
  });
});
