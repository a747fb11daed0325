// The inbox's team settings for people: the workspace's service levels, its saved replies (with a preview counted
// the network's way) and its moderation rules (ordered, validated by core's validateRule, tried on the last 30 days
// of items without changing anything). Each write and its audit entry commit in one transaction.
import {
  AppError,
  DEFAULT_SERVICE_LEVELS,
  renderSavedReply,
  tryRule,
  validateRule,
  validateSavedReply,
  validateServiceLevels,
  validationError,
  type ModerationRule,
  type QueryLocale,
  type Repositories,
  type RenderedReply,
  type ReplyValues,
  type RuleInput,
  type SavedReplyInput,
  type ServiceLevels,
  type StoredSavedReply,
  type ValidationIssue,
} from '@rostra/core';
import type { Connector } from '@rostra/connectors';
import { countForNetwork } from '@rostra/connectors/counting';
import type { Store } from '@rostra/store';
import { auditWorkspace, type Caller } from '../audit/caller.js';
import { listRulesWithCounts, readRuleSubjects, THIRTY_DAYS_MS } from './triage.js';

/** Items a trial reads at most (the newest are kept when a workspace had more in 30 days). */
export const TRIAL_MAX_ITEMS = 10_000;
/** Matched items a trial lists (its count covers them all). */
export const TRIAL_MAX_LISTED = 200;
/** Networks without a thread rule: what a reply may count at most. */
const DEFAULT_REPLY_LIMIT = 5000;

const withBody = (issues: readonly ValidationIssue[]) => issues.map((i) => ({ ...i, path: `body.${i.path}` }));
const notFound = (what: string) => new AppError('not_found', `${what} not found`);

export type InboxAutomationService = ReturnType<typeof createInboxAutomationService>;

