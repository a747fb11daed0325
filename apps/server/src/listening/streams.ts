// Real-time listening sources (Jetstream, Mastodon streaming): a worker holds a lease on each source it streams,
// renews it while the stream lives, stores the cursor after each stored batch, reconnects with backoff when
// the stream breaks, and gives the source back on shutdown so another worker takes over at once.
import type { Connector } from '@rostra/connectors';
import type { Source } from '@rostra/core';
import type { Store } from '@rostra/store';
import type { ListeningPipeline } from './pipeline.js';
import { computeRetryDelay, findMentionSource, specOf, type CredentialsFor } from './sources.js';

export const STREAM_DEFAULTS = {
  /** A stream whose worker died is taken over after at most this long. */
  leaseMs: 60_000,
  /** How often a worker looks for streams nobody holds. */
  checkEveryMs: 15_000,
  /** Streams one worker holds at most. */
  maxStreams: 20,
  /** The first reconnection waits about this long, doubling per failure in a row. */
  reconnectMs: 1_000,
  maxBackoffMs: 15 * 60_000,
};

export interface StreamRunnerOptions {
  store: Store;
  connectors: readonly Connector[];
  pipeline: ListeningPipeline;
  owner: string;
  now?: () => number;
  random?: () => number;
  fetch?: typeof fetch;
  userAgent?: string;
  log?: (message: string, details?: Record<string, unknown>) => void;
  settings?: Partial<typeof STREAM_DEFAULTS>;
  credentialsFor?: CredentialsFor;
}

interface RunningStream {
  controller: AbortController;
  done: Promise<void>;
}

export function createStreamRunner(options: StreamRunnerOptions) {
  const { store, pipeline, owner } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const settings = { ...STREAM_DEFAULTS, ...options.settings };
  const running = new Map<string, RunningStream>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let stopping = false;

  async function run(source: Source, controller: AbortController): Promise<void> {
    const { signal } = controller;
    const renew = setInterval(() => {
      store.listening
        .renewLease(source.id, owner, now() + settings.leaseMs)
        .then((held) => {
          // Disabled, deleted or taken over while we were stalled: stop, the other holder goes on.
          if (!held) controller.abort();
        })
        .catch((error: unknown) => log('stream lease renewal failed', { sourceId: source.id, error: String(error) }));
    }, settings.leaseMs / 3);
    renew.unref();
    try {
      const mentions = findMentionSource(options.connectors, source.network);
      if (!mentions?.stream) throw new Error(`No installed connector streams "${source.network}" sources`);
      const stream = mentions.stream(
        await specOf(source, options.credentialsFor),
        source.cursor,
        async (batch) => {
          await pipeline.ingest(source.workspaceId, source.id, batch.items);
          const held = await store.listening.recordSuccess(source.id, owner, {
            cursor: batch.cursor,
            now: now(),
            nextPollAt: now(),
            keepLease: true,
          });
          if (!held) controller.abort();
        },
        {
          signal,
          ...(options.fetch ? { fetch: options.fetch } : {}),
          ...(options.userAgent ? { userAgent: options.userAgent } : {}),
        },
      );
      await stream.done;
      await store.listening.releaseLease(source.id, owner);
    } catch (error) {
      if (signal.aborted) {
        await store.listening.releaseLease(source.id, owner);
        return;
      }
      const fresh = (await store.listening.getSource(source.workspaceId, source.id)) ?? source;
      const retryAfterMs = (error as { retryAfterMs?: number }).retryAfterMs;
      const delay = computeRetryDelay(
        { pollIntervalMs: settings.reconnectMs, consecutiveFailures: fresh.consecutiveFailures },
        retryAfterMs,
        settings.maxBackoffMs,
        random,
      );
      await store.listening.recordFailure(source.id, owner, {
        code: (error as { code?: string }).code ?? 'internal',
        message: error instanceof Error ? error.message : String(error),
        now: now(),
        nextPollAt: now() + delay,
      });
      log('listening stream stopped; it reconnects after a delay', { sourceId: source.id, delay });
    } finally {
      clearInterval(renew);
    }
  }

  /** Takes the realtime sources nobody streams and starts them; returns the ids started. */
  async function claimStreams(): Promise<string[]> {
    if (stopping) return [];
    const room = settings.maxStreams - running.size;
    if (room <= 0) return [];
    const t = now();
    const started: string[] = [];
    for (const source of await store.listening.listClaimableStreams(t, room)) {
      if (running.has(source.id)) continue;
      if (!(await store.listening.claimSource(source.id, owner, t, settings.leaseMs, true))) continue;
      const controller = new AbortController();
      const done = run(source, controller)
        .catch((error: unknown) => log('listening stream crashed', { sourceId: source.id, error: String(error) }))
        .finally(() => running.delete(source.id));
      running.set(source.id, { controller, done });
      started.push(source.id);
    }
    return started;
  }

  return {
    claimStreams,
    /** Ids of the sources this worker streams now. */
    listRunning: () => [...running.keys()],
    /** Resolves when the stream of this source has stopped (for tests and shutdown). */
    whenStopped: (sourceId: string) => running.get(sourceId)?.done ?? Promise.resolve(),
    start(): void {
      const check = () => {
        claimStreams().catch((error: unknown) => log('stream claim failed', { error: String(error) }));
      };
      check();
      timer = setInterval(check, settings.checkEveryMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      stopping = true;
      if (timer) clearInterval(timer);
      for (const stream of running.values()) stream.controller.abort();
      await Promise.all([...running.values()].map((s) => s.done));
    },
  };
}

export type StreamRunner = ReturnType<typeof createStreamRunner>;
