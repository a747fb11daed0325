import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.js';
import { codeForStatus, isNotSent, summariseText, toNetworkError } from './network-errors.js';

const context = { network: 'mastodon', label: 'Mastodon', host: 'example.social' };

describe('toNetworkError', () => {
  const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
  const unknownHost = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } });
  const badUrl = Object.assign(new TypeError('Invalid URL'), { code: 'ERR_INVALID_URL' });
  const reset = Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_SOCKET' } });
  const timedOut = new DOMException('The operation was aborted due to timeout', 'TimeoutError');

  it.each([
    ['a refused connection', refused, 'unavailable', 'unavailable'],
    ['an unknown host', unknownHost, 'unavailable', 'unavailable'],
    ['a malformed address', badUrl, 'unavailable', 'unavailable'],
    ['a reset after sending', reset, 'unknown_outcome', 'unavailable'],
    ['a timeout', timedOut, 'unknown_outcome', 'unavailable'],
  ] as const)('%s', (_case, error, onEffect, otherwise) => {
    expect(toNetworkError(error, 'effect', context)).toMatchObject({
      network: 'mastodon',
      code: onEffect,
      cause: error,
    });
    expect(toNetworkError(error, 'repeatable', context).code).toBe(otherwise);
  });

  it('lets a ConnectorError through as it is', () => {
    const error = new ConnectorError('x', 'rate_limited', 'slow down', { retryAfterMs: 1000 });
    expect(toNetworkError(error, 'effect', context)).toBe(error);
  });

  it('looks a few causes deep, not forever', () => {
    const deep = { cause: { cause: { cause: { code: 'ECONNREFUSED' } } } };
    expect(isNotSent(deep)).toBe(true);
    const tooDeep = { cause: { cause: { cause: { cause: { cause: { code: 'ECONNREFUSED' } } } } } };
    expect(isNotSent(tooDeep)).toBe(false);
  });
});

describe('summariseText', () => {
  it.each([
    ['<html><h1>Bad   gateway</h1></html>', 'Bad gateway'],
    ['', 'no message'],
    ['<p></p>', 'no message'],
    ['x'.repeat(300), 'x'.repeat(200)],
  ])('%j → %j', (text, summary) => {
    expect(summariseText(text)).toBe(summary);
  });
});

describe('codeForStatus', () => {
  it.each([
    [500, 'unavailable', 'unavailable'],
    [503, 'unavailable', 'unavailable'],
    [502, 'unknown_outcome', 'unavailable'],
    [504, 'unknown_outcome', 'unavailable'],
    [400, 'rejected', 'rejected'],
    [404, 'rejected', 'rejected'],
    [302, 'unknown_outcome', 'unavailable'],
  ] as const)('%i → %s for an effect, %s otherwise', (status, onEffect, otherwise) => {
    expect(codeForStatus(status, 'effect')).toBe(onEffect);
    expect(codeForStatus(status, 'repeatable')).toBe(otherwise);
  });
});
