// Automated moderation rules of the inbox: conditions (a listening query, sentiment, author, item kind, network,
// only emojis / only mentions / a link) and actions (label, assign, priority, done, hide with a reason, a saved
// reply under a daily cap). Evaluation is pure: it says which actions to apply and which it skipped and why, and
// never changes an item, so a rule can be tried on past items before it is saved (`tryRule`).
import type { Timestamp } from '../accounts/types.js';
import type { ValidationIssue } from '../errors.js';
import { findEmoji } from '../charter/rules-format.js';
import { findUrls } from '../charter/rules-links.js';
import { compileQuery, type CompiledQuery } from '../listening/query/compile-query.js';
import { isQueryError, localiseQueryError, type QueryLocale } from '../listening/query/errors.js';
import { prepareMention, type PreparedMention } from '../listening/query/mention.js';
import { localDateAt } from '../planning/local-dates.js';
import { MAX_PRIORITY } from './priority.js';
import { INBOX_ITEM_KINDS, INBOX_LABEL_MAX_LENGTH, type InboxItem, type InboxItemKind } from './types.js';

export const RULE_ITEM_KINDS = INBOX_ITEM_KINDS;
export type RuleItemKind = InboxItemKind;
export const RULE_SENTIMENTS = ['positive', 'neutral', 'negative'] as const;
export type RuleSentimentLabel = (typeof RULE_SENTIMENTS)[number];

/** What a rule reads of an inbox item (the server maps its stored item onto it). */
export interface RuleSubject {
  id: string;
  text: string;
  /** BCP 47 tag, declared or detected. */
  language: string | null;
  url: string | null;
  sentiment: { label: RuleSentimentLabel; confidence: number } | null;
  kind: RuleItemKind;
  network: string;
  author: {
    handle: string | null;
    followers: number | null;
    /** On the workspace's watched authors list. */
    watched: boolean;
    /** Their first item in this workspace's inbox. */
    firstContact: boolean;
  };
  /** Links the network gives apart from the text (Bluesky facets, a card); the text's own are found here. */
  links?: readonly string[];
  /** The channel's network lets Rostra hide this item. */
  canHide: boolean;
  receivedAt: Timestamp;
}

/** Every condition may be negated ("not a watched author"). */
export type RuleCondition = { negate?: boolean } & (
  | { type: 'query'; query: string }
  | { type: 'sentiment'; label: RuleSentimentLabel; minConfidence: number }
  | { type: 'author_watched' }
  | { type: 'first_contact' }
  | { type: 'followers_at_least'; count: number }
  | { type: 'kind'; kinds: RuleItemKind[] }
  | { type: 'network'; networks: string[] }
  | { type: 'only_emojis' }
  | { type: 'only_mentions' }
  | { type: 'has_link' }
);
export type RuleConditionType = RuleCondition['type'];

export type RuleAction =
  | { type: 'label'; label: string }
  | { type: 'assign'; memberId: string }
  | { type: 'set_priority'; priority: number }
  /** Done without an answer; `spam` says why, for the statistics and the audit. */
  | { type: 'mark_done'; spam: boolean }
  /** Hidden on the network (never deleted), with the reason kept in the audit log. */
  | { type: 'hide'; reason: string }
  /** Answers with a saved reply, at most `dailyCap` times a day for this rule. */
  | { type: 'reply'; savedReplyId: string; dailyCap: number };
export type RuleActionType = RuleAction['type'];

export interface ModerationRule {
  id: string;
  name: string;
  enabled: boolean;
  /** `all`: every condition must hold; `any`: one is enough. */
  match: 'all' | 'any';
  conditions: RuleCondition[];
  actions: RuleAction[];
  /** When it matches, the rules after it are not evaluated. */
  stop: boolean;
}

