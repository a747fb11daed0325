// SSRF: every path by which a person makes the server fetch a URL they typed — listening sources (feed, web page,
// sitemap, Mastodon instance), channel connections (Bluesky `service`, Mastodon instance by token and by OAuth,
// WordPress `site`), webhooks (save, ping, delivery) and chat alert URLs — against a table of hostile URLs: every
// address form, redirects to them, names resolving to them, DNS rebinding. The strict policy allows one stand-in
// for a public server (by exact address and port); an internal service and Rostra's own /api/health must never
// be reached, and no error shows what they answer.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnectors } from '@rostra/connectors';
import { configureOutbound, outboundPolicy, type OutboundPolicy } from '@rostra/connectors/outbound';
import {
  assertRefusedLiteral,
  INTERNAL_SECRET,
  rebindingHost,
  startSsrfTargets,
  type SsrfTargets,
} from '@rostra/connectors/testing';
import type { Source } from '@rostra/core';
import { testDialects } from '@rostra/store/testing';
import { createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createSourcePoller } from '../src/listening/sources.js';
import { createListeningPipeline } from '../src/listening/pipeline.js';
import { createWebhookDispatcher } from '../src/events/webhooks.js';
import { startWorker } from '../src/jobs/worker.js';
import { ChatDeliveryError, postToChat } from '../src/alerts/send.js';

