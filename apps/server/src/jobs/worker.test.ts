// A worker's heartbeat is what keeps its publishing leases: it must be there before the first job, and go on
// while every slot runs a long job (a slow upload), on each queue adapter this run can reach.
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { JobQueue } from '@rostra/core';
import { createStore, openDatabase, type Store } from '@rostra/store';
import { createTestDatabase, testRedisUrl, type TestDatabase } from '@rostra/store/testing';
import { createEmbeddedQueue } from './embedded-queue.js';
import { createBullmqQueue } from './bullmq-queue.js';
import { HEARTBEAT_MS, startWorker, type RunningWorker } from './worker.js';

// Beats ten times as often as in production (the option crash tests use): two beats during a job then take a
// second, not ten; the wait for each stays bounded by the production interval, for a loaded machine.
const BEAT_MS = HEARTBEAT_MS / 10;

const prefix = `rostra-beat-${process.pid}`;
const adapters: Array<{ name: string; queue: (store: Store) => JobQueue; cleanup?: () => Promise<void> }> = [
  { name: 'embedded', queue: (store) => createEmbeddedQueue(store, { pollMs: 20 }) },
  ...(testRedisUrl
    ? [
        {
          name: 'bullmq',
          queue: () => createBullmqQueue(testRedisUrl as string, { prefix }),
          async cleanup() {
            const redis = new Redis(testRedisUrl as string);
            const keys = await redis.keys(`${prefix}:*`);
            if (keys.length > 0) await redis.del(...keys);
            await redis.quit();
          },
        },
      ]
    : []),
];

describe.each(adapters)('worker heartbeat ($name)', ({ queue: makeQueue, cleanup }) => {
  let db: TestDatabase;
  let store: Store;
  let worker: RunningWorker | undefined;
  afterEach(async () => {
    await worker?.stop();
    await cleanup?.();
    await store.close();
    await db.drop();
  });

  it('beats before its first job and all along a job that outlasts several beats', async () => {
    db = await createTestDatabase('sqlite');
    store = createStore(openDatabase({ databaseUrl: undefined, dataDir: db.dataDir }));
    await store.migrate();
    const queue = makeQueue(store);
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let registeredAtStart: boolean | undefined;
    let running = false;
    worker = await startWorker({
      store,
      queue,
      handlers: {
        'slow.upload': async (_payload, { workerId }) => {
          registeredAtStart = (await store.workers.listAlive(0)).some((w) => w.id === workerId);
          running = true;
          await released;
        },
      },
      role: 'worker',
      concurrency: 1,
      periodic: [],
      heartbeatMs: BEAT_MS,
      log: () => {},
    });
    await queue.enqueue('slow.upload', {});
    const heartbeat = async () => (await store.workers.listAlive(0)).find((w) => w.id === worker?.id)?.heartbeatAt;
    const until = async (check: () => Promise<boolean> | boolean) => {
      const started = Date.now();
      while (!(await check())) {
        if (Date.now() - started > 4 * HEARTBEAT_MS) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await until(() => running);
    expect(registeredAtStart).toBe(true);
    // Two more beats while the only slot is busy.
    const first = (await heartbeat()) as number;
    await until(async () => ((await heartbeat()) ?? 0) > first);
    const second = (await heartbeat()) as number;
    await until(async () => ((await heartbeat()) ?? 0) > second);
    expect(running).toBe(true);
    release();
  }, 30_000);
});
