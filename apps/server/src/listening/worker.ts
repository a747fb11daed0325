// Listening in a worker process: the pipeline shared by polling and streaming, the `listen.poll` periodic job,
// and the streams this worker holds (started with the worker, stopped before it).
import type { Runtime } from '../runtime.js';
import { newWorkerId } from '../jobs/worker-id.js';
import type { PeriodicJob } from '../jobs/worker.js';
import { createListeningPipeline, type OnIngested } from './pipeline.js';
import { createSourcePoller, LISTEN_POLL_EVERY_MS, LISTEN_POLL_JOB } from './sources.js';
import { createStreamRunner } from './streams.js';

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
  const pipeline = createListeningPipeline({
    store: runtime.store,
    log,
    ...(options.onIngested ? { onIngested: options.onIngested } : {}),
  });
  const common = { store: runtime.store, connectors: runtime.connectors, pipeline, owner, userAgent, log };
  const poller = createSourcePoller(common);
  const streams = createStreamRunner(common);
  const periodic: PeriodicJob[] = [{ type: LISTEN_POLL_JOB, everyMs: LISTEN_POLL_EVERY_MS }];
  return {
    pipeline,
    handlers: poller.handlers,
    periodic,
    start: () => streams.start(),
    stop: () => streams.stop(),
  };
}
