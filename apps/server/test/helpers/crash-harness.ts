// Shared by the crash-safety tests: a workspace on SQLite (or PostgreSQL with BullMQ on Redis), real
// `rostra run --role worker` processes that kill themselves (SIGKILL) at a failpoint, a healthy worker that
// comes back afterwards, and two webhook endpoints that record what they receive. The product's recovery runs
// unchanged, on shorter clocks: a heartbeat every second (dead after 3 s) and a sweep every second, instead of
// 5 s and 10 s (the defaults' 25 s bound is checked in crash-start-sweep.test.ts). Nothing waits a fixed time:
// every step waits for the state it needs (a worker registered, a worker killed, a post settled and told).
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { Redis } from 'ioredis';
import { expect } from 'vitest';
import type { WebhookDelivery } from '@rostra/core';
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

/** Each worker's heartbeat and the sweeps' period in these tests. */
export const CRASH_TEST_CLOCK = { ROSTRA_HEARTBEAT_MS: '1000', ROSTRA_SWEEP_MS: '1000' } as const;

/** One webhook request as an endpoint received it. */
export interface Receipt {
  /** Which of the two endpoints: `crm` or `chat`. */
  endpoint: string;
  event: string;
  /** From the Rostra-Event-Id header. */
  eventId: string;
  /** The `id` in the body: the same event id. */
  bodyEventId: string;
  deliveryId: string;
  postId: string | undefined;
}

export interface CrashHarness {
  runtime: Runtime;
  workspaceId: string;
  connect(network: string, fields: Record<string, string>): Promise<string>;
  /**
   * Schedules a post due a second from now, while a worker that dies at `failpoints[0]` starts; then, for each
   * further failpoint, a new worker that dies there (the retry of the previous one); then a healthy worker.
   * Resolves once the post is final and its outcome delivered to both endpoints. `whileDown` runs after the
   * last crash, before the healthy worker starts.
   */
  crashThenRecover(
    channelId: string,
    text: string,
    failpoints: Failpoint[],
    whileDown?: (postId: string) => Promise<void>,
  ): Promise<Recovery>;
  /** The post's webhook deliveries on both endpoints, as Rostra logged them. */
  deliveriesOf(postId: string): Promise<WebhookDelivery[]>;
  /** The webhook events recorded for the post (the workspace subscribes to every post outcome). */
  webhookEvents(postId: string): Promise<string[]>;
  /** The webhook requests the endpoints received about the post. */
  receipts(postId: string): Receipt[];
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
    ...CRASH_TEST_CLOCK,
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
  const endpoints = await startEndpoints();
  const subscribe = (endpoint: string) =>
    runtime.store.webhooks.create({
      workspaceId,
      url: `${endpoints.url}/${endpoint}`,
      events: ['post.published', 'post.failed', 'post.unconfirmed'],
      description: `crash test (${endpoint})`,
      sealedSecret: runtime.secrets.encrypt('s'.repeat(32), webhookSecretContext(workspaceId)),
      createdBy: null,
    });
  const webhooks = [await subscribe('crm'), await subscribe('chat')];
  const webhook = webhooks[0] as (typeof webhooks)[number];

  /** The post's webhook deliveries on every endpoint, as Rostra logged them. */
  async function deliveriesOf(postId: string) {
    const logs = await Promise.all(webhooks.map((w) => runtime.store.webhooks.listDeliveries(w.id, 1000)));
    return logs.flat().filter((d) => (d.payload as { data?: { post?: { id?: string } } }).data?.post?.id === postId);
  }

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
    async crashThenRecover(channelId, text, failpoints, whileDown) {
      const [first, ...retries] = failpoints;
      // The worker boots while the post is scheduled (a boot takes longer than the second until it is due).
      const starting = startWorker(first);
      starting.catch(() => {});
      const post = await service.createPost(workspaceId, { text, channels: [{ channelId }] }, caller);
      const dueAt = Date.now() + 1000;
      await service.act(workspaceId, post.id, 'schedule', caller, { scheduledAt: dueAt });
      await killed(await starting);
      for (const failpoint of retries) await killed(await startWorker(failpoint));
      await whileDown?.(post.id);

      const returnedAt = Date.now();
      const healthy = startRostra(['run', '--role', 'worker'], env);
      try {
        for (;;) {
          const current = await runtime.store.posts.get(workspaceId, post.id);
          const targets = await runtime.store.posts.targets(post.id);
          // Final means told too: the outcome's webhook deliveries are sent before the worker stops.
          const told = await deliveriesOf(post.id);
          if (
            current?.status === 'published' &&
            targets.every((t) => t.status === 'published') &&
            told.length >= webhooks.length &&
            told.every((d) => d.status === 'delivered')
          ) {
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
      return (await deliveriesOf(postId)).filter((d) => d.webhookId === webhook.id).map((d) => d.event);
    },
    deliveriesOf,
    receipts: (postId) => endpoints.received.filter((r) => r.postId === postId),
    async close() {
      await new Promise((resolve) => endpoints.server.close(resolve));
      await runtime.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Two webhook endpoints on one local server (`/crm`, `/chat`), answering 200 and recording each request. */
async function startEndpoints(): Promise<{ server: Server; url: string; received: Receipt[] }> {
  const received: Receipt[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const parsed = JSON.parse(body) as { id: string; data?: { post?: { id?: string } } };
      received.push({
        endpoint: (req.url ?? '').slice(1),
        event: String(req.headers['rostra-event']),
        eventId: String(req.headers['rostra-event-id']),
        bodyEventId: parsed.id,
        deliveryId: String(req.headers['rostra-delivery']),
        postId: parsed.data?.post?.id,
      });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return { server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, received };
}

/** Each endpoint received the post's outcome once, and both the same event (header and body agree). */
export function expectToldOnce(receipts: Receipt[], event = 'post.published'): void {
  expect(receipts.map((r) => `${r.endpoint} ${r.event}`).sort()).toEqual([`chat ${event}`, `crm ${event}`]);
  expect(new Set(receipts.flatMap((r) => [r.eventId, r.bodyEventId])).size).toBe(1);
}
