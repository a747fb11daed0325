// Listening storage, by what each part owns: topics, sources (leased), ingest (incl. the SQLite fast path),
// the mention stream and its search, and the dashboards' sums. Together they implement core's ListeningRepository.
import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type { ListeningRepository } from '@rostra/core';
import type { Database } from '../../schema.js';
import type { Dialect } from '../../database.js';
import { createTopicsRepository } from './topics.js';
import { createSourcesRepository } from './sources.js';
import { createIngestRepository } from './ingest.js';
import { createMentionsRepository } from './mentions.js';
import { createListeningStatsRepository } from './stats.js';

export { foldForSearch, parseSearch } from './search.js';

export function createListeningRepository(
  db: Kysely<Database>,
  dialect: Dialect,
  /** The embedded database's own handle, for the ingestion hot path; absent on PostgreSQL and in transactions. */
  rawSqlite?: SQLite.Database,
): ListeningRepository {
  return {
    ...createTopicsRepository(db),
    ...createSourcesRepository(db),
    ...createIngestRepository(db, rawSqlite),
    ...createMentionsRepository(db, dialect),
    ...createListeningStatsRepository(db, dialect),
  };
}
