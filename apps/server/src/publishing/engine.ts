// The publishing engine: delivers a scheduled post to one channel, exactly once.
// The delivery state lives in the database with a lease; the network's idempotency (a key chosen by Rostra)
// makes a retry after a crash harmless; where neither exists the post becomes `unconfirmed` for a person
// to decide. A periodic sweep re-enqueues due deliveries whose job was lost, takes over those of dead workers
// (heartbeat stopped, or lease run out) and settles posts a dying worker left behind.
import {
  aggregateStatus,
  decideAfterCrash,
  decideAfterFailure,
  retryDelayMs,
  type AttemptFailure,
  type Capabilities,
  type Channel,
  type DeliveryPolicy,
  type JobHandler,
  type JobQueue,
  type PostStatus,
  type PostTarget,
} from '@rostra/core';
import {
  ConnectorError,
  type ChannelCredentials,
  type Connector,
  type Publisher,
  type PublishedRef,
} from '@rostra/connectors';
import type { Store } from '@rostra/store';
import type { SecretBox } from '../secrets.js';
import type { EventOutbox } from '../events/webhooks.js';
import { summarisePost } from './summary.js';
import { createCredentialKeeper } from './credentials.js';
import { buildDeliverySteps, deliveryStepKeys, nextStepKey, type DeliveryStep } from './delivery-steps.js';
import { createRateLimiter } from './rate-limits.js';
import { createNotifier, type Notifier } from '../notifications/service.js';

export const PUBLISH_JOB = 'publish.target';
export const SWEEP_JOB = 'publish.sweep';

/**
 * Where a crash test's worker kills itself: before the network call, after it, after recording the delivery,
 * after storing the post's outcome and its webhook event but before queueing the event's sends.
 */
export const FAILPOINTS = ['before_publish', 'after_publish', 'after_record', 'before_event_send'] as const;
export type Failpoint = (typeof FAILPOINTS)[number];

/** A scheduled delivery this late has lost its job (its worker died between taking the job and the delivery). */
const LOST_JOB_AFTER_MS = 15_000;

export interface PublishingEngineOptions {
  store: Store;
  secrets: SecretBox;
  queue: JobQueue;
  connectors: readonly Connector[];
  /** How long a worker holds a delivery before another may take it over, when no heartbeat says it is alive. */
  leaseMs?: number;
  /** A lease owner whose heartbeat (`workers`) is older than this is dead: its deliveries are taken over. */
  ownerSilenceMs?: number;
  policy?: DeliveryPolicy;
  log?: (message: string, details?: Record<string, unknown>) => void;
  now?: () => number;
  /** Records post.published / post.failed / post.unconfirmed for webhooks, with the post's status change. */
  events?: EventOutbox;
  /** Crash tests: called at the points where a dying worker matters most. */
  failpoint?: (point: Failpoint) => void;
  /** In-app notifications; by default written to the same store. */
  notifier?: Notifier;
}

export { sealCredentials } from './credentials.js';

function isOutcome(status: PostStatus): status is 'published' | 'failed' | 'unconfirmed' {
  return status === 'published' || status === 'failed' || status === 'unconfirmed';
}

/** What the connector offers to make a retry safe. */
function capabilitiesOf(connector: Connector | undefined): Capabilities {
  return {
    idempotent: connector?.publisher?.idempotent ?? false,
    canFindPublished: connector?.publisher?.findPublished !== undefined,
  };
}

/** A published ref as the store records it. */
function toPublished(ref: PublishedRef) {
  return { id: ref.id, url: ref.url, extra: ref.extra ?? {} };
}

/** What one attempt works with, once the delivery is known to be deliverable. */
interface AttemptRun {
  target: PostTarget;
  owner: string;
  channel: Channel;
  sealed: string;
  connector: Connector;
  publisher: Publisher;
  steps: DeliveryStep[];
  /** The step being sent: a failure is looked up on the network by its key. */
  current?: DeliveryStep;
}

