// Webhooks: subscribe an endpoint to post events, see every delivery, send a test ping.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { AppError, WEBHOOK_EVENTS, type Webhook, type WebhookDelivery } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { actionContext, requireWorkspace } from '../access.js';
import { commonErrors, idSchema, name, noContent, toIso, toIsoOrNull } from '../schemas.js';
import { webhookSecretContext } from '../../events/webhooks.js';
import { refuseDisallowedUrls } from '../outbound-check.js';

const webhookSchema = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string(),
  createdAt: z.iso.datetime(),
  disabledAt: z.iso.datetime().nullable(),
});

const deliverySchema = z.object({
  id: z.string(),
  event: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  attempts: z.number(),
  responseStatus: z.number().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  deliveredAt: z.iso.datetime().nullable(),
  payload: z.unknown(),
});

function present(webhook: Webhook) {
  return {
    id: webhook.id,
    url: webhook.url,
    events: webhook.events,
    description: webhook.description,
    createdAt: toIso(webhook.createdAt),
    disabledAt: toIsoOrNull(webhook.disabledAt),
  };
}

function presentDelivery(d: WebhookDelivery) {
  return {
    id: d.id,
    event: d.event,
    status: d.status,
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    lastError: d.lastError,
    createdAt: toIso(d.createdAt),
    deliveredAt: toIsoOrNull(d.deliveredAt),
    payload: d.payload,
  };
}

async function audit(
  deps: RouteDeps,
  workspaceId: string,
  request: Parameters<typeof actionContext>[0],
  action: string,
  targetId: string,
  details: Record<string, unknown> = {},
) {
  const ctx = actionContext(request);
  const workspace = await deps.runtime.store.accounts.getWorkspace(workspaceId);
  await deps.runtime.store.audit.record({
    organisationId: workspace?.organisationId ?? '',
    workspaceId,
    actor: ctx.actor,
    action,
    targetType: 'webhook',
    targetId,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    details,
  });
}

export function registerWebhookRoutes(api: ZodApp, deps: RouteDeps): void {
  const { runtime, webhooks } = deps;
  const { store } = runtime;
  const params = z.strictObject({ workspaceId: idSchema });
  const oneParams = z.strictObject({ workspaceId: idSchema, webhookId: idSchema });

  async function requireWebhook(workspaceId: string, id: string): Promise<Webhook> {
    const webhook = await store.webhooks.get(workspaceId, id);
    if (!webhook) throw new AppError('not_found', 'Webhook not found');
    return webhook;
  }

  api.get(
    '/api/workspaces/:workspaceId/webhooks',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'Webhooks of the workspace',
        tags: ['webhooks'],
        params,
        response: { 200: z.object({ items: z.array(webhookSchema), events: z.array(z.string()) }), ...commonErrors },
      },
    },
    async (request) => ({
      items: (await store.webhooks.list(requireWorkspace(request).id)).map(present),
      events: [...WEBHOOK_EVENTS],
    }),
  );

  api.post(
    '/api/workspaces/:workspaceId/webhooks',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'Subscribe an HTTPS endpoint to events; the signing secret is in this response only',
        tags: ['webhooks'],
        params,
        body: z.strictObject({
          url: z.url({ protocol: /^https?$/, error: 'Use an http:// or https:// URL' }).max(2000),
          events: z
            .array(z.enum([...WEBHOOK_EVENTS, '*']))
            .min(1)
            .max(WEBHOOK_EVENTS.length + 1),
          description: name(200).default(''),
        }),
        response: {
          201: z.object({ webhook: webhookSchema, secret: z.string() }),
          ...commonErrors,
          422: commonErrors[400],
        },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      await refuseDisallowedUrls({ 'body.url': request.body.url });
      const secret = `whsec_${randomBytes(24).toString('base64url')}`;
      const webhook = await store.webhooks.create({
        workspaceId,
        url: request.body.url,
        events: [...new Set(request.body.events)],
        description: request.body.description,
        sealedSecret: runtime.secrets.encrypt(secret, webhookSecretContext(workspaceId)),
        createdBy: request.principal?.kind === 'session' ? request.principal.user.id : null,
      });
      await audit(deps, workspaceId, request, 'webhook.created', webhook.id, {
        url: webhook.url,
        events: webhook.events,
      });
      return reply.status(201).send({ webhook: present(webhook), secret });
    },
  );

  api.delete(
    '/api/workspaces/:workspaceId/webhooks/:webhookId',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'Stop a webhook (its delivery log stays)',
        tags: ['webhooks'],
        params: oneParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const webhook = await requireWebhook(workspaceId, request.params.webhookId);
      await store.webhooks.disable(webhook.id, Date.now());
      await audit(deps, workspaceId, request, 'webhook.disabled', webhook.id, { url: webhook.url });
      return reply.status(204).send(null);
    },
  );

  api.get(
    '/api/workspaces/:workspaceId/webhooks/:webhookId/deliveries',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'The latest deliveries of a webhook, with attempts and answers',
        tags: ['webhooks'],
        params: oneParams,
        querystring: z.strictObject({ limit: z.coerce.number().int().min(1).max(200).default(50) }),
        response: { 200: z.object({ items: z.array(deliverySchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const webhook = await requireWebhook(requireWorkspace(request).id, request.params.webhookId);
      return { items: (await store.webhooks.listDeliveries(webhook.id, request.query.limit)).map(presentDelivery) };
    },
  );

  api.post(
    '/api/workspaces/:workspaceId/webhooks/:webhookId/ping',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'Send a signed test event to the endpoint',
        tags: ['webhooks'],
        params: oneParams,
        response: { 202: z.object({ deliveryId: z.string() }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const webhook = await requireWebhook(workspaceId, request.params.webhookId);
      const deliveryId = await webhooks.deliverTo(webhook.id, workspaceId, 'ping', { message: 'Hello from Rostra' });
      await audit(deps, workspaceId, request, 'webhook.pinged', webhook.id);
      return reply.status(202).send({ deliveryId });
    },
  );
}
