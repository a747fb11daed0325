// Workspace API keys: the secret is shown once; only its SHA-256 is stored.
import { newId } from '../ids.js';
import type { Kysely, Selectable } from 'kysely';
import type { ApiKey, ApiKeysRepository, Role } from '@rostra/core';
import type { ApiKeysTable, Database } from '../schema.js';

function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    prefix: row.prefix,
    role: row.role as Role,
    createdBy: row.created_by,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export function createApiKeysRepository(db: Kysely<Database>): ApiKeysRepository {
  return {
    async create(key) {
      const row = {
        id: newId(),
        workspace_id: key.workspaceId,
        name: key.name,
        prefix: key.prefix,
        secret_hash: key.secretHash,
        role: key.role,
        created_by: key.createdBy,
        created_at: Date.now(),
        last_used_at: null,
        revoked_at: null,
      };
      await db.insertInto('api_keys').values(row).execute();
      return toApiKey(row);
    },

    async get(workspaceId, id) {
      const row = await db
        .selectFrom('api_keys')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toApiKey(row);
    },

    async findBySecretHash(secretHash) {
      const row = await db.selectFrom('api_keys').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
      return row && toApiKey(row);
    },

    async list(workspaceId) {
      const rows = await db
        .selectFrom('api_keys')
        .leftJoin('users', 'users.id', 'api_keys.created_by')
        .selectAll('api_keys')
        .select('users.name as created_by_name')
        .where('api_keys.workspace_id', '=', workspaceId)
        .orderBy('api_keys.created_at', 'desc')
        .execute();
      return rows.map((r) => ({ ...toApiKey(r), createdByName: r.created_by_name }));
    },

    async revoke(id, at) {
      await db
        .updateTable('api_keys')
        .set({ revoked_at: at })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
    },

    async touch(id, at) {
      await db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}
