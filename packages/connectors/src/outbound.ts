// Every request the server makes to an address a person typed (feeds, pages, instances, a PDS, a WordPress
// site, webhooks, chat alerts, WebSockets) leaves through here. The guard sits where sockets are opened, not on
// URL strings: each connection — every redirect hop, every fresh DNS answer — is checked against the addresses
// it resolves to, so DNS rebinding and redirects to internal services fail. Only public unicast addresses are
// reached, plus what the administrator allow-lists (ROSTRA_OUTBOUND_ALLOW) for self-hosted services on a LAN.
import dns from 'node:dns';
import type { ClientRequestArgs } from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector } from 'undici';
import { ConnectorError } from './errors.js';

/** One allow-list entry: a host name as typed in URLs, or an address range; either limited to one port or not. */
export type OutboundRule =
  | { kind: 'host'; host: string; port?: number | undefined }
  | { kind: 'range'; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port?: number | undefined };

/** A resolver with dns.lookup's shape (always called with `all: true`); tests inject one, no DNS is needed. */
export type OutboundLookup = (
  hostname: string,
  options: { all: true; family?: number | undefined; hints?: number | undefined },
  callback: (error: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;

export interface OutboundPolicy {
  /** Addresses reachable although not public: allowed host names, addresses and CIDR ranges. */
  allow: readonly OutboundRule[];
  /** Default: the system resolver (dns.lookup). */
  lookup?: OutboundLookup | undefined;
}

/** The stable code of a refused address, on the ConnectorError every outbound path throws for it. */
export const ADDRESS_NOT_ALLOWED = 'address_not_allowed';

// --- Which addresses are public ---------------------------------------------------------------------------

// IPv6 addresses outside 2000::/3 (IANA's global unicast block) are never public, whatever ipaddr.js calls them
// (e.g. the deprecated IPv4-compatible ::a.b.c.d form, which it reports as plain unicast).
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/**
 * 'public' for a plain public unicast address; otherwise why not ('loopback', 'private', 'linkLocal',
 * 'carrierGradeNat', 'uniqueLocal', 'multicast', 'unspecified', 'rfc6052' (NAT64), '6to4', 'teredo'…).
 * IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry.
 */
export function classifyAddress(address: string): string {
  const parsed = parseAddress(address);
  if (!parsed) return 'invalid';
  const range = parsed.range();
  if (range !== 'unicast') return range;
  if (parsed.kind() === 'ipv6' && !parsed.match(GLOBAL_UNICAST_V6)) return 'reserved';
  return 'public';
}

/**
 * The address as the socket layer reads it, IPv4-mapped IPv6 as its IPv4 address. IPv6 goes through the URL
 * parser's serialisation first: ipaddr.js reads a dotted tail such as `::1.2.3.4` as IPv4-mapped, where Node
 * (and the network) see the IPv4-compatible `::102:304`.
 */
function parseAddress(address: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  const unzoned = address.replace(/%.*$/, '');
  const family = net.isIP(unzoned);
  if (family === 0) return undefined;
  if (family === 4) return ipaddr.IPv4.parse(unzoned);
  const parsed = ipaddr.IPv6.parse(new URL(`http://[${unzoned}]`).hostname.slice(1, -1));
  return parsed.isIPv4MappedAddress() ? parsed.toIPv4Address() : parsed;
}

// --- The allow-list ---------------------------------------------------------------------------------------

/**
 * Reads ROSTRA_OUTBOUND_ALLOW: entries separated by commas, each a host name, an IP address or a CIDR range,
 * optionally followed by `:port` (IPv6 in brackets then: `[fd00::/8]:443`). Every bad entry is reported.
 */
export function parseOutboundAllow(text: string): { rules: OutboundRule[]; errors: string[] } {
  const rules: OutboundRule[] = [];
  const errors: string[] = [];
  for (const raw of text.split(',')) {
    const entry = raw.trim();
    if (entry === '') continue;
    const parsed = parseEntry(entry);
    if (typeof parsed === 'string') errors.push(`"${entry}": ${parsed}`);
    else rules.push(parsed);
  }
  return { rules, errors };
}

function parseEntry(entry: string): OutboundRule | string {
  if (entry.includes('/') && /^[a-z][a-z0-9+.-]*:\/\//i.test(entry)) {
    return 'write the host name alone, without http:// or a path';
  }
  let target = entry;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  if (bracketed) {
    target = bracketed[1] ?? '';
    portText = bracketed[2];
  } else if ((entry.match(/:/g) ?? []).length === 1) {
    // One colon: host:port or a.b.c.d[/n]:port. More than one: a bare IPv6 address or range, without a port.
    [target, portText] = entry.split(':') as [string, string];
  }
  let port: number | undefined;
  if (portText !== undefined) {
    if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535) {
      return `"${portText}" is not a port (1 to 65535)`;
    }
    port = Number(portText);
  }
  const slash = target.indexOf('/');
  if (slash >= 0) {
    const address = target.slice(0, slash);
    const prefix = target.slice(slash + 1);
    const family = net.isIP(address);
    if (family === 0) return `"${address}" is not an IP address (a CIDR range is written 192.168.1.0/24)`;
    if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128)) {
      return `"/${prefix}" is not a prefix length for an IPv${family} range`;
    }
    return { kind: 'range', range: ipaddr.parseCIDR(`${address}/${prefix}`), port };
  }
  if (net.isIP(target) !== 0) return { kind: 'range', range: singleAddress(target), port };
  if (!/^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*\.?$/i.test(target)) {
    return 'not a host name, an IP address or a CIDR range';
  }
  // Hosts go through the URL parser as a URL's host would: "2130706433" or "0x7f.1" are addresses there.
  const canonical = new URL(`http://${target}`).hostname.replace(/\.$/, '');
  if (net.isIP(canonical) !== 0) return { kind: 'range', range: singleAddress(canonical), port };
  return { kind: 'host', host: canonical, port };
}

