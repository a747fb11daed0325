// What the SSRF tests of every outbound path share: a strict policy that allows exactly one stand-in for a public
// server, an "internal" service on loopback that must never be reached, a resolver that answers names with
// internal addresses (no DNS needed), and the table of hostile URLs — every address form, a redirect to each,
// a name resolving to them.
import dns from 'node:dns';
import net from 'node:net';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isAddressAllowed, parseOutboundAllow, type OutboundLookup, type OutboundPolicy } from '../outbound.js';

export interface SsrfTargets {
  /** `http://127.0.0.1:<port>`: answers 200 with a secret to whoever reaches it; counts them. */
  readonly internalUrl: string;
  readonly internalHits: () => number;
  /** The one address the strict policy allows (`127.0.0.1:<port>`, by exact host and port), standing for a public server. */
  readonly publicUrl: string;
  /** A URL on the public stand-in that answers 302 to `target`. */
  redirectTo(target: string): string;
  /** Allows only the public stand-in; names in RESOLVED answer with internal addresses. */
  readonly policy: OutboundPolicy;
  /** Each hostile URL with a label, aimed at `internalUrl`'s port where a port matters. */
  hostileUrls(path?: string): { label: string; url: string }[];
  close(): Promise<void>;
}

/** What tests (and the servers they start as child processes) may reach: the loopback hosts their fakes use. */
export const TEST_OUTBOUND_ALLOW = '127.0.0.1,::1,localhost';

/** The secret the internal service answers; a test asserts it never appears anywhere. */
export const INTERNAL_SECRET = 'internal-service-secret-4f1c';

/** Names the test resolver answers, standing for attacker-controlled DNS. */
const RESOLVED: Record<string, dns.LookupAddress[]> = {
  'internal.ssrf.test': [{ address: '127.0.0.1', family: 4 }],
  // A public answer next to a loopback one: DNS rebinding's usual shape. The public one is never connected to.
  'mixed.ssrf.test': [
    { address: '8.8.8.8', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
  'metadata.ssrf.test': [{ address: '169.254.169.254', family: 4 }],
  'mapped.ssrf.test': [{ address: '::ffff:127.0.0.1', family: 6 }],
};

/**
 * DNS rebinding: for each `<label>.rebind.ssrf.test`, the first answer is public (a check made when a URL is saved
 * passes; nothing connects to it), every later one loopback.
 */
export function rebindingHost(label: string): string {
  return `${label}.rebind.ssrf.test`;
}
const rebindingAnswers = new Map<string, number>();

export const ssrfLookup: OutboundLookup = (hostname, options, callback) => {
  const name = hostname.toLowerCase();
  if (name.endsWith('.rebind.ssrf.test')) {
    const answers = (rebindingAnswers.get(name) ?? 0) + 1;
    rebindingAnswers.set(name, answers);
    const address = answers === 1 ? '8.8.8.8' : '127.0.0.1';
    return process.nextTick(() => callback(null, [{ address, family: 4 }]));
  }
  const answer = RESOLVED[hostname.toLowerCase()];
  if (answer) return process.nextTick(() => callback(null, answer));
  dns.lookup(hostname, options, callback);
};

/** What the public stand-in answers on a path: a page, or a redirect (`location`). */
export type PublicAnswer = { status: number; type?: string; body?: string; location?: string };

export async function startSsrfTargets(
  servePublic: (path: string, internalUrl: string) => PublicAnswer | undefined = () => undefined,
): Promise<SsrfTargets> {
  let hits = 0;
  const internal = createServer((_request, response) => {
    hits += 1;
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(INTERNAL_SECRET);
  });
  const publicServer = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/redirect') {
      response.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
      response.end();
      return;
    }
    const answer = servePublic(url.pathname, internalUrl);
    response.writeHead(answer?.status ?? 404, {
      'content-type': answer?.type ?? 'text/plain',
      ...(answer?.location ? { location: answer.location } : {}),
    });
    response.end(answer?.body ?? 'not here');
  });
  const internalPort = await listen(internal);
  const internalUrl = `http://127.0.0.1:${internalPort}`;
  const publicPort = await listen(publicServer);
  const publicUrl = `http://127.0.0.1:${publicPort}`;
  const policy: OutboundPolicy = { allow: [ruleFor(publicPort)], lookup: ssrfLookup };
  const redirectTo = (target: string) => `${publicUrl}/redirect?to=${encodeURIComponent(target)}`;
  return {
    internalUrl,
    internalHits: () => hits,
    publicUrl,
    redirectTo,
    policy,
    hostileUrls(path = '/') {
      const p = internalPort;
      const direct = [
        { label: '127.0.0.1', url: `http://127.0.0.1:${p}${path}` },
        { label: 'localhost', url: `http://localhost:${p}${path}` },
        { label: '0.0.0.0', url: `http://0.0.0.0:${p}${path}` },
        { label: '[::1]', url: `http://[::1]:${p}${path}` },
        { label: '[::ffff:127.0.0.1]', url: `http://[::ffff:127.0.0.1]:${p}${path}` },
        { label: '2130706433', url: `http://2130706433:${p}${path}` },
        { label: '0x7f.1', url: `http://0x7f.1:${p}${path}` },
        { label: '169.254.169.254', url: `http://169.254.169.254${path}` },
        { label: '10.0.0.1', url: `http://10.0.0.1${path}` },
        { label: '192.168.1.1', url: `http://192.168.1.1${path}` },
        { label: '100.64.0.1', url: `http://100.64.0.1${path}` },
        { label: '[fd00::1]', url: `http://[fd00::1]${path}` },
        { label: 'a name resolving to 127.0.0.1', url: `http://internal.ssrf.test:${p}${path}` },
        { label: 'a name resolving to public and loopback', url: `http://mixed.ssrf.test:${p}${path}` },
        { label: 'a name resolving to ::ffff:127.0.0.1', url: `http://mapped.ssrf.test:${p}${path}` },
      ];
      const redirected = [
        { label: 'redirect to 127.0.0.1', url: redirectTo(`http://127.0.0.1:${p}${path}`) },
        { label: 'redirect to [::ffff:127.0.0.1]', url: redirectTo(`http://[::ffff:127.0.0.1]:${p}${path}`) },
        { label: 'redirect to 169.254.169.254', url: redirectTo(`http://169.254.169.254${path}`) },
        {
          label: 'redirect to a name resolving to 127.0.0.1',
          url: redirectTo(`http://internal.ssrf.test:${p}${path}`),
        },
      ];
      return [...direct, ...redirected];
    },
    async close() {
      for (const server of [internal, publicServer]) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

/**
 * A test calls this before sending anything to a hostile URL: when the policy would let an IP literal through
 * (a broken classifier), the test fails here instead of sending a packet to a private or public address.
 */
export function assertRefusedLiteral(policy: OutboundPolicy, url: string): void {
  const parsed = new URL(url);
  const redirected = parsed.pathname === '/redirect' ? parsed.searchParams.get('to') : null;
  if (redirected) return assertRefusedLiteral(policy, redirected);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host) === 0) return;
  const port = Number(parsed.port) || (parsed.protocol === 'https:' ? 443 : 80);
  if (isAddressAllowed(policy, host, port, host)) throw new Error(`the policy would let ${url} through`);
}

function ruleFor(port: number): OutboundPolicy['allow'][number] {
  const [rule] = parseOutboundAllow(`127.0.0.1:${port}`).rules;
  if (!rule) throw new Error('unreachable: a fixed rule');
  return rule;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}
