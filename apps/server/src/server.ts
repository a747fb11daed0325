// `rostra run`: one build, three roles. api serves HTTP; worker takes jobs; all does both in one process.
import type { FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import { applyOutboundPolicy, createRuntime, type Runtime } from './runtime.js';
import { buildApp } from './http/app.js';
import { DEFAULT_PERIODIC_JOBS, heartbeatTimeout, startWorker, type RunningWorker } from './jobs/worker.js';
import { createSystemHandlers } from './jobs/handlers.js';
import { createPublishingEngine, SWEEP_JOB } from './publishing/engine.js';
import { REFRESH_JOB } from './publishing/credentials.js';
import { createWebhookDispatcher, WEBHOOK_SWEEP_JOB } from './events/webhooks.js';
import { ALERTS_EVALUATE_JOB, createAlertEngine } from './alerts/engine.js';
import { createMailer, createMailHandlers } from './mail/mail.js';
import { createInboxWorker } from './inbox/worker.js';
import { createListeningWorker } from './listening/worker.js';

export const SERVER_ROLES = ['api', 'worker', 'all'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

export interface RunningServer {
  runtime: Runtime;
  app: FastifyInstance | undefined;
  worker: RunningWorker | undefined;
  /** The bound address, e.g. http://127.0.0.1:8080, when serving HTTP. */
  url: string | undefined;
  stop(): Promise<void>;
}

type ListeningWorker = ReturnType<typeof createListeningWorker>;
type Log = (message: string, details?: Record<string, unknown>) => void;

/** What has started so far: stopped in reverse if a later step fails, and by `stop()`. */
interface Started {
  app?: FastifyInstance;
  worker?: RunningWorker;
  listening?: ListeningWorker;
  url?: string;
}

export async function startServer(config: Config, role: ServerRole): Promise<RunningServer> {
  applyOutboundPolicy(config);
  const runtime = await createRuntime(config);
  const started: Started = {};
  try {
    if (role === 'worker' || role === 'all') await startWorkerRole(runtime, config, role, started);
    if (role === 'api' || role === 'all') await startApiRole(runtime, config, role, started);
  } catch (error) {
    await started.listening?.stop().catch(() => {});
    await started.worker?.stop().catch(() => {});
    await started.app?.close().catch(() => {});
    await runtime.close();
    throw error;
  }
  const { app, worker, listening, url } = started;
  return {
    runtime,
    app,
    worker,
    url,
    async stop() {
      await app?.close();
      // Streams first: their leases go back so another worker takes over at once.
      await listening?.stop();
      await worker?.stop();
      await runtime.close();
    },
  };
}

/** The services a worker runs jobs for: webhooks, the publishing engine, alerts, and mail when SMTP is set. */
function createWorkerServices(runtime: Runtime, config: Config, log: Log) {
  const webhooks = createWebhookDispatcher({
    store: runtime.store,
    secrets: runtime.secrets,
    queue: runtime.queue,
    log,
    sweepMs: config.sweepMs,
  });
  const engine = createPublishingEngine({
    store: runtime.store,
    secrets: runtime.secrets,
    queue: runtime.queue,
    connectors: runtime.connectors,
    events: webhooks,
    log,
    leaseMs: config.publishLeaseMs,
    // After a crash, a dead worker's delivery is taken over three beats plus one sweep period after its last
    // beat: 25 s by default, within the 30 s a due post may be late.
    ownerSilenceMs: heartbeatTimeout(config.heartbeatMs),
    ...(config.failpoint
      ? {
          failpoint: (point: string) => {
            if (point === config.failpoint) process.kill(process.pid, 'SIGKILL');
          },
        }
      : {}),
  });
  const mailer = config.smtp ? createMailer(config.smtp.url, config.smtp.from) : undefined;
  const alerts = createAlertEngine({
    store: runtime.store,
    secrets: runtime.secrets,
    queue: runtime.queue,
    publicUrl: config.publicUrl,
    emit: webhooks.emit,
    ...(mailer && { mailer }),
    log,
  });
  return { webhooks, engine, mailer, alerts };
}

/** The worker role: its services, listening's streams and polls, and the job loop with its periodic jobs. */
async function startWorkerRole(runtime: Runtime, config: Config, role: ServerRole, started: Started): Promise<void> {
  const log: Log = (message, details) => runtime.log.warn(details ?? {}, message);
  const { webhooks, engine, mailer, alerts } = createWorkerServices(runtime, config, log);
  const listening = createListeningWorker({
    runtime,
    // Alerts on watched authors and new sources look at each stored batch.
    onIngested: (_workspaceId, _byTopic, mentions) => alerts.onIngested(mentions),
    log,
  });
  started.listening = listening;
  const inbox = createInboxWorker({ runtime, log });
  const worker = await startWorker({
    store: runtime.store,
    queue: runtime.queue,
    handlers: {
      ...createSystemHandlers(runtime.store),
      ...engine.handlers,
      ...webhooks.handlers,
      ...alerts.handlers,
      ...createMailHandlers({ store: runtime.store, secrets: runtime.secrets, mailer, log }),
      ...listening.handlers,
      ...inbox.handlers,
    },
    // The sweeps catch deliveries (posts, webhook events) whose job was lost and those a crashed worker left
    // half-done: every 10 s, and at once when a worker starts (after a crash, the returning worker recovers
    // before anything else).
    periodic: [
      ...DEFAULT_PERIODIC_JOBS,
      { type: SWEEP_JOB, everyMs: config.sweepMs },
      ...webhooks.periodic,
      { type: REFRESH_JOB, everyMs: 10 * 60_000 },
      { type: ALERTS_EVALUATE_JOB, everyMs: 60_000 },
      ...listening.periodic,
      ...inbox.periodic,
    ],
    atStart: [SWEEP_JOB, WEBHOOK_SWEEP_JOB],
    heartbeatMs: config.heartbeatMs,
    role,
    concurrency: config.workerConcurrency,
    log: (message, error) => runtime.log.warn({ err: error }, message),
  });
  started.worker = worker;
  listening.start();
  runtime.log.info({ workerId: worker.id, driver: runtime.queue.driver }, 'worker started');
}

/** The api role: the HTTP app, listening on its port. */
async function startApiRole(runtime: Runtime, config: Config, role: ServerRole, started: Started): Promise<void> {
  const app = (await buildApp(runtime)).app;
  started.app = app;
  started.url = await app.listen({ port: config.port, host: config.host });
  runtime.log.info(
    { url: config.publicUrl, database: `${runtime.store.dialect} ${runtime.store.location}`, role },
    `Rostra is listening on ${config.publicUrl}`,
  );
}
