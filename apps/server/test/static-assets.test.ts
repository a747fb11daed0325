// The built UI is sent compressed (the .br/.gz the build wrote) and cached by what its name promises: hashed
// /assets/ files for good, index.html and the single-page app's routes checked again each time.
import { existsSync, readFileSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers/test-app.js';

const WEB_DIST = new URL('../../web/dist/', import.meta.url);

describe('the built UI', () => {
  let t: TestApp;
  let script: string;
  beforeAll(async () => {
    // `npm test` builds the UI first (pretest); a missing build is a broken run, not a skipped test.
    expect(
      existsSync(new URL('index.html', WEB_DIST)),
      'apps/web/dist is not built: npm run build -w @rostra/web',
    ).toBe(true);
    const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(readFileSync(new URL('index.html', WEB_DIST), 'utf8'));
    script = entry?.[1] as string;
    expect(script).toBeTruthy();
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends a hashed script as Brotli or gzip as the browser accepts, and the same bytes uncompressed', async () => {
    const plain = await t.call('GET', script);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const original = plain.rawPayload;
    expect(original.length).toBeGreaterThan(10_000);

    const br = await t.call('GET', script, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.rawPayload.length).toBeLessThan(original.length / 2);
    expect(brotliDecompressSync(br.rawPayload).equals(original)).toBe(true);

    const gz = await t.call('GET', script, { headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(original)).toBe(true);
    for (const response of [plain, br, gz]) {
      expect(response.headers['content-type']).toMatch(/javascript/);
      expect(response.headers.vary).toMatch(/accept-encoding/i);
    }
  });

  it('lets browsers keep hashed assets for good', async () => {
    const response = await t.call('GET', script, { headers: { 'accept-encoding': 'br' } });
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/', '/index.html', '/w/x/calendar'])('%s is checked again on each visit', async (path) => {
    const response = await t.call('GET', path, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    const html =
      response.headers['content-encoding'] === 'br'
        ? brotliDecompressSync(response.rawPayload).toString('utf8')
        : response.headers['content-encoding'] === 'gzip'
          ? gunzipSync(response.rawPayload).toString('utf8')
          : response.payload;
    expect(html).toContain(script);
  });
});
