// Listening alert rules and the log of alerts fired. Firing is a compare-and-set on `last_fired_at`, so two
// workers evaluating the same rule at once send one alert, and the cooldown holds across processes.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { AlertEvent, AlertKind, AlertRule, AlertRuleInput, AlertsRepository } from '@rostra/core';
import type { AlertEventsTable, AlertRulesTable, Database } from '../schema.js';
import { newId } from '../ids.js';
import { inTransaction } from './transaction.js';

function toRule(row: Selectable<AlertRulesTable>): AlertRule {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    topicId: row.topic_id,
    name: row.name,
    kind: row.kind as AlertKind,
    params: JSON.parse(row.params) as Record<string, unknown>,
    cooldownMs: Number(row.cooldown_ms),
    enabled: row.enabled === 1,
    notifyInApp: row.notify_in_app === 1,
    emailTo: JSON.parse(row.email_to) as string[],
    notifyWebhooks: row.notify_webhooks === 1,
    hasChatUrl: row.chat_url !== null,
    lastFiredAt: row.last_fired_at === null ? null : Number(row.last_fired_at),
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function toEvent(row: Selectable<AlertEventsTable>): AlertEvent {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    ruleId: row.rule_id,
    topicId: row.topic_id,
    kind: row.kind as AlertKind,
    figures: JSON.parse(row.figures) as Record<string, number>,
    mentionId: row.mention_id,
    deliveries: JSON.parse(row.deliveries) as Record<string, string>,
    firedAt: Number(row.fired_at),
  };
}

const flag = (value: boolean) => (value ? 1 : 0);

const bucket = (from: number) => sql<number>`(sort_at - cast(${Math.trunc(from)} as bigint)) / ${sql.lit(3_600_000)}`;

function toColumns(input: Partial<AlertRuleInput>) {
  return {
    ...(input.topicId !== undefined && { topic_id: input.topicId }),
    ...(input.name !== undefined && { name: input.name }),
    ...(input.kind !== undefined && { kind: input.kind }),
    ...(input.params !== undefined && { params: JSON.stringify(input.params) }),
    ...(input.cooldownMs !== undefined && { cooldown_ms: input.cooldownMs }),
    ...(input.enabled !== undefined && { enabled: flag(input.enabled) }),
    ...(input.notifyInApp !== undefined && { notify_in_app: flag(input.notifyInApp) }),
    ...(input.emailTo !== undefined && { email_to: JSON.stringify(input.emailTo) }),
    ...(input.notifyWebhooks !== undefined && { notify_webhooks: flag(input.notifyWebhooks) }),
    ...(input.sealedChatUrl !== undefined && { chat_url: input.sealedChatUrl }),
  };
}

