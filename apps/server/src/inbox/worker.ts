// The inbox in a worker process: the `inbox.poll` periodic job, reading each connected channel with its credentials
// refreshed ahead of expiry (as publishing does).
import type { Runtime } from '../runtime.js';
import type { PeriodicJob } from '../jobs/worker.js';
import { createCredentialKeeper } from '../publishing/credentials.js';
import { createInboxPoller, INBOX_POLL_EVERY_MS, INBOX_POLL_JOB, type InboxPollerOptions } from './poller.js';

export function createInboxWorker(options: {
  runtime: Runtime;
  log?: (message: string, details?: Record<string, unknown>) => void;
  settings?: InboxPollerOptions['settings'];
}) {
  const { runtime } = options;
  const log = options.log ?? (() => {});
  const keeper = createCredentialKeeper({
    store: runtime.store,
    secrets: runtime.secrets,
    connectors: runtime.connectors,
    log,
  });
  const poller = createInboxPoller({
    store: runtime.store,
    connectors: runtime.connectors,
    credentialsFor: (channel) => keeper.fresh(channel),
    log,
    ...(options.settings ? { settings: options.settings } : {}),
  });
  const periodic: PeriodicJob[] = [{ type: INBOX_POLL_JOB, everyMs: INBOX_POLL_EVERY_MS }];
  return { handlers: poller.handlers, pollChannel: poller.pollChannel, periodic };
}
