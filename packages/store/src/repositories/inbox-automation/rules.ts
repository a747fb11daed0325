// Moderation rules in their order (positions rewritten whole on reorder, inside one transaction), what each matched
// at ingest, and the decisions they left for people.
import type { Kysely, Selectable } from 'kysely';
import type {
  InboxAutomationRepository,
  RuleAction,
  RuleCondition,
  RuleDecision,
  RuleInput,
  StoredRule,
} from '@rostra/core';
import type { Database, InboxRulesTable } from '../../schema.js';
import { newId } from '../../ids.js';
import { inTransaction } from '../transaction.js';

type RulesSide = Pick<
  InboxAutomationRepository,
  | 'listRules'
  | 'getRule'
  | 'createRule'
  | 'updateRule'
  | 'deleteRule'
  | 'reorderRules'
  | 'recordRuleMatches'
  | 'countRuleMatches'
  | 'addDecisions'
  | 'countReplyDecisions'
  | 'listDecisions'
>;

function toRule(row: Selectable<InboxRulesTable>): StoredRule {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    position: Number(row.position),
    name: row.name,
    enabled: Number(row.enabled) === 1,
    match: row.match === 'any' ? 'any' : 'all',
    conditions: JSON.parse(row.conditions) as RuleCondition[],
    actions: JSON.parse(row.actions) as RuleAction[],
    stop: Number(row.stop) === 1,
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function ruleColumns(input: RuleInput) {
  return {
    name: input.name,
    enabled: input.enabled ? 1 : 0,
    match: input.match,
    conditions: JSON.stringify(input.conditions),
    actions: JSON.stringify(input.actions),
    stop: input.stop ? 1 : 0,
  };
}

function countBy(rows: Array<{ rule_id: string | null; n: number | string | bigint }>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) if (row.rule_id) counts[row.rule_id] = Number(row.n);
  return counts;
}

export function createInboxRulesRepository(db: Kysely<Database>): RulesSide {
  const getRule = async (workspaceId: string, id: string) => {
    const row = await db
      .selectFrom('inbox_rules')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row && toRule(row);
  };
  return {
    async listRules(workspaceId) {
      const rows = await db
        .selectFrom('inbox_rules')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('position')
        .orderBy('id')
        .execute();
      return rows.map(toRule);
    },
    getRule,
    createRule: (workspaceId, input, createdBy, at) =>
      inTransaction(db, async (trx) => {
        const last = await trx
          .selectFrom('inbox_rules')
          .select((eb) => eb.fn.max('position').as('position'))
          .where('workspace_id', '=', workspaceId)
          .executeTakeFirst();
        const position = last?.position === null || last?.position === undefined ? 0 : Number(last.position) + 1;
        const row = {
          id: newId(at),
          workspace_id: workspaceId,
          position,
          ...ruleColumns(input),
          created_by: createdBy,
          created_at: at,
          updated_at: at,
        };
        await trx.insertInto('inbox_rules').values(row).execute();
        return toRule(row);
      }),
    async updateRule(workspaceId, id, input, at) {
      const result = await db
        .updateTable('inbox_rules')
        .set({ ...ruleColumns(input), updated_at: at })
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1 ? getRule(workspaceId, id) : undefined;
    },
    async deleteRule(workspaceId, id) {
      const result = await db
        .deleteFrom('inbox_rules')
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    reorderRules: (workspaceId, ids, at) =>
      inTransaction(db, async (trx) => {
        const current = await trx
          .selectFrom('inbox_rules')
          .select('id')
          .where('workspace_id', '=', workspaceId)
          .execute();
        const known = new Set(current.map((r) => r.id));
        if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
          return false;
        }
        for (const [position, id] of ids.entries()) {
          await trx
            .updateTable('inbox_rules')
            .set({ position, updated_at: at })
            .where('workspace_id', '=', workspaceId)
            .where('id', '=', id)
            .execute();
        }
        return true;
      }),
    async recordRuleMatches(matches) {
      if (matches.length === 0) return;
      await db
        .insertInto('inbox_rule_matches')
        .values(
          matches.map((m) => ({ rule_id: m.ruleId, item_id: m.itemId, workspace_id: m.workspaceId, matched_at: m.at })),
        )
        .onConflict((oc) => oc.columns(['rule_id', 'item_id']).doNothing())
        .execute();
    },
    async countRuleMatches(workspaceId, since) {
      const rows = await db
        .selectFrom('inbox_rule_matches')
        .select(['rule_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('workspace_id', '=', workspaceId)
        .where('matched_at', '>=', since)
        .groupBy('rule_id')
        .execute();
      return countBy(rows);
    },
    async addDecisions(decisions) {
      const stored: RuleDecision[] = decisions.map((d) => ({ ...d, id: newId(d.createdAt) }));
      if (stored.length === 0) return stored;
      await db
        .insertInto('inbox_rule_decisions')
        .values(
          stored.map((d) => ({
            id: d.id,
            workspace_id: d.workspaceId,
            item_id: d.itemId,
            rule_id: d.ruleId,
            action_type: d.action.type,
            action: JSON.stringify(d.action),
            status: d.status,
            created_at: d.createdAt,
          })),
        )
        .execute();
      return stored;
    },
    async countReplyDecisions(workspaceId, since) {
      const rows = await db
        .selectFrom('inbox_rule_decisions')
        .select(['rule_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('workspace_id', '=', workspaceId)
        .where('action_type', '=', 'reply')
        .where('created_at', '>=', since)
        .groupBy('rule_id')
        .execute();
      return countBy(rows);
    },
    async listDecisions(workspaceId, itemIds) {
      if (itemIds.length === 0) return [];
      const rows = await db
        .selectFrom('inbox_rule_decisions')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('item_id', 'in', [...itemIds])
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        id: row.id,
        workspaceId: row.workspace_id,
        itemId: row.item_id,
        ruleId: row.rule_id,
        action: JSON.parse(row.action) as RuleAction,
        status: 'pending' as const,
        createdAt: Number(row.created_at),
      }));
    },
  };
}
