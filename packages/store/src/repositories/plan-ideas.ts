// The idea bank's rows. Using an idea is a compare-and-set on `used_at`, so two people dropping the same idea on
// two slots at once make one draft from it, not two.
import type { Kysely, Selectable } from 'kysely';
import type { Idea, IdeaInput, IdeaRepository, IdeaSource } from '@rostra/core';
import type { Database, PlanIdeasTable } from '../schema.js';
import { newId } from '../ids.js';

function toIdea(row: Selectable<PlanIdeasTable>): Idea {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    title: row.title,
    notes: row.notes,
    themeId: row.theme_id,
    persona: row.persona,
    source: row.source as IdeaSource,
    mentionId: row.mention_id,
    sourceUrl: row.source_url,
    usedAt: row.used_at === null ? null : Number(row.used_at),
    usedPostId: row.used_post_id,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function inputColumns(input: IdeaInput) {
  return { title: input.title, notes: input.notes, theme_id: input.themeId, persona: input.persona };
}

export function createIdeaRepository(db: Kysely<Database>): IdeaRepository {
  const byId = (workspaceId: string, id: string) =>
    db.selectFrom('plan_ideas').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id);
  return {
    async listIdeas(workspaceId, filter = {}) {
      let query = db.selectFrom('plan_ideas').selectAll().where('workspace_id', '=', workspaceId);
      if (filter.used !== undefined) query = query.where('used_at', filter.used ? 'is not' : 'is', null);
      const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
      return rows.map(toIdea);
    },
    async getIdea(workspaceId, id) {
      const row = await byId(workspaceId, id).executeTakeFirst();
      return row && toIdea(row);
    },
    async findIdeaByMention(workspaceId, mentionId) {
      const row = await db
        .selectFrom('plan_ideas')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('mention_id', '=', mentionId)
        .executeTakeFirst();
      return row && toIdea(row);
    },
    async createIdea(workspaceId, idea) {
      const now = Date.now();
      const row = {
        id: newId(),
        workspace_id: workspaceId,
        ...inputColumns(idea),
        source: idea.source,
        mention_id: idea.mentionId,
        source_url: idea.sourceUrl,
        used_at: null,
        used_post_id: null,
        created_by: idea.createdBy,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('plan_ideas').values(row).execute();
      return toIdea(row);
    },
    async updateIdea(workspaceId, id, input) {
      const result = await db
        .updateTable('plan_ideas')
        .set({ ...inputColumns(input), updated_at: Date.now() })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return undefined;
      const row = await byId(workspaceId, id).executeTakeFirst();
      return row && toIdea(row);
    },
    async deleteIdea(workspaceId, id) {
      const result = await db
        .deleteFrom('plan_ideas')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    async markIdeaUsed(workspaceId, id, postId) {
      const now = Date.now();
      const result = await db
        .updateTable('plan_ideas')
        .set({ used_at: now, used_post_id: postId, updated_at: now })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
