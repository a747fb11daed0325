import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPkce } from './pkce.js';

describe('createPkce', () => {
  it('makes a fresh verifier and its S256 challenge (RFC 7636 §4.1, §4.2)', async () => {
    const first = await createPkce();
    const second = await createPkce();
    expect(first.codeVerifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(first.codeVerifier).not.toBe(second.codeVerifier);
    expect(first.codeChallenge).toBe(createHash('sha256').update(first.codeVerifier, 'ascii').digest('base64url'));
  });
});
