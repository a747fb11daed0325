// Listening alerts: rules on a topic and where they are sent, and the log of alerts fired.
import { z } from 'zod';
import { ALERT_DEFAULTS, ALERT_KINDS, type AlertEvent, type AlertRule } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, idSchema, nameSchema, noContent, toIso, toIsoOrNull } from '../schemas.js';
import { createAlertsService, type AlertsService } from '../../alerts/service.js';

const ruleSchema = z.object({
  id: z.string(),
  topicId: z.string(),
  name: z.string(),
  kind: z.enum(ALERT_KINDS),
  params: z.record(z.string(), z.unknown()),
  cooldownMinutes: z.number(),
  enabled: z.boolean(),
  notifyInApp: z.boolean(),
  emailTo: z.array(z.string()),
  notifyWebhooks: z.boolean(),
  hasChatUrl: z.boolean(),
  lastFiredAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

const eventSchema = z.object({
  id: z.string(),
  ruleId: z.string(),
  topicId: z.string(),
  kind: z.enum(ALERT_KINDS),
  figures: z.record(z.string(), z.number()),
  mentionId: z.string().nullable(),
  deliveries: z.record(z.string(), z.string()),
  firedAt: z.iso.datetime(),
});

function present(rule: AlertRule) {
  return {
    id: rule.id,
    topicId: rule.topicId,
    name: rule.name,
    kind: rule.kind,
    // The effective parameters, defaults included, so people see what the rule really does.
    params: { ...ALERT_DEFAULTS[rule.kind], ...rule.params },
    cooldownMinutes: Math.round(rule.cooldownMs / 60_000),
    enabled: rule.enabled,
    notifyInApp: rule.notifyInApp,
    emailTo: rule.emailTo,
    notifyWebhooks: rule.notifyWebhooks,
    hasChatUrl: rule.hasChatUrl,
    lastFiredAt: toIsoOrNull(rule.lastFiredAt),
    createdAt: toIso(rule.createdAt),
    updatedAt: toIso(rule.updatedAt),
  };
}

function presentEvent(event: AlertEvent) {
  return { ...event, firedAt: toIso(event.firedAt) };
}

/** The fields of a rule, none defaulted: a PATCH changes only what it names. */
const ruleFields = {
  topicId: idSchema,
  name: nameSchema,
  kind: z.enum(ALERT_KINDS),
  params: z.record(z.string(), z.unknown()),
  cooldownMinutes: z
    .number()
    .int()
    .min(5)
    .max(7 * 24 * 60),
  enabled: z.boolean(),
  notifyInApp: z.boolean(),
  emailTo: z.array(z.email().max(320)).max(20),
  notifyWebhooks: z.boolean(),
  /** Slack or Mattermost incoming webhook; null removes it. */
  chatUrl: z
    .url({ protocol: /^https?$/, error: 'Use an http:// or https:// URL' })
    .max(2000)
    .nullable(),
};

const createBody = z.strictObject({
  ...ruleFields,
  params: ruleFields.params.default({}),
  cooldownMinutes: ruleFields.cooldownMinutes.default(60),
  enabled: ruleFields.enabled.default(true),
  notifyInApp: ruleFields.notifyInApp.default(true),
  emailTo: ruleFields.emailTo.default([]),
  notifyWebhooks: ruleFields.notifyWebhooks.default(false),
  chatUrl: ruleFields.chatUrl.optional(),
});

const patchBody = z.strictObject(ruleFields).partial();

const params = z.strictObject({ workspaceId: idSchema });
const oneParams = z.strictObject({ workspaceId: idSchema, alertId: idSchema });

/** The alert routes, in the order the API lists them: the rules, then the alerts they raised. */
export function registerAlertRoutes(api: ZodApp, deps: RouteDeps): void {
  const alerts = createAlertsService({ store: deps.runtime.store, secrets: deps.runtime.secrets });
  registerAlertRules(api, alerts);
  registerAlertEvents(api, alerts);
}

/** The alert rules: listed, created, changed and deleted. */
function registerAlertRules(api: ZodApp, alerts: AlertsService): void {
  api.get(
    '/api/workspaces/:workspaceId/alerts',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Listening alert rules',
        tags: ['alerts'],
        params,
        response: { 200: z.object({ items: z.array(ruleSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ items: (await alerts.list(requireWorkspace(request).id)).map(present) }),
  );

  api.post(
    '/api/workspaces/:workspaceId/alerts',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Create an alert on a topic: volume spike, negative share, watched author or source, new source',
        tags: ['alerts'],
        params,
        body: createBody,
        response: { 201: ruleSchema, ...commonErrors, 422: commonErrors[400] },
      },
    },
    async (request, reply) => {
      const rule = await alerts.create(requireWorkspace(request).id, request.body, callerOf(request));
      return reply.status(201).send(present(rule));
    },
  );

  api.patch(
    '/api/workspaces/:workspaceId/alerts/:alertId',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Change an alert (what is left out stays as it is)',
        tags: ['alerts'],
        params: oneParams,
        body: patchBody,
        response: { 200: ruleSchema, ...commonErrors, 422: commonErrors[400] },
      },
    },
    async (request) =>
      present(
        await alerts.update(requireWorkspace(request).id, request.params.alertId, request.body, callerOf(request)),
      ),
  );

  api.delete(
    '/api/workspaces/:workspaceId/alerts/:alertId',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Delete an alert and its log',
        tags: ['alerts'],
        params: oneParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await alerts.remove(requireWorkspace(request).id, request.params.alertId, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}

/** The alerts the rules raised. */
function registerAlertEvents(api: ZodApp, alerts: AlertsService): void {
  api.get(
    '/api/workspaces/:workspaceId/alert-events',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Alerts fired, newest first (cursor: before = firedAt of the last one seen)',
        tags: ['alerts'],
        params,
        querystring: z.strictObject({
          alertId: idSchema.optional(),
          before: z.iso.datetime({ offset: true }).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({ items: z.array(eventSchema), nextBefore: z.string().nullable() }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { alertId, before, limit } = request.query;
      const items = await alerts.listEvents(requireWorkspace(request).id, {
        limit,
        ...(before && { before: Date.parse(before) }),
        ...(alertId && { ruleId: alertId }),
      });
      const last = items.at(-1);
      return {
        items: items.map(presentEvent),
        nextBefore: items.length === limit && last ? toIso(last.firedAt) : null,
      };
    },
  );
}
