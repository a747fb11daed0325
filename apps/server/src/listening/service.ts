// Listening's service: topics, sources and people's work on mentions, for the API and the CLI alike. It owns the
// rules (a valid query, a source its network offers, a channel of the same network) and the transactions: each
// write is stored with its audit entry in one transaction, or neither is. Reads go straight to the store.
import type { JobQueue } from '@rostra/core';
import type { Connector } from '@rostra/connectors';
import type { Store } from '@rostra/store';
import { createTopicsService } from './topics-service.js';
import { createSourcesService } from './sources-service.js';
import { createMentionsService } from './mentions-service.js';

export type { TopicInput } from './topics-service.js';
export type { SourceInput, SourcePatch } from './sources-service.js';

export interface ListeningServiceDeps {
  store: Store;
  connectors: readonly Connector[];
  queue: JobQueue;
  /**
   * Refuses a source's URLs that point where outbound requests may not go (`address_not_allowed`), before
   * anything is stored. The API passes its check; the CLI acts with the operator's authority and passes none
   * (every connection is still checked when it is made).
   */
  checkConfigUrls?: (config: Record<string, string>) => Promise<void>;
}

export type ListeningService = ReturnType<typeof createListeningService>;

export function createListeningService(deps: ListeningServiceDeps) {
  return { ...createTopicsService(deps), ...createSourcesService(deps), ...createMentionsService(deps) };
}
