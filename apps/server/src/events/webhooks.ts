// Outgoing webhooks: every event becomes one logged delivery per subscribed endpoint, sent by a job,
// signed with HMAC-SHA256 over "<timestamp>.<body>" (header `Rostra-Signature: t=…,v1=…`), retried with
// backoff on failure, and kept in a delivery log people can read.
// The log is also a transactional outbox: an event's deliveries are written in the transaction of the change it
// tells of, a job sends each once that has committed, and `webhook.sweep` sends those whose job a crash lost.
// Delivery is at least once; the event id (body `id`, header `Rostra-Event-Id`) lets a receiver drop a repeat.
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  retryDelayMs,
  subscribes,
  type JobHandler,
  type JobQueue,
  type Repositories,
  type WebhookDelivery,
  type WebhookEvent,
} from '@rostra/core';
import { ConnectorError } from '@rostra/connectors';
import { describeFailure, outboundFetch } from '@rostra/connectors/outbound';
import { newId, type Store } from '@rostra/store';
import type { SecretBox } from '../secrets.js';

export const WEBHOOK_JOB = 'webhook.deliver';
export const WEBHOOK_SWEEP_JOB = 'webhook.sweep';
export const WEBHOOK_MAX_ATTEMPTS = 8;
const TIMEOUT_MS = 10_000;
/** How long one worker holds a delivery it sends: the request's timeout, and time to record the answer. */
const SEND_LEASE_MS = 3 * TIMEOUT_MS;
/** The sweep's default period; a pending delivery this overdue has lost its job. */
const SWEEP_MS = 10_000;

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

/** For writes without a transaction of their own: records the event (its own transaction), then sends it. */
export type Emit = (workspaceId: string, event: WebhookEvent, data: unknown) => Promise<void>;

/** Events stored with the change they tell of: `record` in its transaction, `send` once that has committed. */
export interface EventOutbox {
  /** One pending delivery per webhook subscribed to `event`, in the caller's transaction; returns their ids. */
  record(repos: Repositories, workspaceId: string, event: WebhookEvent, data: unknown): Promise<string[]>;
  /** Queues the sends now; never throws: what it could not queue, the sweep sends. */
  send(deliveryIds: readonly string[]): Promise<void>;
}

/** What an endpoint made of one attempt. */
interface Answer {
  responseStatus: number | null;
  error: string | null;
  /** Not worth retrying: the address is refused. */
  permanent: boolean;
}

