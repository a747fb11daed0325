// A workspace's inbox service levels (one JSON document) and its saved replies.
import type { Kysely, Selectable } from 'kysely';
import type { InboxAutomationRepository, ServiceLevels, StoredSavedReply } from '@rostra/core';
import type { Database, InboxSavedRepliesTable } from '../../schema.js';
import { newId } from '../../ids.js';

type SettingsSide = Pick<
  InboxAutomationRepository,
  | 'getServiceLevels'
  | 'saveServiceLevels'
  | 'listSavedReplies'
  | 'getSavedReply'
  | 'createSavedReply'
  | 'updateSavedReply'
  | 'deleteSavedReply'
>;

function toSavedReply(row: Selectable<InboxSavedRepliesTable>): StoredSavedReply {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    name: row.name,
    text: row.text,
    link: row.link,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export function createInboxSettingsRepository(db: Kysely<Database>): SettingsSide {
  const getSavedReply = async (workspaceId: string, id: string) => {
    const row = await db
      .selectFrom('inbox_saved_replies')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toSavedReply(row);
  };
  return {
    async getServiceLevels(workspaceId) {
      const row = await db
        .selectFrom('inbox_service_levels')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        levels: JSON.parse(row.levels) as ServiceLevels,
        updatedBy: row.updated_by,
        updatedAt: Number(row.updated_at),
      };
    },
    async saveServiceLevels(workspaceId, levels, updatedBy, at) {
      const values = { levels: JSON.stringify(levels), updated_by: updatedBy, updated_at: at };
      await db
        .insertInto('inbox_service_levels')
        .values({ workspace_id: workspaceId, ...values })
        .onConflict((oc) => oc.column('workspace_id').doUpdateSet(values))
        .execute();
      return { levels, updatedBy, updatedAt: at };
    },
    async listSavedReplies(workspaceId) {
      const rows = await db
        .selectFrom('inbox_saved_replies')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map(toSavedReply);
    },
    getSavedReply,
    async createSavedReply(workspaceId, input, createdBy, at) {
      const row = {
        id: newId(at),
        workspace_id: workspaceId,
        name: input.name,
        text: input.text,
        link: input.link,
        created_by: createdBy,
        created_at: at,
        updated_at: at,
      };
      await db.insertInto('inbox_saved_replies').values(row).execute();
      return toSavedReply(row);
    },
    async updateSavedReply(workspaceId, id, input, at) {
      const result = await db
        .updateTable('inbox_saved_replies')
        .set({ name: input.name, text: input.text, link: input.link, updated_at: at })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? getSavedReply(workspaceId, id) : undefined;
    },
    async deleteSavedReply(workspaceId, id) {
      const result = await db
        .deleteFrom('inbox_saved_replies')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}
