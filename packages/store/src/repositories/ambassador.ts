// Ambassadors' storage: relays (posts marked « à relayer ») with their declared relays counted per network, the
// social media policy (a new row per version, compare-and-set on the version), acknowledgements, profiles.
import type { Kysely } from 'kysely';
import {
  isRelayNetwork,
  relayTextsSchema,
  type AmbassadorPolicy,
  type AmbassadorRepository,
  type Relay,
  type RelayNetwork,
  type RelaySummary,
  type RelayTexts,
} from '@rostra/core';
import type { Database, RelayPostsTable } from '../schema.js';

/** Stored texts through core's schema: a network removed from the list since is dropped, not shown. */
function parseTexts(raw: string): RelayTexts {
  const parsed = relayTextsSchema.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : {};
}

function toRelay(row: RelayPostsTable): Relay {
  return {
    workspaceId: row.workspace_id,
    postId: row.post_id,
    link: row.link,
    texts: parseTexts(row.texts),
    markedBy: row.marked_by,
    markedAt: Number(row.marked_at),
    updatedAt: Number(row.updated_at),
  };
}

function inserted(result: { numInsertedOrUpdatedRows?: bigint }): boolean {
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

async function readRelay(db: Kysely<Database>, workspaceId: string, postId: string): Promise<Relay | undefined> {
  const row = await db
    .selectFrom('relay_posts')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('post_id', '=', postId)
    .executeTakeFirst();
  return row && toRelay(row);
}

export function createAmbassadorRepository(db: Kysely<Database>): AmbassadorRepository {
  return {
    async getPolicy(workspaceId) {
      const row = await db
        .selectFrom('ambassador_policies')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      if (!row) return undefined;
      return {
        workspaceId,
        version: Number(row.version),
        text: row.text,
        createdBy: row.created_by,
        createdAt: Number(row.created_at),
      };
    },

    async savePolicy(workspaceId, text, expectedVersion, createdBy) {
      const policy: AmbassadorPolicy = {
        workspaceId,
        version: expectedVersion + 1,
        text,
        createdBy,
        createdAt: Date.now(),
      };
      // The version is part of the key: when someone else wrote it first, nothing is inserted.
      const result = await db
        .insertInto('ambassador_policies')
        .values({
          workspace_id: workspaceId,
          version: policy.version,
          text,
          created_by: createdBy,
          created_at: policy.createdAt,
        })
        .onConflict((oc) => oc.columns(['workspace_id', 'version']).doNothing())
        .executeTakeFirst();
      return inserted(result) ? policy : undefined;
    },

    async acknowledge(workspaceId, userId, version, at) {
      const result = await db
        .insertInto('ambassador_acknowledgements')
        .values({ workspace_id: workspaceId, user_id: userId, version, acknowledged_at: at })
        .onConflict((oc) => oc.columns(['workspace_id', 'user_id', 'version']).doNothing())
        .executeTakeFirst();
      return inserted(result);
    },

    async latestAcknowledgement(workspaceId, userId) {
      const row = await db
        .selectFrom('ambassador_acknowledgements')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirst();
      return row && { workspaceId, userId, version: Number(row.version), acknowledgedAt: Number(row.acknowledged_at) };
    },

    async listAcknowledgements(workspaceId) {
      const rows = await db
        .selectFrom('ambassador_acknowledgements')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('acknowledged_at', 'desc')
        .orderBy('version', 'desc')
        .execute();
      return rows.map((r) => ({
        workspaceId,
        userId: r.user_id,
        version: Number(r.version),
        acknowledgedAt: Number(r.acknowledged_at),
      }));
    },

    async getProfile(workspaceId, userId) {
      const row = await db
        .selectFrom('ambassador_profiles')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row && { workspaceId, userId, mastodonInstance: row.mastodon_instance, updatedAt: Number(row.updated_at) };
    },

    async saveProfile(workspaceId, userId, mastodonInstance) {
      const updatedAt = Date.now();
      await db
        .insertInto('ambassador_profiles')
        .values({
          workspace_id: workspaceId,
          user_id: userId,
          mastodon_instance: mastodonInstance,
          updated_at: updatedAt,
        })
        .onConflict((oc) =>
          oc
            .columns(['workspace_id', 'user_id'])
            .doUpdateSet({ mastodon_instance: mastodonInstance, updated_at: updatedAt }),
        )
        .execute();
      return { workspaceId, userId, mastodonInstance, updatedAt };
    },

    getRelay: (workspaceId, postId) => readRelay(db, workspaceId, postId),

    async saveRelay(workspaceId, postId, input, userId) {
      const now = Date.now();
      const texts = JSON.stringify(input.texts);
      await db
        .insertInto('relay_posts')
        .values({
          post_id: postId,
          workspace_id: workspaceId,
          link: input.link,
          texts,
          marked_by: userId,
          marked_at: now,
          updated_at: now,
        })
        .onConflict((oc) => oc.column('post_id').doUpdateSet({ link: input.link, texts, updated_at: now }))
        .execute();
      const saved = await readRelay(db, workspaceId, postId);
      if (!saved) throw new Error(`Relay of post ${postId} vanished after its save`);
      return saved;
    },

    async deleteRelay(workspaceId, postId) {
      const result = await db
        .deleteFrom('relay_posts')
        .where('workspace_id', '=', workspaceId)
        .where('post_id', '=', postId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async listRelays(workspaceId, limit) {
      const rows = await db
        .selectFrom('relay_posts')
        .innerJoin('posts', 'posts.id', 'relay_posts.post_id')
        .selectAll('relay_posts')
        .select('posts.text as post_text')
        .where('relay_posts.workspace_id', '=', workspaceId)
        .orderBy('relay_posts.marked_at', 'desc')
        .orderBy('relay_posts.post_id', 'desc')
        .limit(limit)
        .execute();
      if (rows.length === 0) return [];
      const counts = await db
        .selectFrom('relay_shares')
        .select(['post_id', 'network', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('workspace_id', '=', workspaceId)
        .where(
          'post_id',
          'in',
          rows.map((r) => r.post_id),
        )
        .groupBy(['post_id', 'network'])
        .execute();
      return rows.map((row): RelaySummary => {
        const shares: Partial<Record<RelayNetwork, number>> = {};
        for (const c of counts) {
          if (c.post_id === row.post_id && isRelayNetwork(c.network)) shares[c.network] = Number(c.n);
        }
        return { ...toRelay(row), postText: row.post_text, shares };
      });
    },

    async recordShare(workspaceId, postId, userId, network, at) {
      const result = await db
        .insertInto('relay_shares')
        .values({ post_id: postId, workspace_id: workspaceId, user_id: userId, network, shared_at: at })
        .onConflict((oc) => oc.columns(['post_id', 'user_id', 'network']).doNothing())
        .executeTakeFirst();
      return inserted(result);
    },

    async sharesOf(workspaceId, userId) {
      const rows = await db
        .selectFrom('relay_shares')
        .select(['post_id', 'network'])
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute();
      return rows.flatMap((r) => (isRelayNetwork(r.network) ? [{ postId: r.post_id, network: r.network }] : []));
    },
  };
}
