// The dashboards' sums: mentions per topic and per sentiment over time buckets, top sources and authors, the
// texts trends are computed from, mentions and reach per topic for share of voice. All under the stream's filters.
import { sql, type Kysely, type SqlBool } from 'kysely';
import type { ListeningStatsRepository, SentimentLabel } from '@rostra/core';
import type { Database } from '../../schema.js';
import type { Dialect } from '../../database.js';
import { applyFilters } from './search.js';

/** The port's methods, each short and independent: the factory's length is their list, not one flow. */
export function createListeningStatsRepository(db: Kysely<Database>, dialect: Dialect): ListeningStatsRepository {
  // Literals, not parameters: better-sqlite3 binds JS numbers as REAL, which would make SQLite divide exactly.
  const bucketOf = (bucketMs: number, originMs = 0) => {
    const size = sql.lit(Math.trunc(bucketMs));
    const origin = sql.lit(Math.trunc(originMs));
    return sql<number>`((m.sort_at - (${origin})) / ${size}) * ${size} + (${origin})`;
  };

  return {
    async countByBucket(workspaceId, filters, bucketMs, originMs = 0) {
      const { topicId, ...rest } = filters;
      let query = applyFilters(
        dialect,
        db
          .selectFrom('mention_topics as mt')
          .innerJoin('mentions as m', 'm.id', 'mt.mention_id')
          .select([
            'mt.topic_id as topicId',
            bucketOf(bucketMs, originMs).as('bucket'),
            (eb) => eb.fn.countAll<number>().as('count'),
          ]),
        workspaceId,
        rest,
      );
      if (topicId) query = query.where('mt.topic_id', '=', topicId);
      const rows = await query.groupBy(['mt.topic_id', 'bucket']).orderBy('bucket').execute();
      return rows.map((r) => ({ topicId: r.topicId, bucket: Number(r.bucket), count: Number(r.count) }));
    },
    async countSentimentByBucket(workspaceId, filters, bucketMs, originMs = 0) {
      const rows = await applyFilters(
        dialect,
        db
          .selectFrom('mentions as m')
          .select([
            'm.sentiment',
            bucketOf(bucketMs, originMs).as('bucket'),
            (eb) => eb.fn.countAll<number>().as('count'),
          ]),
        workspaceId,
        filters,
      )
        .groupBy(['bucket', 'm.sentiment'])
        .orderBy('bucket')
        .execute();
      return rows.map((r) => ({
        sentiment: r.sentiment as SentimentLabel,
        bucket: Number(r.bucket),
        count: Number(r.count),
      }));
    },
    async topSources(workspaceId, filters, limit) {
      const rows = await applyFilters(
        dialect,
        db
          .selectFrom('mentions as m')
          .select([
            sql<string>`coalesce(m.site, m.network)`.as('site'),
            'm.network',
            (eb) => eb.fn.countAll<number>().as('count'),
          ]),
        workspaceId,
        filters,
      )
        .groupBy([sql`coalesce(m.site, m.network)`, 'm.network'])
        .orderBy('count', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ site: r.site, network: r.network, count: Number(r.count) }));
    },
    async topAuthors(workspaceId, filters, limit) {
      // An author is a handle on networks, a byline (name) in feeds and on web pages.
      const who = sql<string>`coalesce(m.author_handle, m.author_name)`;
      const rows = await applyFilters(
        dialect,
        db
          .selectFrom('mentions as m')
          .select([
            'm.network',
            sql<string | null>`max(m.author_handle)`.as('handle'),
            sql<string | null>`max(m.author_name)`.as('name'),
            (eb) => eb.fn.countAll<number>().as('count'),
            sql<number>`coalesce(max(m.reach), 0)`.as('reach'),
          ]),
        workspaceId,
        filters,
      )
        .where(sql<SqlBool>`${who} is not null`)
        .groupBy(['m.network', who])
        .orderBy('count', 'desc')
        .orderBy('reach', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        network: r.network,
        handle: r.handle,
        name: r.name,
        count: Number(r.count),
        reach: Number(r.reach),
      }));
    },
    async listTexts(workspaceId, filters, limit) {
      const rows = await applyFilters(
        dialect,
        db.selectFrom('mentions as m').select(['m.title', 'm.text', 'm.hashtags']),
        workspaceId,
        filters,
      )
        .orderBy('m.sort_at', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        text: r.title ? `${r.title}\n\n${r.text}` : r.text,
        hashtags: JSON.parse(r.hashtags) as string[],
      }));
    },
    async countByTopic(workspaceId, filters) {
      const { topicId: _unused, ...rest } = filters;
      const rows = await applyFilters(
        dialect,
        db
          .selectFrom('mention_topics as mt')
          .innerJoin('mentions as m', 'm.id', 'mt.mention_id')
          .select([
            'mt.topic_id as topicId',
            (eb) => eb.fn.countAll<number>().as('mentions'),
            sql<number>`coalesce(sum(m.reach), 0)`.as('reach'),
          ]),
        workspaceId,
        rest,
      )
        .groupBy('mt.topic_id')
        .execute();
      return rows.map((r) => ({ topicId: r.topicId, mentions: Number(r.mentions), reach: Number(r.reach) }));
    },
  };
}
