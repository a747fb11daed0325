// The editorial charter per workspace, each save a new version (compare-and-set on the version number): the
// current charter is the highest version; the others are its history.
import type { Kysely } from 'kysely';
import { parseStoredCharter, type CharterRepository, type StoredCharter } from '@rostra/core';
import type { Database } from '../schema.js';

export function createCharterRepository(db: Kysely<Database>): CharterRepository {
  return {
    async get(workspaceId) {
      const row = await db
        .selectFrom('editorial_charters')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        charter: parseStoredCharter(row.charter),
        version: Number(row.version),
        updatedBy: row.updated_by,
        updatedAt: Number(row.updated_at),
      };
    },

    async save(workspaceId, charter, expectedVersion, updatedBy): Promise<StoredCharter | undefined> {
      const saved: StoredCharter = { charter, version: expectedVersion + 1, updatedBy, updatedAt: Date.now() };
      // The version is part of the key: when someone else stored it first, nothing is inserted.
      const result = await db
        .insertInto('editorial_charters')
        .values({
          workspace_id: workspaceId,
          version: saved.version,
          charter: JSON.stringify(charter),
          updated_by: updatedBy,
          updated_at: saved.updatedAt,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'version']).doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1 ? saved : undefined;
    },

    async history(workspaceId, limit) {
      const rows = await db
        .selectFrom('editorial_charters')
        .select(['version', 'updated_by', 'updated_at'])
        .where('workspace_id', '=', workspaceId)
        .orderBy('version', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        version: Number(r.version),
        updatedBy: r.updated_by,
        updatedAt: Number(r.updated_at),
      }));
    },
  };
}
