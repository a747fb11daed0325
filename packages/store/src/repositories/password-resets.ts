// Password reset links: only the hash of the token is stored; a link is used once, compare-and-set.
import { newId } from '../ids.js';
import type { Kysely, Selectable } from 'kysely';
import type { PasswordReset, PasswordResetsRepository } from '@rostra/core';
import type { Database, PasswordResetsTable } from '../schema.js';

function toReset(row: Selectable<PasswordResetsTable>): PasswordReset {
  return {
    id: row.id,
    userId: row.user_id,
    createdBy: row.created_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

export function createPasswordResetsRepository(db: Kysely<Database>): PasswordResetsRepository {
  return {
    async create(reset) {
      const row = {
        id: newId(),
        user_id: reset.userId,
        token_hash: reset.tokenHash,
        created_by: reset.createdBy,
        created_at: Date.now(),
        expires_at: reset.expiresAt,
        used_at: null,
      };
      await db.insertInto('password_resets').values(row).execute();
      return toReset(row);
    },

    async findByTokenHash(tokenHash) {
      const row = await db
        .selectFrom('password_resets')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      return row && toReset(row);
    },

    async markUsed(id, at) {
      const result = await db
        .updateTable('password_resets')
        .set({ used_at: at })
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async invalidateForUser(userId, at) {
      await db
        .updateTable('password_resets')
        .set({ used_at: at })
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .execute();
    },

    async deleteExpired(before) {
      const result = await db.deleteFrom('password_resets').where('expires_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
