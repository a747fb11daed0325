// Runs and reports migrations with Kysely's migrator and our in-code migration list.
import { Migrator, type Kysely, type MigrationProvider } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };

function createMigrator(db: Kysely<Database>): Migrator {
  return new Migrator({ db: db as Kysely<unknown>, provider });
}

export interface MigrationStatus {
  applied: string[];
  pending: string[];
  /** Applied in the database but unknown to this build: the database is newer than the code. */
  unknown: string[];
}

export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '(unknown)'} failed: ${String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

export async function readMigrationStatus(db: Kysely<Database>): Promise<MigrationStatus> {
  const known = await createMigrator(db).getMigrations();
  const applied = known.filter((m) => m.executedAt !== undefined).map((m) => m.name);
  const pending = known.filter((m) => m.executedAt === undefined).map((m) => m.name);
  let unknown: string[] = [];
  try {
    const rows = await (db as Kysely<unknown> as Kysely<{ kysely_migration: { name: string } }>)
      .selectFrom('kysely_migration')
      .select('name')
      .execute();
    const names = new Set(Object.keys(migrations));
    unknown = rows.map((r) => r.name).filter((n) => !names.has(n));
  } catch {
    // No migration table yet: nothing applied, nothing unknown.
  }
  return { applied, pending, unknown };
}
