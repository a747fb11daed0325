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
  recordDelivery(webhookId: string, event: string, payload: unknown): Promise<WebhookDelivery>;
  getDelivery(id: string): Promise<WebhookDelivery | undefined>;
  settleDelivery(
    id: string,
    outcome: {
      status: WebhookDeliveryStatus;
      attempts: number;
      responseStatus: number | null;
      error: string | null;
      at: number;
    },
  ): Promise<void>;
  listDeliveries(webhookId: string, limit: number): Promise<WebhookDelivery[]>;
}