export const RULE_CONDITION_TYPES: readonly RuleConditionType[] = [
  'query',
  'sentiment',
  'author_watched',
  'first_contact',
  'followers_at_least',
  'kind',
  'network',
  'only_emojis',
  'only_mentions',
  'has_link',
];
export const RULE_ACTION_TYPES: readonly RuleActionType[] = [
  'label',
  'assign',
  'set_priority',
  'mark_done',
  'hide',
  'reply',
];
export const MAX_RULE_NAME_LENGTH = 100;
export const MAX_RULE_CONDITIONS = 20;
export const MAX_RULE_ACTIONS = 10;
export const MAX_HIDE_REASON_LENGTH = 500;
export const MAX_DAILY_REPLIES = 200;
const LABEL_MAX_LENGTH = INBOX_LABEL_MAX_LENGTH;

/** What the server knows of an item beyond what it stores on it: analysis, the author's standing, the network. */
export interface RuleSubjectFacts {
  sentiment: RuleSubject['sentiment'];
  language: string | null;
  watched: boolean;
  firstContact: boolean;
  canHide: boolean;
  links?: readonly string[];
}

/** A stored inbox item as rules read it. */
export function toRuleSubject(item: InboxItem, facts: RuleSubjectFacts): RuleSubject {
  return {
    id: item.id,
    text: item.text,
    language: facts.language,
    url: item.url,
    sentiment: facts.sentiment,
    kind: item.kind,
    network: item.network,
    author: {
      handle: item.author.handle,
      followers: item.author.followers,
      watched: facts.watched,
      firstContact: facts.firstContact,
    },
    ...(facts.links ? { links: facts.links } : {}),
    canHide: facts.canHide,
    receivedAt: item.receivedAt,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Text traits

const MENTION =
  /(?<![\p{L}\p{N}_.@])@[\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_])?(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?/gu;

export interface TextTraits {
  hasLink: boolean;
  /** Emoji and nothing else but @mentions, spaces and punctuation ("@mairie 👏👏 !"). */
  onlyEmojis: boolean;
  /** @mentions and nothing else but spaces and punctuation (tagging friends under a post). */
  onlyMentions: boolean;
}

/** The text traits rules test; mentions of people are set aside first, as replies often start with one. */
export function describeText(text: string, links: readonly string[] = []): TextTraits {
  const mentions = text.match(MENTION) ?? [];
  const rest = text.replace(MENTION, '').replace(/[\s\p{P}]+/gu, '');
  // Each emoji is one grapheme with its joiners, variation selectors and skin tones: all of `rest` when only emoji.
  // A letter or a digit settles it without segmenting the text into graphemes (the costly part).
  const emoji = /[\p{L}\p{N}]/u.test(rest) ? 0 : findEmoji(rest).reduce((length, r) => length + r.end - r.start, 0);
  return {
    hasLink: links.length > 0 || findUrls(text).length > 0,
    onlyEmojis: emoji > 0 && emoji === rest.length,
    onlyMentions: mentions.length > 0 && rest === '',
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

export interface RuleValidationContext {
  /** Members an `assign` may name; unchecked when absent. */
  memberIds?: ReadonlySet<string>;
  /** Saved replies a `reply` may use; unchecked when absent. */
  savedReplyIds?: ReadonlySet<string>;
  /** The language of a query's message and hint (query_syntax); French by default. */
  locale?: QueryLocale;
}

function issue(path: string, code: ValidationIssue['code'], message: string, params?: ValidationIssue['params']) {
  return params ? { path, code, params, message } : { path, code, message };
}

function checkBound(path: string, value: number, min: number, max: number, integer: boolean): ValidationIssue[] {
  if (typeof value !== 'number' || Number.isNaN(value) || (integer && !Number.isInteger(value))) {
    return [issue(path, 'invalid_type', integer ? 'A whole number' : 'A number')];
  }
  if (value < min) return [issue(path, 'too_small', `At least ${min}`, { limit: min })];
  if (value > max) return [issue(path, 'too_big', `At most ${max}`, { limit: max })];
  return [];
}

function checkQuery(path: string, query: string, locale: QueryLocale): ValidationIssue[] {
  try {
    compileQuery(query);
    return [];
  } catch (error) {
    if (!isQueryError(error)) throw error;
    const { message, hint } = localiseQueryError(error, locale);
    return [
      issue(path, 'query_syntax', `${error.message} ${error.hint}`, {
        column: error.column,
        length: error.length,
        queryCode: error.code,
        message,
        hint,
      }),
    ];
  }
}

function checkCondition(condition: RuleCondition, path: string, locale: QueryLocale): ValidationIssue[] {
  switch (condition.type) {
    case 'query':
      return checkQuery(`${path}.query`, condition.query, locale);
    case 'sentiment':
      return [
        ...(RULE_SENTIMENTS.includes(condition.label)
          ? []
          : [
              issue(`${path}.label`, 'invalid_choice', 'positive, neutral or negative', {
                choices: [...RULE_SENTIMENTS],
              }),
            ]),
        ...checkBound(`${path}.minConfidence`, condition.minConfidence, 0, 1, false),
      ];
    case 'followers_at_least':
      return checkBound(`${path}.count`, condition.count, 0, Number.MAX_SAFE_INTEGER, true);
    case 'kind':
      if (condition.kinds.length === 0)
        return [issue(`${path}.kinds`, 'too_few', 'Choose at least one kind', { limit: 1 })];
      return condition.kinds.some((kind) => !RULE_ITEM_KINDS.includes(kind))
        ? [issue(`${path}.kinds`, 'invalid_choice', 'Unknown item kind', { choices: [...RULE_ITEM_KINDS] })]
        : [];
    case 'network':
      return condition.networks.length === 0
        ? [issue(`${path}.networks`, 'too_few', 'Choose at least one network', { limit: 1 })]
        : [];
    case 'author_watched':
    case 'first_contact':
    case 'only_emojis':
    case 'only_mentions':
    case 'has_link':
      return [];
    default:
      return [issue(`${path}.type`, 'invalid_choice', 'Unknown condition', { choices: [...RULE_CONDITION_TYPES] })];
  }
}

function checkAction(action: RuleAction, path: string, context: RuleValidationContext): ValidationIssue[] {
  switch (action.type) {
    case 'label': {
      const label = action.label.trim();
      if (label === '') return [issue(`${path}.label`, 'required', 'A label')];
      return label.length > LABEL_MAX_LENGTH
        ? [issue(`${path}.label`, 'too_long', `At most ${LABEL_MAX_LENGTH} characters`, { limit: LABEL_MAX_LENGTH })]
        : [];
    }
    case 'assign':
      return context.memberIds && !context.memberIds.has(action.memberId)
        ? [issue(`${path}.memberId`, 'not_a_member', 'Not a member of the workspace')]
        : [];
    case 'set_priority':
      return checkBound(`${path}.priority`, action.priority, 0, MAX_PRIORITY, true);
    case 'mark_done':
      return [];
    case 'hide': {
      const reason = action.reason.trim();
      if (reason === '')
        return [issue(`${path}.reason`, 'hide_reason_required', 'Hiding needs a reason, kept in the audit log')];
      return reason.length > MAX_HIDE_REASON_LENGTH
        ? [
            issue(`${path}.reason`, 'too_long', `At most ${MAX_HIDE_REASON_LENGTH} characters`, {
              limit: MAX_HIDE_REASON_LENGTH,
            }),
          ]
        : [];
    }
    case 'reply':
      return [
        ...(context.savedReplyIds && !context.savedReplyIds.has(action.savedReplyId)
          ? [issue(`${path}.savedReplyId`, 'unknown_saved_reply', 'No such saved reply in this workspace')]
          : []),
        ...checkBound(`${path}.dailyCap`, action.dailyCap, 1, MAX_DAILY_REPLIES, true),
      ];
    default:
      return [issue(`${path}.type`, 'invalid_choice', 'Unknown action', { choices: [...RULE_ACTION_TYPES] })];
  }
}

/** Actions that make no sense together in one rule: answering what it throws away, or doing one thing twice. */
function checkActionSet(actions: readonly RuleAction[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Map<RuleActionType, number>();
  actions.forEach((action, index) => {
    const first = seen.get(action.type);
    if (first !== undefined && action.type !== 'label') {
      issues.push(issue(`actions.${index}`, 'duplicate', `A second "${action.type}" action`));
    } else if (first === undefined) seen.set(action.type, index);
  });
  const reply = seen.get('reply');
  const discard = actions.findIndex((a) => a.type === 'hide' || (a.type === 'mark_done' && a.spam));
  if (reply !== undefined && discard >= 0) {
    issues.push(
      issue(
        `actions.${Math.max(reply, discard)}`,
        'rule_conflicting_actions',
        'A rule cannot answer an item it hides or marks as spam',
        {
          first: (actions[Math.min(reply, discard)] as RuleAction).type,
          second: (actions[Math.max(reply, discard)] as RuleAction).type,
        },
      ),
    );
  }
  return issues;
}

/** Every problem of a rule, paths relative to it (`conditions.0.query`), codes people read in their language. */
export function validateRule(rule: ModerationRule, context: RuleValidationContext = {}): ValidationIssue[] {
  const locale = context.locale ?? 'fr';
  const issues: ValidationIssue[] = [];
  const name = rule.name.trim();
  if (name === '') issues.push(issue('name', 'required', 'A name'));
  else if (name.length > MAX_RULE_NAME_LENGTH) {
    issues.push(
      issue('name', 'too_long', `At most ${MAX_RULE_NAME_LENGTH} characters`, { limit: MAX_RULE_NAME_LENGTH }),
    );
  }
  if (rule.match !== 'all' && rule.match !== 'any') {
    issues.push(issue('match', 'invalid_choice', 'all or any', { choices: ['all', 'any'] }));
  }
  if (rule.conditions.length === 0) issues.push(issue('conditions', 'rule_no_conditions', 'A rule needs a condition'));
  if (rule.conditions.length > MAX_RULE_CONDITIONS) {
    issues.push(issue('conditions', 'too_many', `At most ${MAX_RULE_CONDITIONS}`, { limit: MAX_RULE_CONDITIONS }));
  }
  if (rule.actions.length === 0) issues.push(issue('actions', 'rule_no_actions', 'A rule needs an action'));
  if (rule.actions.length > MAX_RULE_ACTIONS) {
    issues.push(issue('actions', 'too_many', `At most ${MAX_RULE_ACTIONS}`, { limit: MAX_RULE_ACTIONS }));
  }
  rule.conditions.forEach((condition, i) => issues.push(...checkCondition(condition, `conditions.${i}`, locale)));
  rule.actions.forEach((action, i) => issues.push(...checkAction(action, `actions.${i}`, context)));
  issues.push(...checkActionSet(rule.actions));
  return issues;
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

/** A subject prepared once for every rule: the query document and the text traits. */
export interface PreparedSubject {
  readonly subject: RuleSubject;
  /** The query document, built when a rule first asks (most items meet no query condition before one fails). */
  readonly document: PreparedMention;
  /** Built when a rule first asks. */
  readonly traits: TextTraits;
}

type ConditionTest = (prepared: PreparedSubject) => boolean;

function compileCondition(condition: RuleCondition): ConditionTest {
  const test = compilePositiveCondition(condition);
  return condition.negate ? (prepared) => !test(prepared) : test;
}

function compilePositiveCondition(condition: RuleCondition): ConditionTest {
  switch (condition.type) {
    case 'query': {
      const query: CompiledQuery = compileQuery(condition.query);
      return ({ document }) => query.test(document);
    }
    case 'sentiment':
      return ({ subject: { sentiment } }) =>
        sentiment !== null && sentiment.label === condition.label && sentiment.confidence >= condition.minConfidence;
    case 'author_watched':
      return ({ subject }) => subject.author.watched;
    case 'first_contact':
      return ({ subject }) => subject.author.firstContact;
    case 'followers_at_least':
      return ({ subject }) => (subject.author.followers ?? 0) >= condition.count;
    case 'kind':
      return ({ subject }) => condition.kinds.includes(subject.kind);
    case 'network':
      return ({ subject }) => condition.networks.includes(subject.network);
    case 'only_emojis':
      return ({ traits }) => traits.onlyEmojis;
    case 'only_mentions':
      return ({ traits }) => traits.onlyMentions;
    case 'has_link':
      return ({ traits }) => traits.hasLink;
  }
}

/** A rule ready to run: its queries parsed once. */
export interface CompiledRule {
  readonly rule: ModerationRule;
  matches(prepared: PreparedSubject): boolean;
}

/** Compiles valid rules (see `validateRule`); a query that does not parse throws its `QueryError`. */
export function compileRule(rule: ModerationRule): CompiledRule {
  const tests = rule.conditions.map(compileCondition);
  const matches =
    rule.match === 'any'
      ? (prepared: PreparedSubject) => tests.some((test) => test(prepared))
      : (prepared: PreparedSubject) => tests.length > 0 && tests.every((test) => test(prepared));
  return { rule, matches };
}

export function prepareSubject(subject: RuleSubject): PreparedSubject {
  let document: PreparedMention | undefined;
  let traits: TextTraits | undefined;
  return {
    subject,
    get document() {
      document ??= prepareMention({
        text: subject.text,
        author: subject.author.handle ?? undefined,
        url: subject.url ?? undefined,
        lang: subject.language ?? undefined,
        source: subject.network,
      });
      return document;
    },
    get traits() {
      traits ??= describeText(subject.text, subject.links);
      return traits;
    },
  };
}

/** An action to apply, with the rule that asked for it (for the audit log). */
export type PlannedAction = RuleAction & { ruleId: string };

export const SKIP_REASONS = ['hide_unsupported', 'auto_replies_off', 'daily_cap_reached', 'already_decided'] as const;
/**
 * hide_unsupported: the network cannot hide; auto_replies_off: the workspace has not opted in; daily_cap_reached:
 * the rule answered its cap today; already_decided: an earlier rule already assigned, set the priority or replied.
 */
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkippedAction {
  action: PlannedAction;
  reason: SkipReason;
}

export interface RuleEvaluation {
  /** Rules that matched, in order (a `stop` rule is the last). */
  matchedRuleIds: string[];
  /** What to apply, in order; at most one assign, priority, done, hide and reply, labels without repeats. */
  actions: PlannedAction[];
  skipped: SkippedAction[];
}

export interface RuleRunContext {
  /** The workspace opted in to automatic replies (off by default). */
  autoReplies: boolean;
  /** Replies each rule already sent today, by rule id (the server counts them). */
  repliesSentToday: Readonly<Record<string, number>>;
}

const labelKey = (label: string) => `label:${label.trim().toLocaleLowerCase('fr')}`;
/** Actions a later rule cannot change once an earlier one decided them (labels add up; done and hide repeat). */
const SINGLE_VALUED = new Set<RuleActionType>(['assign', 'set_priority', 'reply']);

/** Why a reply cannot be planned, if it cannot. */
function blockReply(
  action: RuleAction & { type: 'reply' },
  ruleId: string,
  planned: readonly PlannedAction[],
  context: RuleRunContext,
): SkipReason | null {
  if (!context.autoReplies) return 'auto_replies_off';
  if ((context.repliesSentToday[ruleId] ?? 0) >= action.dailyCap) return 'daily_cap_reached';
  // An earlier rule hides it or calls it spam: nobody answers that.
  if (planned.some((a) => a.type === 'hide' || (a.type === 'mark_done' && a.spam))) return 'already_decided';
  return null;
}

/** Adds one matched rule's actions to the evaluation so far. */
function planActions(
  rule: ModerationRule,
  subject: RuleSubject,
  evaluation: RuleEvaluation,
  context: RuleRunContext,
): void {
  for (const action of rule.actions) {
    const planned: PlannedAction =
      action.type === 'label'
        ? { ...action, label: action.label.trim(), ruleId: rule.id }
        : { ...action, ruleId: rule.id };
    const key = action.type === 'label' ? labelKey(action.label) : action.type;
    const blocked =
      action.type === 'hide' && !subject.canHide
        ? 'hide_unsupported'
        : action.type === 'reply'
          ? blockReply(action, rule.id, evaluation.actions, context)
          : null;
    if (blocked) evaluation.skipped.push({ action: planned, reason: blocked });
    else if (evaluation.actions.some((a) => (a.type === 'label' ? labelKey(a.label) : a.type) === key)) {
      if (SINGLE_VALUED.has(action.type)) evaluation.skipped.push({ action: planned, reason: 'already_decided' });
    } else evaluation.actions.push(planned);
  }
}

/** The actions the enabled rules ask for on one item, in rule order; nothing is changed. */
export function evaluateRules(
  rules: readonly CompiledRule[],
  subject: RuleSubject,
  context: RuleRunContext,
): RuleEvaluation {
  const prepared = prepareSubject(subject);
  const evaluation: RuleEvaluation = { matchedRuleIds: [], actions: [], skipped: [] };
  for (const compiled of rules) {
    if (!compiled.rule.enabled || !compiled.matches(prepared)) continue;
    evaluation.matchedRuleIds.push(compiled.rule.id);
    planActions(compiled.rule, subject, evaluation, context);
    if (compiled.rule.stop) break;
  }
  return evaluation;
}

/** Evaluates a batch in order, counting the replies it plans against each rule's daily cap as it goes. */
export function evaluateBatch(
  rules: readonly CompiledRule[],
  subjects: readonly RuleSubject[],
  context: RuleRunContext,
): RuleEvaluation[] {
  const sent: Record<string, number> = { ...context.repliesSentToday };
  return subjects.map((subject) => {
    const evaluation = evaluateRules(rules, subject, { autoReplies: context.autoReplies, repliesSentToday: sent });
    for (const action of evaluation.actions)
      if (action.type === 'reply') sent[action.ruleId] = (sent[action.ruleId] ?? 0) + 1;
    return evaluation;
  });
}

export interface RuleTrial {
  /** Items the rule matched. */
  matchCount: number;
  /** Per matched item, what the rule would have done (replies capped per local day of reception). */
  items: Array<{ itemId: string; actions: PlannedAction[]; skipped: SkippedAction[] }>;
}

/**
 * What a rule, saved or not, would have done to past items — alone, enabled, as if the workspace had opted in to
 * replies (a reply it could not send shows as skipped only for its daily cap), counted per day in `timeZone`.
 * It changes nothing.
 */
export function tryRule(rule: ModerationRule, pastItems: readonly RuleSubject[], timeZone = 'Europe/Paris'): RuleTrial {
  const compiled = compileRule({ ...rule, enabled: true, stop: false });
  const repliesByDay = new Map<string, number>();
  const trial: RuleTrial = { matchCount: 0, items: [] };
  const ordered = [...pastItems].sort((a, b) => a.receivedAt - b.receivedAt);
  for (const subject of ordered) {
    const day = localDateAt(subject.receivedAt, timeZone);
    const sentToday = repliesByDay.get(day) ?? 0;
    const evaluation = evaluateRules([compiled], subject, {
      autoReplies: true,
      repliesSentToday: { [rule.id]: sentToday },
    });
    if (evaluation.matchedRuleIds.length === 0) continue;
    trial.matchCount++;
    if (evaluation.actions.some((a) => a.type === 'reply')) repliesByDay.set(day, sentToday + 1);
    trial.items.push({ itemId: subject.id, actions: evaluation.actions, skipped: evaluation.skipped });
  }
  return trial;
}
