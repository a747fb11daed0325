// The SQLite file and its WAL are readable by the account running Rostra only.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database.js';
import { migrateToLatest } from './migrate.js';

const modeOf = (file: string) => statSync(file).mode & 0o777;

describe('SQLite file modes', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates rostra.db, its -wal and -shm with mode 0600', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rostra-mode-'));
    const handle = openDatabase({ dataDir: dir });
    await migrateToLatest(handle.db);
    const file = path.join(dir, 'rostra.db');
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    expect(modeOf(`${file}-shm`)).toBe(0o600);
    await handle.close();
  });

  it('narrows a database file and WAL left readable by others', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'rostra-mode-'));
    const first = openDatabase({ dataDir: dir });
    await migrateToLatest(first.db);
    await first.close();
    const file = path.join(dir, 'rostra.db');
    chmodSync(file, 0o644);
    writeFileSync(`${file}-wal`, '');
    chmodSync(`${file}-wal`, 0o644);
    const again = openDatabase({ dataDir: dir });
    expect(modeOf(file)).toBe(0o600);
    expect(modeOf(`${file}-wal`)).toBe(0o600);
    await again.close();
  });
});