/** Its length is the steps and handlers it returns, closed over the same deps; each one stays short. */
export function createWebhookDispatcher(deps: {
  store: Store;
  secrets: SecretBox;
  queue: JobQueue;
  fetch?: typeof fetch;
  now?: () => number;
  log?: (message: string, details?: Record<string, unknown>) => void;
  /** How often the sweep runs, and how overdue a pending delivery is before it sends it again (10 s). */
  sweepMs?: number;
}) {
  const { store, secrets, queue } = deps;
  const send = deps.fetch ?? outboundFetch;
  const now = deps.now ?? Date.now;
  const log = deps.log ?? (() => {});
  const sweepMs = deps.sweepMs ?? SWEEP_MS;

  function deliveryJob(deliveryId: string, key: string, runAt?: number) {
    return {
      type: WEBHOOK_JOB,
      payload: { deliveryId },
      options: { key, maxAttempts: 1, ...(runAt ? { runAt } : {}) },
    };
  }

  async function recordFor(
    repos: Pick<Repositories, 'webhooks'>,
    webhookIds: string[],
    workspaceId: string,
    event: string,
    data: unknown,
  ): Promise<string[]> {
    // The payload is stored once, so retries send byte-identical bodies.
    const id = newId();
    const at = now();
    const payload = { id, event, workspaceId, createdAt: new Date(at).toISOString(), data };
    return repos.webhooks.recordEvent({ id, event, payload, webhookIds, at });
  }

  const outbox: EventOutbox = {
    async record(repos, workspaceId, event, data) {
      const webhooks = (await repos.webhooks.list(workspaceId)).filter((w) => subscribes(w, event));
      if (webhooks.length === 0) return [];
      return recordFor(
        repos,
        webhooks.map((w) => w.id),
        workspaceId,
        event,
        data,
      );
    },
    async send(deliveryIds) {
      if (deliveryIds.length === 0) return;
      try {
        await queue.enqueueMany(deliveryIds.map((id) => deliveryJob(id, `webhook:${id}:0`)));
      } catch (error) {
        log('webhook deliveries not queued; the sweep will send them', { deliveryIds, error: String(error) });
      }
    },
  };

  const emit: Emit = async (workspaceId, event, data) => {
    await outbox.send(await store.transaction((repos) => outbox.record(repos, workspaceId, event, data)));
  };

  /** A test event to one webhook, whatever it subscribes to. */
  async function deliverTo(webhookId: string, workspaceId: string, event: string, data: unknown): Promise<string> {
    const [deliveryId] = await recordFor(store, [webhookId], workspaceId, event, data);
    await outbox.send([deliveryId as string]);
    return deliveryId as string;
  }

  async function post(
    endpoint: { url: string; sealedSecret: string; workspaceId: string },
    delivery: WebhookDelivery,
  ): Promise<Answer> {
    const secret = secrets.decrypt(endpoint.sealedSecret, webhookSecretContext(endpoint.workspaceId));
    const body = JSON.stringify(delivery.payload);
    try {
      const response = await send(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Rostra-Webhooks/0.1',
          'rostra-event': delivery.event,
          'rostra-event-id': delivery.eventId,
          'rostra-delivery': delivery.id,
          'rostra-signature': signWebhook(secret, Math.floor(now() / 1000), body),
        },
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
        redirect: 'manual',
      });
      // The log keeps the status only: what an endpoint answers is never stored nor shown.
      await response.body?.cancel().catch(() => {});
      const ok = response.status >= 200 && response.status < 300;
      return { responseStatus: response.status, error: ok ? null : `HTTP ${response.status}`, permanent: false };
    } catch (e) {
      // A refused address stays refused until an administrator allows it: given up at once, nothing was sent.
      const permanent = e instanceof ConnectorError && e.code === 'address_not_allowed';
      return { responseStatus: null, error: permanent ? (e as Error).message : describeFailure(e), permanent };
    }
  }

  async function settle(delivery: WebhookDelivery, answer: Answer): Promise<void> {
    const attempt = delivery.attempts + 1;
    const at = now();
    const outcome = { attempts: attempt, responseStatus: answer.responseStatus, error: answer.error, at };
    if (answer.error === null) {
      await store.webhooks.settleDelivery(delivery.id, { ...outcome, status: 'delivered', nextAttemptAt: null });
      return;
    }
    log('webhook delivery failed', { deliveryId: delivery.id, attempt, error: answer.error });
    if (answer.permanent || attempt >= WEBHOOK_MAX_ATTEMPTS) {
      await store.webhooks.settleDelivery(delivery.id, { ...outcome, status: 'failed', nextAttemptAt: null });
      return;
    }
    // One due time for the delivery and its job; if the job is lost, the sweep sends it after that time.
    const retryAt = at + retryDelayMs(attempt);
    await store.webhooks.settleDelivery(delivery.id, { ...outcome, status: 'pending', nextAttemptAt: retryAt });
    await queue.enqueueMany([deliveryJob(delivery.id, `webhook:${delivery.id}:${attempt}`, retryAt)]);
  }

  const deliver: JobHandler = async (payload) => {
    const deliveryId = (payload as { deliveryId: string }).deliveryId;
    // Nothing to do when it is settled, not due, or being sent by another worker (a sweep's copy of the job).
    const delivery = await store.webhooks.claimDelivery(deliveryId, now(), SEND_LEASE_MS);
    if (!delivery) return;
    const endpoint = await store.webhooks.getEndpoint(delivery.webhookId);
    if (!endpoint || endpoint.disabledAt !== null) return;
    await settle(delivery, await post(endpoint, delivery));
  };

  /**
   * Queues again the pending deliveries a sweep period overdue that nobody is sending: their job was lost (a
   * process died between its commit and the queue, or while sending). The key allows one copy per claim.
   */
  const sweep: JobHandler = async () => {
    const t = now();
    const stalled = await store.webhooks.listStalledDeliveries(t - sweepMs, t, 500);
    if (stalled.length === 0) return;
    log('webhook deliveries whose job was lost are queued again', { count: stalled.length });
    await queue.enqueueMany(
      stalled.map((d) => deliveryJob(d.id, `webhook:${d.id}:${d.attempts}:sweep:${d.leaseUntil ?? 'new'}`)),
    );
  };

  return {
    ...outbox,
    emit,
    deliverTo,
    handlers: { [WEBHOOK_JOB]: deliver, [WEBHOOK_SWEEP_JOB]: sweep } as Record<string, JobHandler>,
    /** For the worker: the sweep's period. */
    periodic: [{ type: WEBHOOK_SWEEP_JOB, everyMs: sweepMs }],
  };
}

export type WebhookDispatcher = ReturnType<typeof createWebhookDispatcher>;
