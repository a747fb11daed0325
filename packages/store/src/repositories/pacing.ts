// When deliveries go out: a channel's publishing budget (what it published lately, what is being published
// now), its pause after a "too many requests", putting a delivery back without spending an attempt, and
// moving a scheduled post to another time in one transaction.
import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

export interface PacingRepository {
  /**
   * Publication times (ascending) of the channel's deliveries published after `since`, plus how many
   * other deliveries of the channel are being published right now (claimed by a worker, not yet settled).
   */
  channelUsage(
    channelId: string,
    since: number,
    exceptTargetId: string,
  ): Promise<{ publishedAt: number[]; inFlight: number }>;
  pausedUntil(channelId: string): Promise<number | null>;
  /** Pauses the channel until `until`; a longer pause already set is kept. */
  pauseChannel(channelId: string, until: number): Promise<void>;
  /**
   * Gives a held delivery back to the schedule at `dueAt` without counting the attempt: it was never tried.
   * Only the lease owner may; false otherwise.
   */
  deferHeld(targetId: string, owner: string, dueAt: number): Promise<boolean>;
  /**
   * Moves a scheduled post and its scheduled deliveries to `dueAt`, atomically. Returns the deliveries moved,
   * or undefined when the post was not scheduled any more.
   */
  reschedulePost(postId: string, dueAt: number): Promise<Array<{ id: string; attempts: number }> | undefined>;
}

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
      db.transaction().execute(async (trx) => {
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