function singleAddress(address: string): [ipaddr.IPv4 | ipaddr.IPv6, number] {
  const parsed = parseAddress(address) ?? ipaddr.parse(address);
  return [parsed, parsed.kind() === 'ipv4' ? 32 : 128];
}

/** Whether a connection to `address` for the host `host` (as in the URL) on `port` may be opened. */
export function isAddressAllowed(policy: OutboundPolicy, host: string, port: number, address: string): boolean {
  const name = normaliseHost(host);
  const parsed = parseAddress(address);
  for (const rule of policy.allow) {
    if (rule.port !== undefined && rule.port !== port) continue;
    if (rule.kind === 'host' && rule.host === name) return true;
    if (rule.kind === 'range' && parsed && parsed.kind() === rule.range[0].kind() && parsed.match(rule.range)) {
      return true;
    }
  }
  return classifyAddress(address) === 'public';
}

function normaliseHost(host: string): string {
  return host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
}

// --- The guard at connect time ------------------------------------------------------------------------------

/** Raised where a socket would open; outboundFetch turns it into the ConnectorError callers see. */
export class RefusedAddressError extends Error {
  /** The host of the connection refused (a redirect's target, maybe: never shown as is to a person). */
  readonly host: string;
  /** What the address is (classifyAddress), for the server's log. */
  readonly reason: string;

  constructor(host: string, reason: string) {
    super(`Address not allowed: ${host} (${reason})`);
    this.name = 'RefusedAddressError';
    this.host = host;
    this.reason = reason;
  }
}

