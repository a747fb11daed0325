// Reading each connected channel's inbox: the `inbox.poll` periodic job takes the channels that are due (never read,
// or their next poll has come), reads each through its network's inbox source — the first reading back 7 days, the
// next ones from the stored cursor — and stores every batch with the cursor that covers it in one transaction. The
// cursor moves by compare-and-set from the one the reading started at, so a poll that died, or ran beside another,
// leaves either both or neither: a batch read again is stored once, and nothing is skipped.
import { ConnectorError, type ChannelCredentials, type Connector, type InboxSource } from '@rostra/connectors';
import { INBOX_BACKFILL_MS, type Channel, type InboxChannelRef, type JobHandler } from '@rostra/core';
import type { Store } from '@rostra/store';
import { triageInboxItems } from './triage.js';

export const INBOX_POLL_JOB = 'inbox.poll';
/** How often the job looks for due channels; each channel's own period is `intervalMs`. */
export const INBOX_POLL_EVERY_MS = 20_000;

export const INBOX_POLL_DEFAULTS = {
  /** A channel is read again this long after its last complete reading. */
  intervalMs: 60_000,
  /** Readings in a row for one channel in one run (a long backfill); the rest waits for the next run. */
  maxReadings: 20,
  /** Channels per run. */
  batch: 50,
  maxBackoffMs: 6 * 3_600_000,
  readTimeoutMs: 60_000,
};

export type InboxPollOutcome =
  | { status: 'ok'; stored: number; readings: number; complete: boolean }
  | { status: 'moved' }
  | { status: 'failed'; code: string; message: string; retryAt: number };

/** Another poll moved the cursor while this one read: its batch is rolled back, nothing is stored twice. */
class CursorMoved extends Error {}

export interface InboxPollerOptions {
  store: Store;
  connectors: readonly Connector[];
  /** The channel's credentials, refreshed ahead of expiry; undefined when it has none. */
  credentialsFor: (channel: Channel) => Promise<ChannelCredentials | undefined>;
  now?: () => number;
  log?: (message: string, details?: Record<string, unknown>) => void;
  settings?: Partial<typeof INBOX_POLL_DEFAULTS>;
}

export function createInboxPoller(options: InboxPollerOptions) {
  const { store } = options;
  const now = options.now ?? Date.now;
  const log = options.log ?? (() => {});
  const settings = { ...INBOX_POLL_DEFAULTS, ...options.settings };
  const sources = new Map(
    options.connectors.flatMap((c): Array<[string, InboxSource]> => (c.inbox ? [[c.network, c.inbox]] : [])),
  );

  async function fail(ref: InboxChannelRef, error: unknown): Promise<InboxPollOutcome> {
    const t = now();
    const connectorError = error instanceof ConnectorError ? error : undefined;
    const code = connectorError?.code ?? 'internal';
    const message = error instanceof Error ? error.message : String(error);
    const failures = (await store.inbox.getCursor(ref.channelId))?.consecutiveFailures ?? 0;
    const backoff = Math.min(settings.maxBackoffMs, settings.intervalMs * 2 ** Math.min(failures, 20));
    const retryAt = t + Math.max(backoff, connectorError?.retryAfterMs ?? 0);
    await store.inbox.recordPollFailure(ref, { code, message, now: t, nextPollAt: retryAt });
    log('inbox poll failed', { channelId: ref.channelId, network: ref.network, code, message });
    return { status: 'failed', code, message, retryAt };
  }

  /** Reads one channel until nothing more is waiting (or `maxReadings`); never throws. */
  async function pollChannel(ref: InboxChannelRef): Promise<InboxPollOutcome> {
    try {
      const source = sources.get(ref.network);
      const channel = await store.channels.get(ref.workspaceId, ref.channelId);
      if (!source || channel?.status !== 'active') {
        throw new ConnectorError(ref.network, 'rejected', 'This channel cannot be read (disconnected, or no inbox)');
      }
      const credentials = await options.credentialsFor(channel);
      if (!credentials) throw new ConnectorError(ref.network, 'auth_expired', 'The channel needs reconnecting');
      return await readChannel(ref, source, credentials);
    } catch (error) {
      if (error instanceof CursorMoved) return { status: 'moved' };
      return fail(ref, error);
    }
  }

  async function readChannel(
    ref: InboxChannelRef,
    source: InboxSource,
    credentials: ChannelCredentials,
  ): Promise<InboxPollOutcome> {
    const start = await store.inbox.getCursor(ref.channelId);
    let cursor = start?.cursor ?? null;
    let backfilledAt = start?.backfilledAt ?? null;
    let stored = 0;
    for (let readings = 1; ; readings += 1) {
      const since = now() - INBOX_BACKFILL_MS;
      const read = await source.readInbox(credentials, {
        since,
        cursor,
        signal: AbortSignal.timeout(settings.readTimeoutMs),
      });
      const t = now();
      const complete = !read.more;
      const update = {
        cursor: read.cursor,
        expected: cursor,
        backfilledAt: backfilledAt ?? (complete ? t : null),
        now: t,
        // Unfinished: due at once, for the next run to go on.
        nextPollAt: complete ? t + settings.intervalMs : t,
      };
      stored += await store.transaction(async (repos) => {
        const inserted = await repos.inbox.insertItems(ref, read.items, t);
        await triageInboxItems(repos, ref, inserted, t);
        if (!(await repos.inbox.advanceCursor(ref, update))) throw new CursorMoved();
        return inserted.length;
      });
      cursor = read.cursor;
      backfilledAt = update.backfilledAt;
      if (read.skipped) log('inbox source answered unreadable items', { channelId: ref.channelId, n: read.skipped });
      if (complete || readings >= settings.maxReadings) return { status: 'ok', stored, readings, complete };
    }
  }

  const pollDue: JobHandler = async () => {
    const due = await store.inbox.listDueChannels([...sources.keys()], now(), settings.batch);
    for (const ref of due) await pollChannel(ref);
  };

  return { pollChannel, handlers: { [INBOX_POLL_JOB]: pollDue } as Record<string, JobHandler> };
}

export type InboxPoller = ReturnType<typeof createInboxPoller>;
