// Databases for tests: SQLite always; PostgreSQL and Redis when CI gives their URLs.
// Each call makes a fresh database so suites never see each other's rows: empty, or already migrated, copied from
// a template this process migrated once (a copy takes milliseconds; migrating takes most of a second per test).
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase } from '../database.js';
import { migrateToLatest } from '../migrate.js';

/** Admin URL of a PostgreSQL server where tests may create databases, e.g. postgres://postgres@127.0.0.1:5432/postgres */
export const testPostgresUrl = process.env.ROSTRA_TEST_DATABASE_URL;
/** A Redis server that tests may flush, e.g. redis://127.0.0.1:6379/15 */
export const testRedisUrl = process.env.ROSTRA_TEST_REDIS_URL;

export interface TestDatabase {
  /** `undefined` for SQLite. */
  databaseUrl: string | undefined;
  dataDir: string;
  drop(): Promise<void>;
}

export type TestDialect = 'sqlite' | 'postgres';

/** The dialects this run can test: PostgreSQL only when its URL is set. */
export const testDialects: TestDialect[] = testPostgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabaseOptions {
  /** Every migration already applied, as `store.migrate()` would leave it. */
  migrated?: boolean;
}

export async function createTestDatabase(
  dialect: TestDialect,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-test-'));
  if (dialect === 'sqlite') {
    if (options.migrated) copyFileSync(await sqliteTemplate(), path.join(dataDir, SQLITE_FILE));
    return { databaseUrl: undefined, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  if (!testPostgresUrl) throw new Error('ROSTRA_TEST_DATABASE_URL is not set');
  const name = `rostra_test_${randomBytes(6).toString('hex')}`;
  const template = options.migrated ? ` TEMPLATE ${await postgresTemplate()}` : '';
  await runAsAdmin(`CREATE DATABASE ${name}${template}`);
  return {
    databaseUrl: databaseUrlFor(name),
    dataDir,
    async drop() {
      await runAsAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The file `openDatabase` keeps a SQLite database in. */
const SQLITE_FILE = 'rostra.db';
/** Templates are named after the process that made them, so a later process can drop those left behind. */
const TEMPLATE_PREFIX = 'rostra_template_';

let sqliteTemplatePath: Promise<string> | undefined;
let postgresTemplateName: Promise<string> | undefined;

/** A SQLite file migrated once per process; closing it folds the write-ahead log into the file, so it copies whole. */
function sqliteTemplate(): Promise<string> {
  sqliteTemplatePath ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rostra-test-template-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    await migrateOnce({ databaseUrl: undefined, dataDir: dir });
    return path.join(dir, SQLITE_FILE);
  })();
  return sqliteTemplatePath;
}

/**
 * A PostgreSQL database migrated once per process, copied by CREATE DATABASE … TEMPLATE. A worker process may end
 * without a chance to drop it, so each new template first drops those whose process is gone.
 */
function postgresTemplate(): Promise<string> {
  postgresTemplateName ??= (async () => {
    await dropOrphanTemplates();
    const name = `${TEMPLATE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
    await runAsAdmin(`CREATE DATABASE ${name}`);
    await migrateOnce({ databaseUrl: databaseUrlFor(name), dataDir: tmpdir() });
    return name;
  })();
  return postgresTemplateName;
}

async function migrateOnce(location: { databaseUrl: string | undefined; dataDir: string }): Promise<void> {
  const handle = openDatabase({ ...location, poolSize: 1 });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
}

async function dropOrphanTemplates(): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE '${TEMPLATE_PREFIX}%'`,
    );
    for (const { datname } of rows) {
      const pid = Number(/^rostra_template_(\d+)_/.exec(datname)?.[1]);
      if (pid && !isAlive(pid)) await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function runAsAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

function databaseUrlFor(name: string): string {
  const url = new URL(testPostgresUrl as string);
  url.pathname = `/${name}`;
  return url.toString();
}
