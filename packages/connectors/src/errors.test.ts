import { describe, expect, it } from 'vitest';
import { ConnectorError, isRetryable, type ConnectorErrorCode } from './errors.js';

describe('ConnectorError', () => {
  it.each([
    ['rate_limited', true],
    ['unavailable', true],
    ['auth_expired', false],
    ['rejected', false],
    ['unknown_outcome', false],
    ['address_not_allowed', false],
  ] as Array<[ConnectorErrorCode, boolean]>)('%s is retryable: %s', (code, expected) => {
    expect(isRetryable(new ConnectorError('bluesky', code, 'x'))).toBe(expected);
  });

  it('carries the network and the delay the network asked for', () => {
    const error = new ConnectorError('mastodon', 'rate_limited', 'slow down', { retryAfterMs: 30_000 });
    expect(error).toMatchObject({ network: 'mastodon', code: 'rate_limited', retryAfterMs: 30_000 });
  });
});
