// The inbox's repository: the ingest side (items once, cursors by compare-and-set) and the team's side.
import type { Kysely } from 'kysely';
import type { InboxRepository } from '@rostra/core';
import type { Database } from '../../schema.js';
import { createInboxIngestRepository } from './ingest.js';
import { createInboxItemsRepository } from './items.js';

export function createInboxRepository(db: Kysely<Database>): InboxRepository {
  return { ...createInboxIngestRepository(db), ...createInboxItemsRepository(db) };
}