export function createAlertsRepository(db: Kysely<Database>): AlertsRepository {
  const rules = () => db.selectFrom('alert_rules').selectAll();

  return {
    async create(workspaceId, input, createdBy, at) {
      const row = {
        id: newId(),
        workspace_id: workspaceId,
        topic_id: input.topicId,
        name: input.name,
        kind: input.kind,
        params: JSON.stringify(input.params),
        cooldown_ms: input.cooldownMs,
        enabled: flag(input.enabled),
        notify_in_app: flag(input.notifyInApp),
        email_to: JSON.stringify(input.emailTo),
        notify_webhooks: flag(input.notifyWebhooks),
        chat_url: input.sealedChatUrl ?? null,
        last_fired_at: null,
        created_by: createdBy,
        created_at: at,
        updated_at: at,
      };
      await db.insertInto('alert_rules').values(row).execute();
      return toRule(row);
    },

    async update(workspaceId, id, input, at) {
      await db
        .updateTable('alert_rules')
        .set({ ...toColumns(input), updated_at: at })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .execute();
      return this.get(workspaceId, id);
    },

    async get(workspaceId, id) {
      const row = await rules().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
      return row && toRule(row);
    },

    async list(workspaceId) {
      const rows = await rules().where('workspace_id', '=', workspaceId).orderBy('created_at').execute();
      return rows.map(toRule);
    },

    async remove(workspaceId, id) {
      const result = await db
        .deleteFrom('alert_rules')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },

    async listEnabled(kinds) {
      if (kinds.length === 0) return [];
      const rows = await rules().where('enabled', '=', 1).where('kind', 'in', kinds).orderBy('id').execute();
      return rows.map(toRule);
    },

    async listEnabledForTopics(topicIds, kinds) {
      if (topicIds.length === 0 || kinds.length === 0) return [];
      const rows = await rules()
        .where('enabled', '=', 1)
        .where('topic_id', 'in', topicIds)
        .where('kind', 'in', kinds)
        .execute();
      return rows.map(toRule);
    },

    async sealedChatUrl(id) {
      const row = await db.selectFrom('alert_rules').select('chat_url').where('id', '=', id).executeTakeFirst();
      return row?.chat_url ?? null;
    },

    async fire(rule, event, at) {
      // Bound to a caller's transaction already, the compare-and-set and the event join it.
      return inTransaction(db, async (trx) => {
        const taken = await trx
          .updateTable('alert_rules')
          .set({ last_fired_at: at })
          .where('id', '=', rule.id)
          .where('enabled', '=', 1)
          .where((eb) => eb.or([eb('last_fired_at', 'is', null), eb('last_fired_at', '<=', at - rule.cooldownMs)]))
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) === 0) return undefined;
        const row = {
          id: newId(),
          workspace_id: rule.workspaceId,
          rule_id: rule.id,
          topic_id: rule.topicId,
          kind: rule.kind,
          figures: JSON.stringify(event.figures),
          mention_id: event.mentionId,
          deliveries: '{}',
          fired_at: at,
        };
        await trx.insertInto('alert_events').values(row).execute();
        return toEvent(row);
      });
    },

    async setDeliveries(eventId, deliveries) {
      await db
        .updateTable('alert_events')
        .set({ deliveries: JSON.stringify(deliveries) })
        .where('id', '=', eventId)
        .execute();
    },

    async getEvent(workspaceId, id) {
      const row = await db
        .selectFrom('alert_events')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toEvent(row);
    },

    async listEvents(workspaceId, options) {
      let query = db.selectFrom('alert_events').selectAll().where('workspace_id', '=', workspaceId);
      if (options.before !== undefined) query = query.where('fired_at', '<', options.before);
      if (options.ruleId) query = query.where('rule_id', '=', options.ruleId);
      const rows = await query.orderBy('fired_at', 'desc').orderBy('id', 'desc').limit(options.limit).execute();
      return rows.map(toEvent);
    },

    async hourlyCounts(topicId, from, to) {
      const rows = await db
        .selectFrom('mention_topics')
        // Integer division on both databases: better-sqlite3 binds JS numbers as REAL, so the origin is cast to an
        // integer and the hour is a literal (a REAL operand would make SQLite divide exactly).
        .select([bucket(from).as('bucket'), (eb) => eb.fn.countAll<number>().as('count')])
        .where('topic_id', '=', topicId)
        .where('sort_at', '>=', from)
        .where('sort_at', '<', to)
        // By the output name: the expression again would bind new parameters PostgreSQL cannot match.
        .groupBy(sql`bucket`)
        .execute();
      const counts = new Array<number>(Math.ceil((to - from) / 3_600_000)).fill(0);
      for (const row of rows) counts[Number(row.bucket)] = Number(row.count);
      return counts;
    },

    async sentimentCounts(topicId, from, to) {
      const row = await db
        .selectFrom('mention_topics')
        .innerJoin('mentions', 'mentions.id', 'mention_topics.mention_id')
        .select([
          (eb) => eb.fn.countAll<number>().as('total'),
          (eb) =>
            eb.fn
              .sum<number>(eb.case().when('mentions.sentiment', '=', 'negative').then(1).else(0).end())
              .as('negative'),
        ])
        .where('mention_topics.topic_id', '=', topicId)
        .where('mention_topics.sort_at', '>=', from)
        .where('mention_topics.sort_at', '<', to)
        .executeTakeFirst();
      return { negative: Number(row?.negative ?? 0), total: Number(row?.total ?? 0) };
    },

    async sourceSeen(topicId, sourceKey, since, before, except) {
      const separator = sourceKey.indexOf(':');
      const scheme = sourceKey.slice(0, separator);
      const value = sourceKey.slice(separator + 1);
      let query = db
        .selectFrom('mention_topics')
        .innerJoin('mentions', 'mentions.id', 'mention_topics.mention_id')
        .select('mentions.id')
        .where('mention_topics.topic_id', '=', topicId)
        .where('mention_topics.sort_at', '>=', since)
        .where('mention_topics.sort_at', '<', before)
        .where('mentions.id', '!=', except);
      if (scheme === 'site') {
        query = query.where((eb) =>
          eb.or([
            eb(eb.fn('lower', ['mentions.site']), '=', value),
            eb(eb.fn('lower', ['mentions.site']), '=', `www.${value}`),
          ]),
        );
      } else {
        query = query
          .where('mentions.network', '=', scheme)
          .where((eb) =>
            eb.or([
              eb(eb.fn('lower', ['mentions.author_id']), '=', value),
              eb(eb.fn('lower', ['mentions.author_handle']), '=', value),
            ]),
          );
      }
      return (await query.limit(1).executeTakeFirst()) !== undefined;
    },
  };
}
