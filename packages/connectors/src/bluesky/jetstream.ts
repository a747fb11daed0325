// Listening to the whole of Bluesky in real time through Jetstream, the firehose as JSON over a WebSocket:
// new posts as mentions, filtered by DID on the server and by keyword here, resumed after a disconnect from
// the time_us of the last event handled. https://github.com/bluesky-social/jetstream (event format and
// parameters: https://github.com/bluesky-social/jetstream-legacy#consuming-jetstream)
import { z } from 'zod';
import type {
  Mention,
  SourceCursor,
  SourcePoll,
  SourcePollOptions,
  SourceSpec,
  SourceStream,
  SourceProblem,
} from '../connector.js';
import { ConnectorError } from '../errors.js';
import { createCursorCodec } from '../shared/cursor.js';
import { assertValidSpec } from '../shared/source-spec.js';
import { BINARY_FRAME, consumeSocket, runWithReconnect } from '../realtime.js';
import { POST_COLLECTION } from './api.js';
import { toPostMention, toPostUri } from './post-mention.js';
import { NETWORK } from './rules.js';

export interface JetstreamOptions {
  /** A public instance by default; any Jetstream's /subscribe works. */
  url?: string;
  /**
   * How far before the last event handled a reconnection replays. Jetstream's advice: "subtract a few seconds"
   * for gapless playback, events being only roughly ordered by time_us. Default 3 s.
   */
  replayMarginMs?: number;
  reconnectInitialMs?: number;
  reconnectMaxMs?: number;
  /** Events read with no mention among them before the cursor is saved anyway. Default 500. */
  checkpointEvery?: number;
}

export const DEFAULT_JETSTREAM_URL = 'wss://jetstream2.us-east.bsky.network/subscribe';

const NSID = /^[a-z][a-z0-9-]*(?:\.[a-z0-9-]+)+(?:\.\*|\.[a-zA-Z][a-zA-Z0-9]*)$/;
const DID = /^did:(?:plc:[a-z2-7]{24}|web:[a-z0-9.-]+(?:%3A\d+)?)$/;

export function validateJetstream(config: Record<string, string>): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const collections = readList(config.wantedCollections);
  const bad = collections.filter((nsid) => !NSID.test(nsid));
  if (bad.length > 0) {
    problems.push({
      field: 'wantedCollections',
      code: 'collections_invalid',
      params: { values: bad },
      message: `Not collection names (NSIDs): ${bad.join(', ')}`,
    });
  } else if (collections.length > 100) {
    // "Regardless of desired collections, Jetstream will only accept up to 100 collections."
    problems.push({
      field: 'wantedCollections',
      code: 'collections_too_many',
      params: { limit: 100 },
      message: 'Jetstream takes at most 100 collections',
    });
  } else if (collections.length > 0 && !collections.some((nsid) => matchesCollection(nsid, POST_COLLECTION))) {
    problems.push({
      field: 'wantedCollections',
      code: 'collections_without_posts',
      params: { collection: POST_COLLECTION },
      message: `Only posts become mentions: include ${POST_COLLECTION} (or app.bsky.feed.*)`,
    });
  }
  const dids = readList(config.wantedDids);
  const badDids = dids.filter((did) => !DID.test(did));
  if (badDids.length > 0) {
    problems.push({
      field: 'wantedDids',
      code: 'dids_invalid',
      params: { values: badDids },
      message: `Not DIDs: ${badDids.join(', ')}`,
    });
  } else if (dids.length > 10_000) {
    problems.push({
      field: 'wantedDids',
      code: 'dids_too_many',
      params: { limit: 10_000 },
      message: 'Jetstream takes at most 10,000 DIDs',
    });
  }
  if (config.keywords !== undefined && readList(config.keywords).length === 0) {
    problems.push({
      field: 'keywords',
      code: 'keywords_invalid',
      message: 'Give keywords separated by commas, or leave the field out',
    });
  }
  return problems;
}

/** Where a stream resumes: the time_us of the last event handled, and the posts handed on just before it. */
interface JetstreamCursor {
  timeUs: number | undefined;
  /** `uri cid` → time_us, for the replayed margin. */
  recent: Map<string, number>;
}

/** Stored as { t: time_us, recent: [[uri cid, time_us], …] }. */
const cursors = createCursorCodec(
  NETWORK,
  'Jetstream',
  z
    .object({ t: z.number(), recent: z.array(z.tuple([z.string(), z.number()])) })
    .transform(({ t, recent }) => ({ timeUs: t, recent: new Map(recent) })),
  (state) => ({ t: state.timeUs, recent: [...state.recent] }),
);