export function createInboxAutomationService(deps: {
  store: Store;
  connectors: readonly Connector[];
  now?: () => number;
}) {
  const { store } = deps;
  const now = deps.now ?? Date.now;

  async function checkRule(repos: Repositories, workspaceId: string, rule: ModerationRule, locale: QueryLocale) {
    const members = await repos.accounts.listMembers(workspaceId);
    const replies = await repos.inboxAutomation.listSavedReplies(workspaceId);
    const issues = validateRule(rule, {
      memberIds: new Set(members.filter((m) => m.role !== 'ambassador').map((m) => m.userId)),
      savedReplyIds: new Set(replies.map((r) => r.id)),
      locale,
    });
    if (issues.length > 0) throw validationError(withBody(issues));
  }

  function checkSavedReply(input: SavedReplyInput): SavedReplyInput {
    const clean = { name: input.name.trim(), text: input.text, link: input.link?.trim() || null };
    const issues = validateSavedReply(clean);
    if (issues.length > 0) throw validationError(withBody(issues));
    return clean;
  }

  return {
    async getServiceLevels(workspaceId: string) {
      const stored = await store.inboxAutomation.getServiceLevels(workspaceId);
      return stored ?? { levels: DEFAULT_SERVICE_LEVELS, updatedBy: null, updatedAt: null };
    },

    async saveServiceLevels(caller: Caller, workspaceId: string, levels: ServiceLevels) {
      const issues = validateServiceLevels(levels);
      if (issues.length > 0) throw validationError(withBody(issues));
      return store.transaction(async (repos) => {
        const saved = await repos.inboxAutomation.saveServiceLevels(workspaceId, levels, caller.userId, now());
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'inbox.service_levels_updated',
          targetType: 'workspace',
          targetId: workspaceId,
          details: { firstResponseMinutes: levels.firstResponseMinutes, resolutionMinutes: levels.resolutionMinutes },
        });
        return saved;
      });
    },

    listSavedReplies: (workspaceId: string) => store.inboxAutomation.listSavedReplies(workspaceId),

    async createSavedReply(caller: Caller, workspaceId: string, input: SavedReplyInput) {
      const clean = checkSavedReply(input);
      return store.transaction(async (repos) => {
        const reply = await repos.inboxAutomation.createSavedReply(workspaceId, clean, caller.userId, now());
        await auditSavedReply(repos, caller, 'inbox.saved_reply_created', reply);
        return reply;
      });
    },

    async updateSavedReply(caller: Caller, workspaceId: string, id: string, input: SavedReplyInput) {
      const clean = checkSavedReply(input);
      return store.transaction(async (repos) => {
        const reply = await repos.inboxAutomation.updateSavedReply(workspaceId, id, clean, now());
        if (!reply) throw notFound('Saved reply');
        await auditSavedReply(repos, caller, 'inbox.saved_reply_updated', reply);
        return reply;
      });
    },

    async deleteSavedReply(caller: Caller, workspaceId: string, id: string) {
      await store.transaction(async (repos) => {
        const reply = await repos.inboxAutomation.getSavedReply(workspaceId, id);
        if (!reply || !(await repos.inboxAutomation.deleteSavedReply(workspaceId, id))) throw notFound('Saved reply');
        await auditSavedReply(repos, caller, 'inbox.saved_reply_deleted', reply);
      });
    },

    /** The answer a saved reply gives for one person on one network, counted as the network counts it. */
    previewSavedReply(
      input: { text: string; link: string | null },
      values: Omit<ReplyValues, 'network'> & { network: string },
    ): RenderedReply {
      const thread = deps.connectors.find((c) => c.network === values.network)?.publisher?.thread;
      const lengthRule = thread
        ? { maxLength: () => thread.maxLength(), count: (text: string) => thread.count(text) }
        : { maxLength: () => DEFAULT_REPLY_LIMIT, count: (text: string) => countForNetwork(values.network, text) };
      return renderSavedReply(input, values, lengthRule);
    },

    listRules: (workspaceId: string) => listRulesWithCounts(store, workspaceId, now()),

    async createRule(caller: Caller, workspaceId: string, input: RuleInput, locale: QueryLocale) {
      return store.transaction(async (repos) => {
        await checkRule(repos, workspaceId, { ...input, id: '' }, locale);
        const rule = await repos.inboxAutomation.createRule(workspaceId, input, caller.userId, now());
        await auditRule(repos, caller, 'inbox.rule_created', rule);
        return rule;
      });
    },

    async updateRule(caller: Caller, workspaceId: string, id: string, input: RuleInput, locale: QueryLocale) {
      return store.transaction(async (repos) => {
        await checkRule(repos, workspaceId, { ...input, id }, locale);
        const rule = await repos.inboxAutomation.updateRule(workspaceId, id, input, now());
        if (!rule) throw notFound('Rule');
        await auditRule(repos, caller, 'inbox.rule_updated', rule);
        return rule;
      });
    },

    async deleteRule(caller: Caller, workspaceId: string, id: string) {
      await store.transaction(async (repos) => {
        const rule = await repos.inboxAutomation.getRule(workspaceId, id);
        if (!rule || !(await repos.inboxAutomation.deleteRule(workspaceId, id))) throw notFound('Rule');
        await auditRule(repos, caller, 'inbox.rule_deleted', rule);
      });
    },

    /** Moves a rule to `position` (0 first; past the end is last), the others keeping their order. */
    async moveRule(caller: Caller, workspaceId: string, id: string, position: number) {
      await store.transaction(async (repos) => {
        const rules = await repos.inboxAutomation.listRules(workspaceId);
        const rule = rules.find((r) => r.id === id);
        if (!rule) throw notFound('Rule');
        const ids = rules.map((r) => r.id).filter((other) => other !== id);
        const to = Math.min(Math.max(0, position), ids.length);
        ids.splice(to, 0, id);
        await repos.inboxAutomation.reorderRules(workspaceId, ids, now());
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'inbox.rules_reordered',
          targetType: 'inbox_rule',
          targetId: id,
          targetLabel: rule.name,
          details: { from: rules.indexOf(rule), to },
        });
      });
      return listRulesWithCounts(store, workspaceId, now());
    },

    /** What a rule, saved or not, would have done to the last 30 days of items; reads only. */
    async tryRule(workspaceId: string, input: RuleInput, locale: QueryLocale) {
      await checkRule(store, workspaceId, { ...input, id: 'trial' }, locale);
      const items = await store.inboxAutomation.listItemsSince(workspaceId, now() - THIRTY_DAYS_MS, TRIAL_MAX_ITEMS);
      const subjects = await readRuleSubjects(store, workspaceId, items);
      const levels = (await store.inboxAutomation.getServiceLevels(workspaceId))?.levels ?? DEFAULT_SERVICE_LEVELS;
      const trial = tryRule({ ...input, id: 'trial' }, subjects, levels.timeZone);
      const byId = new Map(items.map((item) => [item.id, item]));
      return {
        scanned: items.length,
        matchCount: trial.matchCount,
        items: trial.items
          .slice(-TRIAL_MAX_LISTED)
          .reverse()
          .map((entry) => ({
            item: byId.get(entry.itemId)!,
            actions: entry.actions.map(({ ruleId: _ruleId, ...action }) => action),
            skipped: entry.skipped.map(({ action: { ruleId: _ruleId, ...action }, reason }) => ({ action, reason })),
          })),
      };
    },
  };
}

async function auditSavedReply(
  repos: Repositories,
  caller: Caller,
  action: 'inbox.saved_reply_created' | 'inbox.saved_reply_updated' | 'inbox.saved_reply_deleted',
  reply: StoredSavedReply,
) {
  await auditWorkspace(repos, caller, reply.workspaceId, {
    action,
    targetType: 'inbox_saved_reply',
    targetId: reply.id,
    targetLabel: reply.name,
  });
}

async function auditRule(
  repos: Repositories,
  caller: Caller,
  action: 'inbox.rule_created' | 'inbox.rule_updated' | 'inbox.rule_deleted',
  rule: ModerationRule & { workspaceId: string },
) {
  await auditWorkspace(repos, caller, rule.workspaceId, {
    action,
    targetType: 'inbox_rule',
    targetId: rule.id,
    targetLabel: rule.name,
    details: { enabled: rule.enabled, conditions: rule.conditions.length, actions: rule.actions.map((a) => a.type) },
  });
}
