// Opens the database: embedded SQLite in the data directory, or PostgreSQL when a URL is given.
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent, SQLite in `dataDir`. */
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL pool size per process. */
  poolSize?: number;
  onPoolError?: (error: Error) => void;
}

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  /** Where the data lives, without credentials: a file path or host/database. */
  location: string;
  /** SQLite only: the embedded database's own handle, for hot paths that run prepared statements directly. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
}

// pg returns int8 (our timestamps, counts) as strings by default; they all fit in a double.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as unknown as pg.CustomTypesConfig;

/**
 * The database holds password hashes, session hashes and sealed tokens: only the account running Rostra may
 * read it, like `secret.key`. The file is created empty with mode 0600 before SQLite opens it (an empty file
 * is a valid empty database), and SQLite gives its -wal and -shm files the mode of the database file. Files
 * left wider by an older version are narrowed. No process-wide umask change: other files keep theirs.
 */
function restrictToOwner(file: string): void {
  try {
    closeSync(openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  for (const each of [file, `${file}-wal`, `${file}-shm`]) {
    if (existsSync(each)) chmodSync(each, 0o600);
  }
}

export function openDatabase(options: DatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.poolSize ?? 10,
      types: pgTypes,
    });
    // An idle connection dropped by the server (restart, failover) must not crash the process: the pool
    // replaces it on the next query, and that query reports the problem if it persists.
    pool.on('error', (error) => options.onPoolError?.(error));
    const url = new URL(options.databaseUrl);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      db,
      dialect: 'postgres',
      location: `${url.hostname}:${url.port || 5432}${url.pathname}`,
      close: () => db.destroy(),
    };
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(options.dataDir, 'rostra.db');
  restrictToOwner(file);
  const sqlite = new SQLite(file);
  // WAL lets the CLI and the server use the file at the same time; busy_timeout waits instead of failing.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: 'sqlite', location: file, sqlite, close: () => db.destroy() };
}
