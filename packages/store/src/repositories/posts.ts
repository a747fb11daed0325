// Posts and their deliveries to each channel (targets), including the leased claim that makes
// publishing safe with many workers: a target moves scheduled → publishing for exactly one owner.
import type { ExpressionBuilder, Kysely, Selectable, Updateable } from 'kysely';
import type {
  DeliveriesRepository,
  DeliveryStatus,
  FailureCode,
  Post,
  PostStatus,
  PostTarget,
  PostsRepository,
  PublishedPart,
  TargetInput,
  ThreadPlan,
} from '@rostra/core';
import type { Database, PostTargetsTable, PostsTable } from '../schema.js';
import { newId } from '../ids.js';
import { containsWord, postSearchText, searchWords } from './post-search.js';

function toPost(row: Selectable<PostsTable>): Post {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    text: row.text,
    status: row.status as PostStatus,
    themeId: row.theme_id,
    contentTypeId: row.content_type_id,
    ownerId: row.owner_id,
    backupOwnerId: row.backup_owner_id,
    scheduledAt: row.scheduled_at,
    languages: JSON.parse(row.languages ?? '[]') as string[],
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toTarget(row: Selectable<PostTargetsTable>): PostTarget {
  return {
    id: row.id,
    postId: row.post_id,
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    text: row.text,
    status: row.status as DeliveryStatus,
    dueAt: row.due_at,
    attempts: row.attempts,
    leaseOwner: row.lease_owner,
    leaseUntil: row.lease_until,
    published:
      row.published_id !== null && row.published_url !== null && row.published_at !== null
        ? {
            id: row.published_id,
            url: row.published_url,
            extra: JSON.parse(row.published_extra ?? '{}') as Record<string, string>,
            at: row.published_at,
          }
        : null,
    lastErrorCode: row.last_error_code as FailureCode | null,
    lastError: row.last_error,
    options: JSON.parse(row.options ?? '{}') as Record<string, unknown>,
    firstComment: row.first_comment ?? null,
    thread: row.thread ? (JSON.parse(row.thread) as ThreadPlan) : null,
    publishedParts: JSON.parse(row.published_parts ?? '[]') as PublishedPart[],
  };
}

export function createPostsRepository(db: Kysely<Database>): PostsRepository {
  async function insertTargets(postId: string, workspaceId: string, targets: TargetInput[]) {
    if (targets.length === 0) return;
    const now = Date.now();
    await db
      .insertInto('post_targets')
      .values(
        targets.map((t) => ({
          id: newId(),
          post_id: postId,
          workspace_id: workspaceId,
          channel_id: t.channelId,
          text: t.text,
          status: 'pending',
          due_at: null,
          lease_owner: null,
          lease_until: null,
          published_id: null,
          published_url: null,
          published_extra: null,
          published_at: null,
          last_error_code: null,
          last_error: null,
          updated_at: now,
          options: JSON.stringify(t.options ?? {}),
          first_comment: t.firstComment ?? null,
          thread: t.thread ? JSON.stringify(t.thread) : null,
          published_parts: '[]',
        })),
      )
      .execute();
  }

  /** Rewrites the post's folded words from its text and its channels' texts, after either changed. */
  async function refreshSearchText(postId: string) {
    const post = await db.selectFrom('posts').select('text').where('id', '=', postId).executeTakeFirst();
    if (!post) return;
    const targets = await db
      .selectFrom('post_targets')
      .select(['text', 'thread'])
      .where('post_id', '=', postId)
      .execute();
    await db
      .updateTable('posts')
      .set({ search_text: postSearchText(post.text, targets) })
      .where('id', '=', postId)
      .execute();
  }

  return {
    async create(post) {
      const now = Date.now();
      const targets = post.targets.map((t) => ({ text: t.text, thread: t.thread ? JSON.stringify(t.thread) : null }));
      const row = {
        id: newId(),
        workspace_id: post.workspaceId,
        text: post.text,
        status: 'draft',
        theme_id: post.themeId,
        content_type_id: post.contentTypeId,
        owner_id: post.ownerId,
        backup_owner_id: post.backupOwnerId,
        scheduled_at: post.scheduledAt,
        languages: JSON.stringify(post.languages ?? []),
        created_by: post.createdBy,
        created_at: now,
        updated_at: now,
        search_text: postSearchText(post.text, targets),
      };
      await db.insertInto('posts').values(row).execute();
      await insertTargets(row.id, post.workspaceId, post.targets);
      return toPost(row);
    },

    async get(workspaceId, id) {
      const row = await db
        .selectFrom('posts')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toPost(row);
    },

    async list(query) {
      let q = db.selectFrom('posts').selectAll('posts').where('posts.workspace_id', '=', query.workspaceId);
      if (query.from !== undefined) q = q.where('posts.scheduled_at', '>=', query.from);
      if (query.to !== undefined) q = q.where('posts.scheduled_at', '<', query.to);
      if (query.status !== undefined) q = q.where('posts.status', '=', query.status);
      if (query.scheduled === true) q = q.where('posts.scheduled_at', 'is not', null);
      if (query.scheduled === false) q = q.where('posts.scheduled_at', 'is', null);
      if (query.themeId !== undefined) q = q.where('posts.theme_id', '=', query.themeId);
      const authorId = query.authorId;
      if (authorId !== undefined) {
        q = q.where((eb) => eb.or([eb('posts.owner_id', '=', authorId), eb('posts.created_by', '=', authorId)]));
      }
      for (const word of searchWords(query.search ?? '')) q = q.where(containsWord('posts.search_text', word));
      if (query.channelId !== undefined) {
        const channelId = query.channelId;
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('post_targets')
              .select('post_targets.id')
              .whereRef('post_targets.post_id', '=', 'posts.id')
              .where('post_targets.channel_id', '=', channelId),
          ),
        );
      }
      const rows = await q.orderBy('posts.scheduled_at').orderBy('posts.created_at').limit(query.limit).execute();
      return rows.map(toPost);
    },

    async update(id, patch) {
      const values: Updateable<PostsTable> = { updated_at: Date.now() };
      if (patch.text !== undefined) values.text = patch.text;
      if (patch.themeId !== undefined) values.theme_id = patch.themeId;
      if (patch.contentTypeId !== undefined) values.content_type_id = patch.contentTypeId;
      if (patch.ownerId !== undefined) values.owner_id = patch.ownerId;
      if (patch.backupOwnerId !== undefined) values.backup_owner_id = patch.backupOwnerId;
      if (patch.scheduledAt !== undefined) values.scheduled_at = patch.scheduledAt;
      if (patch.languages !== undefined) values.languages = JSON.stringify(patch.languages);
      await db.updateTable('posts').set(values).where('id', '=', id).execute();
      if (patch.text !== undefined) await refreshSearchText(id);
    },

    async setTargets(postId, workspaceId, targets) {
      await db.deleteFrom('post_targets').where('post_id', '=', postId).execute();
      await insertTargets(postId, workspaceId, targets);
      await refreshSearchText(postId);
    },

    async setThread(targetId, thread) {
      await db
        .updateTable('post_targets')
        .set({ thread: thread ? JSON.stringify(thread) : null, updated_at: Date.now() })
        .where('id', '=', targetId)
        .execute();
    },

    async setStatus(id, from, to) {
      const result = await db
        .updateTable('posts')
        .set({ status: to, updated_at: Date.now() })
        .where('id', '=', id)
        .where('status', '=', from)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async forceStatus(id, to) {
      const result = await db
        .updateTable('posts')
        .set({ status: to, updated_at: Date.now() })
        .where('id', '=', id)
        .where('status', '<>', to)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async showPublishing(id) {
      const result = await db
        .updateTable('posts')
        .set({ status: 'publishing', updated_at: Date.now() })
        .where('id', '=', id)
        .where('status', '<>', 'publishing')
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom('post_targets')
              .select('post_targets.id')
              .where('post_targets.post_id', '=', id)
              .where('post_targets.status', '=', 'publishing'),
          ),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async listUnsettled(limit) {
      const rows = await db
        .selectFrom('posts')
        .select(['posts.id', 'posts.workspace_id'])
        .where('posts.status', 'in', ['scheduled', 'publishing'])
        .where((eb) =>
          eb.exists(
            eb.selectFrom('post_targets').select('post_targets.id').whereRef('post_targets.post_id', '=', 'posts.id'),
          ),
        )
        // A publishing post needs a delivery in flight; a scheduled one, a delivery still to go.
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('post_targets')
                .select('post_targets.id')
                .whereRef('post_targets.post_id', '=', 'posts.id')
                .where((tb) =>
                  tb.or([
                    tb('post_targets.status', '=', 'publishing'),
                    tb.and([
                      tb('posts.status', '=', 'scheduled'),
                      tb('post_targets.status', 'in', ['scheduled', 'pending']),
                    ]),
                  ]),
                ),
            ),
          ),
        )
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, workspaceId: r.workspace_id }));
    },

    async delete(workspaceId, id) {
      await db.deleteFrom('posts').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();
    },

    async targets(postId) {
      const rows = await db
        .selectFrom('post_targets')
        .selectAll()
        .where('post_id', '=', postId)
        .orderBy('id')
        .execute();
      return rows.map(toTarget);
    },

    async targetsOf(postIds) {
      if (postIds.length === 0) return [];
      const rows = await db
        .selectFrom('post_targets')
        .selectAll()
        .where('post_id', 'in', postIds)
        .orderBy('id')
        .execute();
      return rows.map(toTarget);
    },
  };
}

