// Webhooks: subscribe an endpoint to post events, see every delivery, send a test ping.
import { z } from 'zod';
import { WEBHOOK_EVENTS, type Webhook, type WebhookDelivery } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, idSchema, name, noContent, toIso, toIsoOrNull } from '../schemas.js';
import { createWebhooksService, type WebhooksService } from '../../events/service.js';

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

const params = z.strictObject({ workspaceId: idSchema });
const oneParams = z.strictObject({ workspaceId: idSchema, webhookId: idSchema });

/** The webhook routes, in the order the API lists them: subscriptions, then a webhook's deliveries and ping. */
export function registerWebhookRoutes(api: ZodApp, deps: RouteDeps): void {
  const webhooks = createWebhooksService({
    store: deps.runtime.store,
    secrets: deps.runtime.secrets,
    dispatcher: deps.webhooks,
  });
  registerWebhookSubscriptions(api, webhooks);
  registerWebhookDeliveries(api, webhooks);
}

/** Admins list, subscribe and remove a workspace's webhooks. */
function registerWebhookSubscriptions(api: ZodApp, webhooks: WebhooksService): void {
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
      items: (await webhooks.list(requireWorkspace(request).id)).map(present),
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
      const { webhook, secret } = await webhooks.subscribe(
        requireWorkspace(request).id,
        request.body,
        callerOf(request),
      );
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
      await webhooks.disable(requireWorkspace(request).id, request.params.webhookId, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}

/** A webhook's recent deliveries, and a ping to test its endpoint. */
function registerWebhookDeliveries(api: ZodApp, webhooks: WebhooksService): void {
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
      const { webhookId } = request.params;
      const items = await webhooks.listDeliveries(requireWorkspace(request).id, webhookId, request.query.limit);
      return { items: items.map(presentDelivery) };
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
      const deliveryId = await webhooks.ping(requireWorkspace(request).id, request.params.webhookId, callerOf(request));
      return reply.status(202).send({ deliveryId });
    },
  );
}
