// When deliveries go out: a channel's publishing budget (what it published lately, what is being published
// now), its pause after a "too many requests", putting a delivery back without spending an attempt, and
// moving a scheduled post to another time in one transaction.
import type { Kysely } from 'kysely';
import type { PacingRepository } from '@rostra/core';
import type { Database } from '../schema.js';
import { inTransaction } from './transaction.js';

export function createPacingRepository(db: Kysely<Database>): PacingRepository {
  return {
    async channelUsage(channelId, since, exceptTargetId) {
      const published = await db
        .selectFrom('post_targets')
        .select('published_at')
        .where('channel_id', '=', channelId)
        .where('status', '=', 'published')
        .where('published_at', '>', since)
        .orderBy('published_at')
        .execute();
      const inFlight = await db
        .selectFrom('post_targets')
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .where('channel_id', '=', channelId)
        .where('status', '=', 'publishing')
        .where('id', '!=', exceptTargetId)
        .executeTakeFirst();
      return {
        publishedAt: published.map((r) => Number(r.published_at)),
        inFlight: Number(inFlight?.n ?? 0),
      };
    },

    async pausedUntil(channelId) {
      const row = await db.selectFrom('channels').select('paused_until').where('id', '=', channelId).executeTakeFirst();
      return row?.paused_until === undefined || row.paused_until === null ? null : Number(row.paused_until);
    },

    async pauseChannel(channelId, until) {
      await db
        .updateTable('channels')
        .set({ paused_until: until })
        .where('id', '=', channelId)
        .where((eb) => eb.or([eb('paused_until', 'is', null), eb('paused_until', '<', until)]))
        .execute();
    },

    async deferHeld(targetId, owner, dueAt) {
      const result = await db
        .updateTable('post_targets')
        .set((eb) => ({
          status: 'scheduled',
          due_at: dueAt,
          attempts: eb('attempts', '-', 1),
          lease_owner: null,
          lease_until: null,
          updated_at: Date.now(),
        }))
        .where('id', '=', targetId)
        .where('status', '=', 'publishing')
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    reschedulePost: (postId, dueAt) =>
      // Bound to a caller's transaction already (the posts service's, with its audit entry), it joins it.
      inTransaction(db, async (trx) => {
        const now = Date.now();
        const moved = await trx
          .updateTable('posts')
          .set({ scheduled_at: dueAt, updated_at: now })
          .where('id', '=', postId)
          .where('status', '=', 'scheduled')
          .executeTakeFirst();
        if (Number(moved.numUpdatedRows) !== 1) return undefined;
        // Deliveries already out (or being sent) stay as they are; only those still waiting move.
        await trx
          .updateTable('post_targets')
          .set({ due_at: dueAt, updated_at: now })
          .where('post_id', '=', postId)
          .where('status', '=', 'scheduled')
          .execute();
        return trx
          .selectFrom('post_targets')
          .select(['id', 'attempts'])
          .where('post_id', '=', postId)
          .where('status', '=', 'scheduled')
          .orderBy('id')
          .execute();
      }),
  };
}
