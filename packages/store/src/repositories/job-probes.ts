// Probe jobs leave one row per run: the proof that workers run each job once, and which worker did.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface JobProbesRepository {
  record(jobId: string, workerId: string, at: number): Promise<void>;
  summarise(jobIds: string[]): Promise<{ runs: number; distinctJobs: number; byWorker: Record<string, number> }>;
}

export function createJobProbesRepository(db: Kysely<Database>): JobProbesRepository {
  return {
    async record(jobId, workerId, at) {
      await db.insertInto('job_probes').values({ job_id: jobId, worker_id: workerId, ran_at: at }).execute();
    },
    async summarise(jobIds) {
      const byWorker: Record<string, number> = {};
      const seen = new Set<string>();
      let runs = 0;
      for (let i = 0; i < jobIds.length; i += 500) {
        const rows = await db
          .selectFrom('job_probes')
          .select(['job_id', 'worker_id'])
          .where('job_id', 'in', jobIds.slice(i, i + 500))
          .execute();
        for (const row of rows) {
          runs += 1;
          seen.add(row.job_id);
          byWorker[row.worker_id] = (byWorker[row.worker_id] ?? 0) + 1;
        }
      }
      return { runs, distinctJobs: seen.size, byWorker };
    },
  };
}
