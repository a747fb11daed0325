// A fresh installation ready to publish to Mastodon accounts: its first workspace, the publishing service
// with its engine, a system caller, and one channel per account. The scale-out test and the publishing
// benchmark both start from it, so it imports nothing from vitest.
import { createAccountsService, type SetupInput } from '../../src/accounts/service.js';
import { createPublishingEngine } from '../../src/publishing/engine.js';
import { createPublishingService, type Caller, type PublishingService } from '../../src/publishing/service.js';
import type { Runtime } from '../../src/runtime.js';

export interface PublishingWorkspace {
  workspaceId: string;
  service: PublishingService;
  caller: Caller;
  /** One per access token, in the same order. */
  channelIds: string[];
}

export async function createPublishingWorkspace(
  runtime: Runtime,
  options: {
    admin: SetupInput;
    /** Who the audit log says acted. */
    actorLabel: string;
    mastodon: { instance: string; accessTokens: string[] };
  },
): Promise<PublishingWorkspace> {
  const accounts = createAccountsService(runtime.store, { publicUrl: runtime.config.publicUrl });
  const { workspace } = await accounts.setup(options.admin, null, null);
  const engine = createPublishingEngine({
    store: runtime.store,
    secrets: runtime.secrets,
    queue: runtime.queue,
    connectors: runtime.connectors,
  });
  const service = createPublishingService({
    store: runtime.store,
    secrets: runtime.secrets,
    connectors: runtime.connectors,
    engine,
  });
  const caller: Caller = {
    userId: null,
    role: 'admin',
    ctx: { actor: { type: 'system', id: null, label: options.actorLabel }, ip: null, userAgent: null },
  };
  const channelIds: string[] = [];
  for (const accessToken of options.mastodon.accessTokens) {
    const fields = { instance: options.mastodon.instance, accessToken };
    channelIds.push((await service.connectChannel(workspace.id, 'mastodon', fields, caller)).id);
  }
  return { workspaceId: workspace.id, service, caller, channelIds };
}
