// Binds every repository to one database handle; transactions rebind them to the transaction.
import type { Kysely } from 'kysely';
import type { Repositories, UnitOfWork } from '@rostra/core';
import type { Database } from './schema.js';
import type { DatabaseHandle, Dialect } from './database.js';
import { migrateToLatest, readMigrationStatus, type MigrationStatus } from './migrate.js';
import { createAccountsRepository } from './repositories/accounts.js';
import { createInvitationsRepository } from './repositories/invitations.js';
import { createApiKeysRepository } from './repositories/api-keys.js';
import { createSessionsRepository } from './repositories/sessions.js';
import { createPasswordResetsRepository } from './repositories/password-resets.js';
import { createAuditRepository } from './repositories/audit.js';
import { createJobsRepository, type JobsRepository } from './repositories/jobs.js';
import { createWorkersRepository, type WorkersRepository } from './repositories/workers.js';
import { createSettingsRepository, type SettingsRepository } from './repositories/settings.js';
import { createJobProbesRepository, type JobProbesRepository } from './repositories/job-probes.js';
import { createChannelsRepository } from './repositories/channels.js';
import { createEditorialRepository } from './repositories/editorial.js';
import { createWebhooksRepository } from './repositories/webhooks.js';
import { createListeningRepository } from './repositories/listening/index.js';
import { createAlertsRepository } from './repositories/alerts.js';
import { createNotificationsRepository } from './repositories/notifications.js';
import { createPacingRepository } from './repositories/pacing.js';
import { createDeliveriesRepository, createPostsRepository } from './repositories/posts.js';
import { createMediaRepository } from './repositories/media.js';
import { createPlanRepository } from './repositories/plan.js';
import { createCharterRepository } from './repositories/charter.js';
import { createAmbassadorRepository } from './repositories/ambassador.js';
import { createInboxRepository } from './repositories/inbox/index.js';
import { createInboxAutomationRepository } from './repositories/inbox-automation/index.js';
import { createStrategyRepository } from './repositories/strategy/index.js';

export interface Store extends UnitOfWork {
  readonly dialect: Dialect;
  readonly location: string;
  jobs: JobsRepository;
  workers: WorkersRepository;
  settings: SettingsRepository;
  jobProbes: JobProbesRepository;
  ping(): Promise<void>;
  /** Applies pending migrations; returns the names applied. */
  migrate(): Promise<string[]>;
  migrationStatus(): Promise<MigrationStatus>;
  close(): Promise<void>;
}

function createRepositories(db: Kysely<Database>, dialect: Dialect): Repositories {
  return {
    accounts: createAccountsRepository(db),
    invitations: createInvitationsRepository(db),
    apiKeys: createApiKeysRepository(db),
    sessions: createSessionsRepository(db),
    passwordResets: createPasswordResetsRepository(db),
    audit: createAuditRepository(db),
    // In a transaction, without the SQLite ingest fast path (it runs its own transaction on the raw handle).
    listening: createListeningRepository(db, dialect),
    channels: createChannelsRepository(db),
    posts: createPostsRepository(db),
    deliveries: createDeliveriesRepository(db),
    pacing: createPacingRepository(db),
    media: createMediaRepository(db),
    editorial: createEditorialRepository(db),
    webhooks: createWebhooksRepository(db),
    alerts: createAlertsRepository(db),
    notifications: createNotificationsRepository(db),
    plan: createPlanRepository(db),
    charter: createCharterRepository(db),
    ambassador: createAmbassadorRepository(db),
    inbox: createInboxRepository(db),
    inboxAutomation: createInboxAutomationRepository(db),
    strategy: createStrategyRepository(db),
  };
}

export function createStore(handle: DatabaseHandle): Store {
  const { db, dialect } = handle;
  return {
    ...createRepositories(db, dialect),
    dialect,
    location: handle.location,
    jobs: createJobsRepository(db, dialect),
    workers: createWorkersRepository(db),
    settings: createSettingsRepository(db),
    jobProbes: createJobProbesRepository(db),
    listening: createListeningRepository(db, dialect, handle.sqlite),
    transaction: (work) => db.transaction().execute((trx) => work(createRepositories(trx, dialect))),
    async ping() {
      await db.selectFrom('settings').select('key').limit(1).execute();
    },
    migrate: () => migrateToLatest(db),
    migrationStatus: () => readMigrationStatus(db),
    close: () => handle.close(),
  };
}
