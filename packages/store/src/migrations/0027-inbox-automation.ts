// The inbox's team settings and automation: service levels per workspace (targets, business hours, time zone,
// holidays, closed days, as one JSON document), saved replies, moderation rules in their order, what each rule
// matched at ingest (its 30-day count) and the decisions it left for people (hide, reply), and per item what the
// server read at ingest (sentiment, language) and the times service levels measure (first response, resolution).
import type { Kysely, Migration } from 'kysely';

export const inboxAutomation: Migration = {
  async up(db: Kysely<unknown>) {
    // One schema step, read top to bottom: its length is the tables and indexes it creates, not logic.
    await db.schema
      .createTable('inbox_service_levels')
      .addColumn('workspace_id', 'text', (c) => c.primaryKey().references('workspaces.id').onDelete('cascade'))
      /** JSON: core's ServiceLevels. */
      .addColumn('levels', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('inbox_saved_replies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('link', 'text')
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('inbox_saved_replies_ws_idx')
      .on('inbox_saved_replies')
      .columns(['workspace_id', 'name'])
      .execute();

    await db.schema
      .createTable('inbox_rules')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('enabled', 'integer', (c) => c.notNull())
      /** all | any */
      .addColumn('match', 'text', (c) => c.notNull())
      /** JSON arrays: core's RuleCondition[] and RuleAction[]. */
      .addColumn('conditions', 'text', (c) => c.notNull())
      .addColumn('actions', 'text', (c) => c.notNull())
      .addColumn('stop', 'integer', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('inbox_rules_ws_idx').on('inbox_rules').columns(['workspace_id', 'position']).execute();

    await db.schema
      .createTable('inbox_rule_matches')
      .addColumn('rule_id', 'text', (c) => c.notNull().references('inbox_rules.id').onDelete('cascade'))
      .addColumn('item_id', 'text', (c) => c.notNull().references('inbox_items.id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('matched_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('inbox_rule_matches_pk', ['rule_id', 'item_id'])
      .execute();
    await db.schema
      .createIndex('inbox_rule_matches_ws_idx')
      .on('inbox_rule_matches')
      .columns(['workspace_id', 'matched_at'])
      .execute();

    await db.schema
      .createTable('inbox_rule_decisions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('item_id', 'text', (c) => c.notNull().references('inbox_items.id').onDelete('cascade'))
      .addColumn('rule_id', 'text', (c) => c.references('inbox_rules.id').onDelete('set null'))
      /** hide | reply */
      .addColumn('action_type', 'text', (c) => c.notNull())
      /** JSON: core's RuleAction. */
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('inbox_rule_decisions_ws_idx')
      .on('inbox_rule_decisions')
      .columns(['workspace_id', 'action_type', 'created_at'])
      .execute();
    await db.schema.createIndex('inbox_rule_decisions_item_idx').on('inbox_rule_decisions').column('item_id').execute();

    await db.schema
      .createTable('inbox_item_analysis')
      .addColumn('item_id', 'text', (c) => c.primaryKey().references('inbox_items.id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      /** positive | neutral | negative, or null when not analysed. */
      .addColumn('sentiment', 'text')
      .addColumn('sentiment_confidence', 'double precision')
      .addColumn('language', 'text')
      .execute();

    await db.schema
      .createTable('inbox_item_times')
      .addColumn('item_id', 'text', (c) => c.primaryKey().references('inbox_items.id').onDelete('cascade'))
      .addColumn('workspace_id', 'text', (c) => c.notNull().references('workspaces.id').onDelete('cascade'))
      .addColumn('first_response_at', 'bigint')
      .addColumn('resolved_at', 'bigint')
      .addColumn('auto_resolved', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();

    // The SLA figures read a period's items by reception.
    await db.schema
      .createIndex('inbox_items_received_idx')
      .on('inbox_items')
      .columns(['workspace_id', 'received_at'])
      .execute();
    // First contact: an author's earliest item in the workspace.
    await db.schema
      .createIndex('inbox_items_author_idx')
      .on('inbox_items')
      .columns(['workspace_id', 'author_id', 'received_at'])
      .execute();
    await db.schema
      .createIndex('inbox_items_author_handle_idx')
      .on('inbox_items')
      .columns(['workspace_id', 'author_handle', 'received_at'])
      .execute();
  },
};