let t: TestApp;
let admin: Caller;
let workspaceId: string;
let targets: SsrfTargets;
let previous: OutboundPolicy;
let rostraUrl: string;
let rostraHits = 0;

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Public</title><link>https://public.test/</link>
<item><title>Bonjour</title><link>https://public.test/1</link><guid>1</guid><description>Bonjour</description></item>
</channel></rss>`;

describe.each(testDialects)('SSRF on %s', (dialect) => {
  beforeAll(async () => {
    previous = outboundPolicy();
    // The public stand-in serves a real feed, and sends every Mastodon, XRPC and WordPress API call to the internal
    // service: a server that is allowed redirecting to one that is not.
    targets = await startSsrfTargets((path, internalUrl) => {
      if (path === '/feed.xml') return { status: 200, type: 'application/rss+xml', body: RSS };
      if (/^\/(api|xrpc|wp-json)\//.test(path) || path === '/')
        return { status: 302, location: `${internalUrl}${path}` };
      return undefined;
    });
    t = await createTestApp(dialect, {}, { connectors: createConnectors() });
    ({ admin, workspaceId } = await setUp(t));
    t.app.server.on('request', () => (rostraHits += 1));
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    rostraUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    rostraHits = 0;
    configureOutbound(targets.policy);
  });

  afterAll(async () => {
    configureOutbound(previous);
    await t.close();
    await targets.close();
  });

  /** The hostile table, plus the same forms aimed at Rostra's own health endpoint. */
  function hostileUrls(path = '/'): { label: string; url: string }[] {
    const port = new URL(rostraUrl).port;
    return [
      ...targets.hostileUrls(path),
      { label: "Rostra's own health", url: `${rostraUrl}/api/health` },
      { label: "Rostra's own health by localhost", url: `http://localhost:${port}/api/health` },
      { label: "a redirect to Rostra's own health", url: targets.redirectTo(`${rostraUrl}/api/health`) },
    ];
  }

  /**
   * Origins only, for fields that name a server rather than a URL (instances, PDS, sites); `https` for networks
   * that refuse plain http to anything but this machine (Mastodon, WordPress), so the guard is what refuses.
   */
  function hostileServers(scheme: 'http' | 'https' = 'http'): { label: string; url: string }[] {
    const seen = new Set<string>();
    return hostileUrls()
      .filter(({ label }) => !label.includes('redirect'))
      .map(({ label, url }) => ({ label, url: new URL(url).origin.replace(/^http:/, `${scheme}:`) }))
      .filter(({ url }) => !seen.has(url) && seen.add(url))
      .concat([{ label: 'an allowed server redirecting to the internal one', url: targets.publicUrl }]);
  }

  function expectRefused(label: string, response: { statusCode: number; body: string }, host?: string): void {
    expect(response.statusCode, `${label}: ${response.body}`).toBe(422);
    const body = JSON.parse(response.body) as { code: string; message: string };
    expect(body.code, label).toBe('address_not_allowed');
    expect(body.message, label).toMatch(/address not allowed/i);
    if (host) expect(body.message, label).toContain(host);
    expect(response.body, label).not.toContain(INTERNAL_SECRET);
  }

  function noLeak(): void {
    expect(targets.internalHits()).toBe(0);
    expect(rostraHits).toBe(0);
  }

  describe('listening sources', () => {
    const kinds = [
      { network: 'feed', kind: 'feed', config: (url: string) => ({ url }) },
      { network: 'web', kind: 'page', config: (url: string) => ({ url }) },
      { network: 'web', kind: 'sitemap', config: (url: string) => ({ url }) },
    ];

    it.each(kinds)('$network $kind: refused on save, or on the poll when a redirect leads there', async (spec) => {
      const poller = createSourcePoller({
        store: t.runtime.store,
        connectors: t.runtime.connectors,
        pipeline: createListeningPipeline({ store: t.runtime.store }),
        owner: 'ssrf-test',
        random: () => 0.5,
      });
      for (const { label, url } of hostileUrls()) {
        assertRefusedLiteral(targets.policy, url);
        const created = await t.call('POST', `/api/workspaces/${workspaceId}/listening/sources`, {
          as: admin,
          // Enabled, so this test can lease it; no worker runs here to poll it on its own.
          body: { network: spec.network, kind: spec.kind, config: spec.config(url), enabled: true },
        });
        if (created.statusCode === 422) {
          expectRefused(label, created, new URL(url).hostname);
          continue;
        }
        // Only a redirect from the allowed server passes the check on save; the poll refuses where it leads.
        expect(label, created.body).toMatch(/redirect/);
        expect(created.statusCode).toBe(201);
        const source = (await t.runtime.store.listening.getSource(workspaceId, created.json().id)) as Source;
        const outcome = await poller.pollNow(source);
        expect(outcome, label).toMatchObject({ status: 'failed', code: 'address_not_allowed' });
        const health = (await t.call('GET', `/api/workspaces/${workspaceId}/listening/sources`, { as: admin }))
          .json()
          .items.find((item: { id: string }) => item.id === source.id).health;
        expect(health, label).toMatchObject({ lastErrorCode: 'address_not_allowed' });
        expect(health.lastError, label).toContain(new URL(url).hostname);
        expect(health.lastError, label).not.toContain(INTERNAL_SECRET);
        expect(health.lastError, label).not.toContain('/api/health');
      }
      noLeak();
    });

    it('a feed on the allowed server is read (the policy is not simply closed)', async () => {
      const created = await t.call('POST', `/api/workspaces/${workspaceId}/listening/sources`, {
        as: admin,
        body: { network: 'feed', kind: 'feed', config: { url: `${targets.publicUrl}/feed.xml` }, enabled: false },
      });
      expect(created.statusCode).toBe(201);
      const feed = t.runtime.connectors.find((c) => c.network === 'feed');
      const poll = await feed?.mentions?.poll?.(
        { kind: 'feed', config: { url: `${targets.publicUrl}/feed.xml` } },
        null,
      );
      expect(poll?.items).toHaveLength(1);
    });

    it('Mastodon hashtag sources: refused on save, and on the poll through a redirect', async () => {
      const mastodon = t.runtime.connectors.find((c) => c.network === 'mastodon')?.mentions;
      for (const { label, url } of hostileServers('https')) {
        const config = { instance: url, tag: 'municipales' };
        const created = await t.call('POST', `/api/workspaces/${workspaceId}/listening/sources`, {
          as: admin,
          body: { network: 'mastodon', kind: 'hashtag', config, enabled: false },
        });
        if (url !== targets.publicUrl) expectRefused(label, created, new URL(url).hostname);
        else expect(created.statusCode).toBe(201);
        const polled = await mastodon?.poll?.({ kind: 'hashtag', config }, null).catch((error: unknown) => error);
        expect(polled, label).toMatchObject({ code: 'address_not_allowed' });
        expect((polled as Error).message, label).not.toContain(INTERNAL_SECRET);
      }
      noLeak();
    });
  });

  describe('real-time sources (WebSockets)', () => {
    it('a Mastodon stream on a hostile instance is refused before any socket opens to it', async () => {
      const mastodon = t.runtime.connectors.find((c) => c.network === 'mastodon')?.mentions;
      for (const { label, url } of hostileServers('https')) {
        if (url === targets.publicUrl) continue;
        const controller = new AbortController();
        const stream = mastodon?.stream?.(
          { kind: 'hashtag', config: { instance: url, tag: 'municipales' } },
          null,
          async () => {},
          {
            signal: controller.signal,
          },
        );
        const failure = await stream?.done.then(
          () => undefined,
          (error: unknown) => error,
        );
        controller.abort();
        expect(failure, label).toMatchObject({ code: 'address_not_allowed' });
      }
      noLeak();
    });
  });

  describe('channel connections', () => {
    const connects: { name: string; scheme: 'http' | 'https'; body: (url: string) => unknown }[] = [
      {
        name: 'Bluesky service',
        scheme: 'http',
        body: (url: string) => ({
          network: 'bluesky',
          credentials: { identifier: 'ville.test', appPassword: 'aaaa-bbbb-cccc-dddd', service: url },
        }),
      },
      {
        name: 'Mastodon instance (personal token)',
        scheme: 'https',
        body: (url: string) => ({ network: 'mastodon', credentials: { instance: url, accessToken: 'token' } }),
      },
      {
        name: 'WordPress site',
        scheme: 'https',
        body: (url: string) => ({
          network: 'wordpress',
          credentials: { site: url, username: 'com', applicationPassword: 'abcd efgh ijkl mnop' },
        }),
      },
    ];

    it.each(connects)('$name: refused, naming the server typed, sending no password anywhere', async (spec) => {
      const { body } = spec;
      for (const { label, url } of hostileServers(spec.scheme)) {
        const response = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
          as: admin,
          body: body(url),
        });
        expectRefused(label, response, new URL(url).hostname);
      }
      noLeak();
    });

    it('Mastodon OAuth start: refused before registering an app anywhere', async () => {
      for (const { label, url } of hostileServers('https')) {
        const response = await t.call('POST', `/api/workspaces/${workspaceId}/channels/oauth`, {
          as: admin,
          body: { network: 'mastodon', fields: { instance: url } },
        });
        expectRefused(label, response, new URL(url).hostname);
      }
      noLeak();
    });

    it.each([
      ['bluesky', { identifier: 'ville.test', appPassword: 'x', server: 'https://pds.example' }, 'server'],
      ['mastodon', { instance: 'mastodon.social', accessToken: 'x', token: 'y' }, 'token'],
      ['wordpress', { site: 'example.org', username: 'u', applicationPassword: 'p', password: 'p' }, 'password'],
    ])('%s: an unknown credential key is refused, named', async (network, credentials, key) => {
      const response = await t.call('POST', `/api/workspaces/${workspaceId}/channels`, {
        as: admin,
        body: { network, credentials },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        code: 'validation_failed',
        details: { issues: [{ path: `body.credentials.${key}` }] },
      });
    });

    it('documents every credential, the Bluesky service included, in the OpenAPI of the connect route', async () => {
      const openapi = (await t.call('GET', '/api/openapi.json')).json();
      const body = openapi.paths['/api/workspaces/{workspaceId}/channels'].post.requestBody.content['application/json'];
      const description = JSON.stringify(body.schema.properties.credentials);
      for (const field of ['identifier', 'appPassword', 'service', 'instance', 'accessToken', 'site']) {
        expect(description).toContain(field);
      }
      expect(description).toContain('ROSTRA_OUTBOUND_ALLOW');
    });
  });

  describe('webhooks', () => {
    it('an endpoint URL is refused on save', async () => {
      for (const { label, url } of hostileUrls('/hook')) {
        if (label.includes('redirect')) continue;
        const response = await t.call('POST', `/api/workspaces/${workspaceId}/webhooks`, {
          as: admin,
          body: { url, events: ['post.created'] },
        });
        expectRefused(label, response, new URL(url).hostname);
      }
      noLeak();
    });

    it('a name that rebinds to loopback after the check, and a redirect, are not followed when delivering', async () => {
      const rebinding = `http://${rebindingHost(dialect)}:${new URL(targets.internalUrl).port}/hook`;
      const urls = [rebinding, targets.redirectTo(`${targets.internalUrl}/hook`)];
      const ids: string[] = [];
      for (const url of urls) {
        const created = await t.call('POST', `/api/workspaces/${workspaceId}/webhooks`, {
          as: admin,
          body: { url, events: ['post.created'] },
        });
        expect(created.statusCode, created.body).toBe(201);
        const id = created.json().webhook.id as string;
        ids.push(id);
        const ping = await t.call('POST', `/api/workspaces/${workspaceId}/webhooks/${id}/ping`, { as: admin });
        expect(ping.statusCode).toBe(202);
      }
      const dispatcher = createWebhookDispatcher({
        store: t.runtime.store,
        secrets: t.runtime.secrets,
        queue: t.runtime.queue,
      });
      const worker = await startWorker({
        store: t.runtime.store,
        queue: t.runtime.queue,
        handlers: dispatcher.handlers,
        role: 'worker',
        concurrency: 2,
        periodic: [],
        log: () => {},
      });
      try {
        const logs = async () =>
          Promise.all(
            ids.map(
              async (id) =>
                (await t.call('GET', `/api/workspaces/${workspaceId}/webhooks/${id}/deliveries`, { as: admin })).json()
                  .items[0],
            ),
          );
        const started = Date.now();
        while ((await logs()).some((delivery) => delivery?.attempts === 0) && Date.now() - started < 15_000) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const [rebound, redirected] = await logs();
        // Refused at connect time: given up at once, the log says so without any answer.
        expect(rebound).toMatchObject({ status: 'failed', attempts: 1, responseStatus: null });
        expect(rebound.lastError).toMatch(/address not allowed/i);
        expect(rebound.lastError).toContain(rebindingHost(dialect));
        // Redirects are never followed by webhooks: the status only, no body, nothing reached.
        expect(redirected).toMatchObject({ responseStatus: 302, lastError: 'HTTP 302' });
        expect(JSON.stringify([rebound, redirected])).not.toContain(INTERNAL_SECRET);
      } finally {
        await worker.stop();
      }
      noLeak();
    });
  });

  describe('chat alerts (Slack, Mattermost)', () => {
    it('a chat URL is refused on save', async () => {
      const topic = await t.runtime.store.listening.createTopic({
        workspaceId,
        name: 'Piscine',
        group: 'brand',
        query: 'piscine',
        enabled: true,
        color: '#1c7ed6',
        createdBy: null,
      });
      for (const { label, url } of hostileUrls('/hooks/slack')) {
        if (label.includes('redirect')) continue;
        const response = await t.call('POST', `/api/workspaces/${workspaceId}/alerts`, {
          as: admin,
          body: { topicId: topic.id, name: 'Pic', kind: 'new_source', params: {}, chatUrl: url },
        });
        expectRefused(label, response, new URL(url).hostname);
      }
      noLeak();
    });

    it('sending refuses every hostile form for good (no retry), redirects included', async () => {
      for (const { label, url } of hostileUrls('/hooks/slack')) {
        assertRefusedLiteral(targets.policy, url);
        const error = await postToChat(url, { title: 'Pic', body: 'texte' }).catch((e: unknown) => e);
        expect(error, label).toBeInstanceOf(ChatDeliveryError);
        if (!label.includes('redirect')) {
          expect((error as ChatDeliveryError).permanent, label).toBe(true);
          expect((error as Error).message, label).toMatch(/address not allowed/i);
        }
        expect((error as Error).message, label).not.toContain(INTERNAL_SECRET);
      }
      noLeak();
    });
  });
});
