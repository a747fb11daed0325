// The job types of the foundation: a probe that proves workers run each job once, and housekeeping.
import type { JobHandler } from '@rostra/core';
import type { Store } from '@rostra/store';

export const PROBE_JOB = 'system.probe';
export const CLEANUP_JOB = 'system.cleanup';

const DAY = 24 * 3600 * 1000;

export function createSystemHandlers(store: Store): Record<string, JobHandler> {
  return {
    [PROBE_JOB]: async (_payload, { jobId, workerId }) => {
      await store.jobProbes.record(jobId, workerId, Date.now());
    },
    [CLEANUP_JOB]: async () => {
      const now = Date.now();
      await store.sessions.deleteExpired(now);
      await store.passwordResets.deleteExpired(now - DAY);
      await store.jobs.purgeFinished(now - 7 * DAY);
      await store.workers.prune(now - DAY);
    },
  };
}
