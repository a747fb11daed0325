// A local Jetstream for tests and benchmarks: a WebSocket server on 127.0.0.1 speaking Jetstream's JSON event
// format, with an in-memory log replayed from `cursor`, server-side `wantedCollections` (prefixes included) and
// `wantedDids` filters, and a way to cut every connection. Written from
// https://github.com/bluesky-social/jetstream-legacy#consuming-jetstream; it refuses any parameter it does
// not know (recorded in `unexpected`) rather than ignoring it.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

export interface JetstreamCommitEvent {
  did: string;
  time_us: number;
  kind: 'commit';
  commit: {
    rev: string;
    operation: 'create' | 'update' | 'delete';
    collection: string;
    rkey: string;
    record?: Record<string, unknown>;
    cid?: string;
  };
}

export interface JetstreamIdentityEvent {
  did: string;
  time_us: number;
  kind: 'identity';
  identity: { did: string; handle: string; seq: number; time: string };
}

export interface JetstreamAccountEvent {
  did: string;
  time_us: number;
  kind: 'account';
  account: { active: boolean; did: string; seq: number; time: string; status?: string };
}

export type JetstreamEvent = JetstreamCommitEvent | JetstreamIdentityEvent | JetstreamAccountEvent;

export interface PostEventInput {
  did: string;
  /** Default: a fresh TID-like key. */
  rkey?: string;
  text: string;
  langs?: string[];
  facets?: unknown[];
  tags?: string[];
  /** Replies: the parent's (and the thread root's) at:// URI. */
  replyTo?: { parent: string; root?: string };
  /** A quote: the quoted post's at:// URI. */
  quote?: string;
  /** ISO date; default the event's time. */
  createdAt?: string;
  operation?: 'create' | 'update';
}

export interface JetstreamUnexpected {
  path: string;
  reason: string;
}

export interface FakeJetstream {
  /** `ws://127.0.0.1:<port>/subscribe`. */
  readonly url: string;
  /** Every event published, in time_us order: what a cursor replays from. */
  readonly log: JetstreamEvent[];
  readonly unexpected: JetstreamUnexpected[];
  /** The query string of every subscription, in order. */
  readonly subscriptions: URLSearchParams[];
  readonly connections: number;
  /** Appends to the log (time_us assigned, strictly increasing) and sends to matching live subscribers. */
  publish(event: DistributiveOmit<JetstreamEvent, 'time_us'>): JetstreamEvent;
  /** An app.bsky.feed.post create, built by {@link buildPostEvent}. */
  publishPost(input: PostEventInput): JetstreamCommitEvent;
  /** Sends a text frame as is to every connection, outside the log (a broken or compressed frame). */
  sendRaw(frame: string): void;
  /** Cuts every connection, as an instance restart or a network failure does. */
  dropConnections(): void;
  close(): Promise<void>;
}

type DistributiveOmit<T, K extends keyof T> = T extends unknown ? Omit<T, K> : never;

const KNOWN_PARAMS = ['wantedCollections', 'wantedDids', 'cursor', 'compress', 'maxMessageSizeBytes', 'requireHello'];
let keys = 0;

/** A Jetstream commit event for a new post, as Jetstream sends it (record as the PDS stored it). */
export function buildPostEvent(input: PostEventInput, timeUs: number): JetstreamCommitEvent {
  const createdAt = input.createdAt ?? new Date(Math.floor(timeUs / 1000)).toISOString();
  const record: Record<string, unknown> = { $type: 'app.bsky.feed.post', createdAt, text: input.text };
  if (input.langs) record.langs = input.langs;
  if (input.facets) record.facets = input.facets;
  if (input.tags) record.tags = input.tags;
  if (input.replyTo) {
    const root = input.replyTo.root ?? input.replyTo.parent;
    record.reply = { parent: { uri: input.replyTo.parent, cid: FAKE_CID }, root: { uri: root, cid: FAKE_CID } };
  }
  if (input.quote) record.embed = { $type: 'app.bsky.embed.record', record: { uri: input.quote, cid: FAKE_CID } };
  const rkey = input.rkey ?? toTid(timeUs, keys++);
  return {
    did: input.did,
    time_us: timeUs,
    kind: 'commit',
    commit: {
      rev: toTid(timeUs, 0),
      operation: input.operation ?? 'create',
      collection: 'app.bsky.feed.post',
      rkey,
      record,
      cid: `bafyrei${Buffer.from(`${input.did}/${rkey}/${timeUs}`).toString('hex').slice(0, 52).padEnd(52, 'a')}`,
    },
  };
}

