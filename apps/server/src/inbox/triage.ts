// What happens to inbox items as they come in, inside the transaction that stores them: their words analysed
// (language, sentiment with the workspace's listening corrections), their priority computed (sentiment × reach ×
// waiting), then the workspace's moderation rules applied in order — labels, assignment, priority and "done" at
// once, each applied action in the audit log; hiding and automatic replies only recorded as decisions for a person
// (Rostra does not hide or answer by itself yet). The same reading of items serves `tryRule` on history, which
// stores nothing.
import {
  authorKeyOf,
  chooseLanguage,
  compileRule,
  computePriority,
  createBusinessClock,
  createSentimentAnalyzer,
  DEFAULT_SERVICE_LEVELS,
  evaluateBatch,
  isQueryError,
  isWatchedAuthor,
  localDateAt,
  localInstant,
  measureSlaProgress,
  normaliseMentionText,
  toRuleSubject,
  type ActionContext,
  type CompiledRule,
  type InboxChannelRef,
  type InboxItem,
  type InboxItemAnalysis,
  type InboxItemPatch,
  type ModerationRule,
  type PlannedAction,
  type Repositories,
  type RuleSubject,
  type SentimentAnalyzer,
  type ServiceLevels,
  type StoredRule,
} from '@rostra/core';
import { recordAudit, textLabel } from '../audit/record.js';

/**
 * Networks whose API lets an account hide what others wrote under its posts (Facebook and Instagram hide, WordPress
 * unapprove, Bluesky thread gates, X hidden replies); Mastodon and LinkedIn pages cannot. A rule's hide on the
 * others is skipped as `hide_unsupported`. Becomes the connectors' own capability when hiding lands.
 */
const HIDE_NETWORKS: ReadonlySet<string> = new Set(['facebook', 'instagram', 'wordpress', 'bluesky', 'x']);
/** Actions Rostra leaves for a person to confirm (recorded as pending decisions). */
const DECISION_ACTIONS: ReadonlySet<string> = new Set(['hide', 'reply']);

const RULES_ACTOR: ActionContext = {
  actor: { type: 'system', id: null, label: 'inbox rules' },
  ip: null,
  userAgent: null,
};

const analyzers = new Map<string, { version: string; analyzer: SentimentAnalyzer }>();

/** The workspace's sentiment analyzer, with its listening corrections, rebuilt only when they change. */
async function analyzerFor(repos: Repositories, workspaceId: string): Promise<SentimentAnalyzer> {
  const version = await repos.listening.readCorrectionsVersion(workspaceId);
  const cached = analyzers.get(workspaceId);
  if (cached?.version === version) return cached.analyzer;
  const corrections = await repos.listening.listCorrections(workspaceId);
  const analyzer = createSentimentAnalyzer(
    corrections.length > 0 ? { corrections: corrections.map((c) => ({ ...c, lang: c.language })) } : {},
  );
  if (analyzers.size > 200) analyzers.clear();
  analyzers.set(workspaceId, { version, analyzer });
  return analyzer;
}

/** Language and sentiment of items, as listening reads a mention. */
export async function analyseItems(
  repos: Repositories,
  workspaceId: string,
  items: readonly InboxItem[],
): Promise<InboxItemAnalysis[]> {
  if (items.length === 0) return [];
  const analyzer = await analyzerFor(repos, workspaceId);
  return items.map((item) => {
    const text = normaliseMentionText(item.text);
    const choice = chooseLanguage(null, text);
    const language = choice.language === 'und' ? null : choice.language;
    const result = analyzer.analyze(text, language ?? undefined);
    return {
      itemId: item.id,
      workspaceId,
      sentiment: { label: result.label, confidence: result.confidence },
      language,
    };
  });
}

export async function readServiceLevels(repos: Repositories, workspaceId: string): Promise<ServiceLevels> {
  return (await repos.inboxAutomation.getServiceLevels(workspaceId))?.levels ?? DEFAULT_SERVICE_LEVELS;
}

/** Authors on the workspace's watched lists (its listening alerts for watched authors). */
async function readWatchedAuthors(repos: Repositories, workspaceId: string): Promise<string[]> {
  const rules = await repos.alerts.list(workspaceId);
  return rules
    .filter((rule) => rule.kind === 'watched_author' && rule.enabled)
    .flatMap((rule) => (Array.isArray(rule.params.authors) ? (rule.params.authors as unknown[]) : []))
    .filter((author): author is string => typeof author === 'string');
}

/**
 * Items as rules read them: the stored analysis (or one made now, not stored, for items older than it), watched
 * authors, first contact in the workspace, whether the network can hide.
 */
export async function readRuleSubjects(
  repos: Repositories,
  workspaceId: string,
  items: readonly InboxItem[],
  known?: ReadonlyMap<string, InboxItemAnalysis>,
): Promise<RuleSubject[]> {
  const stored =
    known ??
    (await repos.inboxAutomation.getAnalyses(
      workspaceId,
      items.map((i) => i.id),
    ));
  const missing = items.filter((item) => !stored.has(item.id));
  const fresh = new Map((await analyseItems(repos, workspaceId, missing)).map((a) => [a.itemId, a]));
  const authors = await readWatchedAuthors(repos, workspaceId);
  const keys = items.map((item) => authorKeyOf(item.author));
  const firsts = await repos.inboxAutomation.firstItemIdsByAuthor(
    workspaceId,
    keys.filter((k): k is string => k !== null),
  );
  return items.map((item, i) => {
    const analysis = stored.get(item.id) ?? fresh.get(item.id);
    const key = keys[i];
    return toRuleSubject(item, {
      sentiment: analysis?.sentiment ?? null,
      language: analysis?.language ?? null,
      watched: authors.length > 0 && isWatchedAuthor(item.author, { authors }),
      // An author the network does not identify is always new to us.
      firstContact: !key || firsts.get(key) === item.id,
      canHide: HIDE_NETWORKS.has(item.network),
    });
  });
}

