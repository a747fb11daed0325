// Polling listening sources: a periodic job picks the sources that are due, leases each to this worker, spaces
// polls to one host, polls through the source's connector, stores the items, and only then stores the new
// cursor. A failing source backs off on its own; a flood is taken in slices of `maxItemsPerPoll`.
import { ConnectorError, type ChannelCredentials, type Connector, type MentionSource } from '@rostra/connectors';
import type { JobHandler } from '@rostra/core';
import type { Source } from '@rostra/core';
import type { Store } from '@rostra/store';
import type { ListeningPipeline } from './pipeline.js';

export const LISTEN_POLL_JOB = 'listen.poll';
/** How often the job looks for due sources; a source's own interval is its `pollIntervalMs`. */
export const LISTEN_POLL_EVERY_MS = 20_000;

export const POLL_DEFAULTS = {
  /** Items stored per poll at most; the rest comes on the next poll (the cursor stays until then). */
  maxItemsPerPoll: 1000,
  /** Two polls of one host (across every workspace's sources) are at least this far apart. */
  minHostIntervalMs: 10_000,
  /** A poll longer than this is abandoned (and the lease, slightly longer, ends). */
  pollTimeoutMs: 60_000,
  maxBackoffMs: 6 * 3_600_000,
  /** Sources polled at the same time by one worker. */
  concurrency: 4,
  /** Sources considered per run. */
  batch: 50,
};

export type PollOutcome =
  | { status: 'ok'; stored: number; updated: number; duplicates: number; deferred: number }
  | { status: 'failed'; code: string; message: string; retryAt: number };

export interface SourcePollerOptions {
  store: Store;
  connectors: readonly Connector[];
  pipeline: ListeningPipeline;
  /** Names this worker in leases. */
  owner: string;
  now?: () => number;
  /** For jitter; tests pass a constant. */
  random?: () => number;
  fetch?: typeof fetch;
  userAgent?: string;
  log?: (message: string, details?: Record<string, unknown>) => void;
  settings?: Partial<typeof POLL_DEFAULTS>;
  /** The credentials of the channel a source searches as (`source.channelId`), refreshed when due. */
  credentialsFor?: CredentialsFor;
}

export type CredentialsFor = (source: Source) => Promise<ChannelCredentials | undefined>;

/**
 * The spec a connector polls or streams: the source's settings, and its channel's credentials when it names
 * one. A named channel that cannot lend them (disconnected, needs reconnecting) fails the source with
 * `auth_expired` rather than searching anonymously and finding less without saying so.
 */
export async function specOf(source: Source, credentialsFor: CredentialsFor | undefined) {
  const spec = { kind: source.kind, config: source.config };
  if (!source.channelId) return spec;
  const credentials = await credentialsFor?.(source);
  if (!credentials) {
    throw new ConnectorError(source.network, 'auth_expired', 'The channel this source searches as needs reconnecting');
  }
  return { ...spec, credentials };
}

