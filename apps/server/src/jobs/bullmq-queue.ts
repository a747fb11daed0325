// Jobs on Redis with BullMQ, for several worker processes. Retries use BullMQ's exponential backoff;
// stalled jobs of a crashed worker are taken again by BullMQ's stall detection.
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import type { JobCounts, JobQueue } from '@rostra/core';

const QUEUE = 'jobs';

/** BullMQ reserves ':' in ids; keys may contain it. */
function toJobId(key: string | undefined): string | undefined {
  return key === undefined ? undefined : key.replace(/%/g, '%25').replace(/:/g, '%3A');
}

export function createBullmqQueue(
  redisUrl: string,
  options: { prefix?: string; log?: (message: string, error?: unknown) => void } = {},
): JobQueue {
  const prefix = options.prefix ?? 'rostra';
  const log = options.log ?? (() => {});
  const connection: ConnectionOptions = { url: redisUrl, maxRetriesPerRequest: null };
  const queue = new Queue(QUEUE, { connection, prefix });
  let worker: Worker | undefined;

  function jobOptions(opts: { runAt?: number; key?: string; maxAttempts?: number } = {}) {
    return {
      jobId: toJobId(opts.key),
      delay: opts.runAt ? Math.max(0, opts.runAt - Date.now()) : undefined,
      attempts: opts.maxAttempts ?? 5,
      backoff: { type: 'exponential', delay: 1_000 },
      removeOnComplete: { age: 24 * 3600, count: 10_000 },
      removeOnFail: { age: 7 * 24 * 3600 },
    };
  }

  return {
    driver: 'bullmq',

    async enqueue(type, payload, opts) {
      const job = await queue.add(type, payload ?? null, jobOptions(opts));
      return job.id as string;
    },

    async enqueueMany(jobs) {
      const added = await queue.addBulk(
        jobs.map((j) => ({ name: j.type, data: j.payload ?? null, opts: jobOptions(j.options) })),
      );
      return added.map((j) => j.id as string);
    },

    async work(handlers, { workerId, concurrency }) {
      worker = new Worker(
        QUEUE,
        async (job) => {
          const handler = handlers[job.name];
          if (!handler) throw new Error(`No handler for job type "${job.name}"`);
          await handler(job.data, { jobId: job.id as string, attempt: job.attemptsMade + 1, workerId });
        },
        { connection, prefix, concurrency, name: workerId },
      );
      worker.on('failed', (job, error) => log(`job ${job?.name} ${job?.id} failed: ${error.message}`));
      worker.on('error', (error) => log('bullmq worker error', error));
      await worker.waitUntilReady();
    },

    async stop() {
      await worker?.close();
      worker = undefined;
      await queue.close();
    },

    async counts(): Promise<JobCounts> {
      const c = await queue.getJobCounts('wait', 'delayed', 'prioritized', 'active', 'completed', 'failed');
      return {
        queued: (c.wait ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0),
        running: c.active ?? 0,
        done: c.completed ?? 0,
        failed: c.failed ?? 0,
      };
    },

    alive() {
      return worker !== undefined && worker.isRunning() && !worker.closing;
    },
  };
}
