// The animation plan: recurring rubrics, the slots generated from them (one per rubric, channel and local day) and
// the plan's settings (holiday region, posts-a-week targets per channel).
import type { Kysely, Migration } from 'kysely';

export const animationPlan: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('plan_rubrics')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('objective', 'text', (c) => c.notNull().defaultTo(''))
      /** Will reference a strategy objective once they exist. */
      .addColumn('objective_id', 'text')
      .addColumn('persona', 'text', (c) => c.notNull().defaultTo(''))
      /** JSON array of channel ids. */
      .addColumn('channel_ids', 'text', (c) => c.notNull())
      /** JSON: core's RubricPeriod (weekly | every_n_weeks | monthly). */
      .addColumn('period', 'text', (c) => c.notNull())
      .addColumn('time', 'text', (c) => c.notNull())
      .addColumn('theme_id', 'text', (c) => c.references('themes.id').onDelete('set null'))
      .addColumn('content_type_id', 'text', (c) => c.references('content_types.id').onDelete('set null'))
      .addColumn('owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('backup_owner_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('brief', 'text', (c) => c.notNull().defaultTo(''))
      .addColumn('keep_on_holidays', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addUniqueConstraint('plan_rubrics_name_unique', ['workspace_id', 'name'])
      .execute();

    await db.schema
      .createTable('plan_slots')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      /** null once the rubric is deleted (the slot stays only when a post is attached). */
      .addColumn('rubric_id', 'text', (c) => c.references('plan_rubrics.id').onDelete('set null'))
      .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id').onDelete('cascade'))
      .addColumn('local_date', 'text', (c) => c.notNull())
      .addColumn('local_time', 'text', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      /** core's HolidayKey when the date is a public holiday. */
      .addColumn('holiday', 'text')
      .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('off_rubric', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('theme_id', 'text', (c) => c.references('themes.id').onDelete('set null'))
      .addColumn('content_type_id', 'text', (c) => c.references('content_types.id').onDelete('set null'))
      .addColumn('post_id', 'text', (c) => c.references('posts.id').onDelete('set null'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      // What makes regeneration idempotent even when two runs overlap.
      .addUniqueConstraint('plan_slots_rubric_day_unique', ['rubric_id', 'channel_id', 'local_date'])
      .execute();
    await db.schema
      .createIndex('plan_slots_workspace_at_idx')
      .on('plan_slots')
      .columns(['workspace_id', 'at'])
      .execute();
    await db.schema.createIndex('plan_slots_post_idx').on('plan_slots').column('post_id').execute();

    await db.schema
      .createTable('plan_settings')
      .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
      /** france | alsace_moselle */
      .addColumn('holiday_region', 'text', (c) => c.notNull())
      /** JSON object: channel id → posts a week. */
      .addColumn('targets', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
  },
};
