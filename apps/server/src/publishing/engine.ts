// The publishing engine: delivers a scheduled post to one channel, exactly once.
// The delivery state lives in the database with a lease; the network's idempotency (a key chosen by Rostra)
// makes a retry after a crash harmless; where neither exists the post becomes `unconfirmed` for a person
// to decide. A periodic sweep re-enqueues due deliveries whose job was lost and takes over abandoned ones.
import {
  aggregateStatus,
  decideAfterCrash,
  decideAfterFailure,
  retryDelayMs,
  type AttemptFailure,
  type Capabilities,
  type DeliveryPolicy,
  type JobHandler,
  type JobQueue,
  type PostTarget,
} from '@rostra/core';
import { ConnectorError, type Connector, type PublishedRef } from '@rostra/connectors';
import type { Store } from '@rostra/store';
import type { SecretBox } from '../secrets.js';
import type { Emit } from '../events/webhooks.js';
import { summarisePost } from './summary.js';
import { createCredentialKeeper } from './credentials.js';

export const PUBLISH_JOB = 'publish.target';
export const SWEEP_JOB = 'publish.sweep';

export interface PublishingEngineOptions {
  store: Store;
  secrets: SecretBox;
  queue: JobQueue;
  connectors: readonly Connector[];
  /** How long a worker holds a delivery before another may take it over. */
  leaseMs?: number;
  policy?: DeliveryPolicy;
  log?: (message: string, details?: Record<string, unknown>) => void;
  now?: () => number;
  /** Sends post.published / post.failed / post.unconfirmed to webhooks. */
  emit?: Emit;
  /** Crash tests: called at the two points where a dying worker matters most. */
  failpoint?: (point: 'before_publish' | 'after_publish') => void;
}

export { sealCredentials } from './credentials.js';

