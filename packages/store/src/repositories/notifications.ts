// In-app notifications: one row per recipient. A person reads only the notifications of workspaces they
// still belong to — leaving a workspace hides its notifications without deleting them.
import type { Kysely, Selectable } from 'kysely';
import type { Notification, NotificationParams, NotificationsRepository } from '@rostra/core';
import type { Database, NotificationsTable } from '../schema.js';
import { newId } from '../ids.js';

function toNotification(row: Selectable<NotificationsTable>): Notification {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    kind: row.kind,
    params: JSON.parse(row.params) as NotificationParams,
    link: row.link,
    actorId: row.actor_id,
    createdAt: Number(row.created_at),
    readAt: row.read_at === null ? null : Number(row.read_at),
  };
}

/** A cursor is "<created_at>.<id>" of the last item seen; anything else reads from the start. */
function decodeCursor(cursor: string): { at: number; id: string } | undefined {
  const dot = cursor.indexOf('.');
  const at = Number(cursor.slice(0, dot));
  return dot > 0 && Number.isSafeInteger(at) ? { at, id: cursor.slice(dot + 1) } : undefined;
}

export function createNotificationsRepository(db: Kysely<Database>): NotificationsRepository {
  /** The person's notifications in workspaces they are a member of (optionally one of them). */
  function mine(userId: string, workspaceId?: string) {
    let query = db
      .selectFrom('notifications')
      .where('user_id', '=', userId)
      .where('workspace_id', 'in', db.selectFrom('memberships').select('workspace_id').where('user_id', '=', userId));
    if (workspaceId) query = query.where('workspace_id', '=', workspaceId);
    return query;
  }

  async function countUnread(userId: string, workspaceId?: string): Promise<number> {
    const row = await mine(userId, workspaceId)
      .where('read_at', 'is', null)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  return {
    async create(items, at) {
      const rows = items.map((item) => ({
        id: newId(),
        workspace_id: item.workspaceId,
        user_id: item.userId,
        kind: item.kind,
        params: JSON.stringify(item.params),
        link: item.link,
        actor_id: item.actorId,
        created_at: at,
        read_at: null,
      }));
      if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
      return rows.map(toNotification);
    },

    async listForUser(userId, { workspaceId, cursor, limit, unreadOnly }) {
      let query = mine(userId, workspaceId)
        .selectAll()
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1);
      const after = cursor === undefined ? undefined : decodeCursor(cursor);
      if (after) {
        query = query.where((eb) =>
          eb.or([eb('created_at', '<', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)])]),
        );
      }
      if (unreadOnly) query = query.where('read_at', 'is', null);
      const rows = await query.execute();
      const items = rows.slice(0, limit).map(toNotification);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rows.length > limit && last ? `${last.createdAt}.${last.id}` : null,
        unread: await countUnread(userId, workspaceId),
      };
    },

    countUnread,

    async markRead(userId, id, at) {
      const row = await mine(userId).selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      // Reading twice keeps the first time it was read.
      if (row.read_at === null) {
        await db.updateTable('notifications').set({ read_at: at }).where('id', '=', id).execute();
        return toNotification({ ...row, read_at: at });
      }
      return toNotification(row);
    },

    async markAllRead(userId, at, workspaceId) {
      let query = db
        .updateTable('notifications')
        .set({ read_at: at })
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .where('workspace_id', 'in', db.selectFrom('memberships').select('workspace_id').where('user_id', '=', userId));
      if (workspaceId) query = query.where('workspace_id', '=', workspaceId);
      const result = await query.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
  };
}
