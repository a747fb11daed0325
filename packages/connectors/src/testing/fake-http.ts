// The HTTP plumbing the fakes of network APIs share: a node:http server on 127.0.0.1, request bodies read and
// parsed, answers sent, and requests no correct client would send refused with a 500 and remembered in the
// fake's `unexpected` list, so a test can assert none happened. Routes and the checks each network's
// documentation implies stay in each fake.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

/** A documented answer; thrown by handlers to answer early. `raw` is sent as is: broken JSON, an HTML page. */
export class Answer {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
    readonly raw?: string,
  ) {}
}

/** A request no correct client sends: refused with a 500 and recorded. */
export class Unexpected extends Error {}

export interface UnexpectedRequest {
  method: string;
  path: string;
  reason: string;
}

/** How an answer the fake worked out gets lost: held open, the connection reset, or a garbled body. */
export type LostAnswer = 'hang' | 'reset' | 'garbage';

export interface FakeHttpOptions {
  /** Where refusals are recorded: the list the fake hands its tests (or an adapter to its own shape). */
  unexpected: Pick<UnexpectedRequest[], 'push'>;
  /** The body of a refusal, in the network's own error shape, saying why. */
  refusalBody(reason: string): unknown;
  handle(incoming: IncomingMessage, outgoing: ServerResponse): void | Promise<void>;
  upgrade?(incoming: IncomingMessage, socket: Duplex, head: Buffer): void;
}

export interface FakeHttpServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Records the request in `unexpected` and answers a 500 that says why. */
  refuse(outgoing: ServerResponse, request: { method: string; path: string }, reason: string): void;
  /** Loses the answer: `hang` keeps the response open until close, `reset` drops the connection. */
  lose(how: Exclude<LostAnswer, 'garbage'>, incoming: IncomingMessage, outgoing: ServerResponse): void;
  close(): Promise<void>;
}

export async function startFakeHttpServer(options: FakeHttpOptions): Promise<FakeHttpServer> {
  const held = new Set<ServerResponse>();
  const refuse: FakeHttpServer['refuse'] = (outgoing, { method, path }, reason) => {
    options.unexpected.push({ method, path, reason });
    sendAnswer(outgoing, new Answer(500, options.refusalBody(reason)));
  };
  const server = createServer((incoming, outgoing) => {
    // A handler that throws is a bug in the fake, not in the client: refused all the same, so the test fails.
    Promise.resolve()
      .then(() => options.handle(incoming, outgoing))
      .catch((error: unknown) => {
        const reason = `the fake failed: ${error instanceof Error ? error.message : String(error)}`;
        const request = { method: incoming.method ?? '?', path: incoming.url ?? '?' };
        if (outgoing.headersSent) options.unexpected.push({ ...request, reason });
        else refuse(outgoing, request, reason);
      });
  });
  if (options.upgrade) server.on('upgrade', options.upgrade);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    refuse,
    lose(how, incoming, outgoing) {
      if (how === 'reset') {
        incoming.socket.destroy();
        return;
      }
      held.add(outgoing);
      outgoing.on('close', () => held.delete(outgoing));
    },
    async close() {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The method, the URL and its path with the query string, as recorded. */
export function readTarget(incoming: IncomingMessage): { method: string; target: URL; path: string } {
  const target = new URL(incoming.url ?? '/', 'http://127.0.0.1');
  return { method: incoming.method ?? 'GET', target, path: `${target.pathname}${target.search}` };
}

/** Sends an answer: objects as JSON, strings as an HTML page, `raw` as is; the answer's headers win. */
export function sendAnswer(outgoing: ServerResponse, answer: Answer): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: string | undefined = answer.raw;
  if (payload === undefined && typeof answer.body === 'string') {
    headers['content-type'] ??= 'text/html; charset=utf-8';
    payload = answer.body;
  } else if (payload === undefined && answer.body !== undefined) {
    headers['content-type'] ??= 'application/json; charset=utf-8';
    payload = JSON.stringify(answer.body);
  }
  outgoing.writeHead(answer.status, headers);
  outgoing.end(payload);
}

/** Sends `body` as JSON with `status`. */
export function sendJson(
  outgoing: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  sendAnswer(outgoing, new Answer(status, body, { 'content-type': 'application/json', ...headers }));
}

export async function readBody(incoming: IncomingMessage, maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += (chunk as Buffer).byteLength;
    if (size > maxBytes) throw new Error('request body too large for the fake');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export function headerOf(request: { headers: IncomingHttpHeaders }, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The media type of the body, without its parameters: `multipart/form-data`. */
export function mediaTypeOf(request: { headers: IncomingHttpHeaders }): string {
  return (headerOf(request, 'content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

/** Exactly these parameters: every required one present, nothing unknown. */
export function readParams<R extends string, O extends string>(
  params: URLSearchParams,
  required: R[],
  optional: O[],
): Record<R, string> & Partial<Record<O, string>> {
  const out: Record<string, string> = {};
  for (const [key, value] of params) {
    if (!(required as string[]).includes(key) && !(optional as string[]).includes(key)) {
      throw new Unexpected(`unknown parameter ${key}`);
    }
    out[key] = value;
  }
  for (const key of required) if (out[key] === undefined) throw new Unexpected(`missing parameter ${key}`);
  return out as Record<R, string> & Partial<Record<O, string>>;
}

export interface MultipartPart {
  name: string;
  filename: string | undefined;
  type: string;
  data: Buffer;
}

/** The boundary a `multipart/form-data` content type declares. */
export function boundaryOf(contentType: string): string {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!boundary) throw new Unexpected('multipart body without a boundary');
  return boundary[1] ?? boundary[2] ?? '';
}

// RFC 7578: parts separated by CRLF--boundary, each with headers, a blank line, then its bytes.
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  if (position < 0) throw new Unexpected('multipart body without its boundary');
  for (;;) {
    position += delimiter.length;
    if (body.subarray(position, position + 2).toString() === '--') return parts;
    const headersEnd = body.indexOf('\r\n\r\n', position);
    const next = body.indexOf(Buffer.from(`\r\n--${boundary}`), headersEnd);
    if (headersEnd < 0 || next < 0) throw new Unexpected('truncated multipart body');
    const headers = body.subarray(position, headersEnd).toString('utf8');
    const disposition = /content-disposition:\s*form-data;([^\r\n]*)/i.exec(headers)?.[1] ?? '';
    const name = /\bname="([^"]*)"/.exec(disposition)?.[1];
    if (name === undefined) throw new Unexpected('multipart part without a name');
    parts.push({
      name,
      filename: /\bfilename="([^"]*)"/.exec(disposition)?.[1],
      type: /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream',
      data: body.subarray(headersEnd + 4, next),
    });
    position = next + 2;
  }
}

