// Webhook subscriptions as admins manage them: subscribe (the signing secret sealed, shown once), stop, ping.
// Each write runs in one transaction with its audit entry; sending and the delivery log are webhooks.ts.
import { randomBytes } from 'node:crypto';
import { AppError, type Webhook, type WebhookDelivery } from '@rostra/core';
import type { Store } from '@rostra/store';
import type { SecretBox } from '../secrets.js';
import { auditWorkspace, type Caller } from '../audit/caller.js';
import { refuseDisallowedUrls } from '../http/outbound-check.js';
import { webhookSecretContext, type WebhookDispatcher } from './webhooks.js';

export type WebhooksService = ReturnType<typeof createWebhooksService>;

/** Its length is the operations it returns, closed over the same deps; each one stays short. */
export function createWebhooksService(deps: {
  store: Store;
  secrets: SecretBox;
  dispatcher: WebhookDispatcher;
  now?: () => number;
}) {
  const { store, secrets, dispatcher } = deps;
  const now = deps.now ?? Date.now;

  async function requireWebhook(workspaceId: string, id: string): Promise<Webhook> {
    const webhook = await store.webhooks.get(workspaceId, id);
    if (!webhook) throw new AppError('not_found', 'Webhook not found');
    return webhook;
  }

  return {
    list: (workspaceId: string): Promise<Webhook[]> => store.webhooks.list(workspaceId),

    async listDeliveries(workspaceId: string, webhookId: string, limit: number): Promise<WebhookDelivery[]> {
      const webhook = await requireWebhook(workspaceId, webhookId);
      return store.webhooks.listDeliveries(webhook.id, limit);
    },

    /** Returns the signing secret too: this is the only time anyone sees it. */
    async subscribe(
      workspaceId: string,
      input: { url: string; events: string[]; description: string },
      caller: Caller,
    ): Promise<{ webhook: Webhook; secret: string }> {
      await refuseDisallowedUrls({ 'body.url': input.url });
      const secret = `whsec_${randomBytes(24).toString('base64url')}`;
      const webhook = await store.transaction(async (repos) => {
        const created = await repos.webhooks.create({
          workspaceId,
          url: input.url,
          events: [...new Set(input.events)],
          description: input.description,
          sealedSecret: secrets.encrypt(secret, webhookSecretContext(workspaceId)),
          createdBy: caller.userId,
        });
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'webhook.created',
          targetType: 'webhook',
          targetId: created.id,
          details: { url: created.url, events: created.events },
        });
        return created;
      });
      return { webhook, secret };
    },

    /** Stops sending; the delivery log stays. */
    async disable(workspaceId: string, webhookId: string, caller: Caller): Promise<void> {
      const webhook = await requireWebhook(workspaceId, webhookId);
      await store.transaction(async (repos) => {
        await repos.webhooks.disable(webhook.id, now());
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'webhook.disabled',
          targetType: 'webhook',
          targetId: webhook.id,
          details: { url: webhook.url },
        });
      });
    },

    /**
     * Sends a signed test event. The delivery is logged and its job queued by the dispatcher before the audit
     * entry: the queue may be Redis, outside any database transaction.
     */
    async ping(workspaceId: string, webhookId: string, caller: Caller): Promise<string> {
      const webhook = await requireWebhook(workspaceId, webhookId);
      const deliveryId = await dispatcher.deliverTo(webhook.id, workspaceId, 'ping', { message: 'Hello from Rostra' });
      await store.transaction((repos) =>
        auditWorkspace(repos, caller, workspaceId, {
          action: 'webhook.pinged',
          targetType: 'webhook',
          targetId: webhook.id,
        }),
      );
      return deliveryId;
    },
  };
}