function guardedLookup(policy: OutboundPolicy, port: number) {
  const resolve: OutboundLookup = policy.lookup ?? (dns.lookup as unknown as OutboundLookup);
  return (
    hostname: string,
    options: { all?: boolean; family?: number; hints?: number },
    callback: (error: Error | null, address: string | dns.LookupAddress[], family?: number) => void,
  ) => {
    resolve(hostname, { all: true, family: options.family, hints: options.hints }, (error, addresses) => {
      if (error) return callback(error, []);
      // Any refused answer refuses the name: connecting to the "good" one would let the next attempt pick the other.
      const refused = addresses.find((entry) => !isAddressAllowed(policy, hostname, port, entry.address));
      if (refused) return callback(new RefusedAddressError(hostname, classifyAddress(refused.address)), []);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), []);
      if (options.all) callback(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

/** A refusal before any packet leaves, for an address written in the URL itself. */
function refuseLiteral(policy: OutboundPolicy, host: string, port: number): RefusedAddressError | undefined {
  if (net.isIP(host) === 0 || isAddressAllowed(policy, host, port, host)) return undefined;
  return new RefusedAddressError(host, classifyAddress(host));
}

/** The last line: whatever led here, the peer actually connected to must be allowed. */
function refusePeer(policy: OutboundPolicy, host: string, port: number, socket: net.Socket) {
  const remote = socket.remoteAddress;
  if (remote && isAddressAllowed(policy, host, port, remote)) return undefined;
  return new RefusedAddressError(host, remote ? classifyAddress(remote) : 'unknown peer');
}

function createGuardedConnect(policy: OutboundPolicy): buildConnector.connector {
  // One connector per port (the lookup needs it for port-bound rules), each keeping its TLS session cache.
  const connectors = new Map<number, buildConnector.connector>();
  return (options, callback) => {
    const host = normaliseHost(options.hostname);
    const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
    const literal = refuseLiteral(policy, host, port);
    if (literal) return callback(literal, null);
    let connector = connectors.get(port);
    if (!connector) {
      connector = buildConnector({ lookup: guardedLookup(policy, port) } as buildConnector.BuildOptions);
      connectors.set(port, connector);
    }
    connector(options, (error, socket) => {
      if (error || !socket) return callback(error ?? new Error('no socket'), null);
      const peer = refusePeer(policy, host, port, socket);
      if (peer) {
        socket.destroy();
        return callback(peer, null);
      }
      callback(null, socket);
    });
  };
}

// --- The process-wide policy ----------------------------------------------------------------------------------

interface State {
  policy: OutboundPolicy;
  agent: Agent;
}

// Until configured, nothing but public addresses: a process that forgot to configure is strict, not open.
let state: State = build({ allow: [] });

function build(policy: OutboundPolicy): State {
  return { policy, agent: new Agent({ connect: createGuardedConnect(policy) }) };
}

/**
 * Sets the policy for the whole process (at start, from config; tests set theirs). Connections kept alive under
 * the previous policy are closed, so none outlives the rules that let it open.
 */
export function configureOutbound(policy: OutboundPolicy): void {
  const previous = state;
  state = build(policy);
  void previous.agent.close().catch(() => undefined);
}

export function outboundPolicy(): OutboundPolicy {
  return state.policy;
}

// --- What callers use ---------------------------------------------------------------------------------------

/**
 * `fetch` through the guard. A refused address (the URL's, a redirect's, a DNS answer's) rejects with a
 * ConnectorError `address_not_allowed` naming the host of the URL given — never a redirect target or anything
 * else a remote said.
 */
export const outboundFetch: typeof fetch = async (input, init) => {
  try {
    return await fetch(input, { ...init, dispatcher: state.agent } as RequestInit);
  } catch (error) {
    throw asAddressRefusal(error, hostOfInput(input)) ?? error;
  }
};

/**
 * The ConnectorError for a refused address found anywhere in an error's causes (fetch wraps it in a TypeError,
 * @atproto/api in an XRPCError), naming `typedHost`; undefined when the failure is something else.
 */
export function asAddressRefusal(error: unknown, typedHost: string, network = 'outbound'): ConnectorError | undefined {
  for (let current = error, depth = 0; current && depth < 8; depth++) {
    if (current instanceof ConnectorError && current.code === ADDRESS_NOT_ALLOWED) {
      return network === 'outbound' || current.network === network
        ? current
        : new ConnectorError(network, ADDRESS_NOT_ALLOWED, current.message, { cause: current });
    }
    if (current instanceof RefusedAddressError) return addressNotAllowed(network, typedHost, current);
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function addressNotAllowed(network: string, typedHost: string, refused: RefusedAddressError): ConnectorError {
  // `typedHost` may carry a port (`pds.lan:2583`): compared without it.
  const bare =
    normaliseHost(URL.canParse(`http://${typedHost}`) ? new URL(`http://${typedHost}`).hostname : typedHost) ||
    refused.host;
  const host = net.isIP(bare) === 6 ? `[${bare}]` : bare;
  const message =
    bare === refused.host
      ? `Address not allowed: ${host} is not a public address (an administrator can allow it with ROSTRA_OUTBOUND_ALLOW)`
      : `Address not allowed: ${host} led to an address that is not public`;
  return new ConnectorError(network, ADDRESS_NOT_ALLOWED, message, { cause: refused });
}

/**
 * Checks, before storing it, that a URL a person typed leads somewhere allowed (its address, or every address
 * its name resolves to now): a ConnectorError `address_not_allowed` naming the host, or undefined. A name that
 * does not resolve passes (it may later; every connection is checked anyway) — this only answers early.
 */
export async function checkOutboundUrl(url: string, timeoutMs = 3000): Promise<ConnectorError | undefined> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const policy = state.policy;
  const host = normaliseHost(parsed.hostname);
  const secure = parsed.protocol === 'https:' || parsed.protocol === 'wss:';
  const port = Number(parsed.port) || (secure ? 443 : 80);
  const literal = refuseLiteral(policy, host, port);
  if (literal) return addressNotAllowed('outbound', parsed.hostname, literal);
  if (net.isIP(host) !== 0) return undefined;
  const lookup = guardedLookup(policy, port);
  const refused = await new Promise<RefusedAddressError | undefined>((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    lookup(host, { all: true }, (error) => {
      clearTimeout(timer);
      resolve(error instanceof RefusedAddressError ? error : undefined);
    });
  });
  return refused ? addressNotAllowed('outbound', parsed.hostname, refused) : undefined;
}

/**
 * A network failure in a few words for a person: the message and the system's code ("fetch failed
 * (ECONNREFUSED)"), never anything the remote sent.
 */
export function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && current !== error) return `${message} (${code})`;
    current = (current as { cause?: unknown }).cause;
  }
  return message;
}

function hostOfInput(input: Parameters<typeof fetch>[0]): string {
  try {
    return new URL(input instanceof Request ? input.url : String(input)).hostname;
  } catch {
    return '';
  }
}

/**
 * Socket options for the `ws` client: every connection it opens for `url` goes through the same guard (the
 * address in the URL, each DNS answer, then the peer). A refusal surfaces as the socket's error, a
 * RefusedAddressError (turn it into the code with asAddressRefusal).
 */
export function outboundSocketOptions(url: string | URL): {
  createConnection: (options: ClientRequestArgs) => net.Socket;
} {
  const secure = ['wss:', 'https:'].includes(new URL(url).protocol);
  return {
    createConnection: (options) => {
      const policy = state.policy;
      const host = normaliseHost(options.host ?? options.hostname ?? 'localhost');
      const port = Number(options.port) || (secure ? 443 : 80);
      const literal = refuseLiteral(policy, host, port);
      if (literal) {
        const refused = new net.Socket();
        process.nextTick(() => refused.destroy(literal));
        return refused;
      }
      const lookup = guardedLookup(policy, port) as unknown as net.LookupFunction;
      const socket = secure
        ? tls.connect({
            ...options,
            servername: net.isIP(host) ? '' : host,
            lookup,
          } as unknown as tls.ConnectionOptions)
        : net.connect({ ...options, lookup } as unknown as net.NetConnectOpts);
      // On TCP connect, before TLS or the HTTP upgrade is written.
      socket.once('connect', () => {
        const peer = refusePeer(policy, host, port, socket);
        if (peer) socket.destroy(peer);
      });
      return socket;
    },
  };
}
