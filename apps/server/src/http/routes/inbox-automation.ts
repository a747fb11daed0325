// The inbox's team settings: service levels (managers write, everyone reads), saved replies (community managers
// write and preview the answer counted the network's way), moderation rules (managers write and reorder; community managers try
// one on the last 30 days, which changes nothing) and the service-level figures. One service call per handler.
import { z } from 'zod';
import { validationError, type ServiceLevels } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, idSchema, noContent, toIso, workspaceParams } from '../schemas.js';
import { localeOf } from './listening/schemas.js';
import { createInboxAutomationService } from '../../inbox/automation-service.js';
import { computeInboxStats } from '../../inbox/sla-stats.js';
import {
  presentRule,
  presentSavedReply,
  previewBody,
  previewSchema,
  ruleBody,
  ruleSchema,
  savedReplyBody,
  savedReplySchema,
  serviceLevelsSchema,
  statsQuery,
  statsSchema,
  storedServiceLevelsSchema,
  trialSchema,
} from './inbox-automation-schemas.js';

const base = '/api/workspaces/:workspaceId/inbox';
const replyParams = workspaceParams.extend({ replyId: idSchema });
const ruleParams = workspaceParams.extend({ ruleId: idSchema });
const localeQuery = z.strictObject({ locale: z.enum(['fr', 'en']).optional().describe('Of query mistakes') });
const MAX_STATS_PERIOD_MS = 366 * 24 * 3_600_000;

export function registerInboxAutomationRoutes(api: ZodApp, { runtime }: RouteDeps): void {
  const service = createInboxAutomationService({ store: runtime.store, connectors: runtime.connectors });
  registerServiceLevels(api, service, runtime.store);
  registerSavedReplies(api, service);
  registerRules(api, service);
}

type Service = ReturnType<typeof createInboxAutomationService>;

function registerServiceLevels(api: ZodApp, service: Service, store: RouteDeps['runtime']['store']) {
  const present = (stored: Awaited<ReturnType<Service['getServiceLevels']>>) => ({
    levels: {
      ...stored.levels,
      hours: Object.fromEntries(Object.entries(stored.levels.hours).map(([day, ranges]) => [day, [...ranges]])),
      closedDates: [...(stored.levels.closedDates ?? [])],
    },
    updatedBy: stored.updatedBy,
    updatedAt: stored.updatedAt === null ? null : toIso(stored.updatedAt),
  });
  api.get(
    `${base}/service-levels`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: "The workspace's response targets and business hours (the defaults until a manager saves them)",
        tags: ['inbox'],
        params: workspaceParams,
        response: { 200: storedServiceLevelsSchema, ...commonErrors },
      },
    },
    async (request) => present(await service.getServiceLevels(requireWorkspace(request).id)),
  );
  api.put(
    `${base}/service-levels`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Set the response targets, business hours, time zone, holidays and closed days',
        tags: ['inbox'],
        params: workspaceParams,
        body: serviceLevelsSchema,
        response: { 200: storedServiceLevelsSchema, ...commonErrors },
      },
    },
    async (request) =>
      present(
        await service.saveServiceLevels(callerOf(request), requireWorkspace(request).id, request.body as ServiceLevels),
      ),
  );
  api.get(
    `${base}/stats`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'First response and resolution times (median, 90th percentile, missed) per member, network, label',
        tags: ['inbox'],
        params: workspaceParams,
        querystring: statsQuery,
        response: { 200: statsSchema, ...commonErrors },
      },
    },
    async (request) => {
      const now = Date.now();
      const to = request.query.to ? Date.parse(request.query.to) : now;
      const from = request.query.from ? Date.parse(request.query.from) : to - 30 * 24 * 3_600_000;
      if (!(from < to) || to - from > MAX_STATS_PERIOD_MS) {
        throw validationFailed('querystring.from', 'The period must end after it starts and last at most 366 days');
      }
      const stats = await computeInboxStats(store, requireWorkspace(request).id, { from, to }, now);
      return { ...stats, from: toIso(stats.from), to: toIso(stats.to) };
    },
  );
}

function validationFailed(path: string, message: string) {
  return validationError([{ path, code: 'end_before_start', params: { maxDays: 366 }, message }]);
}

