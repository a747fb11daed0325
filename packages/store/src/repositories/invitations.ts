// Invitations by link: only the hash of the token is stored.
import { newId } from '../ids.js';
import type { Kysely, Selectable } from 'kysely';
import type { Invitation, InvitationEmailStatus, InvitationsRepository, Role } from '@rostra/core';
import type { Database, InvitationsTable } from '../schema.js';
import { normaliseEmail } from './accounts.js';

function toInvitation(row: Selectable<InvitationsTable>): Invitation {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    email: row.email,
    role: row.role as Role,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    acceptedBy: row.accepted_by,
    revokedAt: row.revoked_at,
    emailStatus: row.email_status as InvitationEmailStatus | null,
    emailError: row.email_error,
  };
}

export function createInvitationsRepository(db: Kysely<Database>): InvitationsRepository {
  return {
    async create(invitation) {
      const row = {
        id: newId(),
        workspace_id: invitation.workspaceId,
        email: normaliseEmail(invitation.email),
        role: invitation.role,
        token_hash: invitation.tokenHash,
        invited_by: invitation.invitedBy,
        created_at: Date.now(),
        expires_at: invitation.expiresAt,
        accepted_at: null,
        accepted_by: null,
        revoked_at: null,
        email_status: invitation.emailStatus ?? null,
        email_error: null,
      };
      await db.insertInto('invitations').values(row).execute();
      return toInvitation(row);
    },

    async get(workspaceId, id) {
      const row = await db
        .selectFrom('invitations')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toInvitation(row);
    },

    async findByTokenHash(tokenHash) {
      const row = await db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && toInvitation(row);
    },

    async list(workspaceId) {
      const rows = await db
        .selectFrom('invitations')
        .innerJoin('users', 'users.id', 'invitations.invited_by')
        .selectAll('invitations')
        .select('users.name as invited_by_name')
        .where('invitations.workspace_id', '=', workspaceId)
        .orderBy('invitations.created_at', 'desc')
        .execute();
      return rows.map((r) => ({ ...toInvitation(r), invitedByName: r.invited_by_name }));
    },

    async markAccepted(id, userId, at) {
      await db.updateTable('invitations').set({ accepted_at: at, accepted_by: userId }).where('id', '=', id).execute();
    },

    async setEmailStatus(id, status, error) {
      await db
        .updateTable('invitations')
        .set({ email_status: status, email_error: error })
        .where('id', '=', id)
        .execute();
    },

    async revoke(id, at) {
      await db.updateTable('invitations').set({ revoked_at: at }).where('id', '=', id).execute();
    },
  };
}
