// What /api/health reports: each part checked for real, so "ok" means the whole system works.
import type { Store } from '@rostra/store';
import type { JobQueue } from '@rostra/core';
import { HEARTBEAT_TIMEOUT_MS } from './jobs/worker.js';

export interface HealthReport {
  status: 'ok' | 'degraded';
  checks: {
    database: { ok: boolean; dialect: string; latencyMs: number | null; error?: string };
    migrations: { ok: boolean; applied: number; pending: string[]; unknown: string[] };
    jobs: {
      ok: boolean;
      driver: string;
      workers: Array<{ id: string; role: string; heartbeatAt: string }>;
      queued: number | null;
      failed: number | null;
      error?: string;
    };
    publishing: { ok: boolean; overdue: number; error?: string };
  };
}

/** A delivery still waiting this long after its time means publishing is stuck: health says so. */
export const OVERDUE_AFTER_MS = 5 * 60_000;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function checkHealth(deps: { store: Store; queue: JobQueue }): Promise<HealthReport> {
  const { store, queue } = deps;
  const started = performance.now();
  let database: HealthReport['checks']['database'];
  try {
    await store.ping();
    database = { ok: true, dialect: store.dialect, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
  } catch (error) {
    database = { ok: false, dialect: store.dialect, latencyMs: null, error: errorText(error) };
  }

  let migrations: HealthReport['checks']['migrations'] = { ok: false, applied: 0, pending: [], unknown: [] };
  if (database.ok) {
    const status = await store.migrationStatus().catch(() => undefined);
    if (status) {
      migrations = {
        ok: status.pending.length === 0 && status.unknown.length === 0,
        applied: status.applied.length,
        pending: status.pending,
        unknown: status.unknown,
      };
    }
  }

  let jobs: HealthReport['checks']['jobs'];
  try {
    // A worker counts as alive only if it beat recently; it beats only while its job loop runs.
    const workers = database.ok ? await store.workers.listAlive(Date.now() - HEARTBEAT_TIMEOUT_MS) : [];
    const counts = await queue.counts();
    jobs = {
      ok: workers.length > 0,
      driver: queue.driver,
      workers: workers.map((w) => ({ id: w.id, role: w.role, heartbeatAt: new Date(w.heartbeatAt).toISOString() })),
      queued: counts.queued,
      failed: counts.failed,
      ...(workers.length === 0 ? { error: 'No job worker has reported in the last 20 s' } : {}),
    };
  } catch (error) {
    jobs = { ok: false, driver: queue.driver, workers: [], queued: null, failed: null, error: errorText(error) };
  }

  let publishing: HealthReport['checks']['publishing'] = { ok: false, overdue: 0 };
  if (database.ok) {
    const overdue = (await store.deliveries.listDue(Date.now() - OVERDUE_AFTER_MS, 100)).length;
    publishing = {
      ok: overdue === 0,
      overdue,
      ...(overdue > 0
        ? { error: `${overdue === 100 ? '100+' : overdue} post(s) should have gone out over 5 minutes ago` }
        : {}),
    };
  }

  const ok = database.ok && migrations.ok && jobs.ok && publishing.ok;
  return { status: ok ? 'ok' : 'degraded', checks: { database, migrations, jobs, publishing } };
}
