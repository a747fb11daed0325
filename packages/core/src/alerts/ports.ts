// Alert rules on a listening topic and the log of alerts fired: the types and the repository port. The rules
// that decide when a topic needs a person are in listening/alerts; the store implements this port.
import type { AlertKind } from '../listening/alerts/index.js';

export interface AlertRule {
  id: string;
  workspaceId: string;
  topicId: string;
  name: string;
  kind: AlertKind;
  params: Record<string, unknown>;
  cooldownMs: number;
  enabled: boolean;
  notifyInApp: boolean;
  emailTo: string[];
  notifyWebhooks: boolean;
  /** Whether a chat (Slack / Mattermost) URL is set; the URL itself is only read sealed, for sending. */
  hasChatUrl: boolean;
  lastFiredAt: number | null;
  createdBy: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface AlertRuleInput {
  topicId: string;
  name: string;
  kind: AlertKind;
  params: Record<string, unknown>;
  cooldownMs: number;
  enabled: boolean;
  notifyInApp: boolean;
  emailTo: string[];
  notifyWebhooks: boolean;
  /** Sealed URL; null removes it; undefined (on update) keeps it. */
  sealedChatUrl?: string | null;
}

export interface AlertEvent {
  id: string;
  workspaceId: string;
  ruleId: string;
  topicId: string;
  kind: AlertKind;
  figures: Record<string, number>;
  mentionId: string | null;
  deliveries: Record<string, string>;
  firedAt: number;
}

export interface AlertsRepository {
  create(workspaceId: string, input: AlertRuleInput, createdBy: string | null, at: number): Promise<AlertRule>;
  update(workspaceId: string, id: string, input: Partial<AlertRuleInput>, at: number): Promise<AlertRule | undefined>;
  get(workspaceId: string, id: string): Promise<AlertRule | undefined>;
  list(workspaceId: string): Promise<AlertRule[]>;
  remove(workspaceId: string, id: string): Promise<boolean>;
  /** Enabled rules of these kinds, every workspace (the periodic evaluation). */
  listEnabled(kinds: readonly AlertKind[]): Promise<AlertRule[]>;
  /** Enabled rules on these topics, of these kinds (evaluation right after ingestion). */
  listEnabledForTopics(topicIds: readonly string[], kinds: readonly AlertKind[]): Promise<AlertRule[]>;
  sealedChatUrl(id: string): Promise<string | null>;
  /**
   * Takes the right to fire: true for exactly one caller while the rule is out of its cooldown. The event is
   * recorded in the same transaction.
   */
  fire(
    rule: Pick<AlertRule, 'id' | 'workspaceId' | 'topicId' | 'kind' | 'cooldownMs'>,
    event: { figures: Record<string, number>; mentionId: string | null },
    at: number,
  ): Promise<AlertEvent | undefined>;
  setDeliveries(eventId: string, deliveries: Record<string, string>): Promise<void>;
  getEvent(workspaceId: string, id: string): Promise<AlertEvent | undefined>;
  listEvents(workspaceId: string, options: { limit: number; before?: number; ruleId?: string }): Promise<AlertEvent[]>;
  /** Mentions of a topic per hour over [from, to), oldest first (the series a spike is judged on). */
  hourlyCounts(topicId: string, from: number, to: number): Promise<number[]>;
  sentimentCounts(topicId: string, from: number, to: number): Promise<{ negative: number; total: number }>;
  /**
   * Whether the source (`site:<host>` or `<network>:<account>`, see `sourceKeyOf`) mentioned the topic in
   * [since, before), the mention `except` aside.
   */
  sourceSeen(topicId: string, sourceKey: string, since: number, before: number, except: string): Promise<boolean>;
}
