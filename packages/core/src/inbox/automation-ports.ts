// The inbox's team settings and automation, as stored: a workspace's service levels, its saved replies, its ordered
// moderation rules with what they matched and the decisions they left for people (hide, reply), and what the
// server learnt of each item at ingest (sentiment, language) and later (first response, resolution) for the SLA
// figures. The store implements the port; a transaction hands out the same port bound to it.
import type { Timestamp } from '../accounts/types.js';
import type { RuleAction, ModerationRule, RuleSentimentLabel } from './rules.js';
import type { SavedReply } from './saved-replies.js';
import type { ServiceLevels } from './sla.js';
import type { InboxItem } from './types.js';

export interface StoredServiceLevels {
  levels: ServiceLevels;
  updatedBy: string | null;
  updatedAt: Timestamp;
}

export interface StoredSavedReply extends SavedReply {
  workspaceId: string;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type SavedReplyInput = Pick<SavedReply, 'name' | 'text' | 'link'>;

export interface StoredRule extends ModerationRule {
  workspaceId: string;
  /** 0 first; rules run in this order. */
  position: number;
  createdBy: string | null;
  createdAt: Timestamp;
  updatedAt: Timestamp;
}

export type RuleInput = Omit<ModerationRule, 'id'>;

/** An action a rule asked for that Rostra does not carry out by itself yet (hide, reply): a person decides. */
export interface RuleDecision {
  id: string;
  workspaceId: string;
  itemId: string;
  /** Null once the rule is deleted. */
  ruleId: string | null;
  action: RuleAction;
  status: 'pending';
  createdAt: Timestamp;
}

/** What the server read from an item's words when it came in. */
export interface InboxItemAnalysis {
  itemId: string;
  workspaceId: string;
  sentiment: { label: RuleSentimentLabel; confidence: number } | null;
  language: string | null;
}

/** The times service levels measure on an item; `autoResolved` when a rule closed it (left out of the figures). */
export interface InboxItemTimes {
  firstResponseAt: Timestamp | null;
  resolvedAt: Timestamp | null;
  autoResolved: boolean;
}

/** An item as the SLA figures read it. */
export interface SlaItemRow extends InboxItemTimes {
  itemId: string;
  network: string;
  assigneeId: string | null;
  labels: string[];
  receivedAt: Timestamp;
}

export interface InboxAutomationRepository {
  getServiceLevels(workspaceId: string): Promise<StoredServiceLevels | undefined>;
  saveServiceLevels(
    workspaceId: string,
    levels: ServiceLevels,
    updatedBy: string | null,
    at: Timestamp,
  ): Promise<StoredServiceLevels>;

  /** By name. */
  listSavedReplies(workspaceId: string): Promise<StoredSavedReply[]>;
  getSavedReply(workspaceId: string, id: string): Promise<StoredSavedReply | undefined>;
  createSavedReply(
    workspaceId: string,
    input: SavedReplyInput,
    createdBy: string | null,
    at: Timestamp,
  ): Promise<StoredSavedReply>;
  updateSavedReply(
    workspaceId: string,
    id: string,
    input: SavedReplyInput,
    at: Timestamp,
  ): Promise<StoredSavedReply | undefined>;
  deleteSavedReply(workspaceId: string, id: string): Promise<boolean>;

  /** In their order. */
  listRules(workspaceId: string): Promise<StoredRule[]>;
  getRule(workspaceId: string, id: string): Promise<StoredRule | undefined>;
  /** Placed last. */
  createRule(workspaceId: string, input: RuleInput, createdBy: string | null, at: Timestamp): Promise<StoredRule>;
  updateRule(workspaceId: string, id: string, input: RuleInput, at: Timestamp): Promise<StoredRule | undefined>;
  deleteRule(workspaceId: string, id: string): Promise<boolean>;
  /** `ids` must be every rule of the workspace, once: false (nothing moved) otherwise. */
  reorderRules(workspaceId: string, ids: readonly string[], at: Timestamp): Promise<boolean>;

  recordRuleMatches(
    matches: ReadonlyArray<{ workspaceId: string; ruleId: string; itemId: string; at: Timestamp }>,
  ): Promise<void>;
  /** Items each rule matched at ingest since `since`, by rule id. */
  countRuleMatches(workspaceId: string, since: Timestamp): Promise<Record<string, number>>;
  addDecisions(decisions: ReadonlyArray<Omit<RuleDecision, 'id'>>): Promise<RuleDecision[]>;
  /** Replies each rule planned since `since` (its daily cap), by rule id. */
  countReplyDecisions(workspaceId: string, since: Timestamp): Promise<Record<string, number>>;
  listDecisions(workspaceId: string, itemIds: readonly string[]): Promise<RuleDecision[]>;

  saveAnalyses(analyses: readonly InboxItemAnalysis[]): Promise<void>;
  getAnalyses(workspaceId: string, itemIds: readonly string[]): Promise<Map<string, InboxItemAnalysis>>;
  /** Items received since `since`, oldest first, at most `limit` (labels not read). */
  listItemsSince(workspaceId: string, since: Timestamp, limit: number): Promise<InboxItem[]>;
  /** Per author key (`id:<network id>` or `handle:<handle>`), the id of their earliest item in the workspace. */
  firstItemIdsByAuthor(workspaceId: string, authorKeys: readonly string[]): Promise<Map<string, string>>;

  /** Records the times given (absent fields stay); creates the item's row when needed. */
  setItemTimes(workspaceId: string, itemId: string, times: Partial<InboxItemTimes>): Promise<void>;
  getItemTimes(workspaceId: string, itemId: string): Promise<InboxItemTimes | undefined>;
  /** Items received in [from, to) with their times, network, assignee and labels. */
  listSlaRows(workspaceId: string, from: Timestamp, to: Timestamp): Promise<SlaItemRow[]>;
}

/** The key that tells an author's items apart: their network id, else their handle; null when neither is known. */
export function authorKeyOf(author: { id: string | null; handle: string | null }): string | null {
  if (author.id) return `id:${author.id}`;
  if (author.handle) return `handle:${author.handle.replace(/^@/u, '').toLowerCase()}`;
  return null;
}
