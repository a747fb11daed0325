// Live processes: each worker beats here, so health can tell a dead job runner from a quiet one.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface WorkerInfo {
  id: string;
  role: string;
  driver: string;
  host: string;
  pid: number;
  startedAt: number;
  heartbeatAt: number;
}

export interface WorkersRepository {
  beat(worker: WorkerInfo): Promise<void>;
  listAlive(since: number): Promise<WorkerInfo[]>;
  remove(id: string): Promise<void>;
  /** Forgets workers silent since `before`. */
  prune(before: number): Promise<number>;
}

export function createWorkersRepository(db: Kysely<Database>): WorkersRepository {
  return {
    async beat(worker) {
      await db
        .insertInto('workers')
        .values({
          id: worker.id,
          role: worker.role,
          driver: worker.driver,
          host: worker.host,
          pid: worker.pid,
          started_at: worker.startedAt,
          heartbeat_at: worker.heartbeatAt,
        })
        .onConflict((oc) => oc.column('id').doUpdateSet({ heartbeat_at: worker.heartbeatAt }))
        .execute();
    },

    async listAlive(since) {
      const rows = await db
        .selectFrom('workers')
        .selectAll()
        .where('heartbeat_at', '>=', since)
        .orderBy('started_at')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        role: r.role,
        driver: r.driver,
        host: r.host,
        pid: r.pid,
        startedAt: r.started_at,
        heartbeatAt: r.heartbeat_at,
      }));
    },

    async remove(id) {
      await db.deleteFrom('workers').where('id', '=', id).execute();
    },

    async prune(before) {
      const result = await db.deleteFrom('workers').where('heartbeat_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
