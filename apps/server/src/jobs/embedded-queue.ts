// Jobs on the database itself: no Redis needed. Workers claim due jobs with a lease; a crashed worker's
// jobs are claimed again when the lease runs out, so nothing is lost across restarts.
import { retryDelayMs, type JobCounts, type JobHandler, type JobQueue } from '@rostra/core';
import type { Store } from '@rostra/store';

export interface EmbeddedQueueOptions {
  /** How often an idle worker looks for due jobs. */
  pollMs?: number;
  /** How long a claim holds before another worker may take the job; renewed while the job runs. */
  leaseMs?: number;
  log?: (message: string, error?: unknown) => void;
}

export function createEmbeddedQueue(store: Store, options: EmbeddedQueueOptions = {}): JobQueue {
  const pollMs = options.pollMs ?? 250;
  const leaseMs = options.leaseMs ?? 60_000;
  const log = options.log ?? (() => {});
  let stopping = false;
  let loop: Promise<void> | undefined;
  let lastTickAt = 0;
  let wake: (() => void) | undefined;
  const running = new Map<string, Promise<void>>();

  function nudge(): void {
    wake?.();
  }

  async function runJob(
    job: Awaited<ReturnType<Store['jobs']['claim']>>[number],
    handlers: Record<string, JobHandler>,
    workerId: string,
  ): Promise<void> {
    const handler = handlers[job.type];
    try {
      if (!handler) throw new Error(`No handler for job type "${job.type}"`);
      await handler(job.payload, { jobId: job.id, attempt: job.attempts, workerId });
      await store.jobs.complete(job.id, workerId, Date.now());
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt = handler && job.attempts < job.maxAttempts ? Date.now() + retryDelayMs(job.attempts) : null;
      log(`job ${job.type} ${job.id} failed (attempt ${job.attempts}/${job.maxAttempts}): ${message}`);
      await store.jobs.fail(job.id, workerId, message.slice(0, 2000), retryAt, Date.now());
    }
  }

  async function runLoop(handlers: Record<string, JobHandler>, workerId: string, concurrency: number): Promise<void> {
    let lastLeaseRenewal = Date.now();
    while (!stopping) {
      lastTickAt = Date.now();
      let claimed = 0;
      try {
        const free = concurrency - running.size;
        if (free > 0) {
          const jobs = await store.jobs.claim(workerId, free, Date.now(), leaseMs);
          claimed = jobs.length;
          for (const job of jobs) {
            const task = runJob(job, handlers, workerId).finally(() => {
              running.delete(job.id);
              nudge();
            });
            running.set(job.id, task);
          }
        }
        if (Date.now() - lastLeaseRenewal > leaseMs / 3) {
          await store.jobs.extendLease([...running.keys()], workerId, Date.now() + leaseMs);
          lastLeaseRenewal = Date.now();
        }
      } catch (error) {
        log('job loop error', error);
      }
      if (claimed === 0 || running.size >= concurrency) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = undefined;
      }
    }
  }

  return {
    driver: 'embedded',

    async enqueue(type, payload, opts = {}) {
      const [id] = await store.jobs.enqueue([
        { type, payload, runAt: opts.runAt ?? Date.now(), key: opts.key ?? null, maxAttempts: opts.maxAttempts ?? 5 },
      ]);
      nudge();
      return id as string;
    },

    async enqueueMany(jobs) {
      const ids = await store.jobs.enqueue(
        jobs.map((j) => ({
          type: j.type,
          payload: j.payload,
          runAt: j.options?.runAt ?? Date.now(),
          key: j.options?.key ?? null,
          maxAttempts: j.options?.maxAttempts ?? 5,
        })),
      );
      nudge();
      return ids;
    },

    async work(handlers, { workerId, concurrency }) {
      if (loop) throw new Error('This queue is already working');
      stopping = false;
      loop = runLoop(handlers, workerId, concurrency);
    },

    async stop() {
      stopping = true;
      nudge();
      await loop;
      await Promise.allSettled(running.values());
      loop = undefined;
    },

    counts: (): Promise<JobCounts> => store.jobs.counts(),

    alive() {
      return loop !== undefined && !stopping && Date.now() - lastTickAt < Math.max(10_000, pollMs * 4);
    },
  };
}
