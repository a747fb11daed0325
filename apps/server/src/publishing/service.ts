// Publishing as people use it, one service made of what it owns: posts and their workflow (posts.ts),
// channels and their OAuth connection (channels.ts), the editorial vocabulary (editorial.ts). Each write runs
// in one transaction with its audit entry.
import type { Connector } from '@rostra/connectors';
import type { Store } from '@rostra/store';
import type { SecretBox } from '../secrets.js';
import type { PublishingEngine } from './engine.js';
import type { EventOutbox } from '../events/webhooks.js';
import { createPostContent } from './post-content.js';
import { createNotifier, type Notifier } from '../notifications/service.js';
import { createPostsService } from './posts.js';
import { createChannelsService } from './channels.js';
import { createEditorialService } from './editorial.js';

export type { Caller } from '../audit/caller.js';
export type { PostInput } from './posts.js';

export type PublishingService = ReturnType<typeof createPublishingService>;

export function createPublishingService(deps: {
  store: Store;
  secrets: SecretBox;
  connectors: readonly Connector[];
  engine: PublishingEngine;
  events?: EventOutbox;
  now?: () => number;
  /** In-app notifications; by default written to the same store. */
  notifier?: Notifier;
}) {
  const { store, connectors } = deps;
  const now = deps.now ?? Date.now;
  const notifier = deps.notifier ?? createNotifier({ store, now });
  const content = createPostContent({ store, connectors });
  return {
    ...createPostsService({ store, connectors, engine: deps.engine, content, notifier, events: deps.events, now }),
    ...createChannelsService({ store, secrets: deps.secrets, connectors, now }),
    ...createEditorialService({ store }),
  };
}
