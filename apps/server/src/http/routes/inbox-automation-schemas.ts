// The request and response shapes of the inbox's service levels, saved replies, moderation rules and figures. Zod
// checks shapes; the domain's own rules (ranges, variables, queries, conflicting actions) are core's validators,
// whose issues come back with their codes and positions.
import { z } from 'zod';
import {
  HOLIDAY_REGIONS,
  INBOX_ITEM_KINDS,
  INBOX_STATUSES,
  MAX_CLOSED_DATES,
  RULE_SENTIMENTS,
  SKIP_REASONS,
  type StoredRule,
  type StoredSavedReply,
} from '@rostra/core';
import { idSchema, toIso } from '../schemas.js';

const time = z.string().max(5).describe('HH:mm; 24:00 (or 00:00) may end a range');
const range = z.strictObject({ start: time, end: time });
const day = z.array(range).max(6);

export const serviceLevelsSchema = z.strictObject({
  timeZone: z.string().max(64).describe('IANA time zone of the business hours'),
  hours: z
    .strictObject({ 1: day, 2: day, 3: day, 4: day, 5: day, 6: day, 7: day })
    .partial()
    .describe('Business ranges per ISO weekday (1 = Monday); a day missing or empty is closed'),
  holidays: z.enum(['none', ...HOLIDAY_REGIONS]).describe('Whose public holidays close the workspace'),
  closedDates: z
    .array(z.string().max(10))
    .max(MAX_CLOSED_DATES)
    .default([])
    .describe('Further closed days, YYYY-MM-DD'),
  firstResponseMinutes: z.number().int().describe('Target for the first answer, in business minutes'),
  resolutionMinutes: z.number().int().describe('Target for done, in business minutes'),
});

export const storedServiceLevelsSchema = z.object({
  levels: serviceLevelsSchema,
  updatedBy: z.string().nullable(),
  updatedAt: z.iso.datetime().nullable().describe('Null while the defaults apply'),
});

export const savedReplyBody = z.strictObject({
  name: z.string().max(200),
  text: z.string().max(10_000).describe('With variables: {prénom}, {nom}, {nom_complet}, {pseudo}, {lien}, {réseau}…'),
  link: z.string().max(2000).nullable().default(null).describe('What {lien} stands for'),
});

export const savedReplySchema = z.object({
  id: z.string(),
  name: z.string(),
  text: z.string(),
  link: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export function presentSavedReply(reply: StoredSavedReply) {
  const { id, name, text, link } = reply;
  return { id, name, text, link, createdAt: toIso(reply.createdAt), updatedAt: toIso(reply.updatedAt) };
}

export const previewBody = z.strictObject({
  text: z.string().max(10_000),
  link: z.string().max(2000).nullable().default(null),
  network: z.string().min(1).max(40),
  author: z.strictObject({ name: z.string().max(200).nullable(), handle: z.string().max(200).nullable() }),
  signature: z.string().max(200).nullable().default(null),
  organisation: z.string().max(200).nullable().default(null),
});

const issueSchema = z.object({
  path: z.string(),
  code: z.string(),
  params: z.record(z.string(), z.unknown()).optional(),
  message: z.string(),
});

export const previewSchema = z.union([
  z.object({ ok: z.literal(true), text: z.string(), length: z.number().int(), limit: z.number().int() }),
  z.object({ ok: z.literal(false), issues: z.array(issueSchema) }),
]);

const negate = { negate: z.boolean().optional().describe('The condition must not hold') };
export const conditionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('query'), query: z.string().max(4000), ...negate }),
  z.strictObject({
    type: z.literal('sentiment'),
    label: z.enum(RULE_SENTIMENTS),
    minConfidence: z.number(),
    ...negate,
  }),
  z.strictObject({ type: z.literal('author_watched'), ...negate }),
  z.strictObject({ type: z.literal('first_contact'), ...negate }),
  z.strictObject({ type: z.literal('followers_at_least'), count: z.number().int(), ...negate }),
  z.strictObject({ type: z.literal('kind'), kinds: z.array(z.enum(INBOX_ITEM_KINDS)).max(10), ...negate }),
  z.strictObject({ type: z.literal('network'), networks: z.array(z.string().min(1).max(40)).max(20), ...negate }),
  z.strictObject({ type: z.literal('only_emojis'), ...negate }),
  z.strictObject({ type: z.literal('only_mentions'), ...negate }),
  z.strictObject({ type: z.literal('has_link'), ...negate }),
]);

