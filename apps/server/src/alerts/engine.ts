// Evaluates listening alert rules and delivers what fires. Spikes and negative shares are judged every minute
// on the topic's hourly series; watched authors and new sources are judged on each ingested batch. A rule
// fires at most once per cooldown, across workers (compare-and-set in the store); each firing is delivered
// by a job per channel set — in the app, by email, to the workspace's webhooks, to a chat incoming webhook.
import {
  ALERT_DEFAULTS,
  describeAlert,
  detectNegativeShare,
  detectVolumeSpike,
  isCoolingDown,
  isWatchedAuthor,
  isWatchedSource,
  retryDelayMs,
  sourceKeyOf,
  type AlertEvent,
  type AlertFiring,
  type AlertKind,
  type AlertLocale,
  type AlertRule,
  type JobHandler,
  type JobQueue,
  type NegativeShareParams,
  type NewSourceParams,
  type VolumeSpikeParams,
  type WatchedParams,
} from '@rostra/core';
import type { Store } from '@rostra/store';
import type { StoredMention } from '@rostra/core';
import type { NotifyInput } from '../notifications/service.js';
import type { SecretBox } from '../secrets.js';
import type { Emit } from '../events/webhooks.js';
import { ChatDeliveryError, postToChat } from './send.js';
import type { Mailer } from '../mail/mail.js';

export const ALERTS_EVALUATE_JOB = 'alerts.evaluate';
export const ALERT_DELIVER_JOB = 'alerts.deliver';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_DELIVERY_ATTEMPTS = 6;

/** Chat URLs are sealed bound to their workspace and rule, like webhook secrets. */
export function chatUrlContext(workspaceId: string): string {
  return `alert-chat-url:${workspaceId}`;
}

/** In-app notification, as the notifications service takes it. */
export type Notify = (notification: NotifyInput) => Promise<unknown>;

export interface AlertEngineOptions {
  store: Store;
  secrets: SecretBox;
  queue: JobQueue;
  publicUrl: string;
  emit?: Emit;
  notify?: Notify;
  mailer?: Mailer;
  fetch?: typeof fetch;
  now?: () => number;
  log?: (message: string, details?: Record<string, unknown>) => void;
}

