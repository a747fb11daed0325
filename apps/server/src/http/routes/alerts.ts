// Listening alerts: rules on a topic and where they are sent, and the log of alerts fired.
import { z } from 'zod';
import { ALERT_DEFAULTS, ALERT_KINDS, AppError, type AlertKind } from '@rostra/core';
import type { AlertEvent, AlertRule, AlertRuleInput } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { actionContext, requireWorkspace } from '../access.js';
import { commonErrors, idSchema, name, nameSchema, noContent, toIso, toIsoOrNull } from '../schemas.js';
import { chatUrlContext } from '../../alerts/engine.js';
import { refuseDisallowedUrls } from '../outbound-check.js';

const handles = z.array(name(200).min(1)).max(200);
/** Each kind's parameters, every field optional: what is left out takes the documented default. */
const PARAMS: Record<AlertKind, z.ZodType<Record<string, unknown>>> = {
  volume_spike: z.strictObject({
    k: z.number().min(1).max(10).optional(),
    minVolume: z.number().int().min(1).max(1_000_000).optional(),
    baselineHours: z
      .number()
      .int()
      .min(6)
      .max(24 * 28)
      .optional(),
  }),
  negative_share: z.strictObject({
    threshold: z.number().gt(0).lt(1).optional(),
    minVolume: z.number().int().min(1).max(1_000_000).optional(),
    windowHours: z.number().int().min(1).max(72).optional(),
  }),
  watched_author: z
    .strictObject({ authors: handles.optional(), sources: handles.optional() })
    .refine((p) => (p.authors?.length ?? 0) + (p.sources?.length ?? 0) > 0, {
      message: 'Name at least one author or source to watch',
      path: ['authors'],
    }),
  new_source: z.strictObject({ lookbackDays: z.number().int().min(1).max(365).optional() }),
};

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

function invalid(path: string, message: string): AppError {
  return new AppError('validation_failed', `${path}: ${message}`, { issues: [{ path, message }] });
}

export function registerAlertRoutes(api: ZodApp, deps: RouteDeps): void {
  const { store, secrets } = deps.runtime;
  const params = z.strictObject({ workspaceId: idSchema });
  const oneParams = z.strictObject({ workspaceId: idSchema, alertId: idSchema });

  async function audit(request: Parameters<typeof actionContext>[0], workspaceId: string, action: string, id: string) {
    const ctx = actionContext(request);
    const workspace = await store.accounts.getWorkspace(workspaceId);
    await store.audit.record({
      organisationId: workspace?.organisationId ?? '',
      workspaceId,
      actor: ctx.actor,
      action,
      targetType: 'alert',
      targetId: id,
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      details: {},
    });
  }

  /** Checks the kind's parameters and the topic; throws `invalid_input` saying which field. */
  async function toInput(
    workspaceId: string,
    body: z.infer<typeof patchBody>,
    current?: AlertRule,
  ): Promise<Partial<AlertRuleInput>> {
    const kind = body.kind ?? current?.kind;
    if (!kind) throw invalid('body.kind', 'kind is required');
    const input: Partial<AlertRuleInput> = {};
    if (body.params !== undefined || body.kind !== undefined) {
      const parsed = PARAMS[kind].safeParse(body.params ?? (body.kind === current?.kind ? current?.params : {}));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw invalid(`body.params.${issue?.path.join('.') ?? ''}`, issue?.message ?? 'invalid');
      }
      input.params = parsed.data;
      input.kind = kind;
    }
    if (body.topicId !== undefined) {
      if (!(await store.listening.getTopic(workspaceId, body.topicId))) {
        throw invalid('body.topicId', 'No such topic in this workspace');
      }
      input.topicId = body.topicId;
    }
    if (body.name !== undefined) input.name = body.name;
    if (body.cooldownMinutes !== undefined) input.cooldownMs = body.cooldownMinutes * 60_000;
    if (body.enabled !== undefined) input.enabled = body.enabled;
    if (body.notifyInApp !== undefined) input.notifyInApp = body.notifyInApp;
    if (body.emailTo !== undefined) input.emailTo = body.emailTo;
    if (body.notifyWebhooks !== undefined) input.notifyWebhooks = body.notifyWebhooks;
    if (body.chatUrl !== undefined) {
      await refuseDisallowedUrls({ 'body.chatUrl': body.chatUrl });
      input.sealedChatUrl = body.chatUrl === null ? null : secrets.encrypt(body.chatUrl, chatUrlContext(workspaceId));
    }
    return input;
  }

  async function requireRule(workspaceId: string, id: string): Promise<AlertRule> {
    const rule = await store.alerts.get(workspaceId, id);
    if (!rule) throw new AppError('not_found', 'Alert not found');
    return rule;
  }

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
    async (request) => ({ items: (await store.alerts.list(requireWorkspace(request).id)).map(present) }),
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
      const workspaceId = requireWorkspace(request).id;
      const input = (await toInput(workspaceId, request.body)) as AlertRuleInput;
      const userId = request.principal?.kind === 'session' ? request.principal.user.id : null;
      const rule = await store.alerts.create(
        workspaceId,
        { ...input, cooldownMs: request.body.cooldownMinutes * 60_000, sealedChatUrl: input.sealedChatUrl ?? null },
        userId,
        Date.now(),
      );
      await audit(request, workspaceId, 'alert.create', rule.id);
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
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const current = await requireRule(workspaceId, request.params.alertId);
      const input = await toInput(workspaceId, request.body, current);
      const rule = await store.alerts.update(workspaceId, current.id, input, Date.now());
      await audit(request, workspaceId, 'alert.update', current.id);
      return present(rule ?? current);
    },
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
      const workspaceId = requireWorkspace(request).id;
      if (!(await store.alerts.remove(workspaceId, request.params.alertId))) {
        throw new AppError('not_found', 'Alert not found');
      }
      await audit(request, workspaceId, 'alert.delete', request.params.alertId);
      return reply.status(204).send(null);
    },
  );

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
      const items = await store.alerts.listEvents(requireWorkspace(request).id, {
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