function registerSavedReplies(api: ZodApp, service: Service) {
  api.get(
    `${base}/saved-replies`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Saved replies, by name',
        tags: ['inbox'],
        params: workspaceParams,
        response: { 200: z.array(savedReplySchema), ...commonErrors },
      },
    },
    async (request) => (await service.listSavedReplies(requireWorkspace(request).id)).map(presentSavedReply),
  );
  api.post(
    `${base}/saved-replies`,
    {
      config: { access: { kind: 'workspace', role: 'community_manager' } },
      schema: {
        summary: 'Write a saved reply (unknown or unclosed variables are refused with their line and column)',
        tags: ['inbox'],
        params: workspaceParams,
        body: savedReplyBody,
        response: { 201: savedReplySchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const saved = await service.createSavedReply(callerOf(request), requireWorkspace(request).id, request.body);
      return reply.code(201).send(presentSavedReply(saved));
    },
  );
  api.put(
    `${base}/saved-replies/:replyId`,
    {
      config: { access: { kind: 'workspace', role: 'community_manager' } },
      schema: {
        summary: 'Change a saved reply',
        tags: ['inbox'],
        params: replyParams,
        body: savedReplyBody,
        response: { 200: savedReplySchema, ...commonErrors },
      },
    },
    async (request) =>
      presentSavedReply(
        await service.updateSavedReply(
          callerOf(request),
          requireWorkspace(request).id,
          request.params.replyId,
          request.body,
        ),
      ),
  );
  api.delete(
    `${base}/saved-replies/:replyId`,
    {
      config: { access: { kind: 'workspace', role: 'community_manager' } },
      schema: {
        summary: 'Delete a saved reply',
        tags: ['inbox'],
        params: replyParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await service.deleteSavedReply(callerOf(request), requireWorkspace(request).id, request.params.replyId);
      return reply.status(204).send(null);
    },
  );
  api.post(
    `${base}/saved-replies/preview`,
    {
      config: { access: { kind: 'workspace', role: 'community_manager' } },
      schema: {
        summary: 'The answer a saved reply gives one person on one network, counted as that network counts it',
        tags: ['inbox'],
        params: workspaceParams,
        body: previewBody,
        response: { 200: previewSchema, ...commonErrors },
      },
    },
    async (request) => {
      const { text, link, ...values } = request.body;
      return service.previewSavedReply({ text, link }, values);
    },
  );
}

function registerRules(api: ZodApp, service: Service) {
  api.get(
    `${base}/rules`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Moderation rules in the order they run, each with its matches in the last 30 days',
        tags: ['inbox'],
        params: workspaceParams,
        response: { 200: z.array(ruleSchema), ...commonErrors },
      },
    },
    async (request) => (await service.listRules(requireWorkspace(request).id)).map(presentRule),
  );
  api.post(
    `${base}/rules`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Write a moderation rule, placed last',
        tags: ['inbox'],
        params: workspaceParams,
        querystring: localeQuery,
        body: ruleBody,
        response: { 201: ruleSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const locale = localeOf(request, request.query.locale);
      const rule = await service.createRule(callerOf(request), requireWorkspace(request).id, request.body, locale);
      return reply.code(201).send(presentRule(rule));
    },
  );
  api.post(
    `${base}/rules/:ruleId/move`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Move a rule to a place in the order (0 first); the others keep theirs',
        tags: ['inbox'],
        params: ruleParams,
        body: z.strictObject({ position: z.number().int().min(0).max(10_000) }),
        response: { 200: z.array(ruleSchema), ...commonErrors },
      },
    },
    async (request) =>
      (
        await service.moveRule(
          callerOf(request),
          requireWorkspace(request).id,
          request.params.ruleId,
          request.body.position,
        )
      ).map(presentRule),
  );
  api.post(
    `${base}/rules/try`,
    {
      config: { access: { kind: 'workspace', role: 'community_manager' } },
      schema: {
        summary: 'What a rule would have done to the last 30 days of items; nothing is changed',
        tags: ['inbox'],
        params: workspaceParams,
        querystring: localeQuery,
        body: ruleBody,
        response: { 200: trialSchema, ...commonErrors },
      },
    },
    async (request) => {
      const trial = await service.tryRule(
        requireWorkspace(request).id,
        request.body,
        localeOf(request, request.query.locale),
      );
      return {
        ...trial,
        items: trial.items.map(({ item, actions, skipped }) => ({
          item: {
            id: item.id,
            conversationId: item.conversationId,
            network: item.network,
            kind: item.kind,
            status: item.status,
            authorHandle: item.author.handle,
            authorName: item.author.name,
            text: item.text,
            receivedAt: toIso(item.receivedAt),
          },
          actions,
          skipped,
        })),
      };
    },
  );
  api.put(
    `${base}/rules/:ruleId`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Change a moderation rule',
        tags: ['inbox'],
        params: ruleParams,
        querystring: localeQuery,
        body: ruleBody,
        response: { 200: ruleSchema, ...commonErrors },
      },
    },
    async (request) =>
      presentRule(
        await service.updateRule(
          callerOf(request),
          requireWorkspace(request).id,
          request.params.ruleId,
          request.body,
          localeOf(request, request.query.locale),
        ),
      ),
  );
  api.delete(
    `${base}/rules/:ruleId`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Delete a moderation rule (its past decisions stay, without it)',
        tags: ['inbox'],
        params: ruleParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await service.deleteRule(callerOf(request), requireWorkspace(request).id, request.params.ruleId);
      return reply.status(204).send(null);
    },
  );
}
