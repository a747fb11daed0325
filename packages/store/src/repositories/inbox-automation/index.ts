// The inbox's team settings and automation: service levels and saved replies, rules with their matches and
// decisions, and what the server measured of each item.
import type { Kysely } from 'kysely';
import type { InboxAutomationRepository } from '@rostra/core';
import type { Database } from '../../schema.js';
import { createInboxMeasuresRepository } from './measures.js';
import { createInboxRulesRepository } from './rules.js';
import { createInboxSettingsRepository } from './settings.js';

export function createInboxAutomationRepository(db: Kysely<Database>): InboxAutomationRepository {
  return {
    ...createInboxSettingsRepository(db),
    ...createInboxRulesRepository(db),
    ...createInboxMeasuresRepository(db),
  };
}