/** The enabled rules, compiled; one whose query no longer parses is left out rather than stopping the inbox. */
export function compileRules(rules: readonly ModerationRule[]): CompiledRule[] {
  return rules.flatMap((rule) => {
    if (!rule.enabled) return [];
    try {
      return [compileRule(rule)];
    } catch (error) {
      if (isQueryError(error)) return [];
      throw error;
    }
  });
}

/** The item's changes from its priority and the actions applied at ingest. */
function patchFor(actions: readonly PlannedAction[], priority: number): InboxItemPatch {
  const patch: InboxItemPatch = { priority };
  const labels = actions.flatMap((a) => (a.type === 'label' ? [a.label] : []));
  if (labels.length > 0) patch.labels = labels;
  for (const action of actions) {
    if (action.type === 'assign') patch.assigneeId = action.memberId;
    if (action.type === 'set_priority') patch.priority = action.priority;
    if (action.type === 'mark_done') patch.status = 'done';
  }
  return patch;
}

/**
 * Analyses, prioritises and runs the rules on items just stored, with the repositories of the transaction that
 * stored them: all of it commits with the batch, or none of it.
 */
export async function triageInboxItems(
  repos: Repositories,
  channel: InboxChannelRef,
  items: readonly InboxItem[],
  now: number,
): Promise<void> {
  if (items.length === 0) return;
  const { workspaceId } = channel;
  const analyses = await analyseItems(repos, workspaceId, items);
  await repos.inboxAutomation.saveAnalyses(analyses);
  const subjects = await readRuleSubjects(repos, workspaceId, items, new Map(analyses.map((a) => [a.itemId, a])));
  const levels = await readServiceLevels(repos, workspaceId);
  const clock = createBusinessClock(levels);
  const rules = await repos.inboxAutomation.listRules(workspaceId);
  const dayStart = localInstant(localDateAt(now, levels.timeZone), '00:00', levels.timeZone);
  const evaluations = evaluateBatch(compileRules(rules), subjects, {
    autoReplies: true,
    repliesSentToday: await repos.inboxAutomation.countReplyDecisions(workspaceId, dayStart),
  });
  const members = await repos.accounts.listMembers(workspaceId);
  const memberIds = new Set(members.filter((m) => m.role !== 'ambassador').map((m) => m.userId));
  const workspace = await repos.accounts.getWorkspace(workspaceId);
  const names = new Map(rules.map((rule) => [rule.id, rule.name]));
  for (const [i, item] of items.entries()) {
    const subject = subjects[i] as RuleSubject;
    const evaluation = evaluations[i] as (typeof evaluations)[number];
    const priority = computePriority({
      sentiment: subject.sentiment,
      author: { followers: item.author.followers, watched: subject.author.watched },
      slaProgress: measureSlaProgress(
        clock,
        { receivedAt: item.receivedAt, firstResponseAt: null, resolvedAt: null },
        now,
      ),
    }).score;
    // A member named by a rule who left the workspace is not assigned.
    const applied = evaluation.actions.filter(
      (a) => !DECISION_ACTIONS.has(a.type) && (a.type !== 'assign' || memberIds.has(a.memberId)),
    );
    const pending = evaluation.actions.filter((a) => DECISION_ACTIONS.has(a.type));
    await repos.inbox.updateItem(workspaceId, item.id, patchFor(applied, priority), now);
    if (applied.some((a) => a.type === 'mark_done')) {
      await repos.inboxAutomation.setItemTimes(workspaceId, item.id, { resolvedAt: now, autoResolved: true });
    }
    await repos.inboxAutomation.recordRuleMatches(
      evaluation.matchedRuleIds.map((ruleId) => ({ workspaceId, ruleId, itemId: item.id, at: now })),
    );
    await repos.inboxAutomation.addDecisions(
      pending.map(({ ruleId, ...action }) => ({
        workspaceId,
        itemId: item.id,
        ruleId,
        action,
        status: 'pending' as const,
        createdAt: now,
      })),
    );
    for (const action of [...applied, ...pending]) {
      const { ruleId, ...rest } = action;
      await recordAudit(repos, RULES_ACTOR, {
        organisationId: workspace?.organisationId ?? '',
        workspaceId,
        action: DECISION_ACTIONS.has(action.type) ? 'inbox.rule_decision_recorded' : 'inbox.rule_applied',
        targetType: 'inbox_item',
        targetId: item.id,
        targetLabel: textLabel(item.text),
        details: { ruleId, ruleName: names.get(ruleId) ?? null, ruleAction: rest },
      });
    }
  }
}

/** The rules as the API shows them, with how many items each matched at ingest in the last 30 days. */
export async function listRulesWithCounts(
  repos: Repositories,
  workspaceId: string,
  now: number,
): Promise<Array<StoredRule & { matchedLast30Days: number }>> {
  const [rules, counts] = await Promise.all([
    repos.inboxAutomation.listRules(workspaceId),
    repos.inboxAutomation.countRuleMatches(workspaceId, now - THIRTY_DAYS_MS),
  ]);
  return rules.map((rule) => ({ ...rule, matchedLast30Days: counts[rule.id] ?? 0 }));
}

export const THIRTY_DAYS_MS = 30 * 24 * 3_600_000;
