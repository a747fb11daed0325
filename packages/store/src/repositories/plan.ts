// The animation plan's rows: rubrics, planned slots and the plan's settings (with the idea bank and the events
// calendar, in their own files). Regeneration's creations skip a slot an overlapping run already made (the
// rubric-channel-day unique key), so no slot is ever doubled.
import type { Kysely, Selectable } from 'kysely';
import {
  DEFAULT_PLAN_SETTINGS,
  type HolidayKey,
  type HolidayRegion,
  type PlanRepository,
  type PlanSlot,
  type Rubric,
  type RubricInput,
  type RubricPeriod,
  type SlotPatch,
} from '@rostra/core';
import type { Database, PlanRubricsTable, PlanSlotsTable } from '../schema.js';
import { newId } from '../ids.js';
import { inTransaction } from './transaction.js';
import { createIdeaRepository } from './plan-ideas.js';
import { createPlanEventRepository } from './plan-events.js';

function toRubric(row: Selectable<PlanRubricsTable>): Rubric {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    objective: row.objective,
    objectiveId: row.objective_id,
    persona: row.persona,
    channelIds: JSON.parse(row.channel_ids) as string[],
    period: JSON.parse(row.period) as RubricPeriod,
    time: row.time,
    themeId: row.theme_id,
    contentTypeId: row.content_type_id,
    ownerId: row.owner_id,
    backupOwnerId: row.backup_owner_id,
    brief: row.brief,
    keepOnHolidays: row.keep_on_holidays === 1,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function rubricColumns(input: RubricInput) {
  return {
    name: input.name,
    objective: input.objective,
    objective_id: input.objectiveId,
    persona: input.persona,
    channel_ids: JSON.stringify(input.channelIds),
    period: JSON.stringify(input.period),
    time: input.time,
    theme_id: input.themeId,
    content_type_id: input.contentTypeId,
    owner_id: input.ownerId,
    backup_owner_id: input.backupOwnerId,
    brief: input.brief,
    keep_on_holidays: input.keepOnHolidays ? 1 : 0,
  };
}

function toSlot(row: Selectable<PlanSlotsTable>): PlanSlot {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    rubricId: row.rubric_id,
    channelId: row.channel_id,
    localDate: row.local_date,
    localTime: row.local_time,
    at: Number(row.at),
    holiday: row.holiday as HolidayKey | null,
    skipped: row.skipped === 1,
    offRubric: row.off_rubric === 1,
    themeId: row.theme_id,
    contentTypeId: row.content_type_id,
    postId: row.post_id,
    createdAt: Number(row.created_at),
  };
}

function slotColumns(patch: SlotPatch) {
  return {
    ...(patch.localTime !== undefined ? { local_time: patch.localTime } : {}),
    ...(patch.at !== undefined ? { at: patch.at } : {}),
    ...(patch.holiday !== undefined ? { holiday: patch.holiday } : {}),
    ...(patch.skipped !== undefined ? { skipped: patch.skipped ? 1 : 0 } : {}),
    ...(patch.offRubric !== undefined ? { off_rubric: patch.offRubric ? 1 : 0 } : {}),
    ...(patch.themeId !== undefined ? { theme_id: patch.themeId } : {}),
    ...(patch.contentTypeId !== undefined ? { content_type_id: patch.contentTypeId } : {}),
  };
}

export function createPlanRepository(db: Kysely<Database>): PlanRepository {
  return {
    ...createIdeaRepository(db),
    ...createPlanEventRepository(db),
    async listRubrics(workspaceId) {
      const rows = await db
        .selectFrom('plan_rubrics')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('name')
        .execute();
      return rows.map(toRubric);
    },
    async getRubric(workspaceId, id) {
      const row = await db
        .selectFrom('plan_rubrics')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toRubric(row);
    },
    async createRubric(workspaceId, input) {
      const now = Date.now();
      const row = { id: newId(), workspace_id: workspaceId, ...rubricColumns(input), created_at: now, updated_at: now };
      await db.insertInto('plan_rubrics').values(row).execute();
      return toRubric(row);
    },
    async updateRubric(workspaceId, id, input) {
      const result = await db
        .updateTable('plan_rubrics')
        .set({ ...rubricColumns(input), updated_at: Date.now() })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return undefined;
      return this.getRubric(workspaceId, id);
    },
    async deleteRubric(workspaceId, id) {
      const result = await db
        .deleteFrom('plan_rubrics')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async listSlots(workspaceId, range) {
      const rows = await db
        .selectFrom('plan_slots')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('at', '>', range.from)
        .where('at', '<', range.to)
        .orderBy('at')
        .orderBy('channel_id')
        .execute();
      return rows.map(toSlot);
    },
    async getSlot(workspaceId, id) {
      const row = await db
        .selectFrom('plan_slots')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toSlot(row);
    },
    async applyChanges(workspaceId, changes) {
      const now = Date.now();
      await inTransaction(db, async (trx) => {
        if (changes.remove.length > 0) {
          // Only slots still empty: a post attached meanwhile keeps its slot.
          await trx
            .deleteFrom('plan_slots')
            .where('workspace_id', '=', workspaceId)
            .where('id', 'in', changes.remove)
            .where('post_id', 'is', null)
            .execute();
        }
        for (const { id, patch } of changes.update) {
          await trx
            .updateTable('plan_slots')
            .set({ ...slotColumns(patch), updated_at: now })
            .where('workspace_id', '=', workspaceId)
            .where('id', '=', id)
            .execute();
        }
        for (const slot of changes.create) {
          await trx
            .insertInto('plan_slots')
            .values({
              id: newId(),
              workspace_id: workspaceId,
              rubric_id: slot.rubricId,
              channel_id: slot.channelId,
              local_date: slot.localDate,
              local_time: slot.localTime,
              at: slot.at,
              holiday: slot.holiday,
              skipped: slot.skipped ? 1 : 0,
              off_rubric: 0,
              theme_id: slot.themeId,
              content_type_id: slot.contentTypeId,
              post_id: null,
              created_at: now,
              updated_at: now,
            })
            .onConflict((oc) => oc.columns(['rubric_id', 'channel_id', 'local_date']).doNothing())
            .execute();
        }
      });
    },
    async attachPost(workspaceId, slotId, postId) {
      const result = await db
        .updateTable('plan_slots')
        .set({ post_id: postId, updated_at: Date.now() })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', slotId)
        .where('post_id', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async getSettings(workspaceId) {
      const row = await db
        .selectFrom('plan_settings')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      if (!row) return { ...DEFAULT_PLAN_SETTINGS, targets: {} };
      return {
        holidayRegion: row.holiday_region as HolidayRegion,
        targets: JSON.parse(row.targets) as Record<string, number>,
      };
    },
    async setSettings(workspaceId, settings) {
      const values = {
        holiday_region: settings.holidayRegion,
        targets: JSON.stringify(settings.targets),
        updated_at: Date.now(),
      };
      await db
        .insertInto('plan_settings')
        .values({ workspace_id: workspaceId, ...values })
        .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
        .execute();
    },
  };
}
