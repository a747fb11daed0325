// The listening API on SQLite and PostgreSQL: topics with query checking, sources with per-field validation and
// health, the mention stream (filters, search, cursor pages, actions), dashboards, roles and workspace isolation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Mention } from '@rostra/connectors';
import { testDialects } from '@rostra/store/testing';
import { addMember, createTestApp, setUp, type Caller, type TestApp } from './helpers/test-app.js';
import { createListeningPipeline } from '../src/listening/pipeline.js';

const NOW = Date.now();
const HOUR = 3_600_000;

function item(externalId: string, text: string, extra: Partial<Mention> = {}): Mention {
  return {
    externalId,
    network: 'testnet',
    url: `https://testnet.example/${externalId}`,
    title: null,
    text,
    author: { id: null, handle: 'habitant.testnet', name: 'Un habitant', url: null },
    publishedAt: NOW - HOUR,
    language: 'fr',
    site: null,
    repostOf: null,
    replyTo: null,
    hashtags: [],
    metrics: {},
    ...extra,
  };
}

describe.each(testDialects)('listening API on %s', (dialect) => {
  let t: TestApp;
  let admin: Caller;
  let viewer: Caller;
  let contributor: Caller;
  let ws: string;
  let otherWs: string;
  const topics: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const setup = await setUp(t);
    admin = setup.admin;
    ws = setup.workspaceId;
    viewer = (await addMember(t, admin, ws, 'lecteur@ville.test', 'viewer')).caller;
    contributor = (await addMember(t, admin, ws, 'redac@ville.test', 'contributor')).caller;
    otherWs = (await t.call('POST', '/api/workspaces', { as: admin, body: { name: 'Autre' } })).json().id;
  });

  afterAll(async () => {
    await t?.close();
  });

  const api = (path: string, workspace = ws) => `/api/workspaces/${workspace}/listening${path}`;

  it('creates topics in groups, refuses a broken query with its column, and validates in French or English', async () => {
    for (const [name, group, query] of [
      ['Ville', 'brand', 'lyon OR #lyon'],
      ['Voisine', 'competitor', 'villeurbanne'],
      ['Transports', 'sector', 'tram OR métro'],
    ] as const) {
      const created = await t.call('POST', api('/topics'), { as: admin, body: { name, group, query } });
      expect(created.statusCode).toBe(201);
      topics[name] = created.json().id;
    }
    const broken = await t.call('POST', api('/topics'), {
      as: admin,
      body: { name: 'Cassé', group: 'brand', query: 'lyon AND (tram' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'validation_failed', details: { query: { code: 'unclosed_paren' } } });
    expect(broken.json().details.issues[0].path).toBe('body.query');

    const duplicate = await t.call('POST', api('/topics'), {
      as: admin,
      body: { name: 'Ville', group: 'brand', query: 'x' },
    });
    expect(duplicate.json().code).toBe('conflict');

    const fr = await t.call('GET', api('/topics/validate?query=lyon%20NEAR%2Fx%20tram&locale=fr'), { as: viewer });
    const en = await t.call('GET', api('/topics/validate?query=lyon%20NEAR%2Fx%20tram&locale=en'), { as: viewer });
    expect(fr.json().valid).toBe(false);
    expect(fr.json().error.column).toBe(en.json().error.column);
    expect(fr.json().error.message).not.toBe(en.json().error.message);
    expect((await t.call('GET', api('/topics/validate?query=lyon'), { as: viewer })).json()).toEqual({
      valid: true,
      error: null,
    });

    const list = await t.call('GET', api('/topics'), { as: viewer });
    expect(
      list
        .json()
        .items.map((topic: { group: string }) => topic.group)
        .sort(),
    ).toEqual(['brand', 'competitor', 'sector']);
  });

  it('lets managers edit topics and sources, contributors act on mentions, viewers only read', async () => {
    const byContributor = await t.call('POST', api('/topics'), {
      as: contributor,
      body: { name: 'Non', group: 'other', query: 'x' },
    });
    expect(byContributor.statusCode).toBe(403);
    const patched = await t.call('PATCH', api(`/topics/${topics.Transports}`), {
      as: admin,
      body: { query: 'tram OR métro OR bus', color: '#40c057' },
    });
    expect(patched.json()).toMatchObject({ query: 'tram OR métro OR bus', color: '#40c057' });
  });

  it('adds sources checked field by field by the network, and shows their health', async () => {
    const bad = await t.call('POST', api('/sources'), {
      as: admin,
      body: { network: 'testnet', kind: 'search', config: { q: ' ' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().details.issues).toEqual([
      { path: 'body.config.q', code: 'search_missing', message: 'Give the words to search for' },
    ]);
    const unknown = await t.call('POST', api('/sources'), {
      as: admin,
      body: { network: 'nowhere', kind: 'search', config: {} },
    });
    expect(unknown.json().details.issues[0].path).toBe('body.network');
    const wrongKind = await t.call('POST', api('/sources'), {
      as: admin,
      body: { network: 'testnet', kind: 'hashtag', config: {} },
    });
    expect(wrongKind.json().details.issues[0].path).toBe('body.kind');

    const created = await t.call('POST', api('/sources'), {
      as: admin,
      body: { network: 'testnet', kind: 'search', config: { q: 'lyon' }, pollIntervalSeconds: 600 },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      label: 'lyon',
      realtime: false,
      pollIntervalSeconds: 600,
      host: 'network:testnet',
      health: { status: 'waiting', itemsTotal: 0 },
    });
    const list = await t.call('GET', api('/sources'), { as: viewer });
    expect(list.json().networks).toContainEqual({
      network: 'testnet',
      kinds: [{ kind: 'search', fields: ['q'], realtime: false }],
    });
    const poll = await t.call('POST', api(`/sources/${created.json().id}/poll`), { as: admin });
    expect(poll.statusCode).toBe(202);
    const disabled = await t.call('PATCH', api(`/sources/${created.json().id}`), {
      as: admin,
      body: { enabled: false },
    });
    expect(disabled.json().health.status).toBe('disabled');
  });

  it('serves the mention stream with filters, full-text search and cursor pages', async () => {
    const pipeline = createListeningPipeline({ store: t.runtime.store });
    await pipeline.ingest(ws, null, [
      item('m1', 'Le tram de Lyon est encore en panne, quelle galère', { publishedAt: NOW - 3 * HOUR }),
      item('m2', 'Super fête des Lumières à Lyon, bravo !', { publishedAt: NOW - 2 * HOUR, metrics: { reach: 900 } }),
      item('m3', 'Villeurbanne inaugure sa nouvelle médiathèque', {
        publishedAt: NOW - HOUR,
        author: { id: null, handle: 'villeurbanne.fr', name: 'Ville de Villeurbanne', url: null },
        metrics: { reach: 100 },
      }),
      item('m4', 'Les élections régionales à Lyon', { publishedAt: NOW - 30 * 60_000, network: 'feed' }),
    ]);
    await pipeline.ingest(otherWs, null, [item('secret', 'Lyon dans un autre espace')]);

    const all = await t.call('GET', api('/mentions?limit=2'), { as: viewer });
    expect(all.statusCode).toBe(200);
    expect(all.json().items.map((m: { externalId: string }) => m.externalId)).toEqual(['m4', 'm3']);
    const next = await t.call('GET', api(`/mentions?limit=2&cursor=${all.json().nextCursor}`), { as: viewer });
    expect(next.json().items.map((m: { externalId: string }) => m.externalId)).toEqual(['m2', 'm1']);
    expect(next.json().nextCursor).toBeNull();

    const ids = async (query: string) =>
      (await t.call('GET', api(`/mentions?${query}`), { as: viewer }))
        .json()
        .items.map((m: { externalId: string }) => m.externalId);
    expect(await ids(`topicId=${topics.Voisine}`)).toEqual(['m3']);
    // A whole group at once: the competitors' mentions.
    expect(await ids('group=competitor')).toEqual(['m3']);
    expect(await ids('group=sector')).toEqual(['m1']);
    expect(await ids('network=feed')).toEqual(['m4']);
    expect(await ids('q=elections')).toEqual(['m4']);
    expect(await ids('q=m%C3%A9diath%C3%A8que')).toEqual(['m3']);
    expect(await ids('author=villeurbanne.fr')).toEqual(['m3']);
    expect(await ids('sentiment=negative')).toEqual(['m1']);
    expect(
      await ids(`from=${new Date(NOW - 2.5 * HOUR).toISOString()}&to=${new Date(NOW - 45 * 60_000).toISOString()}`),
    ).toEqual(['m3', 'm2']);
    expect(await ids('q=lyon&language=fr')).not.toContain('secret');
    const badCursor = await t.call('GET', api('/mentions?cursor=nope'), { as: viewer });
    expect(badCursor.json()).toMatchObject({ code: 'validation_failed' });
    const badRange = await t.call(
      'GET',
      api(`/mentions?from=${new Date(NOW).toISOString()}&to=${new Date(NOW - 1).toISOString()}`),
      {
        as: viewer,
      },
    );
    expect(badRange.json().details.issues[0].path).toBe('query.to');
  });

  it('corrects sentiment, tags and marks handled, audited, and keeps other workspaces out', async () => {
    const [m1] = (await t.call('GET', api('/mentions?q=panne'), { as: viewer })).json().items;
    expect(
      (await t.call('POST', api(`/mentions/${m1.id}/sentiment`), { as: viewer, body: { label: 'neutral' } }))
        .statusCode,
    ).toBe(403);
    const corrected = await t.call('POST', api(`/mentions/${m1.id}/sentiment`), {
      as: contributor,
      body: { label: 'neutral' },
    });
    expect(corrected.json()).toMatchObject({ sentiment: 'neutral', sentimentCorrected: true });
    const tagged = await t.call('PUT', api(`/mentions/${m1.id}/tags`), {
      as: contributor,
      body: { tags: ['transport', 'transport', 'à suivre'] },
    });
    expect(tagged.json().tags).toEqual(['transport', 'à suivre']);
    const handled = await t.call('POST', api(`/mentions/${m1.id}/handled`), {
      as: contributor,
      body: { handled: true },
    });
    expect(handled.json().handledAt).not.toBeNull();
    const open = await t.call('GET', api('/mentions?handled=false&tag=transport'), { as: viewer });
    expect(open.json().items).toEqual([]);
    const audit = await t.call('GET', `/api/workspaces/${ws}/audit?limit=5`, { as: admin });
    expect(audit.json().items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['mention.sentiment_corrected', 'mention.tagged', 'mention.handled']),
    );

    // Another workspace's admin sees nothing of this one.
    const otherAdmin = (await addMember(t, admin, otherWs, 'autre@ville.test', 'admin')).caller;
    expect((await t.call('GET', api(`/mentions/${m1.id}`), { as: otherAdmin })).statusCode).toBe(404);
    expect((await t.call('GET', api(`/mentions/${m1.id}`, otherWs), { as: otherAdmin })).statusCode).toBe(404);
    const theirs = await t.call('GET', api('/mentions', otherWs), { as: otherAdmin });
    expect(theirs.json().items.map((m: { externalId: string }) => m.externalId)).toEqual(['secret']);
    expect(
      (await t.call('PATCH', api(`/topics/${topics.Ville}`, otherWs), { as: otherAdmin, body: { name: 'x' } }))
        .statusCode,
    ).toBe(404);
  });

  it('previews a query on stored mentions', async () => {
    const preview = await t.call('GET', api('/topics/preview?query=lyon%20NOT%20tram'), { as: viewer });
    expect(preview.json()).toMatchObject({ matched: 2 });
    expect(
      preview
        .json()
        .items.map((m: { externalId: string }) => m.externalId)
        .sort(),
    ).toEqual(['m2', 'm4']);
    const broken = await t.call('GET', api('/topics/preview?query=%22lyon'), { as: viewer });
    expect(broken.json().details.query.code).toBe('unclosed_quote');
  });

  it('draws the dashboards: volume, sentiment, tops, trends and share of voice', async () => {
    const volume = await t.call('GET', api('/dashboard/volume?bucket=hour'), { as: viewer });
    const series = volume.json().series as Array<{ topicId: string; points: Array<{ count: number }> }>;
    const total = (id: string) => series.find((s) => s.topicId === id)?.points.reduce((n, p) => n + p.count, 0) ?? 0;
    expect(total(topics.Ville as string)).toBe(3);
    expect(total(topics.Voisine as string)).toBe(1);

    const sentiment = await t.call('GET', api('/dashboard/sentiment?bucket=day'), { as: viewer });
    expect(sentiment.json().points.reduce((n: number, p: { total: number }) => n + p.total, 0)).toBe(4);
    // Days start at midnight in the workspace's zone (Europe/Paris), not at midnight UTC.
    const parisClock = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', timeStyle: 'short' });
    for (const point of sentiment.json().points as Array<{ at: string }>) {
      expect(parisClock.format(new Date(point.at))).toBe('00:00');
    }
    const competitors = await t.call('GET', api('/dashboard/sentiment?bucket=day&group=competitor'), { as: viewer });
    expect(competitors.json().points.reduce((n: number, p: { total: number }) => n + p.total, 0)).toBe(1);

    const top = await t.call('GET', api('/dashboard/top?limit=1'), { as: viewer });
    expect(top.json().authors).toEqual([
      { network: 'testnet', handle: 'habitant.testnet', name: 'Un habitant', count: 2, reach: 900 },
    ]);

    const trending = await t.call('GET', api('/dashboard/trending?limit=5'), { as: viewer });
    expect(trending.statusCode).toBe(200);
    // Only "lyon" is in two mentions or more, and nothing came the week before.
    expect(trending.json().terms).toEqual([{ term: 'lyon', count: 3, previousCount: 0, score: 3 }]);

    const voice = await t.call('GET', api('/dashboard/share-of-voice'), { as: viewer });
    const shares = Object.fromEntries(
      voice
        .json()
        .items.map((i: { name: string; shareOfMentions: number; shareOfReach: number }) => [
          i.name,
          [i.shareOfMentions, i.shareOfReach],
        ]),
    );
    expect(shares).toEqual({ Ville: [0.75, 0.9], Voisine: [0.25, 0.1] });
  });

  it('deletes a topic and a source without losing mentions', async () => {
    const sources = (await t.call('GET', api('/sources'), { as: admin })).json().items;
    expect((await t.call('DELETE', api(`/sources/${sources[0].id}`), { as: admin })).statusCode).toBe(204);
    expect((await t.call('DELETE', api(`/topics/${topics.Voisine}`), { as: admin })).statusCode).toBe(204);
    const all = await t.call('GET', api('/mentions'), { as: viewer });
    expect(all.json().items).toHaveLength(4);
    expect(all.json().items.find((m: { externalId: string }) => m.externalId === 'm3').topicIds).toEqual([]);
  });
});
