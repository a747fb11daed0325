// A worker process's life: register, take jobs, beat while the job loop is alive, schedule housekeeping.
import { hostname } from 'node:os';
import type { JobHandler, JobQueue } from '@rostra/core';
import type { Store } from '@rostra/store';
import { newWorkerId } from './worker-id.js';
import { CLEANUP_JOB } from './handlers.js';

export const HEARTBEAT_MS = 5_000;
/** A worker silent for this long is considered dead by /api/health. */
export const HEARTBEAT_TIMEOUT_MS = 20_000;
const HOUR = 3600 * 1000;

export interface RunningWorker {
  id: string;
  stop(): Promise<void>;
}

export async function startWorker(options: {
  store: Store;
  queue: JobQueue;
  handlers: Record<string, JobHandler>;
  role: string;
  concurrency: number;
  log: (message: string, error?: unknown) => void;
}): Promise<RunningWorker> {
  const { store, queue, role, log } = options;
  const id = newWorkerId(role);
  const startedAt = Date.now();

  async function beat(): Promise<void> {
    // Beat only while the job loop is really alive: a stuck runner must show up as dead in health.
    if (!queue.alive()) return;
    await store.workers.beat({
      id,
      role,
      driver: queue.driver,
      host: hostname(),
      pid: process.pid,
      startedAt,
      heartbeatAt: Date.now(),
    });
  }

  async function scheduleCleanup(): Promise<void> {
    // One cleanup per hour across all workers: the key makes the second enqueue a no-op.
    const hour = Math.floor(Date.now() / HOUR);
    await queue.enqueue(CLEANUP_JOB, {}, { key: `cleanup:${hour}` });
  }

  await queue.work(options.handlers, { workerId: id, concurrency: options.concurrency });
  await beat();
  await scheduleCleanup();
  const heartbeat = setInterval(() => beat().catch((e) => log('heartbeat failed', e)), HEARTBEAT_MS);
  const cleanup = setInterval(() => scheduleCleanup().catch((e) => log('cleanup scheduling failed', e)), HOUR / 4);
  heartbeat.unref();
  cleanup.unref();

  return {
    id,
    async stop() {
      clearInterval(heartbeat);
      clearInterval(cleanup);
      await queue.stop();
      await store.workers.remove(id).catch(() => {});
    },
  };
}
