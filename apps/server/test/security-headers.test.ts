// Every response carries the browser-side defences (http/security-headers.ts): the UI page, its client-side
// routes, API answers and errors, and the OpenAPI explorer. HSTS only when PUBLIC_URL is https.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';

function directives(header: unknown): Map<string, string[]> {
  expect(typeof header).toBe('string');
  return new Map(
    String(header)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name as string, values]),
  );
}

describe('security headers', () => {
  let t: TestApp;
  let https: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    https = await createTestApp('sqlite', { PUBLIC_URL: 'https://rostra.example.org' });
  });
  afterAll(async () => {
    await t?.close();
    await https?.close();
  });

  // Answers of every kind: JSON (/api/health is 503 here: no worker runs), an API error, the explorer's page,
  // the UI and one of its client-side routes (or the "not built" page when apps/web/dist is absent).
  const PATHS = ['/api/health', '/api/openapi.json', '/api/nothing-here', '/api/docs/', '/', '/w/x/members'];

  it.each(PATHS)('%s: a strict script policy, no sniffing, no framing, a short referrer', async (path) => {
    const response = await t.call('GET', path);
    const csp = directives(response.headers['content-security-policy']);
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('script-src-attr')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'self'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    // Nothing may widen where scripts come from.
    for (const [name, values] of csp) {
      if (name.startsWith('script-src') || name === 'default-src') {
        expect(values.filter((v) => v !== "'self'" && v !== "'none'")).toEqual([]);
      }
    }
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('adds HSTS and upgrades requests only behind https', async () => {
    const response = await https.call('GET', '/api/health');
    expect(response.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(directives(response.headers['content-security-policy']).has('upgrade-insecure-requests')).toBe(true);
  });
});
