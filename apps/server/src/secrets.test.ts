import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { createSecretBox, loadSecretKey, SecretDecryptionError } from './secrets.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('secret box (AES-256-GCM)', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips text, with a fresh IV each time', () => {
    const token = 'bsky-refresh-token-✓-éàü';
    const a = box.encrypt(token);
    const b = box.encrypt(token);
    expect(a).not.toBe(b);
    expect(a).not.toContain(token);
    expect(box.decrypt(a)).toBe(token);
  });

  it('refuses a tampered value, another key, and a value moved to another context', () => {
    const sealed = box.encrypt('secret', 'channel:1');
    const raw = Buffer.from(sealed.slice(3), 'base64');
    raw[raw.length - 1] = (raw[raw.length - 1] as number) ^ 1;
    expect(() => box.decrypt(`v1:${raw.toString('base64')}`, 'channel:1')).toThrow(SecretDecryptionError);
    expect(() => createSecretBox(randomBytes(32)).decrypt(sealed, 'channel:1')).toThrow(SecretDecryptionError);
    expect(() => box.decrypt(sealed, 'channel:2')).toThrow(SecretDecryptionError);
    expect(() => box.decrypt('garbage')).toThrow(SecretDecryptionError);
    expect(box.decrypt(sealed, 'channel:1')).toBe('secret');
  });
});

describe('loadSecretKey', () => {
  it('generates a key file once (mode 0600) and reuses it', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rostra-key-'));
    dirs.push(dir);
    const first = loadSecretKey(undefined, dir);
    const second = loadSecretKey(undefined, dir);
    expect(first.key.equals(second.key)).toBe(true);
    expect(first.key).toHaveLength(32);
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(readFileSync(path.join(dir, 'secret.key'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prefers ROSTRA_SECRET_KEY, in hex or base64', () => {
    const key = randomBytes(32);
    expect(loadSecretKey(key.toString('hex'), '/nonexistent').key.equals(key)).toBe(true);
    expect(loadSecretKey(key.toString('base64'), '/nonexistent').key.equals(key)).toBe(true);
  });
});
