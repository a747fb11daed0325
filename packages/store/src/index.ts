// Storage for Rostra: Kysely on SQLite (embedded) or PostgreSQL, one set of migrations, repositories for the core ports.
export { openDatabase, type DatabaseHandle, type DatabaseOptions, type Dialect } from './database.js';
export { migrateToLatest, readMigrationStatus, type MigrationStatus } from './migrate.js';
export { createStore, type Store } from './store.js';
export { normaliseEmail } from './repositories/accounts.js';
export type { JobsRepository, ClaimedJob, NewJob } from './repositories/jobs.js';
export type { WorkersRepository, WorkerInfo } from './repositories/workers.js';
export type { SettingsRepository } from './repositories/settings.js';
export type { JobProbesRepository } from './repositories/job-probes.js';
export { newId } from './ids.js';