export function createPublishingEngine(options: PublishingEngineOptions) {
  const { store, secrets, queue } = options;
  const leaseMs = options.leaseMs ?? 120_000;
  const ownerSilenceMs = options.ownerSilenceMs ?? 15_000;
  const policy: DeliveryPolicy = options.policy ?? { maxAttempts: 5, backoffMs: (attempt) => retryDelayMs(attempt) };
  const log = options.log ?? (() => {});
  const now = options.now ?? Date.now;
  const byNetwork = new Map(options.connectors.map((c) => [c.network, c]));
  const notifier = options.notifier ?? createNotifier({ store, now });
  const keeper = createCredentialKeeper({
    store,
    secrets,
    connectors: options.connectors,
    now,
    log,
    onNeedsReconnect: (channel) => notifier.notifyChannelNeedsReconnect(channel.workspaceId, channel),
  });
  const limiter = createRateLimiter({ store, now, log, enqueue: (target) => enqueueDelivery(target) });

  /**
   * Moves the post to the aggregate of its deliveries, and tells the world when that is an outcome. The move is
   * a compare-and-set from the status read before the deliveries: of the worker that published and a sweep
   * settling the same post, exactly one moves it and emits. A lost race is read again (a person or another
   * delivery may have moved the post meanwhile). The webhook event is stored in the move's transaction (the
   * outbox): a worker dying after it commits leaves the event to the webhook sweep, never lost.
   */
  async function refreshPostStatus(postId: string, workspaceId: string): Promise<void> {
    for (let tries = 0; tries < 3; tries++) {
      const post = await store.posts.get(workspaceId, postId);
      if (!post) return;
      const targets = await store.posts.targets(postId);
      const status = aggregateStatus(targets);
      if (!status || status === post.status) return;
      const outcome = isOutcome(status) ? (`post.${status}` as const) : undefined;
      const events = await store.transaction(async (repos) => {
        if (!(await repos.posts.setStatus(postId, post.status, status))) return undefined;
        if (!outcome || !options.events) return [];
        const summary = await summarisePost(repos, workspaceId, postId, targets);
        return options.events.record(repos, workspaceId, outcome, summary);
      });
      if (events === undefined) continue;
      if (outcome) {
        options.failpoint?.('before_event_send');
        await options.events?.send(events);
        await notifier.notifyPost(outcome, workspaceId, postId, null);
      }
      return;
    }
  }

  /**
   * One job per attempt and due time: the key makes re-enqueuing (a second API process, a retry) harmless,
   * and a new due time (rescheduling) gets a new job. The sweep adds a key per 5-minute window, so a job
   * lost or run too early is replaced without piling up copies.
   */
  async function enqueueDelivery(
    target: Pick<PostTarget, 'id' | 'dueAt' | 'attempts'>,
    /** A second job for the same due time: `sweep<window>` from the sweep, `early` from a job that ran early. */
    copy?: string,
  ): Promise<void> {
    const dueAt = target.dueAt ?? now();
    const key = `publish:${target.id}:${target.attempts}:${dueAt}${copy === undefined ? '' : `:${copy}`}`;
    await queue.enqueue(PUBLISH_JOB, { targetId: target.id }, { runAt: dueAt, key, maxAttempts: 1 });
  }

  async function loadContext(target: PostTarget) {
    // Independent reads, at once: each delivery waits on them before it can publish.
    const [post, channel, sealed] = await Promise.all([
      store.posts.get(target.workspaceId, target.postId),
      store.channels.get(target.workspaceId, target.channelId),
      store.channels.getSealedCredentials(target.channelId),
    ]);
    const connector = channel && byNetwork.get(channel.network);
    return { post, channel, sealed, connector };
  }

  async function settleFailure(
    target: PostTarget,
    owner: string,
    failure: AttemptFailure,
    connector: Connector | undefined,
    /** For a thread or a post with a first comment: the step that failed, to look up instead of the post. */
    stepKey?: string,
    /** The sweep found the worker dead: not the network's fault, so a safe retry goes at once. */
    afterCrash = false,
  ) {
    const capabilities = capabilitiesOf(connector);
    // One worker's 429 holds back every worker's deliveries to this channel.
    if (failure.code === 'rate_limited') await limiter.pause(target.channelId, failure.retryAfterMs);
    const step = decideAfterFailure(failure, target.attempts, capabilities, policy, now());
    if (step.status === 'check' && connector?.publisher?.findPublished) {
      const credentials = await keeper.open(target.channelId);
      const found = credentials
        ? await connector.publisher.findPublished(credentials, stepKey ?? target.id).catch(() => undefined)
        : undefined;
      if (found && stepKey !== undefined) {
        // That part did go out: keep it, and go on with the next one at once.
        await store.deliveries.recordPart(target.id, owner, { key: stepKey, ...toPublished(found) });
        const at = now();
        if (await store.deliveries.markRetry(target.id, owner, at, failure.code, failure.message)) {
          await enqueueDelivery({ id: target.id, dueAt: at, attempts: target.attempts });
        }
        return;
      }
      if (found) {
        options.failpoint?.('after_publish');
        if (await store.deliveries.markPublished(target.id, owner, toPublished(found), now())) {
          options.failpoint?.('after_record');
        }
        return;
      }
      if (capabilities.idempotent && target.attempts < policy.maxAttempts) {
        // One due time for the delivery and its job: drawn twice, the job could come before the delivery is due,
        // be refused, and leave the retry to the sweep.
        const retryAt = afterCrash ? now() : now() + policy.backoffMs(target.attempts);
        if (await store.deliveries.markRetry(target.id, owner, retryAt, failure.code, failure.message)) {
          await enqueueDelivery({ id: target.id, dueAt: retryAt, attempts: target.attempts });
        }
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
      if (step.channelNeedsReconnect) {
        const channel = await store.channels.get(target.workspaceId, target.channelId);
        await store.channels.setStatus(target.channelId, 'needs_reconnect', failure.message);
        // Said once, when it changes: a token refusal seen first by the refresh has already told people.
        if (channel?.status === 'active') await notifier.notifyChannelNeedsReconnect(target.workspaceId, channel);
      }
      return;
    }
    await store.deliveries.markFailed(target.id, owner, 'unconfirmed', failure.code, step.reason);
  }

  /** The delivery's post, channel and publisher; each one missing fails the delivery for good. */
  async function prepareAttempt(target: PostTarget, owner: string): Promise<AttemptRun | undefined> {
    const { post, channel, sealed, connector } = await loadContext(target);
    const refuse = async (code: 'rejected' | 'auth_expired', message: string) => {
      await store.deliveries.markFailed(target.id, owner, 'failed', code, message);
      return undefined;
    };
    if (!post || !channel || !sealed) return refuse('rejected', 'The post or its channel no longer exists');
    const publisher = connector?.publisher;
    if (!connector || !publisher) return refuse('rejected', `No publisher for ${channel.network}`);
    if (channel.status !== 'active') return refuse('auth_expired', `Channel ${channel.name} needs reconnecting`);
    // The post, each part of its thread replying to the previous one, then the first comment.
    const steps = await buildDeliverySteps(store, target, post);
    return { target, owner, channel, sealed, connector, publisher, steps };
  }

  /**
   * Before this attempt's first call: the channel's budget (it counts deliveries, not parts), and the lease. A
   * worker stalled since its claim (its heartbeat stopped) may have been declared dead and its delivery taken
   * over: it must not send. Renewing the lease also covers a long token refresh.
   */
  async function mayStartSending(run: AttemptRun): Promise<boolean> {
    options.failpoint?.('before_publish');
    if (await limiter.defer(run.target, run.owner, run.publisher.rateLimit)) return false;
    if (!(await store.deliveries.renewLease(run.target.id, run.owner, now() + leaseMs))) {
      log('the delivery was taken over before it was sent', { targetId: run.target.id });
      return false;
    }
    return true;
  }

  /** Sends one step; a refused token is refreshed once and the step retried (a refused request published nothing). */
  async function sendStep(
    run: AttemptRun,
    step: DeliveryStep,
    credentials: ChannelCredentials,
    replyTo: { head?: PublishedRef | undefined; previous?: PublishedRef | undefined },
  ): Promise<{ ref: PublishedRef; credentials: ChannelCredentials }> {
    const { publisher, connector, channel } = run;
    // The first comment answers the post itself; a network with a comments endpoint gets it there.
    const parent = step.kind === 'comment' ? replyTo.head : replyTo.previous;
    const request = { ...step.request, ...(parent ? { replyTo: parent } : {}) };
    const head = replyTo.head;
    const send = (c: ChannelCredentials) =>
      step.kind === 'comment' && publisher.comment && head
        ? publisher.comment(c, head, request)
        : publisher.publish(c, request);
    try {
      return { ref: await send(credentials), credentials };
    } catch (error) {
      if (!(error instanceof ConnectorError && error.code === 'auth_expired' && connector.refresh)) throw error;
      const refreshed = await keeper.refresh(channel, credentials);
      return { ref: await send(refreshed), credentials: refreshed };
    }
  }

  /**
   * Sends the steps an earlier attempt did not (each part is recorded the moment the network confirms it).
   * Returns the first published ref, or undefined when the attempt stopped (deferred, or its lease lost).
   */
  async function sendSteps(run: AttemptRun): Promise<{ head: PublishedRef | undefined } | undefined> {
    const done = new Map(run.target.publishedParts.map((p) => [p.key, p]));
    let credentials = await keeper.fresh(run.channel, { sealed: run.sealed });
    if (!credentials) throw new ConnectorError(run.channel.network, 'auth_expired', 'The channel has no credentials');
    let head: PublishedRef | undefined;
    let previous: PublishedRef | undefined;
    let started = false;
    for (const step of run.steps) {
      const recorded = done.get(step.key);
      if (recorded) {
        if (step.kind === 'part') previous = recorded;
        head ??= recorded;
        continue;
      }
      run.current = step;
      if (!started && !(await mayStartSending(run))) return undefined;
      started = true;
      const sent = await sendStep(run, step, credentials, { head, previous });
      credentials = sent.credentials;
      options.failpoint?.('after_publish');
      const part = { key: step.key, ...toPublished(sent.ref) };
      if (run.steps.length > 1 && !(await store.deliveries.recordPart(run.target.id, run.owner, part))) {
        log('published a part, but the lease was lost before recording it', { targetId: run.target.id, key: step.key });
        return undefined;
      }
      if (step.kind === 'part') previous = sent.ref;
      head ??= sent.ref;
    }
    return { head };
  }

  /** One attempt for a delivery this worker holds the lease of. */
  async function attempt(target: PostTarget, owner: string): Promise<void> {
    const run = await prepareAttempt(target, owner);
    if (!run) return;
    let sent: { head: PublishedRef | undefined } | undefined;
    try {
      sent = await sendSteps(run);
    } catch (error) {
      const failure: AttemptFailure =
        error instanceof ConnectorError
          ? { code: error.code, message: error.message, retryAfterMs: error.retryAfterMs }
          : // An unexpected exception after the request may have left: treat as unknown, never as "not sent".
            { code: 'unknown_outcome', message: error instanceof Error ? error.message : String(error) };
      log('publish attempt failed', { targetId: target.id, code: failure.code, message: failure.message });
      const stepKey = run.steps.length > 1 ? run.current?.key : undefined;
      await settleFailure(target, owner, failure, run.connector, stepKey);
      return;
    }
    if (!sent) return;
    const head = sent.head;
    if (!head) throw new Error(`Delivery ${target.id} has nothing to publish`);
    const stored = await store.deliveries.markPublished(target.id, owner, toPublished(head), now());
    if (!stored) log('published, but the lease was lost before recording it', { targetId: target.id, ref: head.id });
    else options.failpoint?.('after_record');
  }

  const publishTarget: JobHandler = async (payload, context) => {
    const targetId = (payload as { targetId: string }).targetId;
    const claimed = await store.deliveries.claim(targetId, context.workerId, now(), leaseMs);
    if (!claimed) {
      // Already taken, unscheduled or done: the job ends. Still scheduled means not due yet (a job older than a
      // reschedule, a clock ahead of another's): it comes back at the due time instead of waiting for the sweep.
      const target = await store.deliveries.getTarget(targetId);
      if (target?.status === 'scheduled' && target.dueAt !== null) {
        await enqueueDelivery({ ...target, dueAt: Math.max(target.dueAt, now()) }, 'early');
      }
      return;
    }
    // The claimed delivery makes the post "publishing" (see aggregateStatus): one UPDATE, shown while the attempt
    // starts; the attempt does not wait for it. It shows only while a delivery is in flight, so landing late it
    // cannot undo a settle.
    const shown = store.posts.showPublishing(claimed.postId);
    try {
      await attempt(claimed, context.workerId);
    } finally {
      await shown;
      await refreshPostStatus(claimed.postId, claimed.workspaceId);
    }
  };

  /**
   * Re-enqueues due deliveries whose job was lost; takes over deliveries whose worker died mid-publish (its
   * heartbeat stopped, or its lease ran out); settles posts whose worker died before updating them.
   */
  const sweep: JobHandler = async (_payload, context) => {
    const t = now();
    const ownerSilentSince = t - ownerSilenceMs;
    // Only targets already late: on time ones have their job; the window bounds the copies.
    const window = Math.floor(t / 300_000);
    for (const target of await store.deliveries.listDue(t - LOST_JOB_AFTER_MS, 500)) {
      await enqueueDelivery(target, `sweep${window}`);
    }
    for (const abandoned of await store.deliveries.listAbandoned(t, 100, ownerSilentSince)) {
      const held = await store.deliveries.takeOver(abandoned.id, context.workerId, t, leaseMs, ownerSilentSince);
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
          const steps = deliveryStepKeys(held);
          await settleFailure(
            held,
            context.workerId,
            { code: 'unknown_outcome', message: 'The worker stopped while publishing' },
            connector,
            steps.length > 1 ? (nextStepKey(held) ?? held.id) : undefined,
            true,
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
        await refreshPostStatus(held.postId, held.workspaceId);
      }
    }
    for (const post of await store.posts.listUnsettled(100)) await refreshPostStatus(post.id, post.workspaceId);
  };

  return {
    handlers: { [PUBLISH_JOB]: publishTarget, [SWEEP_JOB]: sweep, ...keeper.handlers } as Record<string, JobHandler>,
    enqueueDelivery,
    refreshPostStatus,
  };
}

export type PublishingEngine = ReturnType<typeof createPublishingEngine>;
