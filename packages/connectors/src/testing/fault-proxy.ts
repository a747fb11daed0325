// An HTTP proxy on 127.0.0.1 in front of a real test server, breaking chosen requests the way networks do:
// an answer that never arrives although the server acted, or an error before the server saw anything.
// For connector tests: the server stays real, only the wire misbehaves.
import {
  createServer,
  request as forward,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export type Fault =
  /** Forward the request, let the server finish, then never answer (the client times out). */
  | { kind: 'swallow-answer' }
  /** Answer this without forwarding: the server never sees the request. */
  | { kind: 'answer'; status: number; body?: unknown; headers?: Record<string, string> };

/** Decides, request by request, whether to break it; undefined lets it through. */
export type FaultRule = (request: { method: string; path: string }) => Fault | undefined;

export interface FaultProxy {
  url: string;
  setRule(rule: FaultRule | undefined): void;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  /**
   * Called once the server has finished a request whose answer the proxy keeps, with that request's headers: from
   * then on only the client's deadline can end the call, so a test may pass that deadline at once instead of
   * waiting it out.
   */
  onSwallowed?: (headers: IncomingHttpHeaders) => void;
}

export async function startFaultProxy(targetUrl: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  let rule: FaultRule | undefined;
  const held = new Set<ServerResponse>();

  const server = createServer((incoming, outgoing) => {
    const fault = rule?.({ method: incoming.method ?? 'GET', path: incoming.url ?? '/' });
    if (fault?.kind === 'answer') {
      incoming.resume();
      outgoing.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      outgoing.end(JSON.stringify(fault.body ?? { error: 'InjectedFault', message: 'Injected by the fault proxy' }));
      return;
    }
    relay(incoming, outgoing, target, fault?.kind === 'swallow-answer' ? { held, ...options } : undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    setRule(next) {
      rule = next;
    },
    async close() {
      for (const response of held) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

interface Swallowing {
  held: Set<ServerResponse>;
  onSwallowed?: (headers: IncomingHttpHeaders) => void;
}

function relay(incoming: IncomingMessage, outgoing: ServerResponse, target: URL, swallow?: Swallowing) {
  const upstream = forward(
    {
      host: target.hostname,
      port: target.port,
      method: incoming.method,
      path: incoming.url,
      headers: { ...incoming.headers, host: target.host },
    },
    (answer) => {
      if (swallow) {
        // Read the whole answer so the server completes, then keep the client waiting.
        swallow.held.add(outgoing);
        outgoing.on('close', () => swallow.held.delete(outgoing));
        answer.on('end', () => swallow.onSwallowed?.(incoming.headers));
        answer.resume();
        return;
      }
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(outgoing);
    },
  );
  upstream.on('error', () => outgoing.destroy());
  incoming.pipe(upstream);
}
