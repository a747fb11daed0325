import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import WebSocket from 'ws';
import type { AddressInfo } from 'node:net';
import { ConnectorError } from './errors.js';
import {
  asAddressRefusal,
  classifyAddress,
  configureOutbound,
  isAddressAllowed,
  outboundFetch,
  outboundPolicy,
  outboundSocketOptions,
  parseOutboundAllow,
  type OutboundPolicy,
} from './outbound.js';
import { assertRefusedLiteral, INTERNAL_SECRET, startSsrfTargets, type SsrfTargets } from './testing/ssrf.js';

describe('classifyAddress', () => {
  it.each([
    ['93.184.215.14', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['::ffff:93.184.215.14', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.8.9.10', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['::', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['::ffff:192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'],
    ['fe80::1', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['224.0.0.1', 'multicast'],
    ['ff02::1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['240.0.0.1', 'reserved'],
    ['192.0.2.1', 'reserved'],
    ['fd00::1', 'uniqueLocal'],
    ['64:ff9b::7f00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo'],
    // The deprecated IPv4-compatible form (::102:304 to the network), outside 2000::/3.
    ['::1.2.3.4', 'reserved'],
    ['::7f00:1', 'reserved'],
    ['not an address', 'invalid'],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('parseOutboundAllow', () => {
  it.each([
    ['mastodon.lan', { kind: 'host', host: 'mastodon.lan', port: undefined }],
    ['Mastodon.LAN:8443', { kind: 'host', host: 'mastodon.lan', port: 8443 }],
    ['localhost', { kind: 'host', host: 'localhost', port: undefined }],
    ['192.168.1.0/24', { kind: 'range', prefix: '192.168.1.0/24', port: undefined }],
    ['127.0.0.1:4000', { kind: 'range', prefix: '127.0.0.1/32', port: 4000 }],
    ['10.0.0.0/8:8080', { kind: 'range', prefix: '10.0.0.0/8', port: 8080 }],
    ['::1', { kind: 'range', prefix: '::1/128', port: undefined }],
    ['[::1]:4000', { kind: 'range', prefix: '::1/128', port: 4000 }],
    ['fd00::/8', { kind: 'range', prefix: 'fd00::/8', port: undefined }],
    ['[fd00::/8]:443', { kind: 'range', prefix: 'fd00::/8', port: 443 }],
    // The URL parser's reading of a host, so a rule names what a URL would reach.
    ['2130706433', { kind: 'range', prefix: '127.0.0.1/32', port: undefined }],
  ])('%s', (text, expected) => {
    const { rules, errors } = parseOutboundAllow(text);
    expect(errors).toEqual([]);
    const [rule] = rules;
    const shown =
      rule?.kind === 'range'
        ? { kind: 'range', prefix: `${rule.range[0].toString()}/${rule.range[1]}`, port: rule.port }
        : rule;
    expect(shown).toEqual(expected);
  });

  it('reads a list, skipping blanks', () => {
    expect(parseOutboundAllow(' mastodon.lan , 192.168.1.0/24,, 127.0.0.1:4000 ').rules).toHaveLength(3);
    expect(parseOutboundAllow('').rules).toEqual([]);
  });

  it.each([
    ['mastodon.lan:0', 'port'],
    ['mastodon.lan:99999', 'port'],
    ['mastodon.lan:http', 'port'],
    ['10.0.0.0/33', 'prefix'],
    ['10.0.0/8', 'IP address'],
    ['fd00::/129', 'prefix'],
    ['http://mastodon.lan', 'without http://'],
    ['exa mple.org', 'host name'],
    ['*.lan', 'host name'],
  ])('refuses %s, saying which entry and why', (text, why) => {
    const { rules, errors } = parseOutboundAllow(`good.lan,${text}`);
    expect(rules).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(why);
  });
});

describe('isAddressAllowed', () => {
  const policy: OutboundPolicy = {
    allow: parseOutboundAllow('mastodon.lan,192.168.1.0/24,127.0.0.1:4000,fd00::/8').rules,
  };

  it.each([
    ['example.org', 443, '93.184.215.14', true],
    ['example.org', 443, '127.0.0.1', false],
    ['mastodon.lan', 443, '10.9.9.9', true],
    ['MASTODON.LAN.', 443, '10.9.9.9', true],
    ['other.lan', 443, '10.9.9.9', false],
    ['nas.lan', 80, '192.168.1.20', true],
    ['nas.lan', 80, '192.168.2.20', false],
    ['127.0.0.1', 4000, '127.0.0.1', true],
    ['127.0.0.1', 4001, '127.0.0.1', false],
    ['::ffff:127.0.0.1', 4000, '::ffff:127.0.0.1', true],
    ['v6.lan', 80, 'fd00::5', true],
    ['v6.lan', 80, 'fe80::5', false],
  ])('%s:%i at %s → %s', (host, port, address, expected) => {
    expect(isAddressAllowed(policy, host, port, address)).toBe(expected);
  });
});

describe('outboundFetch and the socket guard, with only one stand-in public server allowed', () => {
  let targets: SsrfTargets;
  let previous: OutboundPolicy;

  beforeAll(async () => {
    previous = outboundPolicy();
    targets = await startSsrfTargets((path) =>
      path === '/hello' ? { status: 200, type: 'text/plain', body: 'hello' } : undefined,
    );
    configureOutbound(targets.policy);
  });
  afterAll(async () => {
    configureOutbound(previous);
    await targets.close();
  });

  it('reaches the allowed server', async () => {
    const response = await outboundFetch(`${targets.publicUrl}/hello`);
    expect(await response.text()).toBe('hello');
  });

  it('is strict when nothing was configured', async () => {
    configureOutbound({ allow: [] });
    try {
      await expect(outboundFetch(`${targets.publicUrl}/hello`)).rejects.toMatchObject({ code: 'address_not_allowed' });
    } finally {
      configureOutbound(targets.policy);
    }
  });

  it('refuses every hostile form, before sending anything', async () => {
    for (const { label, url } of targets.hostileUrls('/api/health')) {
      assertRefusedLiteral(targets.policy, url);
      const failure = await outboundFetch(url).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure, label).toBeInstanceOf(ConnectorError);
      expect((failure as ConnectorError).code, label).toBe('address_not_allowed');
      // Names the host given, never what answered (a redirect target, an internal service's body).
      expect((failure as ConnectorError).message, label).toContain(new URL(url).hostname);
      expect((failure as ConnectorError).message, label).not.toContain(INTERNAL_SECRET);
      if (label.startsWith('redirect')) expect((failure as ConnectorError).message, label).not.toContain('/api/health');
    }
    expect(targets.internalHits()).toBe(0);
  });

  it('guards https the same way (the TLS connector resolves through the guarded lookup)', async () => {
    const port = new URL(targets.internalUrl).port;
    for (const url of [`https://127.0.0.1:${port}/`, `https://internal.ssrf.test:${port}/`, 'https://[::1]/']) {
      await expect(outboundFetch(url), url).rejects.toMatchObject({ code: 'address_not_allowed' });
    }
    // Allowed: the guard lets the TLS handshake start (it fails, the stand-in speaks plain HTTP).
    const failure = await outboundFetch(`https://127.0.0.1:${new URL(targets.publicUrl).port}/`).catch(
      (error: unknown) => error,
    );
    expect(asAddressRefusal(failure, '127.0.0.1')).toBeUndefined();
    expect(targets.internalHits()).toBe(0);
  });

  it('checks every redirect hop: a redirect to the allowed server is followed', async () => {
    const response = await outboundFetch(targets.redirectTo(`${targets.publicUrl}/hello`));
    expect(await response.text()).toBe('hello');
  });

  it('finds a refusal wrapped by a client library', async () => {
    const wrapped = await outboundFetch(`${targets.internalUrl}/`).catch(
      (error: unknown) => new Error('x', { cause: error }),
    );
    expect(asAddressRefusal(wrapped, 'typed.example', 'bluesky')).toMatchObject({
      code: 'address_not_allowed',
      network: 'bluesky',
    });
    expect(asAddressRefusal(new Error('fetch failed'), 'typed.example')).toBeUndefined();
  });

  describe('WebSockets', () => {
    let wss: WebSocketServer;
    let wsPort: number;
    let sockets: WebSocket[] = [];

    beforeAll(async () => {
      wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
      await new Promise<void>((resolve) => wss.once('listening', resolve));
      wsPort = (wss.address() as AddressInfo).port;
    });
    afterEach(() => {
      for (const socket of sockets) socket.terminate();
      sockets = [];
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    });

    const open = (url: string) =>
      new Promise<unknown>((resolve) => {
        const socket = new WebSocket(url, outboundSocketOptions(url));
        sockets.push(socket);
        socket.once('open', () => resolve('open'));
        socket.once('error', (error) => resolve(error));
      });

    it.each([
      ['an address', (port: number) => `ws://127.0.0.1:${port}/`],
      ['a mapped address', (port: number) => `ws://[::ffff:127.0.0.1]:${port}/`],
      ['a name resolving to loopback', (port: number) => `ws://internal.ssrf.test:${port}/`],
      ['localhost', (port: number) => `ws://localhost:${port}/`],
    ])('refuses %s that is not allowed', async (_label, urlOf) => {
      const url = urlOf(wsPort);
      const error = await open(url);
      expect(asAddressRefusal(error, new URL(url).hostname, 'mastodon')).toMatchObject({
        code: 'address_not_allowed',
      });
      expect(wss.clients.size).toBe(0);
    });

    it('opens one that is allowed', async () => {
      configureOutbound({ ...targets.policy, allow: parseOutboundAllow(`127.0.0.1:${wsPort}`).rules });
      try {
        expect(await open(`ws://127.0.0.1:${wsPort}/`)).toBe('open');
      } finally {
        configureOutbound(targets.policy);
      }
    });
  });
});
