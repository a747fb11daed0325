// The jobs port: background work that survives restarts, embedded on the database or on Redis (BullMQ).

export interface JobContext {
  jobId: string;
  attempt: number;
  /** The process running the job, as registered in the workers table. */
  workerId: string;
}

export type JobHandler = (payload: unknown, context: JobContext) => Promise<void>;

export interface EnqueueOptions {
  /** Run no earlier than this time (ms since epoch). */
  runAt?: number;
  /** Jobs with the same key are enqueued once: a second enqueue is a no-op. */
  key?: string;
  maxAttempts?: number;
}

export interface JobCounts {
  queued: number;
  running: number;
  done: number;
  failed: number;
}

export interface JobQueue {
  readonly driver: 'embedded' | 'bullmq';
  enqueue(type: string, payload: unknown, options?: EnqueueOptions): Promise<string>;
  enqueueMany(jobs: Array<{ type: string; payload: unknown; options?: EnqueueOptions }>): Promise<string[]>;
  /** Starts taking jobs of the registered types; resolves once the worker is ready. */
  work(handlers: Record<string, JobHandler>, options: { workerId: string; concurrency: number }): Promise<void>;
  /** Stops taking jobs and waits for the running ones to finish. */
  stop(): Promise<void>;
  counts(): Promise<JobCounts>;
  /** True while this process is taking jobs: its loop ticks (embedded) or its worker runs (BullMQ). */
  alive(): boolean;
}

/** Delay before attempt `attempt + 1`: exponential, capped, with jitter so retries spread out. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(60_000 * 30, 1_000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.75 + random() * 0.5));
}
