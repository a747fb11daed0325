// Shared by the crash-safety tests: a workspace on SQLite (or PostgreSQL with BullMQ on Redis), real
// `rostra run --role worker` processes that kill themselves (SIGKILL) at a failpoint, and a healthy worker that
// comes back afterwards. Everything runs with the product's own timings: the lease, the heartbeat, the sweep.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { Redis } from 'ioredis';
import { expect } from 'vitest';
import { createTestDatabase, testPostgresUrl, testRedisUrl, type TestDatabase } from '@rostra/store/testing';
import { parseConfig } from '../../src/config.js';
import { createRuntime, type Runtime } from '../../src/runtime.js';
import { createAccountsService } from '../../src/accounts/service.js';
import { createPublishingEngine, type Failpoint } from '../../src/publishing/engine.js';
import { createPublishingService } from '../../src/publishing/service.js';
import { webhookSecretContext } from '../../src/events/webhooks.js';
import { startRostra, type RostraProcess } from './processes.js';

export type CrashBackend = 'sqlite' | 'postgres+redis';

/** The backends this run can reach: PostgreSQL + Redis only when CI gives their URLs. */
export const crashBackends: CrashBackend[] =
  testPostgresUrl && testRedisUrl ? ['sqlite', 'postgres+redis'] : ['sqlite'];

/** The bound: a due post is on the network, and a status final, within 30 s. */
export const RECOVERY_BOUND_MS = 30_000;

export interface Recovery {
  postId: string;
  dueAt: number;
  /** When the healthy worker was started, after the last crash. */
  returnedAt: number;
  /** When the post was first seen final (published, every delivery published). */
  settledAt: number;
}

export interface CrashHarness {
  runtime: Runtime;
  workspaceId: string;
  connect(network: string, fields: Record<string, string>): Promise<string>;
  /**
   * Schedules a post due a second from now, while a worker that dies at `failpoints[0]` runs; then, for each
   * further failpoint, a new worker that dies there (the retry of the previous one); then a healthy worker.
   * Resolves once the post is final.
   */
  crashThenRecover(channelId: string, text: string, failpoints: Failpoint[]): Promise<Recovery>;
  /** The webhook events recorded for the post (the workspace subscribes to every post outcome). */
  webhookEvents(postId: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function createCrashHarness(
  backend: CrashBackend,
  options: { redisDb?: number } = {},
): Promise<CrashHarness> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'rostra-crash-data-'));
  let database: TestDatabase | undefined;
  const env: Record<string, string> = {
    ROSTRA_DATA_DIR: dataDir,
    ROSTRA_SECRET_KEY: randomBytes(32).toString('hex'),
    LOG_LEVEL: 'error',
  };
  if (backend === 'postgres+redis') {
    database = await createTestDatabase('postgres');
    const redisLocation = new URL(testRedisUrl as string);
    redisLocation.pathname = `/${options.redisDb ?? 12}`;
    const redis = new Redis(redisLocation.toString());
    await redis.flushdb();
    await redis.quit();
    env.DATABASE_URL = database.databaseUrl as string;
    env.REDIS_URL = redisLocation.toString();
  }
  const runtime = await createRuntime(parseConfig(env), { log: pino({ level: 'silent' }) });
  const accounts = createAccountsService(runtime.store, { publicUrl: runtime.config.publicUrl });
  const setup = await accounts.setup(
    {
      organisation: 'Mairie',
      workspace: 'Com',
      name: 'Admin',
      email: 'admin@mairie.test',
      password: 'mot-de-passe-admin-solide',
    },
    null,
    null,
  );
  const workspaceId = setup.workspace.id;
  await runtime.store.accounts.updateWorkspace(workspaceId, { approvalRequired: false });
  // Nobody listens there: what counts is what Rostra records, once per outcome.
  const webhook = await runtime.store.webhooks.create({
    workspaceId,
    url: 'http://127.0.0.1:9/hooks/rostra',
    events: ['post.published', 'post.failed', 'post.unconfirmed'],
    description: 'crash test',
    sealedSecret: runtime.secrets.encrypt('s'.repeat(32), webhookSecretContext(workspaceId)),
    createdBy: null,
  });

  const caller = {
    userId: null,
    role: 'admin' as const,
    ctx: { actor: { type: 'system' as const, id: null, label: 'test' }, ip: null, userAgent: null },
  };
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

  /** A worker process, resolved once it has registered its heartbeat (it takes jobs right after). */
  async function startWorker(failpoint?: Failpoint): Promise<RostraProcess> {
    const worker = startRostra(['run', '--role', 'worker'], failpoint ? { ...env, ROSTRA_FAILPOINT: failpoint } : env);
    const started = Date.now();
    for (;;) {
      const alive = await runtime.store.workers.listAlive(started - 1000);
      if (alive.some((w) => w.pid === worker.child.pid)) return worker;
      if (worker.child.exitCode !== null || worker.child.signalCode !== null || Date.now() - started > 60_000) {
        throw new Error(`the worker did not start:\n${worker.output()}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function killed(worker: RostraProcess): Promise<void> {
    const signal =
      worker.child.signalCode ??
      (await new Promise<NodeJS.Signals | null>((resolve) => worker.child.once('exit', (_code, s) => resolve(s))));
    expect(signal, worker.output()).toBe('SIGKILL');
  }

  return {
    runtime,
    workspaceId,
    async connect(network, fields) {
      return (await service.connectChannel(workspaceId, network, fields, caller)).id;
    },
    async crashThenRecover(channelId, text, failpoints) {
      const [first, ...retries] = failpoints;
      const dying = await startWorker(first);
      const post = await service.createPost(workspaceId, { text, channels: [{ channelId }] }, caller);
      const dueAt = Date.now() + 1000;
      await service.act(workspaceId, post.id, 'schedule', caller, { scheduledAt: dueAt });
      await killed(dying);
      for (const failpoint of retries) await killed(await startWorker(failpoint));

      const returnedAt = Date.now();
      const healthy = startRostra(['run', '--role', 'worker'], env);
      try {
        for (;;) {
          const current = await runtime.store.posts.get(workspaceId, post.id);
          const targets = await runtime.store.posts.targets(post.id);
          if (current?.status === 'published' && targets.every((t) => t.status === 'published')) {
            return { postId: post.id, dueAt, returnedAt, settledAt: Date.now() };
          }
          if (Date.now() - returnedAt > 90_000) {
            throw new Error(`not published (status ${current?.status}):\n${healthy.output()}`);
          }
          await new Promise((r) => setTimeout(r, 200));
        }
      } finally {
        await healthy.stop();
      }
    },
    async webhookEvents(postId) {
      const deliveries = await runtime.store.webhooks.listDeliveries(webhook.id, 1000);
      return deliveries
        .filter((d) => (d.payload as { data?: { post?: { id?: string } } }).data?.post?.id === postId)
        .map((d) => d.event);
    },
    async close() {
      await runtime.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