/** The host a source talks to, for politeness: the host of its URL setting, else one host per network. */
export function deriveSourceHost(network: string, config: Record<string, string>): string {
  for (const value of Object.values(config)) {
    try {
      const url = new URL(value);
      if (url.protocol === 'http:' || url.protocol === 'https:') return url.hostname.toLowerCase();
    } catch {
      // Not a URL: a tag, a query, a handle.
    }
  }
  const instance = config.instance?.trim().toLowerCase();
  return instance ? instance.replace(/^https?:\/\//, '').replace(/\/.*$/, '') : `network:${network}`;
}

/**
 * Exponential backoff from the source's own interval, doubled per consecutive failure, capped, with ±10 %
 * jitter so sources that failed together (a network outage) do not all come back at once; never before the
 * network's Retry-After.
 */
export function computeRetryDelay(
  source: Pick<Source, 'pollIntervalMs' | 'consecutiveFailures'>,
  retryAfterMs: number | undefined,
  maxBackoffMs: number,
  random: () => number,
): number {
  const exponent = Math.min(source.consecutiveFailures, 20);
  const base = Math.min(maxBackoffMs, source.pollIntervalMs * 2 ** exponent);
  const jittered = base * (0.9 + 0.2 * random());
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}

export function findMentionSource(connectors: readonly Connector[], network: string): MentionSource | undefined {
  return connectors.find((c) => c.network === network)?.mentions;
}

export function createSourcePoller(options: SourcePollerOptions) {
  const { store, pipeline, owner } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const settings = { ...POLL_DEFAULTS, ...options.settings };
  const leaseMs = settings.pollTimeoutMs + 30_000;

  async function fail(source: Source, error: unknown): Promise<PollOutcome> {
    const t = now();
    const connectorError = error instanceof ConnectorError ? error : undefined;
    const code = connectorError?.code ?? 'internal';
    const message = error instanceof Error ? error.message : String(error);
    const retryAt = t + computeRetryDelay(source, connectorError?.retryAfterMs, settings.maxBackoffMs, random);
    await store.listening.recordFailure(source.id, owner, { code, message, now: t, nextPollAt: retryAt });
    log('listening source failed', { sourceId: source.id, network: source.network, code, message });
    return { status: 'failed', code, message, retryAt };
  }

  /** Polls a source this worker has leased; never throws. */
  async function pollLeased(source: Source): Promise<PollOutcome> {
    try {
      const mentions = findMentionSource(options.connectors, source.network);
      if (!mentions?.poll) {
        throw new ConnectorError(
          source.network,
          'rejected',
          `No installed connector polls "${source.network}" sources`,
        );
      }
      const spec = await specOf(source, options.credentialsFor);
      const result = await mentions.poll(spec, source.cursor, {
        signal: AbortSignal.timeout(settings.pollTimeoutMs),
        ...(options.fetch ? { fetch: options.fetch } : {}),
        ...(options.userAgent ? { userAgent: options.userAgent } : {}),
      });
      if (result.skipped) {
        log('listening source answered unreadable items', {
          sourceId: source.id,
          network: source.network,
          skipped: result.skipped,
        });
      }
      const ingested = await pipeline.ingest(source.workspaceId, source.id, result.items, {
        limit: settings.maxItemsPerPoll,
      });
      const t = now();
      // The cursor moves only once everything it covers is stored; with items left over, the next poll asks
      // again from the old cursor and the stored ones are skipped as duplicates.
      const complete = ingested.deferred === 0;
      await store.listening.recordSuccess(source.id, owner, {
        cursor: complete ? result.cursor : source.cursor,
        now: t,
        nextPollAt: complete ? t + source.pollIntervalMs : t,
      });
      return {
        status: 'ok',
        stored: ingested.stored,
        updated: ingested.updated,
        duplicates: ingested.duplicates,
        deferred: ingested.deferred,
      };
    } catch (error) {
      return fail(source, error);
    }
  }

  /** Leases and polls one source now, whatever its schedule ("poll now"); undefined when another worker has it. */
  async function pollNow(source: Source): Promise<PollOutcome | undefined> {
    if (!(await store.listening.claimSource(source.id, owner, now(), leaseMs, false))) return undefined;
    return pollLeased(source);
  }

  /** One run of the job: every due source this worker may take, politely. */
  async function pollDue(): Promise<Map<string, PollOutcome>> {
    const t = now();
    const due = await store.listening.listDueSources(t, settings.batch);
    const hosts = [...new Set(due.map((s) => s.host).filter((h): h is string => h !== null))];
    const activity = await store.listening.readHostActivity(hosts, t);
    // One poll per host per run, and the turn goes to the workspace that polled the host least recently
    // (then, within it, to its least recently polled source, the store's order): one tenant with many sources
    // on a host slows its own, never another's. Array.prototype.sort is stable.
    const turnOf = (source: Source) =>
      source.host === null ? 0 : (activity.get(source.host)?.lastPolledByWorkspace.get(source.workspaceId) ?? 0);
    const ordered = [...due].sort((a, b) => turnOf(a) - turnOf(b));
    const taken = new Set<string>();
    const chosen: Source[] = [];
    for (const source of ordered) {
      const host = source.host ?? `source:${source.id}`;
      const seen = activity.get(host);
      // A poll of this host is under way: this source waits for the next run, never longer. A live stream of the
      // host is no poll (readHostActivity leaves it out), or one workspace's stream would stop every other's polls.
      if (seen?.busy) continue;
      // Polled in this run, or recently: wait for the host's interval rather than being listed every run.
      const lastPolledAt = taken.has(host) ? t : seen?.lastPolledAt;
      if (lastPolledAt != null && t - lastPolledAt < settings.minHostIntervalMs) {
        await store.listening.postpone(source.id, lastPolledAt + settings.minHostIntervalMs);
        continue;
      }
      if (!(await store.listening.claimSource(source.id, owner, t, leaseMs, false))) continue;
      taken.add(host);
      chosen.push(source);
    }
    const outcomes = new Map<string, PollOutcome>();
    let next = 0;
    const lanes = Array.from({ length: Math.min(settings.concurrency, chosen.length) }, async () => {
      while (next < chosen.length) {
        const source = chosen[next++] as Source;
        outcomes.set(source.id, await pollLeased(source));
      }
    });
    await Promise.all(lanes);
    return outcomes;
  }

  const handlers: Record<string, JobHandler> = {
    // Runs again while sources are still due (more than one batch), within the job's period, so a backlog after
    // an outage drains without waiting for the next period.
    [LISTEN_POLL_JOB]: async () => {
      const until = now() + LISTEN_POLL_EVERY_MS;
      while ((await pollDue()).size > 0 && now() < until);
    },
  };

  return { handlers, pollDue, pollNow };
}

export type SourcePoller = ReturnType<typeof createSourcePoller>;
