// The embedded job table: claims with a lease, so a crashed worker's jobs are taken again.
import { newId } from '../ids.js';
import type { Kysely } from 'kysely';
import type { JobCounts } from '@rostra/core';
import type { Database } from '../schema.js';
import type { Dialect } from '../database.js';

export interface NewJob {
  type: string;
  payload: unknown;
  runAt: number;
  key: string | null;
  maxAttempts: number;
}

export interface ClaimedJob {
  id: string;
  type: string;
  payload: unknown;
  attempts: number;
  maxAttempts: number;
}

export interface JobsRepository {
  /** Returns the ids of the jobs, existing ones for keys already enqueued. */
  enqueue(jobs: NewJob[]): Promise<string[]>;
  /** Takes up to `limit` due jobs (queued, or running with an expired lease) for `workerId`. */
  claim(workerId: string, limit: number, now: number, leaseMs: number): Promise<ClaimedJob[]>;
  extendLease(ids: string[], workerId: string, until: number): Promise<void>;
  complete(id: string, workerId: string, now: number): Promise<void>;
  /** Retries at `retryAt`, or marks the job failed when `retryAt` is null. */
  fail(id: string, workerId: string, error: string, retryAt: number | null, now: number): Promise<void>;
  counts(): Promise<JobCounts>;
  /** Removes finished jobs older than `before`; returns how many. */
  purgeFinished(before: number): Promise<number>;
}

export function createJobsRepository(db: Kysely<Database>, dialect: Dialect): JobsRepository {
  return {
    async enqueue(jobs) {
      if (jobs.length === 0) return [];
      const now = Date.now();
      const rows = jobs.map((job) => ({
        id: newId(),
        type: job.type,
        payload: JSON.stringify(job.payload ?? null),
        status: 'queued',
        dedupe_key: job.key,
        run_at: job.runAt,
        max_attempts: job.maxAttempts,
        locked_by: null,
        locked_until: null,
        last_error: null,
        created_at: now,
        finished_at: null,
      }));
      // Chunks keep each statement under SQLite's bound-parameter limit.
      for (let i = 0; i < rows.length; i += 500) {
        await db
          .insertInto('jobs')
          .values(rows.slice(i, i + 500))
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .execute();
      }
      const keyed = rows.filter((r) => r.dedupe_key !== null).map((r) => r.dedupe_key as string);
      if (keyed.length === 0) return rows.map((r) => r.id);
      const existing = new Map<string, string>();
      for (let i = 0; i < keyed.length; i += 500) {
        const found = await db
          .selectFrom('jobs')
          .select(['id', 'dedupe_key'])
          .where('dedupe_key', 'in', keyed.slice(i, i + 500))
          .execute();
        for (const f of found) existing.set(f.dedupe_key as string, f.id);
      }
      return rows.map((r) => (r.dedupe_key !== null ? (existing.get(r.dedupe_key) ?? r.id) : r.id));
    },

    async claim(workerId, limit, now, leaseMs) {
      let due = db
        .selectFrom('jobs')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'queued'), eb('run_at', '<=', now)]),
            eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)]),
          ]),
        )
        .orderBy('run_at')
        .limit(limit);
      // PostgreSQL: concurrent workers skip each other's rows instead of waiting. SQLite serialises writers.
      if (dialect === 'postgres') due = due.forUpdate().skipLocked();
      const rows = await db
        .updateTable('jobs')
        .set((eb) => ({
          status: 'running',
          locked_by: workerId,
          locked_until: now + leaseMs,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', 'in', due)
        .returning(['id', 'type', 'payload', 'attempts', 'max_attempts', 'run_at'])
        .execute();
      // RETURNING gives no order; callers expect the oldest due job first.
      rows.sort((a, b) => a.run_at - b.run_at);
      return rows.map((r) => ({
        id: r.id,
        type: r.type,
        payload: JSON.parse(r.payload) as unknown,
        attempts: r.attempts,
        maxAttempts: r.max_attempts,
      }));
    },

    async extendLease(ids, workerId, until) {
      if (ids.length === 0) return;
      await db
        .updateTable('jobs')
        .set({ locked_until: until })
        .where('id', 'in', ids)
        .where('locked_by', '=', workerId)
        .where('status', '=', 'running')
        .execute();
    },

    async complete(id, workerId, now) {
      await db
        .updateTable('jobs')
        .set({ status: 'done', finished_at: now, locked_until: null })
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .execute();
    },

    async fail(id, workerId, error, retryAt, now) {
      await db
        .updateTable('jobs')
        .set(
          retryAt === null
            ? { status: 'failed', last_error: error, finished_at: now, locked_until: null }
            : { status: 'queued', last_error: error, run_at: retryAt, locked_by: null, locked_until: null },
        )
        .where('id', '=', id)
        .where('locked_by', '=', workerId)
        .execute();
    },

    async counts() {
      const rows = await db
        .selectFrom('jobs')
        .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
        .groupBy('status')
        .execute();
      const counts: JobCounts = { queued: 0, running: 0, done: 0, failed: 0 };
      for (const row of rows) {
        if (row.status in counts) counts[row.status as keyof JobCounts] = Number(row.n);
      }
      return counts;
    },

    async purgeFinished(before) {
      const result = await db
        .deleteFrom('jobs')
        .where('status', 'in', ['done', 'failed'])
        .where('finished_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
