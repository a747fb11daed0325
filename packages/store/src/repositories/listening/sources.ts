// Sources: settings and health, and the lease a worker takes (compare-and-set) while it polls or streams one;
// due polls least recently polled first, and each host's activity for politeness across workspaces.
import { sql, type Kysely } from 'kysely';
import type { HostActivity, SourcesRepository } from '@rostra/core';
import type { Database } from '../../schema.js';
import { newId } from '../../ids.js';
import { toSource } from './rows.js';

type SourceSettings = Pick<
  SourcesRepository,
  'createSource' | 'getSource' | 'listSources' | 'updateSource' | 'deleteSource'
>;

/** What people set: a source's network, kind, settings, label, interval, channel. */
function createSourceSettings(db: Kysely<Database>): SourceSettings {
  const repository: SourceSettings = {
    async createSource(source, now) {
      const row = {
        id: newId(),
        workspace_id: source.workspaceId,
        network: source.network,
        kind: source.kind,
        config: JSON.stringify(source.config),
        label: source.label,
        enabled: source.enabled ? 1 : 0,
        realtime: source.realtime ? 1 : 0,
        cursor: null,
        poll_interval_ms: source.pollIntervalMs,
        next_poll_at: now,
        host: source.host,
        last_polled_at: null,
        last_ok_at: null,
        last_error: null,
        last_error_code: null,
        last_error_at: null,
        consecutive_failures: 0,
        items_total: 0,
        lease_owner: null,
        lease_until: null,
        channel_id: source.channelId ?? null,
        created_by: source.createdBy,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('sources').values(row).execute();
      return toSource(row);
    },
    async getSource(workspaceId, id) {
      const row = await db
        .selectFrom('sources')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toSource(row);
    },
    async listSources(workspaceId) {
      const rows = await db
        .selectFrom('sources')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at')
        .execute();
      return rows.map(toSource);
    },
    async updateSource(workspaceId, id, patch) {
      await db
        .updateTable('sources')
        .set({
          ...(patch.label === undefined ? {} : { label: patch.label }),
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled ? 1 : 0 }),
          ...(patch.pollIntervalMs === undefined ? {} : { poll_interval_ms: patch.pollIntervalMs }),
          ...(patch.config === undefined ? {} : { config: JSON.stringify(patch.config) }),
          ...(patch.host === undefined ? {} : { host: patch.host }),
          ...(patch.nextPollAt === undefined ? {} : { next_poll_at: patch.nextPollAt }),
          ...(patch.channelId === undefined ? {} : { channel_id: patch.channelId }),
          updated_at: Date.now(),
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
      return repository.getSource(workspaceId, id);
    },
    async deleteSource(workspaceId, id) {
      const result = await db
        .deleteFrom('sources')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
  return repository;
}

/**
 * What workers do: due polls, hosts' activity, and the lease (compare-and-set) with the health it records. Nine
 * independent statements, one method each: the length is their list, not one flow.
 */
function createSourceLeases(db: Kysely<Database>): Omit<SourcesRepository, keyof SourceSettings> {
  return {
    async listDueSources(now, limit) {
      const rows = await db
        .selectFrom('sources')
        .selectAll()
        .where('enabled', '=', 1)
        .where('realtime', '=', 0)
        .where('next_poll_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        // Least recently polled first, not earliest due: a source postponed for its host's pace gets a new due
        // time each run, and ordered by it would lose to every source polled since — starved for good.
        .orderBy(sql`coalesce(last_polled_at, 0)`)
        .orderBy('next_poll_at')
        .limit(limit)
        .execute();
      return rows.map(toSource);
    },
    async readHostActivity(hosts, now) {
      const activity = new Map<string, HostActivity>();
      if (hosts.length === 0) return activity;
      const rows = await db
        .selectFrom('sources')
        .select((eb) => [
          'host',
          'workspace_id',
          eb.fn.max('last_polled_at').as('last'),
          // Only a poll makes a host busy: a stream holds its lease for as long as it lives, and counting it
          // would stop every polled source of that host, in every workspace, for good.
          eb.fn.max(sql<number>`case when realtime = 0 and lease_until >= ${now} then 1 else 0 end`).as('busy'),
        ])
        .where('host', 'in', hosts)
        .groupBy(['host', 'workspace_id'])
        .execute();
      for (const row of rows) {
        const host = row.host as string;
        const entry = activity.get(host) ?? { lastPolledAt: null, busy: false, lastPolledByWorkspace: new Map() };
        const last = row.last === null ? null : Number(row.last);
        if (last !== null) {
          entry.lastPolledByWorkspace.set(row.workspace_id, last);
          entry.lastPolledAt = Math.max(entry.lastPolledAt ?? last, last);
        }
        entry.busy ||= Number(row.busy) === 1;
        activity.set(host, entry);
      }
      return activity;
    },
    async claimSource(id, owner, now, leaseMs, realtime) {
      const result = await db
        .updateTable('sources')
        .set({ lease_owner: owner, lease_until: now + leaseMs, ...(realtime ? {} : { last_polled_at: now }) })
        .where('id', '=', id)
        .where('enabled', '=', 1)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async renewLease(id, owner, until) {
      const result = await db
        .updateTable('sources')
        .set({ lease_until: until })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .where('enabled', '=', 1)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async listClaimableStreams(now, limit) {
      const rows = await db
        .selectFrom('sources')
        .selectAll()
        .where('enabled', '=', 1)
        .where('realtime', '=', 1)
        .where('next_poll_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .orderBy('next_poll_at')
        .limit(limit)
        .execute();
      return rows.map(toSource);
    },
    async postpone(id, nextPollAt) {
      await db.updateTable('sources').set({ next_poll_at: nextPollAt }).where('id', '=', id).execute();
    },
    async recordSuccess(id, owner, result) {
      const update = await db
        .updateTable('sources')
        .set({
          cursor: result.cursor,
          last_ok_at: result.now,
          consecutive_failures: 0,
          next_poll_at: result.nextPollAt,
          ...(result.keepLease ? {} : { lease_owner: null, lease_until: null }),
        })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(update.numUpdatedRows) === 1;
    },
    async recordFailure(id, owner, failure) {
      await db
        .updateTable('sources')
        .set((eb) => ({
          last_error: failure.message.slice(0, 2000),
          last_error_code: failure.code,
          last_error_at: failure.now,
          consecutive_failures: eb('consecutive_failures', '+', 1),
          next_poll_at: failure.nextPollAt,
          lease_owner: null,
          lease_until: null,
        }))
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },
    async releaseLease(id, owner) {
      await db
        .updateTable('sources')
        .set({ lease_owner: null, lease_until: null })
        .where('id', '=', id)
        .where('lease_owner', '=', owner)
        .execute();
    },
  };
}

export function createSourcesRepository(db: Kysely<Database>): SourcesRepository {
  return { ...createSourceSettings(db), ...createSourceLeases(db) };
}