export type RouteMatch<R extends string> = { route: R; params: Record<string, string> } | { wrongMethod: true };

/**
 * Matches routes written `METHOD /path/:param`; a path served under another method is told apart from an
 * unknown one, so the refusal can say which.
 */
export function createRouter<R extends string>(
  routes: readonly R[],
): (method: string, pathname: string) => RouteMatch<R> | undefined {
  const table = routes.map((route) => ({
    route,
    pattern: new RegExp(`^${route.split(' ')[1]?.replace(/:([a-z]+)/g, '(?<$1>[^/]+)')}$`),
  }));
  return (method, pathname) => {
    let pathKnown = false;
    for (const { route, pattern } of table) {
      const found = pattern.exec(pathname);
      if (!found) continue;
      pathKnown = true;
      if (route.startsWith(`${method} `)) return { route, params: { ...found.groups } };
    }
    return pathKnown ? { wrongMethod: true } : undefined;
  };
}

/** Per-route queues of what tests arm for the next requests (failures, lost answers), first in first out. */
export function createQueues<K, V>(): { push(key: K, value: V): void; shift(key: K): V | undefined } {
  const queues = new Map<K, V[]>();
  return {
    push(key, value) {
      queues.set(key, [...(queues.get(key) ?? []), value]);
    },
    shift: (key) => queues.get(key)?.shift(),
  };
}

/** Runs a handler: its answer, returned or thrown, or the Unexpected it threw. Anything else is a bug in the fake. */
export async function runHandler(handler: () => Answer | Promise<Answer>): Promise<Answer | Unexpected> {
  try {
    return await handler();
  } catch (error) {
    if (error instanceof Answer || error instanceof Unexpected) return error;
    throw error;
  }
}

/**
 * A failure a test arms on a fake, answered instead of the real answer. Without `body` or `rawBody`, the
 * network's own answer for the status (its error shape, its rate-limit headers); `headers` are added to it.
 */
export interface InjectedFailure {
  status: number;
  body?: unknown;
  /** Sent as is, as JSON unless `headers` say otherwise: broken JSON, a proxy's HTML page. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** What tests arm on a fake, per route (or under one key for a fake of one endpoint), first in first out. */
export interface FailureInjection<K, F extends InjectedFailure = InjectedFailure> {
  /** The next `times` requests to `key` get `failure`. */
  failNext(key: K, failure: F, times?: number): void;
  /** The fake handles the next request to `key`, then its answer is lost (`hang`, `reset` or `garbage`). */
  loseNext(key: K, how: LostAnswer): void;
  takeFailure(key: K): F | undefined;
  takeLoss(key: K): LostAnswer | undefined;
}

export function createFailureInjection<K, F extends InjectedFailure = InjectedFailure>(): FailureInjection<K, F> {
  const failures = createQueues<K, F>();
  const losses = createQueues<K, LostAnswer>();
  return {
    failNext(key, failure, times = 1) {
      for (let i = 0; i < times; i += 1) failures.push(key, failure);
    },
    loseNext: (key, how) => losses.push(key, how),
    takeFailure: (key) => failures.shift(key),
    takeLoss: (key) => losses.shift(key),
  };
}

/** The armed failure as an answer: its raw body or body as given, else `ownAnswer(status)`, the network's. */
export function toInjectedAnswer(failure: InjectedFailure, ownAnswer: (status: number) => Answer): Answer {
  const headers = { ...failure.headers };
  if (failure.rawBody !== undefined) {
    return new Answer(failure.status, failure.rawBody, { 'content-type': 'application/json', ...headers });
  }
  if (failure.body !== undefined) return new Answer(failure.status, failure.body, headers);
  const own = ownAnswer(failure.status);
  return new Answer(own.status, own.body, { ...own.headers, ...headers }, own.raw);
}
