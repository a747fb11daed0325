// One queue suite, run on every adapter this run can reach: embedded on SQLite, embedded on PostgreSQL,
// BullMQ on Redis. Two queue instances stand for two worker processes sharing the work.
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { JobHandler, JobQueue } from '@rostra/core';
import { createStore, openDatabase, type Store } from '@rostra/store';
import { createTestDatabase, testDialects, testRedisUrl, type TestDatabase } from '@rostra/store/testing';
import { createEmbeddedQueue } from './embedded-queue.js';
import { createBullmqQueue } from './bullmq-queue.js';

interface Harness {
  store: Store;
  newQueue(): JobQueue;
  cleanup(): Promise<void>;
}

type Target = { name: string; make(): Promise<Harness> };

function embedded(dialect: 'sqlite' | 'postgres'): Target {
  return {
    name: `embedded on ${dialect}`,
    async make() {
      const db: TestDatabase = await createTestDatabase(dialect);
      const store = createStore(openDatabase({ databaseUrl: db.databaseUrl, dataDir: db.dataDir }));
      await store.migrate();
      return {
        store,
        newQueue: () => createEmbeddedQueue(store, { pollMs: 20, leaseMs: 2_000 }),
        async cleanup() {
          await store.close();
          await db.drop();
        },
      };
    },
  };
}

function bullmq(): Target {
  return {
    name: 'bullmq on redis',
    async make() {
      const db = await createTestDatabase('sqlite');
      const store = createStore(openDatabase({ databaseUrl: undefined, dataDir: db.dataDir }));
      await store.migrate();
      const prefix = `rostra-test-${Math.random().toString(36).slice(2)}`;
      return {
        store,
        newQueue: () => createBullmqQueue(testRedisUrl as string, { prefix }),
        async cleanup() {
          const redis = new Redis(testRedisUrl as string);
          const keys = await redis.keys(`${prefix}:*`);
          if (keys.length > 0) await redis.del(...keys);
          await redis.quit();
          await store.close();
          await db.drop();
        },
      };
    },
  };
}

const targets: Target[] = [...testDialects.map((d) => embedded(d)), ...(testRedisUrl ? [bullmq()] : [])];

async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe.each(targets)('job queue: $name', (target) => {
  let harness: Harness | undefined;
  const queues: JobQueue[] = [];
  afterEach(async () => {
    for (const q of queues.splice(0)) await q.stop();
    await harness?.cleanup();
    harness = undefined;
  });

  async function start(handlers: Record<string, JobHandler>, workerId: string, concurrency = 4): Promise<JobQueue> {
    const queue = (harness as Harness).newQueue();
    queues.push(queue);
    await queue.work(handlers, { workerId, concurrency });
    return queue;
  }

  it('runs every job exactly once when two workers share a batch', async () => {
    harness = await target.make();
    const runs: Array<{ n: number; worker: string }> = [];
    const handler: JobHandler = async (payload, ctx) => {
      await new Promise((r) => setTimeout(r, 1));
      runs.push({ n: (payload as { n: number }).n, worker: ctx.workerId });
    };
    const producer = harness.newQueue();
    queues.push(producer);
    await producer.enqueueMany(Array.from({ length: 300 }, (_, n) => ({ type: 'count', payload: { n } })));
    await start({ count: handler }, 'w1');
    await start({ count: handler }, 'w2');
    await waitFor(() => runs.length >= 300);
    await new Promise((r) => setTimeout(r, 200));
    expect(runs).toHaveLength(300);
    expect(new Set(runs.map((r) => r.n)).size).toBe(300);
    expect(new Set(runs.map((r) => r.worker))).toEqual(new Set(['w1', 'w2']));
  });

  it('enqueues a keyed job once', async () => {
    harness = await target.make();
    const queue = harness.newQueue();
    queues.push(queue);
    const first = await queue.enqueue('once', {}, { key: 'cleanup:42', runAt: Date.now() + 60_000 });
    const second = await queue.enqueue('once', {}, { key: 'cleanup:42', runAt: Date.now() + 60_000 });
    expect(second).toBe(first);
    expect((await queue.counts()).queued).toBe(1);
  });

  it('waits for runAt before running a job', async () => {
    harness = await target.make();
    let ranAt = 0;
    const queue = await start({ later: async () => void (ranAt = Date.now()) }, 'w1');
    const enqueuedAt = Date.now();
    await queue.enqueue('later', {}, { runAt: enqueuedAt + 400 });
    await waitFor(() => ranAt > 0);
    expect(ranAt - enqueuedAt).toBeGreaterThanOrEqual(390);
  });

  it('retries a failing job, then marks it failed after its last attempt', async () => {
    harness = await target.make();
    const attempts: number[] = [];
    const queue = await start(
      {
        flaky: async (_p, ctx) => {
          attempts.push(ctx.attempt);
          if (ctx.attempt < 2) throw new Error('transient');
        },
        broken: async () => {
          throw new Error('always');
        },
      },
      'w1',
    );
    await queue.enqueue('flaky', {}, { maxAttempts: 3 });
    await queue.enqueue('broken', {}, { maxAttempts: 1 });
    await waitFor(async () => (await queue.counts()).done >= 1 && (await queue.counts()).failed >= 1);
    expect(attempts).toEqual([1, 2]);
  });

  it('keeps queued jobs across a restart', async () => {
    harness = await target.make();
    const first = harness.newQueue();
    await first.enqueueMany(Array.from({ length: 20 }, (_, n) => ({ type: 'survive', payload: { n } })));
    await first.stop();
    const seen = new Set<number>();
    await start({ survive: async (p) => void seen.add((p as { n: number }).n) }, 'after-restart');
    await waitFor(() => seen.size === 20);
  });

  it('reports itself alive only while working', async () => {
    harness = await target.make();
    const queue = harness.newQueue();
    expect(queue.alive()).toBe(false);
    await queue.work({}, { workerId: 'w', concurrency: 1 });
    await waitFor(() => queue.alive());
    await queue.stop();
    expect(queue.alive()).toBe(false);
  });
});

describe('embedded queue crash recovery', () => {
  it('gives a crashed worker’s job to another worker when its lease runs out', async () => {
    const db = await createTestDatabase('sqlite');
    const store = createStore(openDatabase({ databaseUrl: undefined, dataDir: db.dataDir }));
    await store.migrate();
    try {
      await store.jobs.enqueue([{ type: 'x', payload: {}, runAt: Date.now(), key: null, maxAttempts: 3 }]);
      // A worker claims the job and dies without finishing: its lease is all that is left.
      expect(await store.jobs.claim('dead-worker', 1, Date.now(), 300)).toHaveLength(1);
      const survivor = createEmbeddedQueue(store, { pollMs: 20, leaseMs: 300 });
      const runs: number[] = [];
      await survivor.work(
        { x: async (_p, ctx) => void runs.push(ctx.attempt) },
        { workerId: 'survivor', concurrency: 1 },
      );
      await waitFor(() => runs.length === 1, 5_000);
      await survivor.stop();
      expect(runs).toEqual([2]);
      expect(await store.jobs.counts()).toMatchObject({ done: 1, running: 0 });
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
