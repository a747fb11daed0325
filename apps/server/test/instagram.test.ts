// Instagram through the whole server, on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL: the networks
// listing says what an administrator must configure when a network's app is missing; signed media links serve a
// file to nobody else; and a post goes from the API to the fake Instagram (written from Meta's docs), which
// downloads its image from the running server through such a link.
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createConnectors, createInstagramConnector } from '@rostra/connectors';
import { makeJpeg, startFakeInstagram, type FakeInstagram } from '@rostra/connectors/testing';
import { testDialects } from '@rostra/store/testing';
import { createTestApp, RawBody, setUp, type TestApp } from './helpers/test-app.js';
import { createTestNetwork } from './helpers/fake-network.js';
import { createMediaLinks, MEDIA_LINK_TTL_MS } from '../src/publishing/media-links.js';
import { createPublishingEngine, PUBLISH_JOB } from '../src/publishing/engine.js';

interface Offer {
  network: string;
  methods: string[];
  configured: boolean;
  setup: null | {
    variables: { name: string; required: boolean }[];
    callbackUrl: string;
    consoleUrl: string;
    permissions: string[];
    needsPublicMedia: boolean;
  };
}

describe.each(testDialects)('instagram and networks to configure on %s', (dialect) => {
  let t: TestApp | undefined;
  let fake: FakeInstagram | undefined;
  afterEach(async () => {
    await t?.close();
    await fake?.close();
    t = undefined;
    fake = undefined;
  });

  it('lists Facebook, Instagram, LinkedIn and X without app keys, each with the variables and callback to set', async () => {
    t = await createTestApp(dialect, { PUBLIC_URL: 'https://rostra.mairie.test/' });
    const { admin, workspaceId } = await setUp(t);
    const list = await t.call('GET', `/api/workspaces/${workspaceId}/channels`, { as: admin });
    expect(list.statusCode, list.body).toBe(200);
    const networks = (list.json() as { networks: Offer[] }).networks;
    const missing = networks.filter((offer) => !offer.configured);
    expect(missing.map((offer) => offer.network)).toEqual(['facebook', 'instagram', 'linkedin', 'x']);
    for (const offer of missing) {
      expect(offer.methods).toEqual([]);
      expect(offer.setup?.callbackUrl).toBe('https://rostra.mairie.test/api/oauth/callback');
      expect(offer.setup?.consoleUrl).toMatch(/^https:\/\//);
    }
    const instagram = missing.find((offer) => offer.network === 'instagram');
    expect(instagram?.setup).toMatchObject({
      variables: [
        { name: 'ROSTRA_INSTAGRAM_APP_ID', required: true },
        { name: 'ROSTRA_INSTAGRAM_APP_SECRET', required: true },
      ],
      consoleUrl: 'https://developers.facebook.com/apps/',
      permissions: expect.arrayContaining(['instagram_business_content_publish']),
      needsPublicMedia: true,
    });
    expect(missing.find((offer) => offer.network === 'x')?.setup?.variables).toContainEqual({
      name: 'ROSTRA_X_CLIENT_SECRET',
      required: false,
    });
    // A network that needs no app is configured and has no setup.
    expect(networks.find((offer) => offer.network === 'testnet')).toMatchObject({ configured: true, setup: null });
  });

  it('offers Instagram once its app is configured, still with its setup for administrators', async () => {
    const connectors = createConnectors(
      { instagram: { appId: 'id', appSecret: 'secret' } },
      { mediaUrl: () => 'https://example.org/x.jpg' },
    );
    t = await createTestApp(dialect, {}, { connectors });
    const { admin, workspaceId } = await setUp(t);
    const networks = (await t.call('GET', `/api/workspaces/${workspaceId}/channels`, { as: admin })).json()
      .networks as Offer[];
    expect(networks.find((offer) => offer.network === 'instagram')).toMatchObject({
      configured: true,
      methods: ['oauth'],
      setup: { callbackUrl: 'http://rostra.test/api/oauth/callback' },
    });
    expect(networks.filter((offer) => !offer.configured).map((offer) => offer.network)).toEqual([
      'facebook',
      'linkedin',
      'x',
    ]);
  });

  it('serves a file through a signed link to anyone, and nothing through a forged, altered or expired one', async () => {
    t = await createTestApp(dialect, {}, { connectors: [createTestNetwork().connector] });
    const { admin, workspaceId } = await setUp(t);
    const jpeg = makeJpeg();
    const uploaded = await t.call('POST', `/api/workspaces/${workspaceId}/media`, {
      as: admin,
      body: new RawBody(jpeg, 'image/jpeg'),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const mediaId = uploaded.json().id as string;
    const item = { data: jpeg, mimeType: 'image/jpeg', alt: '', source: { workspaceId, mediaId } };
    const link = new URL(createMediaLinks(t.runtime.secrets, t.runtime.config.publicUrl).urlFor(item));
    expect(link.origin).toBe('http://rostra.test');
    expect(link.pathname).toBe(`/api/public/media/${mediaId}.jpg`);
    // No session, no API key.
    const served = await t.call('GET', `${link.pathname}${link.search}`);
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/jpeg');
    expect(served.headers['x-content-type-options']).toBe('nosniff');
    expect([...served.rawPayload]).toEqual([...jpeg]);

    const token = link.searchParams.get('token') ?? '';
    const altered = `${token.slice(0, 20)}${token[20] === 'A' ? 'B' : 'A'}${token.slice(21)}`;
    const later = createMediaLinks(t.runtime.secrets, '', () => Date.now() - MEDIA_LINK_TTL_MS - 1000);
    const expired = later.urlFor(item);
    const otherFile = createMediaLinks(t.runtime.secrets, '').urlFor({
      ...item,
      source: { workspaceId, mediaId: '0190a000-0000-7000-8000-000000000000' },
    });
    const otherToken = new URL(otherFile, 'http://x').searchParams.get('token');
    for (const path of [
      `${link.pathname}?token=${altered}`,
      `${link.pathname}?token=forged`,
      expired,
      otherFile,
      // A genuine token names one file: it opens no other.
      `${link.pathname}?token=${otherToken}`,
    ]) {
      const refused = await t.call('GET', path);
      expect(refused.statusCode, path).toBe(404);
      expect(refused.json()).toMatchObject({ code: 'not_found' });
    }
  });

  it('connects an Instagram account and publishes a post whose image Instagram downloads from the server', async () => {
    fake = await startFakeInstagram();
    const fakeUrl = fake.url;
    // The server listens on loopback; the link it gives names its public URL, which here is that address.
    let serverUrl = '';
    const instagram = createInstagramConnector({
      appId: '990602627938098',
      appSecret: 'instagram-app-secret',
      graphBaseUrl: fakeUrl,
      apiBaseUrl: fakeUrl,
      loginBaseUrl: fakeUrl,
      poll: { intervalMs: 5 },
      mediaUrl: (item) =>
        createMediaLinks(t!.runtime.secrets, t!.runtime.config.publicUrl)
          .urlFor(item)
          .replace(t!.runtime.config.publicUrl, serverUrl),
    });
    t = await createTestApp(dialect, {}, { connectors: [instagram] });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    serverUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    const { admin, workspaceId } = await setUp(t);
    await t.call('PATCH', `/api/workspaces/${workspaceId}`, { as: admin, body: { approvalRequired: false } });

    const { userId } = fake.createAccount('mairie.lyon');
    fake.signInAs(userId);
    const started = await t.call('POST', `/api/workspaces/${workspaceId}/channels/oauth`, {
      as: admin,
      body: { network: 'instagram', fields: {} },
    });
    expect(started.statusCode, started.body).toBe(200);
    const consent = await fetch(started.json().url as string, { redirect: 'manual' });
    const back = new URL(consent.headers.get('location') ?? '');
    const callback = await t.call('GET', `/api/oauth/callback${back.search}`, { as: admin });
    expect(callback.statusCode, callback.body).toBe(302);
    expect(callback.headers.location).toMatch(/connected=/);
    const channel = (await t.call('GET', `/api/workspaces/${workspaceId}/channels`, { as: admin })).json().items[0];
    expect(channel).toMatchObject({ network: 'instagram', name: '@mairie.lyon', accountId: userId });

    const mediaId = (
      await t.call('POST', `/api/workspaces/${workspaceId}/media?alt=${encodeURIComponent('Le marché de Noël')}`, {
        as: admin,
        body: new RawBody(makeJpeg(), 'image/jpeg'),
      })
    ).json().id as string;
    const post = await t.call('POST', `/api/workspaces/${workspaceId}/posts`, {
      as: admin,
      body: {
        text: 'Le marché de Noël ouvre samedi #Lyon',
        media: [{ mediaId }],
        channels: [{ channelId: channel.id, firstComment: 'Programme complet en bio' }],
      },
    });
    expect(post.statusCode, post.body).toBe(201);
    const postId = post.json().id as string;
    const scheduled = await t.call('POST', `/api/workspaces/${workspaceId}/posts/${postId}/schedule`, {
      as: admin,
      body: { scheduledAt: new Date(Date.now() - 60_000).toISOString() },
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    const engine = createPublishingEngine({
      store: t.runtime.store,
      secrets: t.runtime.secrets,
      queue: t.runtime.queue,
      connectors: t.runtime.connectors,
    });
    const [target] = await t.runtime.store.posts.targets(postId);
    await engine.handlers[PUBLISH_JOB]?.({ targetId: target?.id }, { jobId: 'j', attempt: 1, workerId: 'w' });

    const [published] = await t.runtime.store.posts.targets(postId);
    expect(published?.status, published?.lastError ?? '').toBe('published');
    const held = fake.media.find((m) => m.userId === userId);
    expect(held).toMatchObject({ caption: 'Le marché de Noël ouvre samedi #Lyon', type: 'IMAGE' });
    expect(held?.items).toEqual([expect.objectContaining({ kind: 'image', alt: 'Le marché de Noël' })]);
    expect(fake.comments.find((c) => c.mediaId === held?.id)?.text).toBe('Programme complet en bio');
    expect(fake.unexpected).toEqual([]);
  });
});
