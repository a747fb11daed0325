// Topics: a workspace's named queries, unique by name, with a version the pipeline caches its index by.
import { sql, type Kysely } from 'kysely';
import { AppError, type TopicsRepository } from '@rostra/core';
import type { Database } from '../../schema.js';
import { newId } from '../../ids.js';
import { toTopic } from './rows.js';

/** The port's methods, each short and independent: the factory's length is their list, not one flow. */
export function createTopicsRepository(db: Kysely<Database>): TopicsRepository {
  const repository: TopicsRepository = {
    async createTopic(topic) {
      const now = Date.now();
      const row = {
        id: newId(),
        workspace_id: topic.workspaceId,
        name: topic.name,
        topic_group: topic.group,
        query: topic.query,
        enabled: topic.enabled ? 1 : 0,
        color: topic.color,
        created_by: topic.createdBy,
        created_at: now,
        updated_at: now,
      };
      const clash = await db
        .selectFrom('topics')
        .select('id')
        .where('workspace_id', '=', topic.workspaceId)
        .where('name', '=', topic.name)
        .executeTakeFirst();
      if (clash) throw new AppError('conflict', `A topic is already named "${topic.name}"`, { field: 'name' });
      await db.insertInto('topics').values(row).execute();
      return toTopic(row);
    },
    async getTopic(workspaceId, id) {
      const row = await db
        .selectFrom('topics')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toTopic(row);
    },
    async listTopics(workspaceId) {
      const rows = await db
        .selectFrom('topics')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('topic_group')
        .orderBy('name')
        .execute();
      return rows.map(toTopic);
    },
    async updateTopic(workspaceId, id, patch) {
      const now = Date.now();
      if (patch.name !== undefined) {
        const clash = await db
          .selectFrom('topics')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .where('name', '=', patch.name)
          .where('id', '!=', id)
          .executeTakeFirst();
        if (clash) throw new AppError('conflict', `A topic is already named "${patch.name}"`, { field: 'name' });
      }
      await db
        .updateTable('topics')
        .set({
          ...(patch.name === undefined ? {} : { name: patch.name }),
          ...(patch.group === undefined ? {} : { topic_group: patch.group }),
          ...(patch.query === undefined ? {} : { query: patch.query }),
          ...(patch.enabled === undefined ? {} : { enabled: patch.enabled ? 1 : 0 }),
          ...(patch.color === undefined ? {} : { color: patch.color }),
          // Strictly later than before, even within one millisecond: the topics' version sums these.
          updated_at: sql<number>`CASE WHEN updated_at >= ${now} THEN updated_at + 1 ELSE ${now} END`,
        })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
      return repository.getTopic(workspaceId, id);
    },
    async deleteTopic(workspaceId, id) {
      const result = await db
        .deleteFrom('topics')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async readTopicsVersion(workspaceId) {
      const row = await db
        .selectFrom('topics')
        .select((eb) => [
          eb.fn.countAll<number>().as('n'),
          eb.fn.sum<number | string>('updated_at').as('total'),
          eb.fn.max('id').as('newest'),
        ])
        .where('workspace_id', '=', workspaceId)
        .executeTakeFirstOrThrow();
      // Every write moves its topic's updated_at strictly forward, so the sum moves on every change (a latest
      // timestamp would not, for two writes in one millisecond); the count catches a deletion, the newest id
      // (time-ordered) a creation.
      return `${Number(row.n)}:${String(row.total ?? 0)}:${row.newest ?? ''}`;
    },
  };
  return repository;
}
