import { describe, expect, it } from 'vitest';
import type { ConnectorErrorCode } from '../errors.js';
import { authorizationUrl, authorizationUrlWithPkce, parseTokenAnswer, toOAuthError } from './oauth.js';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);
const headers = (values: Record<string, string>) => (name: string) => values[name];
const context = { network: 'x', label: 'X', refusedGrantErrors: ['invalid_request'] };
const oauthError = (error: string) => JSON.stringify({ error, error_description: 'said the server' });

describe('toOAuthError', () => {
  it.each<[string, number, string, ConnectorErrorCode]>([
    ['a used or expired code', 400, oauthError('invalid_grant'), 'auth_expired'],
    ["the network's own word for it (X)", 400, oauthError('invalid_request'), 'auth_expired'],
    ['a refused app', 401, oauthError('invalid_client'), 'auth_expired'],
    ['a refused app answered 400', 400, oauthError('invalid_client'), 'auth_expired'],
    ['an unsupported grant', 400, oauthError('unsupported_grant_type'), 'rejected'],
    ['a proxy page on 401', 401, '<html>401</html>', 'auth_expired'],
    ['too many requests', 429, oauthError('rate_limited'), 'rate_limited'],
    ['a server error', 500, oauthError('server_error'), 'unavailable'],
    ["a gateway's 502", 502, '<html>bad gateway</html>', 'unavailable'],
    ['a 400 that is not JSON', 400, '<html>bad request</html>', 'rejected'],
  ])('%s (%i) → %s', (_case, status, text, code) => {
    expect(toOAuthError(status, headers({}), text, context, NOW)).toMatchObject({ network: 'x', code });
  });

  it('names the refusal and asks for a new authorisation', () => {
    expect(toOAuthError(400, headers({}), oauthError('invalid_grant'), context, NOW).message).toBe(
      'X answered 400: invalid_grant: said the server (connect the account again)',
    );
  });

  it("waits as the network's headers say, else as Retry-After says", () => {
    expect(toOAuthError(429, headers({ 'retry-after': '30' }), '', context, NOW).retryAfterMs).toBe(30_000);
    const fromHeaders = { ...context, readRetryAfterMs: () => 90_000 };
    expect(toOAuthError(429, headers({ 'retry-after': '30' }), '', fromHeaders, NOW).retryAfterMs).toBe(90_000);
  });

  it('names the server a person typed', () => {
    const mastodon = { network: 'mastodon', label: 'Mastodon', host: 'piaille.fr' };
    expect(toOAuthError(503, headers({}), '', mastodon, NOW).message).toBe(
      'Mastodon at piaille.fr answered 503: no message',
    );
  });
});

describe('parseTokenAnswer', () => {
  const rfc = JSON.stringify({ access_token: 'at', token_type: 'bearer', expires_in: '3600', scope: 'a b' });
  // Instagram Login's documented answer: https://developers.facebook.com/docs/instagram-platform/instagram-api-with-instagram-login/business-login
  const dataList = '{"data":[{"access_token":"IGat","user_id":17841405793187218,"permissions":"a,b"}]}';
  const token = (accessToken: string, expiresIn?: number, scope?: string) => ({
    accessToken,
    refreshToken: undefined,
    expiresIn,
    refreshTokenExpiresIn: undefined,
    scope,
  });

  it.each<[string, string, 'top' | 'top-or-data-list', ReturnType<typeof token> | undefined]>([
    ['an RFC 6749 answer', rfc, 'top', token('at', 3600, 'a b')],
    ['an RFC 6749 answer where a data list may be', rfc, 'top-or-data-list', token('at', 3600, 'a b')],
    ["Instagram Login's data list", dataList, 'top-or-data-list', token('IGat')],
    ['a data list where none is expected', dataList, 'top', undefined],
    ['an empty data list', '{"data":[]}', 'top-or-data-list', undefined],
    ['a data list without a token', '{"data":[{"user_id":1}]}', 'top-or-data-list', undefined],
    ['an empty token', '{"access_token":""}', 'top', undefined],
    ['no JSON', '<html>ok</html>', 'top-or-data-list', undefined],
  ])('%s', (_case, text, where, expected) => {
    expect(parseTokenAnswer(text, where)).toEqual(expected);
  });
});

describe('authorizationUrl', () => {
  const request = { clientId: 'app', redirectUri: 'https://rostra.test/cb', scope: 'a b', state: 's' };

  it('asks for a code, keeping the path of the endpoint', () => {
    const url = new URL(authorizationUrl('https://network.test/oauth/v2/authorization', request));
    expect(url.pathname).toBe('/oauth/v2/authorization');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'app',
      redirect_uri: 'https://rostra.test/cb',
      scope: 'a b',
      state: 's',
    });
  });

  it('adds an S256 challenge, and hands back the verifier to keep', async () => {
    const { url, codeVerifier } = await authorizationUrlWithPkce('https://network.test/authorize', request);
    const params = new URL(url).searchParams;
    expect(params.get('code_challenge_method')).toBe('S256');
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier));
    expect(params.get('code_challenge')).toBe(Buffer.from(digest).toString('base64url'));
  });
});