export function createPublishingEngine(options: PublishingEngineOptions) {
  const { store, secrets, queue } = options;
  const leaseMs = options.leaseMs ?? 120_000;
  const policy: DeliveryPolicy = options.policy ?? { maxAttempts: 5, backoffMs: (attempt) => retryDelayMs(attempt) };
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  const byNetwork = new Map(options.connectors.map((c) => [c.network, c]));
  const keeper = createCredentialKeeper({ store, secrets, connectors: options.connectors, now, log });

  function capabilitiesOf(connector: Connector | undefined): Capabilities {
    return {
      idempotent: connector?.publisher?.idempotent ?? false,
      canFindPublished: connector?.publisher?.findPublished !== undefined,
    };
  }

  async function refreshPostStatus(postId: string): Promise<void> {
    const targets = await store.posts.targets(postId);
    const status = aggregateStatus(targets);
    const workspaceId = targets[0]?.workspaceId;
    if (!status || !workspaceId) return;
    const before = await store.posts.get(workspaceId, postId);
    if (before?.status === status) return;
    await store.posts.forceStatus(postId, status);
    if (options.emit && (status === 'published' || status === 'failed' || status === 'unconfirmed')) {
      await options.emit(workspaceId, `post.${status}`, await summarisePost(store, workspaceId, postId));
    }
  }

  /**
   * One job per attempt and due time: the key makes re-enqueuing (a second API process, a retry) harmless,
   * and a new due time (rescheduling) gets a new job. The sweep adds a key per 5-minute window, so a job
   * lost or run too early is replaced without piling up copies.
   */
  async function enqueueDelivery(
    target: Pick<PostTarget, 'id' | 'dueAt' | 'attempts'>,
    sweepWindow?: number,
  ): Promise<void> {
    const dueAt = target.dueAt ?? now();
    const key = `publish:${target.id}:${target.attempts}:${dueAt}${sweepWindow === undefined ? '' : `:sweep${sweepWindow}`}`;
    await queue.enqueue(PUBLISH_JOB, { targetId: target.id }, { runAt: dueAt, key, maxAttempts: 1 });
  }

  async function loadContext(target: PostTarget) {
    const post = await store.posts.get(target.workspaceId, target.postId);
    const channel = await store.channels.get(target.workspaceId, target.channelId);
    const sealed = channel && (await store.channels.getSealedCredentials(channel.id));
    const connector = channel && byNetwork.get(channel.network);
    return { post, channel, sealed, connector };
  }

  async function settleFailure(
    target: PostTarget,
    owner: string,
    failure: AttemptFailure,
    connector: Connector | undefined,
  ) {
    const capabilities = capabilitiesOf(connector);
    const step = decideAfterFailure(failure, target.attempts, capabilities, policy, now());
    if (step.status === 'check' && connector?.publisher?.findPublished) {
      const credentials = await keeper.open(target.channelId);
      const found = credentials
        ? await connector.publisher.findPublished(credentials, target.id).catch(() => undefined)
        : undefined;
      if (found) {
        options.failpoint?.('after_publish');
        await store.deliveries.markPublished(target.id, owner, toPublished(found), now());
        return;
      }
      if (capabilities.idempotent && target.attempts < policy.maxAttempts) {
        await store.deliveries.markRetry(
          target.id,
          owner,
          now() + policy.backoffMs(target.attempts),
          failure.code,
          failure.message,
        );
        await enqueueDelivery({
          id: target.id,
          dueAt: now() + policy.backoffMs(target.attempts),
          attempts: target.attempts,
        });
        return;
      }
      await store.deliveries.markFailed(target.id, owner, 'unconfirmed', failure.code, failure.message);
      return;
    }
    if (step.status === 'scheduled') {
      if (await store.deliveries.markRetry(target.id, owner, step.retryAt, failure.code, failure.message)) {
        await enqueueDelivery({ id: target.id, dueAt: step.retryAt, attempts: target.attempts });
      }
      return;
    }
    if (step.status === 'failed') {
      await store.deliveries.markFailed(target.id, owner, 'failed', failure.code, step.reason);
      if (step.channelNeedsReconnect)
        await store.channels.setStatus(target.channelId, 'needs_reconnect', failure.message);
      return;
    }
    await store.deliveries.markFailed(target.id, owner, 'unconfirmed', failure.code, step.reason);
  }

  function toPublished(ref: PublishedRef) {
    return { id: ref.id, url: ref.url, extra: ref.extra ?? {} };
  }

  /** One attempt for a delivery this worker holds the lease of. */
  async function attempt(target: PostTarget, owner: string): Promise<void> {
    const { post, channel, sealed, connector } = await loadContext(target);
    if (!post || !channel || !sealed) {
      await store.deliveries.markFailed(
        target.id,
        owner,
        'failed',
        'rejected',
        'The post or its channel no longer exists',
      );
      return;
    }
    const publisher = connector?.publisher;
    if (!publisher) {
      await store.deliveries.markFailed(target.id, owner, 'failed', 'rejected', `No publisher for ${channel.network}`);
      return;
    }
    if (channel.status !== 'active') {
      await store.deliveries.markFailed(
        target.id,
        owner,
        'failed',
        'auth_expired',
        `Channel ${channel.name} needs reconnecting`,
      );
      return;
    }
    let ref: PublishedRef;
    const request = { idempotencyKey: target.id, text: target.text ?? post.text };
    try {
      const credentials = await keeper.fresh(channel);
      if (!credentials) throw new ConnectorError(channel.network, 'auth_expired', 'The channel has no credentials');
      try {
        options.failpoint?.('before_publish');
        ref = await publisher.publish(credentials, request);
      } catch (error) {
        // A refused token is refreshed once and the post retried: a refused request published nothing.
        if (!(error instanceof ConnectorError && error.code === 'auth_expired' && connector?.refresh)) throw error;
        ref = await publisher.publish(await keeper.refresh(channel, credentials), request);
      }
    } catch (error) {
      const failure: AttemptFailure =
        error instanceof ConnectorError
          ? { code: error.code, message: error.message, retryAfterMs: error.retryAfterMs }
          : // An unexpected exception after the request may have left: treat as unknown, never as "not sent".
            { code: 'unknown_outcome', message: error instanceof Error ? error.message : String(error) };
      log('publish attempt failed', { targetId: target.id, code: failure.code, message: failure.message });
      await settleFailure(target, owner, failure, connector);
      return;
    }
    options.failpoint?.('after_publish');
    const stored = await store.deliveries.markPublished(target.id, owner, toPublished(ref), now());
    if (!stored) log('published, but the lease was lost before recording it', { targetId: target.id, ref: ref.id });
  }

  const publishTarget: JobHandler = async (payload, context) => {
    const targetId = (payload as { targetId: string }).targetId;
    const claimed = await store.deliveries.claim(targetId, context.workerId, now(), leaseMs);
    // Not due, already taken, unscheduled or done: the database says so and the job ends quietly.
    if (!claimed) return;
    await refreshPostStatus(claimed.postId);
    try {
      await attempt(claimed, context.workerId);
    } finally {
      await refreshPostStatus(claimed.postId);
    }
  };

  /** Re-enqueues due deliveries whose job was lost; takes over deliveries whose worker died mid-publish. */
  const sweep: JobHandler = async (_payload, context) => {
    const t = now();
    // Only targets a minute late: on time ones have their job; the window bounds the copies.
    const window = Math.floor(t / 300_000);
    for (const target of await store.deliveries.listDue(t - 60_000, 500)) await enqueueDelivery(target, window);
    for (const abandoned of await store.deliveries.listAbandoned(t, 100)) {
      const held = await store.deliveries.takeOver(abandoned.id, context.workerId, t, leaseMs);
      if (!held) continue;
      try {
        const { connector } = await loadContext(held);
        const decision = decideAfterCrash(capabilitiesOf(connector));
        log('delivery abandoned by a crashed worker', { targetId: held.id, decision });
        if (decision === 'unconfirmed') {
          await store.deliveries.markFailed(
            held.id,
            context.workerId,
            'unconfirmed',
            'unknown_outcome',
            'The worker stopped while publishing; check the network, then retry or dismiss',
          );
        } else if (decision === 'check') {
          await settleFailure(
            held,
            context.workerId,
            { code: 'unknown_outcome', message: 'The worker stopped while publishing' },
            connector,
          );
        } else if (
          await store.deliveries.markRetry(
            held.id,
            context.workerId,
            t,
            'unknown_outcome',
            'The worker stopped while publishing',
          )
        ) {
          await enqueueDelivery({ id: held.id, dueAt: t, attempts: held.attempts });
        }
      } finally {
        await refreshPostStatus(held.postId);
      }
    }
  };

  return {
    handlers: { [PUBLISH_JOB]: publishTarget, [SWEEP_JOB]: sweep, ...keeper.handlers } as Record<string, JobHandler>,
    enqueueDelivery,
    refreshPostStatus,
  };
}

export type PublishingEngine = ReturnType<typeof createPublishingEngine>;
