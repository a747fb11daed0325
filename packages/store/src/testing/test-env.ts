// Databases for tests: SQLite always; PostgreSQL and Redis when CI gives their URLs.
// Each call makes a fresh, empty database so suites never see each other's rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

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

export async function createTestDatabase(dialect: TestDialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-test-'));
  if (dialect === 'sqlite') {
    return { databaseUrl: undefined, dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  if (!testPostgresUrl) throw new Error('ROSTRA_TEST_DATABASE_URL is not set');
  const name = `rostra_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: testPostgresUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(testPostgresUrl);
  url.pathname = `/${name}`;
  return {
    databaseUrl: url.toString(),
    dataDir,
    async drop() {
      const client = new pg.Client({ connectionString: testPostgresUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
