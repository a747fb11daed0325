// Secrets at rest (channel tokens…): AES-256-GCM with a random 96-bit IV per value and the key from
// ROSTRA_SECRET_KEY, or a key generated once into the data directory.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  /** A short, non-secret fingerprint of the key, to detect processes started with different keys. */
  readonly fingerprint: string;
  /** `aad` binds the value to its context (e.g. a channel id): a value copied elsewhere will not decrypt. */
  encrypt(plaintext: string, aad?: string): string;
  decrypt(sealed: string, aad?: string): string;
}

export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SecretDecryptionError';
  }
}

export function decodeSecretKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  if (key.length !== 32) throw new Error('The secret key must be 32 bytes (64 hex characters or base64).');
  return key;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('AES-256-GCM needs a 32-byte key');
  const fingerprint = createHash('sha256').update('rostra-secret-key').update(key).digest('hex').slice(0, 16);
  return {
    fingerprint,
    encrypt(plaintext, aad) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      if (aad !== undefined) cipher.setAAD(Buffer.from(aad));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(sealed, aad) {
      const [version, data] = sealed.split(':');
      if (version !== VERSION || !data) throw new SecretDecryptionError('Unknown secret format');
      const raw = Buffer.from(data, 'base64');
      if (raw.length < IV_BYTES + TAG_BYTES) throw new SecretDecryptionError('Secret is truncated');
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      if (aad !== undefined) decipher.setAAD(Buffer.from(aad));
      try {
        return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
      } catch {
        throw new SecretDecryptionError('Secret does not decrypt with this key (wrong key, or tampered value)');
      }
    },
  };
}

/** The configured key, or the one in `<dataDir>/secret.key`, created (mode 0600) on first run. */
export function loadSecretKey(configured: string | undefined, dataDir: string): { key: Buffer; source: string } {
  if (configured) return { key: decodeSecretKey(configured), source: 'ROSTRA_SECRET_KEY' };
  const file = path.join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    // 'wx' fails if another process created the file meanwhile; then we read theirs.
    try {
      writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return { key: decodeSecretKey(readFileSync(file, 'utf8')), source: file };
}