export const actionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('label'), label: z.string().max(200) }),
  z.strictObject({ type: z.literal('assign'), memberId: idSchema }),
  z.strictObject({ type: z.literal('set_priority'), priority: z.number().int() }),
  z.strictObject({ type: z.literal('mark_done'), spam: z.boolean() }),
  z.strictObject({ type: z.literal('hide'), reason: z.string().max(2000) }),
  z.strictObject({ type: z.literal('reply'), savedReplyId: idSchema, dailyCap: z.number().int() }),
]);

export const ruleBody = z.strictObject({
  name: z.string().max(400),
  enabled: z.boolean().default(true),
  match: z.enum(['all', 'any']).default('all').describe('all: every condition; any: one is enough'),
  conditions: z.array(conditionSchema).max(50),
  actions: z.array(actionSchema).max(30),
  stop: z.boolean().default(false).describe('When it matches, the rules after it are not evaluated'),
});

export const ruleSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  name: z.string(),
  enabled: z.boolean(),
  match: z.enum(['all', 'any']),
  conditions: z.array(conditionSchema),
  actions: z.array(actionSchema),
  stop: z.boolean(),
  matchedLast30Days: z.number().int().describe('Items it matched as they came in, in the last 30 days'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export function presentRule(rule: StoredRule & { matchedLast30Days?: number }) {
  const { id, position, name, enabled, match, conditions, actions, stop } = rule;
  return {
    id,
    position,
    name,
    enabled,
    match,
    conditions,
    actions,
    stop,
    matchedLast30Days: rule.matchedLast30Days ?? 0,
    createdAt: toIso(rule.createdAt),
    updatedAt: toIso(rule.updatedAt),
  };
}

export const trialSchema = z.object({
  scanned: z.number().int().describe('Items of the last 30 days the rule was tried on'),
  matchCount: z.number().int(),
  items: z
    .array(
      z.object({
        item: z.object({
          id: z.string(),
          conversationId: z.string(),
          network: z.string(),
          kind: z.enum(INBOX_ITEM_KINDS),
          status: z.enum(INBOX_STATUSES),
          authorHandle: z.string().nullable(),
          authorName: z.string().nullable(),
          text: z.string().describe('Plain text: never HTML'),
          receivedAt: z.iso.datetime(),
        }),
        actions: z.array(actionSchema).describe('What the rule would have done'),
        skipped: z.array(z.object({ action: actionSchema, reason: z.enum(SKIP_REASONS) })),
      }),
    )
    .describe('Matched items, newest first (at most 200)'),
});

const figures = z.object({
  measured: z.number().int(),
  median: z.number().nullable().describe('Business minutes'),
  p90: z.number().nullable().describe('Business minutes'),
  missed: z.number().int(),
});
const summary = z.object({ count: z.number().int(), firstResponse: figures, resolution: figures });

export const statsQuery = z.strictObject({
  from: z.iso.datetime().optional().describe('Default: 30 days before `to`'),
  to: z.iso.datetime().optional().describe('Default: now'),
});

export const statsSchema = z.object({
  from: z.iso.datetime(),
  to: z.iso.datetime(),
  timeZone: z.string(),
  targets: z.object({ firstResponseMinutes: z.number().int(), resolutionMinutes: z.number().int() }),
  overdue: z.number().int().describe('Items of the period past a due time and still waiting'),
  overall: summary,
  groups: z.array(
    summary.extend({
      dimension: z.enum(['member', 'network', 'label']),
      key: z.string().describe('A member id (none: unassigned), a network, a label'),
    }),
  ),
  days: z.array(
    z.object({
      date: z.string(),
      count: z.number().int(),
      firstResponseMedian: z.number().nullable(),
      resolutionMedian: z.number().nullable(),
      missed: z.number().int(),
    }),
  ),
});
