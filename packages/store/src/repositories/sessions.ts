// Login sessions: the cookie holds a random token; the table holds its SHA-256.
import { newId } from '../ids.js';
import type { Kysely } from 'kysely';
import type { SessionsRepository } from '@rostra/core';
import type { Database } from '../schema.js';

export function createSessionsRepository(db: Kysely<Database>): SessionsRepository {
  return {
    async create(session) {
      const now = Date.now();
      const row = {
        id: newId(),
        token_hash: session.tokenHash,
        user_id: session.userId,
        csrf_token: session.csrfToken,
        created_at: now,
        expires_at: session.expiresAt,
        last_seen_at: now,
        ip: session.ip,
        user_agent: session.userAgent,
      };
      await db.insertInto('sessions').values(row).execute();
      return {
        id: row.id,
        userId: row.user_id,
        csrfToken: row.csrf_token,
        createdAt: now,
        expiresAt: row.expires_at,
        lastSeenAt: now,
      };
    },

    async findByTokenHash(tokenHash) {
      const row = await db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return (
        row && {
          id: row.id,
          userId: row.user_id,
          csrfToken: row.csrf_token,
          createdAt: row.created_at,
          expiresAt: row.expires_at,
          lastSeenAt: row.last_seen_at,
        }
      );
    },

    async extend(id, lastSeenAt, expiresAt) {
      await db
        .updateTable('sessions')
        .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
        .where('id', '=', id)
        .execute();
    },

    async delete(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },

    async deleteForUser(userId, keepId) {
      let query = db.deleteFrom('sessions').where('user_id', '=', userId);
      if (keepId !== undefined) query = query.where('id', '!=', keepId);
      const result = await query.executeTakeFirst();
      return Number(result.numDeletedRows);
    },

    async deleteExpired(now) {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
