// The audit log: append-only, newest first, paged with an opaque cursor.
import { newId } from '../ids.js';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Actor, AuditEntry, AuditRepository } from '@rostra/core';
import type { AuditLogTable, Database } from '../schema.js';

function toActor(row: Selectable<AuditLogTable>): Actor {
  if (row.actor_type === 'user') return { type: 'user', id: row.actor_id ?? '', label: row.actor_label };
  if (row.actor_type === 'api_key') return { type: 'api_key', id: row.actor_id ?? '', label: row.actor_label };
  return { type: 'system', id: null, label: row.actor_label };
}

function toEntry(row: Selectable<AuditLogTable>): AuditEntry {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    workspaceId: row.workspace_id,
    actor: toActor(row),
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    userAgent: row.user_agent,
    details: JSON.parse(row.details) as Record<string, unknown>,
    at: row.created_at,
  };
}

function encodeCursor(entry: AuditEntry): string {
  return Buffer.from(`${entry.at}:${entry.id}`).toString('base64url');
}

function decodeCursor(cursor: string): { at: number; id: string } | undefined {
  const [at, id] = Buffer.from(cursor, 'base64url').toString().split(':');
  const time = Number(at);
  if (!id || !Number.isSafeInteger(time)) return undefined;
  return { at: time, id };
}

export function createAuditRepository(db: Kysely<Database>): AuditRepository {
  return {
    async record(entry) {
      const row = {
        id: newId(),
        organisation_id: entry.organisationId,
        workspace_id: entry.workspaceId,
        actor_type: entry.actor.type,
        actor_id: entry.actor.id,
        actor_label: entry.actor.label,
        action: entry.action,
        target_type: entry.targetType,
        target_id: entry.targetId,
        ip: entry.ip,
        user_agent: entry.userAgent,
        details: JSON.stringify(entry.details),
        created_at: Date.now(),
      };
      await db.insertInto('audit_log').values(row).execute();
      return toEntry(row);
    },

    async list({ workspaceId, limit, cursor, action, actorId, from, to }) {
      let query = db
        .selectFrom('audit_log')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit + 1);
      // A prefix compared as it is (LIKE would read `_` in `member.role_changed` as a wildcard).
      if (action) query = query.where(sql<string>`substr(action, 1, ${action.length})`, '=', action);
      if (actorId) query = query.where('actor_id', '=', actorId);
      if (from !== undefined) query = query.where('created_at', '>=', from);
      if (to !== undefined) query = query.where('created_at', '<', to);
      const after = cursor ? decodeCursor(cursor) : undefined;
      if (after) {
        query = query.where((eb) =>
          eb.or([eb('created_at', '<', after.at), eb.and([eb('created_at', '=', after.at), eb('id', '<', after.id)])]),
        );
      }
      const rows = await query.execute();
      const items = rows.slice(0, limit).map(toEntry);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
    },
  };
}
