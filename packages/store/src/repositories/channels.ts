// Connected accounts. Credentials arrive sealed (encrypted by the server's secret box) and leave sealed.
import type { Kysely, Selectable } from 'kysely';
import type { Channel, ChannelStatus, ChannelsRepository } from '@rostra/core';
import type { ChannelsTable, Database } from '../schema.js';
import { newId } from '../ids.js';

function toChannel(row: Selectable<ChannelsTable>): Channel {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    network: row.network,
    name: row.name,
    accountId: row.account_id,
    status: row.status as ChannelStatus,
    credentialsExpiresAt: row.credentials_expires_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function createChannelsRepository(db: Kysely<Database>): ChannelsRepository {
  return {
    async upsert(channel) {
      const now = Date.now();
      // Reconnecting the same account keeps the channel (and its posts); the new credentials replace the old.
      await db
        .insertInto('channels')
        .values({
          id: newId(),
          workspace_id: channel.workspaceId,
          network: channel.network,
          name: channel.name,
          account_id: channel.accountId,
          status: 'active',
          credentials: channel.sealedCredentials,
          credentials_expires_at: channel.credentialsExpiresAt,
          last_error: null,
          created_by: channel.createdBy,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'network', 'account_id']).doUpdateSet({
            name: channel.name,
            status: 'active',
            credentials: channel.sealedCredentials,
            credentials_expires_at: channel.credentialsExpiresAt,
            last_error: null,
            updated_at: now,
          }),
        )
        .execute();
      const row = await db
        .selectFrom('channels')
        .selectAll()
        .where('workspace_id', '=', channel.workspaceId)
        .where('network', '=', channel.network)
        .where('account_id', '=', channel.accountId)
        .executeTakeFirstOrThrow();
      return toChannel(row);
    },

    async get(workspaceId, id) {
      const row = await db
        .selectFrom('channels')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toChannel(row);
    },

    async list(workspaceId) {
      const rows = await db
        .selectFrom('channels')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('network')
        .orderBy('name')
        .execute();
      return rows.map(toChannel);
    },

    async getSealedCredentials(id) {
      const row = await db.selectFrom('channels').select('credentials').where('id', '=', id).executeTakeFirst();
      return row?.credentials;
    },

    async updateCredentials(id, sealed, expiresAt) {
      await db
        .updateTable('channels')
        .set({ credentials: sealed, credentials_expires_at: expiresAt, updated_at: Date.now() })
        .where('id', '=', id)
        .execute();
    },

    async setStatus(id, status, lastError) {
      await db
        .updateTable('channels')
        .set({ status, last_error: lastError, updated_at: Date.now() })
        .where('id', '=', id)
        .execute();
    },

    async listExpiring(before, limit) {
      const rows = await db
        .selectFrom('channels')
        .selectAll()
        .where('status', '=', 'active')
        .where('credentials_expires_at', 'is not', null)
        .where('credentials_expires_at', '<', before)
        .orderBy('credentials_expires_at')
        .limit(limit)
        .execute();
      return rows.map(toChannel);
    },

    async savePendingOAuth(pending) {
      await db
        .insertInto('oauth_states')
        .values({
          state_hash: pending.stateHash,
          workspace_id: pending.workspaceId,
          user_id: pending.userId,
          network: pending.network,
          pending: pending.sealed,
          expires_at: pending.expiresAt,
        })
        .execute();
    },

    async peekPendingOAuth(stateHash, now) {
      const row = await db
        .selectFrom('oauth_states')
        .selectAll()
        .where('state_hash', '=', stateHash)
        .where('expires_at', '>=', now)
        .executeTakeFirst();
      if (!row) return undefined;
      return { workspaceId: row.workspace_id, userId: row.user_id, network: row.network, sealed: row.pending };
    },

    async takePendingOAuth(stateHash, now) {
      const row = await db
        .selectFrom('oauth_states')
        .selectAll()
        .where('state_hash', '=', stateHash)
        .executeTakeFirst();
      // Single use: whatever happens next, this state cannot be replayed; of two concurrent takers, only the
      // one whose delete removed the row gets it.
      const taken = await db.deleteFrom('oauth_states').where('state_hash', '=', stateHash).executeTakeFirst();
      await db.deleteFrom('oauth_states').where('expires_at', '<', now).execute();
      if (!row || row.expires_at < now || Number(taken.numDeletedRows) === 0) return undefined;
      return { workspaceId: row.workspace_id, userId: row.user_id, network: row.network, sealed: row.pending };
    },

    async delete(workspaceId, id) {
      await db.deleteFrom('channels').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
    },
  };
}