export function streamJetstream(
  spec: SourceSpec,
  cursor: SourceCursor,
  onBatch: (batch: SourcePoll) => Promise<void>,
  options: SourcePollOptions & { signal: AbortSignal },
  settings: JetstreamOptions = {},
): SourceStream {
  const run = async () => {
    assertValidSpec(NETWORK, validateJetstream(spec.config));
    const marginUs = (settings.replayMarginMs ?? 3000) * 1000;
    const checkpointEvery = settings.checkpointEvery ?? 500;
    const keywords = readList(spec.config.keywords).map(fold);
    const stored: JetstreamCursor = cursors.read(cursor) ?? { timeUs: undefined, recent: new Map() };
    const recent = stored.recent;
    // Saved with each batch; `handled` runs ahead of it between batches, and is where a reconnection resumes.
    let saved = stored.timeUs;
    let handled = stored.timeUs;
    let unsaved = 0;

    const subscribeUrl = () => {
      const url = new URL(settings.url ?? DEFAULT_JETSTREAM_URL);
      const collections = readList(spec.config.wantedCollections);
      for (const nsid of collections.length > 0 ? collections : [POST_COLLECTION]) {
        url.searchParams.append('wantedCollections', nsid);
      }
      for (const did of readList(spec.config.wantedDids)) url.searchParams.append('wantedDids', did);
      if (handled !== undefined) url.searchParams.set('cursor', String(Math.max(0, handled - marginUs)));
      return url.toString();
    };

    const handleFrames = async (frames: string[], healthy: () => void) => {
      const items: Mention[] = [];
      for (const frame of frames) {
        const event = readEvent(frame);
        if (!event) continue;
        handled = Math.max(handled ?? 0, event.time_us);
        unsaved += 1;
        const commit = event.kind === 'commit' ? event.commit : undefined;
        if (!commit || commit.collection !== POST_COLLECTION) continue;
        if (commit.operation !== 'create' && commit.operation !== 'update') continue;
        const key = `${toPostUri(event.did, commit.rkey)} ${commit.cid ?? ''}`;
        if (recent.has(key)) continue;
        const mention = toPostMention({
          did: event.did,
          rkey: commit.rkey,
          record: commit.record,
          fallbackTime: Math.floor(event.time_us / 1000),
        });
        if (!mention || !matchesKeywords(mention, keywords)) continue;
        recent.set(key, event.time_us);
        items.push(mention);
      }
      if (items.length === 0 && unsaved < checkpointEvery) return;
      saved = handled;
      unsaved = 0;
      for (const [key, time] of recent) if (time < (saved ?? 0) - marginUs) recent.delete(key);
      await onBatch({ items, cursor: encodeCursor({ timeUs: saved, recent }) });
      healthy();
    };

    await runWithReconnect(
      (healthy) =>
        consumeSocket(subscribeUrl(), {
          network: NETWORK,
          headers: options.userAgent ? { 'user-agent': options.userAgent } : {},
          signal: options.signal,
          onFrames: (frames) => handleFrames(frames, healthy),
        }),
      {
        signal: options.signal,
        initialDelayMs: settings.reconnectInitialMs,
        maxDelayMs: settings.reconnectMaxMs,
      },
    );
  };
  return { done: run() };
}

/** https://github.com/bluesky-social/jetstream-legacy#example-events */
interface JetstreamEvent {
  did: string;
  time_us: number;
  kind: string;
  commit?: {
    rev?: string;
    operation?: string;
    collection?: string;
    rkey: string;
    record?: unknown;
    cid?: string;
  };
}

/**
 * A frame as an event; undefined for what Jetstream may add (new kinds, fields) and this reader need not
 * understand. A frame that is not JSON at all means we are not speaking the same protocol (compression turned
 * on, a proxy's page): that stops the stream rather than skipping every event silently.
 */
function readEvent(frame: string): JetstreamEvent | undefined {
  let event: Partial<JetstreamEvent> | null;
  try {
    if (frame === BINARY_FRAME) throw new Error('binary frame');
    event = JSON.parse(frame) as Partial<JetstreamEvent> | null;
  } catch {
    throw new ConnectorError(
      NETWORK,
      'rejected',
      `Jetstream sent a frame that is not JSON (is compression on?): ${frame.replace(BINARY_FRAME, '<binary>').slice(0, 80)}`,
    );
  }
  if (typeof event !== 'object' || event === null) return undefined;
  if (typeof event.did !== 'string' || typeof event.time_us !== 'number' || !Number.isFinite(event.time_us)) {
    return undefined;
  }
  if (event.kind === 'commit' && (typeof event.commit !== 'object' || typeof event.commit?.rkey !== 'string')) {
    return undefined;
  }
  return event as JetstreamEvent;
}

/** Any keyword, ignoring case and accents ("elections" finds "Élections"); no keywords lets everything through. */
function matchesKeywords(mention: Mention, keywords: string[]): boolean {
  if (keywords.length === 0) return true;
  const haystack = fold(`${mention.text} ${mention.hashtags.map((tag) => `#${tag}`).join(' ')}`);
  return keywords.some((keyword) => haystack.includes(keyword));
}

function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** `app.bsky.feed.*` matches every collection under app.bsky.feed, as Jetstream's prefixes do. */
function matchesCollection(pattern: string, collection: string): boolean {
  return pattern.endsWith('.*') ? collection.startsWith(pattern.slice(0, -1)) : pattern === collection;
}

function readList(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[,\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

function encodeCursor(state: JetstreamCursor): SourceCursor {
  if (state.timeUs === undefined) return null;
  return cursors.write({ timeUs: state.timeUs, recent: state.recent });
}
