// Listening in a worker process: the pipeline shared by polling and streaming, the `listen.poll` periodic job,
// and the streams this worker holds (started with the worker, stopped before it).
import type { Runtime } from '../runtime.js';
import { newWorkerId } from '../jobs/worker-id.js';
import type { PeriodicJob } from '../jobs/worker.js';
import { createListeningPipeline, type OnIngested } from './pipeline.js';
import { createAnalysisPool } from './analysis-pool.js';
import { createSourcePoller, LISTEN_POLL_EVERY_MS, LISTEN_POLL_JOB, type CredentialsFor } from './sources.js';
import { createStreamRunner } from './streams.js';
import { createCredentialKeeper } from '../publishing/credentials.js';

export function createListeningWorker(options: {
  runtime: Runtime;
  onIngested?: OnIngested;
  log?: (message: string, details?: Record<string, unknown>) => void;
}) {
  const { runtime } = options;
  const log = options.log ?? (() => {});
  const owner = newWorkerId('listen');
  // Sites see who polls them and how to reach the operator (https://www.rfc-editor.org/rfc/rfc9110#name-user-agent).
  const userAgent = `Rostra/0.1 (social listening; +${runtime.config.publicUrl})`;
  const analysis = createAnalysisPool({ threads: runtime.config.listeningThreads, log });
  const pipeline = createListeningPipeline({
    store: runtime.store,
    log,
    analysis,
    ...(options.onIngested ? { onIngested: options.onIngested } : {}),
  });
  // Sources that search as a channel borrow its credentials, refreshed ahead of expiry like publishing does.
  const keeper = createCredentialKeeper({
    store: runtime.store,
    secrets: runtime.secrets,
    connectors: runtime.connectors,
    log,
  });
  const credentialsFor: CredentialsFor = async (source) => {
    const channel = source.channelId
      ? await runtime.store.channels.get(source.workspaceId, source.channelId)
      : undefined;
    return channel?.status === 'active' ? keeper.fresh(channel) : undefined;
  };
  const common = {
    store: runtime.store,
    connectors: runtime.connectors,
    pipeline,
    owner,
    userAgent,
    log,
    credentialsFor,
  };
  const poller = createSourcePoller(common);
  const streams = createStreamRunner(common);
  const periodic: PeriodicJob[] = [{ type: LISTEN_POLL_JOB, everyMs: LISTEN_POLL_EVERY_MS }];
  return {
    pipeline,
    handlers: poller.handlers,
    /** Polls one source at once, politeness aside (tests, and a person's "poll now" when run in-process). */
    pollNow: poller.pollNow,
    periodic,
    start: () => streams.start(),
    stop: async () => {
      await streams.stop();
      await analysis.close();
    },
  };
}
