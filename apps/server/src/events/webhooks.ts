// Outgoing webhooks: every event becomes one logged delivery per subscribed endpoint, sent by a job,
// signed with HMAC-SHA256 over "<timestamp>.<body>" (header `Rostra-Signature: t=…,v1=…`), retried with
// backoff on failure, and kept in a delivery log people can read.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { retryDelayMs, subscribes, type JobHandler, type JobQueue, type WebhookEvent } from '@rostra/core';
import { ConnectorError } from '@rostra/connectors';
import { describeFailure, outboundFetch } from '@rostra/connectors/outbound';
import type { Store } from '@rostra/store';
import type { SecretBox } from '../secrets.js';

export const WEBHOOK_JOB = 'webhook.deliver';
export const WEBHOOK_MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;

/** Signing secrets are sealed bound to their workspace: copied into another workspace, they don't open. */
export function webhookSecretContext(workspaceId: string): string {
  return `webhook-secret:${workspaceId}`;
}

export function signWebhook(secret: string, timestamp: number, body: string): string {
  const digest = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${digest}`;
}

/** For receivers (and tests): checks the signature and that it is recent, against replays. */
export function verifyWebhookSignature(
  secret: string,
  header: string,
  body: string,
  nowSeconds: number = Math.floor(Date.now() / 1000),
  toleranceSeconds = 300,
): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1 || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, timestamp, body).split('v1=')[1] as string, 'hex');
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export type Emit = (workspaceId: string, event: WebhookEvent, data: unknown) => Promise<void>;

export function createWebhookDispatcher(deps: {
  store: Store;
  secrets: SecretBox;
  queue: JobQueue;
  fetch?: typeof fetch;
  now?: () => number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}) {
  const { store, secrets, queue } = deps;
  const send = deps.fetch ?? outboundFetch;
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => {});

  async function enqueue(deliveryId: string, attempt: number, runAt?: number): Promise<void> {
    await queue.enqueue(
      WEBHOOK_JOB,
      { deliveryId },
      { key: `webhook:${deliveryId}:${attempt}`, maxAttempts: 1, ...(runAt ? { runAt } : {}) },
    );
  }

  async function deliverTo(webhookId: string, workspaceId: string, event: string, data: unknown): Promise<string> {
    // The payload is stored once, so retries send byte-identical bodies; its id travels in Rostra-Delivery.
    const payload = { event, workspaceId, createdAt: new Date(now()).toISOString(), data };
    const delivery = await store.webhooks.recordDelivery(webhookId, event, payload);
    await enqueue(delivery.id, 0);
    return delivery.id;
  }

  const emit: Emit = async (workspaceId, event, data) => {
    for (const webhook of await store.webhooks.list(workspaceId)) {
      if (subscribes(webhook, event)) await deliverTo(webhook.id, workspaceId, event, data);
    }
  };

  const deliver: JobHandler = async (payload) => {
    const deliveryId = (payload as { deliveryId: string }).deliveryId;
    const delivery = await store.webhooks.getDelivery(deliveryId);
    if (!delivery || delivery.status !== 'pending') return;
    const endpoint = await store.webhooks.getEndpoint(delivery.webhookId);
    if (!endpoint || endpoint.disabledAt !== null) return;
    const secret = secrets.decrypt(endpoint.sealedSecret, webhookSecretContext(endpoint.workspaceId));
    const body = JSON.stringify(delivery.payload);
    const attempt = delivery.attempts + 1;
    let responseStatus: number | null = null;
    let error: string | null = null;
    let permanent = false;
    try {
      const response = await send(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Rostra-Webhooks/0.1',
          'rostra-event': delivery.event,
          'rostra-delivery': delivery.id,
          'rostra-signature': signWebhook(secret, Math.floor(now() / 1000), body),
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      responseStatus = response.status;
      // The log keeps the status only: what an endpoint answers is never stored nor shown.
      if (response.status < 200 || response.status >= 300) error = `HTTP ${response.status}`;
      await response.body?.cancel().catch(() => {});
    } catch (e) {
      // A refused address stays refused until an administrator allows it: given up at once, nothing was sent.
      permanent = e instanceof ConnectorError && e.code === 'address_not_allowed';
      error = permanent ? (e as Error).message : describeFailure(e);
    }
    if (error === null) {
      await store.webhooks.settleDelivery(deliveryId, {
        status: 'delivered',
        attempts: attempt,
        responseStatus,
        error: null,
        at: now(),
      });
      return;
    }
    const giveUp = permanent || attempt >= WEBHOOK_MAX_ATTEMPTS;
    await store.webhooks.settleDelivery(deliveryId, {
      status: giveUp ? 'failed' : 'pending',
      attempts: attempt,
      responseStatus,
      error,
      at: now(),
    });
    log('webhook delivery failed', { deliveryId, attempt, error });
    if (!giveUp) await enqueue(deliveryId, attempt, now() + retryDelayMs(attempt));
  };

  return { emit, deliverTo, handlers: { [WEBHOOK_JOB]: deliver } as Record<string, JobHandler> };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