const FAKE_CID = 'bafyreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy';

/** A record key in the TID shape (13 base32-sortable characters): https://atproto.com/specs/tid */
function toTid(timeUs: number, clock: number): string {
  const alphabet = '234567abcdefghijklmnopqrstuvwxyz';
  let value = (BigInt(timeUs) << 10n) | BigInt(clock & 1023);
  let out = '';
  for (let i = 0; i < 13; i += 1) {
    out = alphabet[Number(value & 31n)] + out;
    value >>= 5n;
  }
  return out;
}

export async function startFakeJetstream(): Promise<FakeJetstream> {
  const log: JetstreamEvent[] = [];
  const unexpected: JetstreamUnexpected[] = [];
  const subscriptions: URLSearchParams[] = [];
  const clients = new Map<WebSocket, (event: JetstreamEvent) => boolean>();
  const sockets = new WebSocketServer({ noServer: true });
  let lastTime = 0;

  const nextTime = () => {
    lastTime = Math.max(lastTime + 1, Date.now() * 1000);
    return lastTime;
  };

  function upgrade(incoming: IncomingMessage, socket: Duplex, head: Buffer): void {
    const target = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const refuse = (reason: string) => {
      unexpected.push({ path: `${target.pathname}${target.search}`, reason });
      socket.end(`HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n${reason}`);
    };
    if (target.pathname !== '/subscribe') return refuse('Jetstream serves /subscribe only');
    const params = target.searchParams;
    const unknown = [...params.keys()].find((name) => !KNOWN_PARAMS.includes(name));
    if (unknown) return refuse(`unknown parameter "${unknown}"`);
    if (params.get('compress') === 'true') return refuse('the fake does not implement zstd compression');
    if (params.get('requireHello') === 'true') return refuse('the fake does not implement requireHello');
    const collections = params.getAll('wantedCollections');
    const dids = params.getAll('wantedDids');
    const rawCursor = params.get('cursor');
    if (rawCursor !== null && !/^\d+$/.test(rawCursor)) return refuse(`cursor "${rawCursor}" is not time_us`);
    subscriptions.push(params);
    const wanted = (event: JetstreamEvent) =>
      (dids.length === 0 || dids.includes(event.did)) &&
      (collections.length === 0 ||
        event.kind !== 'commit' ||
        collections.some((nsid) =>
          nsid.endsWith('.*')
            ? event.commit.collection.startsWith(nsid.slice(0, -1))
            : nsid === event.commit.collection,
        ));
    sockets.handleUpgrade(incoming, socket, head, (client) => {
      // "An absent cursor or a cursor from the future will result in live-tail operation."
      const cursor = rawCursor === null ? undefined : Number(rawCursor);
      if (cursor !== undefined && cursor <= lastTime) {
        for (const event of log) if (event.time_us >= cursor && wanted(event)) client.send(JSON.stringify(event));
      }
      clients.set(client, wanted);
      client.on('close', () => clients.delete(client));
    });
  }

  const server = createServer((incoming, outgoing) => {
    unexpected.push({ path: incoming.url ?? '?', reason: 'plain HTTP request: Jetstream is a WebSocket' });
    outgoing.writeHead(400).end();
  });
  server.on('upgrade', upgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const deliver = <E extends JetstreamEvent>(event: E): E => {
    log.push(event);
    const frame = JSON.stringify(event);
    for (const [client, wanted] of clients) if (wanted(event)) client.send(frame);
    return event;
  };

  return {
    url: `ws://127.0.0.1:${port}/subscribe`,
    log,
    unexpected,
    subscriptions,
    get connections() {
      return clients.size;
    },
    publish: (partial) => deliver({ ...partial, time_us: nextTime() } as JetstreamEvent),
    publishPost: (input) => deliver(buildPostEvent(input, nextTime())),
    sendRaw(frame) {
      for (const client of clients.keys()) client.send(frame);
    },
    dropConnections() {
      for (const client of clients.keys()) client.terminate();
    },
    async close() {
      for (const client of clients.keys()) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
