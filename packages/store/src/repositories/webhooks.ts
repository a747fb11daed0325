// Webhook subscriptions and their delivery log, which is also the events' outbox: deliveries are written in the
// transaction of the change they tell of, claimed with a lease while one worker sends them, swept when lost.
import type { Kysely, Selectable } from 'kysely';
import type { Webhook, WebhookDelivery, WebhookDeliveryStatus, WebhooksRepository } from '@rostra/core';
import type { Database, WebhookDeliveriesTable, WebhooksTable } from '../schema.js';
import { newId } from '../ids.js';

function toWebhook(row: Selectable<WebhooksTable>): Webhook {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    url: row.url,
    events: JSON.parse(row.events) as string[],
    description: row.description,
    createdAt: row.created_at,
    disabledAt: row.disabled_at,
  };
}

function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id ?? row.id,
    webhookId: row.webhook_id,
    event: row.event,
    payload: JSON.parse(row.payload) as unknown,
    status: row.status as WebhookDeliveryStatus,
    attempts: row.attempts,
    responseStatus: row.response_status,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}

export function createWebhooksRepository(db: Kysely<Database>): WebhooksRepository {
  return {
    async create(webhook) {
      const row = {
        id: newId(),
        workspace_id: webhook.workspaceId,
        url: webhook.url,
        events: JSON.stringify(webhook.events),
        secret: webhook.sealedSecret,
        description: webhook.description,
        created_by: webhook.createdBy,
        created_at: Date.now(),
        disabled_at: null,
      };
      await db.insertInto('webhooks').values(row).execute();
      return toWebhook(row);
    },
    async get(workspaceId, id) {
      const row = await db
        .selectFrom('webhooks')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toWebhook(row);
    },
    async getEndpoint(id) {
      const row = await db
        .selectFrom('webhooks')
        .select(['workspace_id', 'url', 'secret', 'disabled_at'])
        .where('id', '=', id)
        .executeTakeFirst();
      return (
        row && { workspaceId: row.workspace_id, url: row.url, sealedSecret: row.secret, disabledAt: row.disabled_at }
      );
    },
    async list(workspaceId) {
      const rows = await db
        .selectFrom('webhooks')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .orderBy('created_at')
        .execute();
      return rows.map(toWebhook);
    },
    async disable(id, at) {
      await db.updateTable('webhooks').set({ disabled_at: at }).where('id', '=', id).execute();
    },
    async recordEvent(event) {
      if (event.webhookIds.length === 0) return [];
      const payload = JSON.stringify(event.payload);
      const rows = event.webhookIds.map((webhookId) => ({
        id: newId(),
        event_id: event.id,
        webhook_id: webhookId,
        event: event.event,
        payload,
        status: 'pending',
        attempts: 0,
        response_status: null,
        last_error: null,
        created_at: event.at,
        delivered_at: null,
        next_attempt_at: event.at,
        lease_until: null,
      }));
      await db.insertInto('webhook_deliveries').values(rows).execute();
      return rows.map((r) => r.id);
    },
    async getDelivery(id) {
      const row = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toDelivery(row);
    },
    async claimDelivery(id, now, leaseMs) {
      const row = await db
        .updateTable('webhook_deliveries')
        .set({ lease_until: now + leaseMs })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
        .returningAll()
        .executeTakeFirst();
      return row && toDelivery(row);
    },
    async settleDelivery(id, outcome) {
      await db
        .updateTable('webhook_deliveries')
        .set({
          status: outcome.status,
          attempts: outcome.attempts,
          response_status: outcome.responseStatus,
          last_error: outcome.error,
          delivered_at: outcome.status === 'delivered' ? outcome.at : null,
          next_attempt_at: outcome.status === 'pending' ? outcome.nextAttemptAt : null,
          lease_until: null,
        })
        .where('id', '=', id)
        .execute();
    },
    async listStalledDeliveries(dueBefore, now, limit) {
      const rows = await db
        .selectFrom('webhook_deliveries as d')
        .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
        .select(['d.id', 'd.attempts', 'd.lease_until'])
        .where('d.status', '=', 'pending')
        .where('d.next_attempt_at', '<=', dueBefore)
        .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<', now)]))
        .where('w.disabled_at', 'is', null)
        .orderBy('d.next_attempt_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, attempts: r.attempts, leaseUntil: r.lease_until }));
    },
    async listDeliveries(webhookId, limit) {
      const rows = await db
        .selectFrom('webhook_deliveries')
        .selectAll()
        .where('webhook_id', '=', webhookId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toDelivery);
    },
  };
}
