// Outgoing webhooks: which events exist, who subscribes, and how a delivery is signed.

export const WEBHOOK_EVENTS = [
  'post.created',
  'post.updated',
  'post.approved',
  'post.scheduled',
  'post.published',
  'post.failed',
  'post.unconfirmed',
  'alert.triggered',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number] | 'ping';

export interface Webhook {
  id: string;
  workspaceId: string;
  url: string;
  /** Event types, or ["*"] for every event. */
  events: string[];
  description: string;
  createdAt: number;
  disabledAt: number | null;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookDelivery {
  id: string;
  /** The event it carries: the same for every webhook the event goes to and every retry (receivers de-duplicate on it). */
  eventId: string;
  webhookId: string;
  event: string;
  payload: unknown;
  status: WebhookDeliveryStatus;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: number;
  deliveredAt: number | null;
}

export function subscribes(webhook: Pick<Webhook, 'events' | 'disabledAt'>, event: string): boolean {
  return webhook.disabledAt === null && (webhook.events.includes('*') || webhook.events.includes(event));
}

export interface WebhooksRepository {
  create(webhook: {
    workspaceId: string;
    url: string;
    events: string[];
    description: string;
    sealedSecret: string;
    createdBy: string | null;
  }): Promise<Webhook>;
  get(workspaceId: string, id: string): Promise<Webhook | undefined>;
  /** Where and how to send: the URL, the sealed signing secret, whether it is disabled. */
  getEndpoint(
    id: string,
  ): Promise<{ workspaceId: string; url: string; sealedSecret: string; disabledAt: number | null } | undefined>;
  list(workspaceId: string): Promise<Webhook[]>;
  disable(id: string, at: number): Promise<void>;
  /**
   * The outbox: one pending delivery per webhook, all carrying the event's id, due at `at`. Called in the
   * transaction that changes the state the event tells of, so both are stored or neither; returns their ids.
   */
  recordEvent(event: NewWebhookEvent): Promise<string[]>;
  getDelivery(id: string): Promise<WebhookDelivery | undefined>;
  /** Takes a pending delivery that is due and that nobody is sending, until `now + leaseMs`; else undefined. */
  claimDelivery(id: string, now: number, leaseMs: number): Promise<WebhookDelivery | undefined>;
  /** Ends a send: delivered, failed, or pending again until `nextAttemptAt`; the claim is released. */
  settleDelivery(
    id: string,
    outcome: {
      status: WebhookDeliveryStatus;
      attempts: number;
      responseStatus: number | null;
      error: string | null;
      at: number;
      nextAttemptAt: number | null;
    },
  ): Promise<void>;
  /**
   * Pending deliveries of enabled webhooks, due since `dueBefore` and claimed by nobody at `now`: their job was
   * lost (a process died between a commit and the queue, or while sending). Oldest first.
   */
  listStalledDeliveries(dueBefore: number, now: number, limit: number): Promise<StalledDelivery[]>;
  listDeliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]>;
}

export interface NewWebhookEvent {
  id: string;
  event: string;
  payload: unknown;
  webhookIds: readonly string[];
  at: number;
}

export interface StalledDelivery {
  id: string;
  attempts: number;
  /** When the last claim ran out (a sender died), or null if nobody ever took it. */
  leaseUntil: number | null;
}
