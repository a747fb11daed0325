// Listening alerts: rules on a topic (volume spike, negative share, watched author or source, new source), how
// each is delivered (in the app, by email, to the workspace's webhooks, to a Slack/Mattermost incoming
// webhook), and the log of what fired.
import type { Kysely, Migration } from 'kysely';

export const alerts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('alert_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('topic_id', 'text', (c) => c.notNull().references('topics.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      /** volume_spike | negative_share | watched_author | new_source */
      .addColumn('kind', 'text', (c) => c.notNull())
      /** JSON: the kind's parameters, defaults filled in. */
      .addColumn('params', 'text', (c) => c.notNull())
      .addColumn('cooldown_ms', 'bigint', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('notify_in_app', 'integer', (c) => c.notNull().defaultTo(1))
      /** JSON array of email addresses. */
      .addColumn('email_to', 'text', (c) => c.notNull().defaultTo('[]'))
      /** 1 = also sent as `alert.triggered` to the workspace's webhooks (HMAC-signed). */
      .addColumn('notify_webhooks', 'integer', (c) => c.notNull().defaultTo(0))
      /** A Slack / Mattermost incoming webhook URL, sealed (it is a secret: whoever has it can post). */
      .addColumn('chat_url', 'text')
      .addColumn('last_fired_at', 'bigint')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('alert_rules_topic_idx').on('alert_rules').columns(['topic_id', 'enabled']).execute();

    await db.schema
      .createTable('alert_events')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('rule_id', 'text', (c) => c.notNull().references('alert_rules.id').onDelete('cascade'))
      .addColumn('topic_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      /** JSON: the figures that made it fire (count, mean, threshold, share…). */
      .addColumn('figures', 'text', (c) => c.notNull())
      .addColumn('mention_id', 'text')
      /** JSON: per channel, "sent" or the error. */
      .addColumn('deliveries', 'text', (c) => c.notNull().defaultTo('{}'))
      .addColumn('fired_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('alert_events_workspace_idx')
      .on('alert_events')
      .columns(['workspace_id', 'fired_at'])
      .execute();
  },
};
