// A worker process's life: register, take jobs, beat while the job loop is alive, schedule housekeeping.
import { hostname } from 'node:os';
import type { JobHandler, JobQueue } from '@rostra/core';
import type { Store } from '@rostra/store';
import { newWorkerId } from './worker-id.js';
import { CLEANUP_JOB } from './handlers.js';

export const HEARTBEAT_MS = 5_000;
/** Beats a worker may miss before it counts as dead. */
const MISSED_BEATS = 3;
/**
 * A worker silent for this long (three missed beats) is dead: /api/health says so, and the publishing sweep
 * takes its deliveries over without waiting for their leases.
 */
export const HEARTBEAT_TIMEOUT_MS = MISSED_BEATS * HEARTBEAT_MS;

/** The silence after which a worker beating every `heartbeatMs` is dead. */
export function heartbeatTimeout(heartbeatMs: number): number {
  return MISSED_BEATS * heartbeatMs;
}
const HOUR = 3600 * 1000;

export interface RunningWorker {
  id: string;
  stop(): Promise<void>;
}

/** A job every worker schedules at a fixed period; the key makes it run once per period across workers. */
export interface PeriodicJob {
  type: string;
  everyMs: number;
}

export const DEFAULT_PERIODIC_JOBS: PeriodicJob[] = [{ type: CLEANUP_JOB, everyMs: HOUR }];

export async function startWorker(options: {
  store: Store;
  queue: JobQueue;
  handlers: Record<string, JobHandler>;
  role: string;
  concurrency: number;
  periodic?: PeriodicJob[];
  /** Job types to run once as this worker starts (e.g. the sweep that recovers from a crash). */
  atStart?: string[];
  /** How often it beats (HEARTBEAT_MS); crash tests shorten it. */
  heartbeatMs?: number;
  log: (message: string, error?: unknown) => void;
}): Promise<RunningWorker> {
  const { store, queue, role, log } = options;
  const id = newWorkerId(role);
  const startedAt = Date.now();

  async function beat(force = false): Promise<void> {
    // Beat only while the job loop is really alive: a stuck runner must show up as dead in health. The loop
    // never waits for a job, so a long publish does not stop the beats.
    if (!force && !queue.alive()) return;
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

  const periodic = options.periodic ?? DEFAULT_PERIODIC_JOBS;
  async function schedulePeriodic(): Promise<void> {
    // Every worker enqueues the current period's job; the key turns all but the first into no-ops. The next
    // period's job waits in the queue for its start, so a period's job runs when it begins, not up to a tick later.
    for (const job of periodic) {
      const period = Math.floor(Date.now() / job.everyMs);
      await queue.enqueue(job.type, {}, { key: `${job.type}:${period}`, maxAttempts: 1 });
      const next = period + 1;
      await queue.enqueue(job.type, {}, { key: `${job.type}:${next}`, maxAttempts: 1, runAt: next * job.everyMs });
    }
  }

  // Registered before taking any job: every lease this worker will hold has a heartbeat that speaks for it.
  await beat(true);
  await queue.work(options.handlers, { workerId: id, concurrency: options.concurrency });
  await beat();
  for (const type of options.atStart ?? [])
    await queue.enqueue(type, {}, { key: `${type}:start:${id}`, maxAttempts: 1 });
  await schedulePeriodic();
  const heartbeat = setInterval(
    () => void beat().catch((e) => log('heartbeat failed', e)),
    options.heartbeatMs ?? HEARTBEAT_MS,
  );
  const shortest = Math.min(...periodic.map((j) => j.everyMs), HOUR);
  const ticker = setInterval(
    () => void schedulePeriodic().catch((e) => log('periodic scheduling failed', e)),
    shortest / 3,
  );
  heartbeat.unref();
  ticker.unref();

  return {
    id,
    async stop() {
      clearInterval(heartbeat);
      clearInterval(ticker);
      await queue.stop();
      await store.workers.remove(id).catch(() => {});
    },
  };
}