/**
 * A delivery left in `publishing` by a dead worker. The heartbeat speaks first: an owner silent since
 * `ownerSilentSince` is dead whatever its lease says, one that beats keeps its lease however long the publish
 * takes; the lease's end decides only for an owner without a heartbeat row.
 */
function abandonedWhere(now: number, ownerSilentSince: number | undefined) {
  return (eb: ExpressionBuilder<Database, 'post_targets'>) => {
    if (ownerSilentSince === undefined) return eb.and([eb('status', '=', 'publishing'), eb('lease_until', '<', now)]);
    const ownerHeartbeat = (op: '<' | '>=') =>
      eb.exists(
        eb
          .selectFrom('workers')
          .select('workers.id')
          .whereRef('workers.id', '=', 'post_targets.lease_owner')
          .where('workers.heartbeat_at', op, ownerSilentSince),
      );
    return eb.and([
      eb('status', '=', 'publishing'),
      eb.or([ownerHeartbeat('<'), eb.and([eb('lease_until', '<', now), eb.not(ownerHeartbeat('>='))])]),
    ]);
  };
}

export function createDeliveriesRepository(db: Kysely<Database>): DeliveriesRepository {
  async function get(id: string): Promise<PostTarget | undefined> {
    const row = await db.selectFrom('post_targets').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toTarget(row);
  }

  /** Ends a publishing attempt; only the lease owner may, so a worker that lost its lease changes nothing. */
  async function settleHeld(id: string, owner: string, values: Updateable<PostTargetsTable>): Promise<boolean> {
    const result = await db
      .updateTable('post_targets')
      .set({ ...values, lease_owner: null, lease_until: null })
      .where('id', '=', id)
      .where('status', '=', 'publishing')
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  return {
    async scheduleTargets(postId, dueAt) {
      await db
        .updateTable('post_targets')
        .set({ status: 'scheduled', due_at: dueAt, updated_at: Date.now() })
        .where('post_id', '=', postId)
        .where('status', '=', 'pending')
        .execute();
      const rows = await db
        .selectFrom('post_targets')
        .select('id')
        .where('post_id', '=', postId)
        .where('status', '=', 'scheduled')
        .execute();
      return rows.map((r) => r.id);
    },

    async unscheduleTargets(postId) {
      await db
        .updateTable('post_targets')
        .set({ status: 'pending', due_at: null, updated_at: Date.now() })
        .where('post_id', '=', postId)
        .where('status', '=', 'scheduled')
        .execute();
    },

    async retryTargets(postId, dueAt) {
      await db
        .updateTable('post_targets')
        .set({ status: 'scheduled', due_at: dueAt, updated_at: Date.now() })
        .where('post_id', '=', postId)
        .where('status', 'in', ['failed', 'unconfirmed'])
        .execute();
      const rows = await db
        .selectFrom('post_targets')
        .select('id')
        .where('post_id', '=', postId)
        .where('status', '=', 'scheduled')
        .execute();
      return rows.map((r) => r.id);
    },

    getTarget: get,

    async claim(id, owner, now, leaseMs) {
      const result = await db
        .updateTable('post_targets')
        .set((eb) => ({
          status: 'publishing',
          lease_owner: owner,
          lease_until: now + leaseMs,
          attempts: eb('attempts', '+', 1),
          updated_at: now,
        }))
        .where('id', '=', id)
        .where('status', '=', 'scheduled')
        .where('due_at', '<=', now)
        // The claimed row in the same round trip (RETURNING: PostgreSQL, and SQLite since 3.35).
        .returningAll()
        .executeTakeFirst();
      return result && toTarget(result);
    },

    async takeOver(id, owner, now, leaseMs, ownerSilentSince) {
      const result = await db
        .updateTable('post_targets')
        .set({ lease_owner: owner, lease_until: now + leaseMs, updated_at: now })
        .where('id', '=', id)
        .where(abandonedWhere(now, ownerSilentSince))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? get(id) : undefined;
    },

    async renewLease(id, owner, until) {
      const result = await db
        .updateTable('post_targets')
        .set({ lease_until: until })
        .where('id', '=', id)
        .where('status', '=', 'publishing')
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    markPublished: (id, owner, published, at) =>
      settleHeld(id, owner, {
        status: 'published',
        published_id: published.id,
        published_url: published.url,
        published_extra: JSON.stringify(published.extra),
        published_at: at,
        last_error_code: null,
        last_error: null,
        updated_at: at,
      }),

    async recordPart(id, owner, part) {
      // Only the lease owner writes this column, so reading then writing it cannot lose another's part.
      const row = await db
        .selectFrom('post_targets')
        .select('published_parts')
        .where('id', '=', id)
        .where('status', '=', 'publishing')
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      if (!row) return false;
      const parts = (JSON.parse(row.published_parts) as PublishedPart[]).filter((p) => p.key !== part.key);
      const result = await db
        .updateTable('post_targets')
        .set({ published_parts: JSON.stringify([...parts, part]), updated_at: Date.now() })
        .where('id', '=', id)
        .where('status', '=', 'publishing')
        .where('lease_owner', '=', owner)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    markRetry: (id, owner, dueAt, code, error) =>
      settleHeld(id, owner, {
        status: 'scheduled',
        due_at: dueAt,
        last_error_code: code,
        last_error: error,
        updated_at: Date.now(),
      }),

    markFailed: (id, owner, status, code, error) =>
      settleHeld(id, owner, { status, last_error_code: code, last_error: error, updated_at: Date.now() }),

    async listDue(before, limit) {
      const rows = await db
        .selectFrom('post_targets')
        .selectAll()
        .where('status', '=', 'scheduled')
        .where('due_at', '<=', before)
        .orderBy('due_at')
        .limit(limit)
        .execute();
      return rows.map(toTarget);
    },

    async listAbandoned(now, limit, ownerSilentSince) {
      const rows = await db
        .selectFrom('post_targets')
        .selectAll()
        .where(abandonedWhere(now, ownerSilentSince))
        .limit(limit)
        .execute();
      return rows.map(toTarget);
    },
  };
}