export function createAlertEngine(options: AlertEngineOptions) {
  const { store, secrets, queue } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});

  const paramsOf = <T>(rule: AlertRule): T => ({ ...ALERT_DEFAULTS[rule.kind], ...rule.params }) as T;

  async function fire(rule: AlertRule, figures: Record<string, number>, mentionId: string | null): Promise<void> {
    const event = await store.alerts.fire(rule, { figures, mentionId }, now());
    if (!event) return;
    log('alert fired', { ruleId: rule.id, kind: rule.kind, figures });
    await queue.enqueue(
      ALERT_DELIVER_JOB,
      { eventId: event.id, workspaceId: event.workspaceId, attempt: 0 },
      {
        key: `alert:${event.id}:0`,
        maxAttempts: 1,
      },
    );
  }

  /** Spikes and negative shares, every minute, for every workspace. */
  const evaluate: JobHandler = async () => {
    const t = now();
    for (const rule of await store.alerts.listEnabled(['volume_spike', 'negative_share'])) {
      if (isCoolingDown(rule.lastFiredAt, rule.cooldownMs, t)) continue;
      try {
        if (rule.kind === 'volume_spike') {
          const params = paramsOf<VolumeSpikeParams>(rule);
          const series = await store.alerts.hourlyCounts(rule.topicId, t - (params.baselineHours + 1) * HOUR, t);
          const verdict = detectVolumeSpike(series.at(-1) ?? 0, series.slice(0, -1), params);
          if (verdict.triggered) {
            await fire(rule, { count: verdict.count, mean: verdict.mean, threshold: verdict.threshold }, null);
          }
        } else {
          const params = paramsOf<NegativeShareParams>(rule);
          const verdict = detectNegativeShare(
            await store.alerts.sentimentCounts(rule.topicId, t - params.windowHours * HOUR, t),
            params,
          );
          if (verdict.triggered) {
            await fire(rule, { negative: verdict.negative, total: verdict.total, share: verdict.share }, null);
          }
        }
      } catch (error) {
        // One broken rule never stops the others.
        log('alert evaluation failed', { ruleId: rule.id, error: String(error) });
      }
    }
  };

  /** Watched authors and new sources, right after a batch is stored. */
  async function onIngested(mentions: readonly StoredMention[]): Promise<void> {
    const topicIds = [...new Set(mentions.flatMap((mention) => mention.topicIds))];
    const rules = await store.alerts.listEnabledForTopics(topicIds, ['watched_author', 'new_source']);
    if (rules.length === 0) return;
    const t = now();
    for (const rule of rules) {
      for (const mention of mentions) {
        if (!mention.topicIds.includes(rule.topicId) || mention.workspaceId !== rule.workspaceId) continue;
        // A backfill of old items (a feed's archive) is history, not news.
        if (t - mention.sortAt > DAY) continue;
        const current = await store.alerts.get(rule.workspaceId, rule.id);
        if (!current || isCoolingDown(current.lastFiredAt, current.cooldownMs, t)) break;
        if (await matches(rule, mention)) {
          await fire(current, {}, mention.id);
          break;
        }
      }
    }
  }

  async function matches(rule: AlertRule, mention: StoredMention): Promise<boolean> {
    if (rule.kind === 'watched_author') {
      const params = paramsOf<WatchedParams>(rule);
      return (
        isWatchedAuthor(mention.author, params) ||
        isWatchedSource({ sourceId: mention.sourceId, site: mention.site }, params)
      );
    }
    const params = paramsOf<NewSourceParams>(rule);
    const key = sourceKeyOf(mention);
    if (!key) return false;
    const since = mention.sortAt - params.lookbackDays * DAY;
    return !(await store.alerts.sourceSeen(rule.topicId, key, since, mention.sortAt + 1, mention.id));
  }

  async function localeFor(rule: AlertRule): Promise<AlertLocale> {
    const creator = rule.createdBy ? await store.accounts.getUser(rule.createdBy) : undefined;
    return creator?.locale === 'en' ? 'en' : 'fr';
  }

  async function firingOf(rule: AlertRule, event: AlertEvent, topicName: string): Promise<AlertFiring> {
    const link = `${options.publicUrl}/w/${event.workspaceId}/listening?topic=${event.topicId}`;
    const mention = event.mentionId ? await store.listening.getMention(event.workspaceId, event.mentionId) : undefined;
    return {
      kind: event.kind,
      topicName,
      figures: event.figures,
      link,
      ...(mention && {
        mention: {
          author: mention.author.handle ?? mention.author.name ?? mention.author.id,
          site: mention.site,
          url: mention.url,
          excerpt: mention.text.length > 280 ? `${mention.text.slice(0, 279)}…` : mention.text,
        },
      }),
    };
  }

  /** Sends one fired alert everywhere its rule says; a failed channel is retried alone, with backoff. */
  const deliver: JobHandler = async (payload) => {
    const { eventId, workspaceId, attempt } = payload as { eventId: string; workspaceId: string; attempt: number };
    const event = await store.alerts.getEvent(workspaceId, eventId);
    const rule = event && (await store.alerts.get(workspaceId, event.ruleId));
    if (!event || !rule) return;
    const topic = await store.listening.getTopic(workspaceId, event.topicId);
    const firing = await firingOf(rule, event, topic?.name ?? '?');
    const text = describeAlert(firing, await localeFor(rule));
    const done = { ...event.deliveries };
    const pending = (channel: string) => done[channel] !== 'sent' && !done[channel]?.startsWith('refused');

    if (rule.notifyInApp && options.notify && pending('app')) {
      await options.notify({
        workspaceId,
        audience: { minRole: 'contributor' },
        kind: `alert.${event.kind}`,
        params: {
          topic: firing.topicName,
          ...event.figures,
          ...(firing.mention?.author && { author: firing.mention.author }),
        },
        link: `/w/${workspaceId}/listening?topic=${event.topicId}`,
      });
      done.app = 'sent';
    }
    if (rule.notifyWebhooks && options.emit && pending('webhooks')) {
      await options.emit(workspaceId, 'alert.triggered', {
        alertId: event.id,
        rule: { id: rule.id, name: rule.name, kind: rule.kind },
        topic: { id: event.topicId, name: firing.topicName },
        figures: event.figures,
        mention: firing.mention ?? null,
        firedAt: new Date(event.firedAt).toISOString(),
        link: firing.link,
      });
      done.webhooks = 'sent';
    }
    if (rule.emailTo.length > 0 && pending('email')) {
      if (!options.mailer) done.email = 'refused: no SMTP server configured (ROSTRA_SMTP_URL)';
      else {
        try {
          await options.mailer.send({ to: rule.emailTo, subject: `[Rostra] ${text.title}`, text: text.body });
          done.email = 'sent';
        } catch (error) {
          done.email = `error: ${error instanceof Error ? error.message : String(error)}`;
        }
      }
    }
    if (rule.hasChatUrl && pending('chat')) {
      const sealed = await store.alerts.sealedChatUrl(rule.id);
      try {
        if (!sealed) throw new ChatDeliveryError('The chat URL was removed', true);
        const url = secrets.decrypt(sealed, chatUrlContext(workspaceId));
        await postToChat(url, text, options.fetch ? { fetch: options.fetch } : {});
        done.chat = 'sent';
      } catch (error) {
        const permanent = error instanceof ChatDeliveryError && error.permanent;
        done.chat = `${permanent ? 'refused' : 'error'}: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    await store.alerts.setDeliveries(event.id, done);
    const retry = Object.values(done).some((status) => status.startsWith('error'));
    if (retry && attempt + 1 < MAX_DELIVERY_ATTEMPTS) {
      await queue.enqueue(
        ALERT_DELIVER_JOB,
        { eventId, workspaceId, attempt: attempt + 1 },
        { key: `alert:${event.id}:${attempt + 1}`, maxAttempts: 1, runAt: now() + retryDelayMs(attempt + 1) },
      );
    }
  };

  return {
    handlers: { [ALERTS_EVALUATE_JOB]: evaluate, [ALERT_DELIVER_JOB]: deliver } as Record<string, JobHandler>,
    onIngested,
  };
}

export type AlertEngine = ReturnType<typeof createAlertEngine>;
export type { AlertKind };
