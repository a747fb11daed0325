// The listening pipeline, the polling job and the stream runner, on SQLite and PostgreSQL. Sources are an
// in-test MentionSource and a small feed adapter over the real feed files, served by a local HTTP server that
// honours conditional GET.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConnectorError,
  fetchFeed,
  type Connector,
  type Mention,
  type MentionSource,
  type SourcePoll,
} from '@rostra/connectors';
import { createStore, openDatabase, type Store } from '@rostra/store';
import { createTestDatabase, testDialects, type TestDatabase } from '@rostra/store/testing';
import { createAnalysisPool } from './analysis-pool.js';
import { createListeningPipeline, type ListeningPipeline } from './pipeline.js';
import { createSourcePoller, deriveSourceHost } from './sources.js';
import { createStreamRunner } from './streams.js';

const FEEDS = '/work/shared/data/feeds-real';
const HOUR = 3_600_000;

function post(externalId: string, text: string, extra: Partial<Mention> = {}): Mention {
  return {
    externalId,
    network: 'testnet',
    url: `https://testnet.example/${externalId}`,
    title: null,
    text,
    author: { id: `id-${externalId}`, handle: 'alice.testnet', name: 'Alice', url: null },
    publishedAt: Date.UTC(2026, 0, 10),
    language: null,
    site: null,
    repostOf: null,
    replyTo: null,
    hashtags: [],
    metrics: {},
    ...extra,
  };
}

/** A local feed server: ETag and Last-Modified from the file, 304 on a match, and a count of each answer. */
async function startFeedServer(): Promise<{ url: string; hits: Record<string, number>; close(): Promise<void> }> {
  const hits: Record<string, number> = {};
  const server: Server = createServer((request, response) => {
    const name = (request.url ?? '/').slice(1);
    let body: Buffer;
    try {
      body = readFileSync(`${FEEDS}/${name}`);
    } catch {
      response.writeHead(404).end();
      hits[`404 ${name}`] = (hits[`404 ${name}`] ?? 0) + 1;
      return;
    }
    const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
    if (request.headers['if-none-match'] === etag) {
      hits[`304 ${name}`] = (hits[`304 ${name}`] ?? 0) + 1;
      response.writeHead(304, { etag }).end();
      return;
    }
    hits[`200 ${name}`] = (hits[`200 ${name}`] ?? 0) + 1;
    response.writeHead(200, { 'content-type': 'application/rss+xml', etag }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The smallest feed MentionSource over `fetchFeed`: the cursor is the conditional-GET state. */
const feedSource: MentionSource = {
  kinds: [{ kind: 'feed', fields: ['url'] }],
  validate: (spec) => (spec.config.url ? [] : [{ field: 'url', code: 'address_missing', message: 'required' }]),
  async poll(spec, cursor, options) {
    const state = cursor ? (JSON.parse(cursor) as { etag?: string }) : {};
    const result = await fetchFeed(spec.config.url as string, state, options?.fetch ? { fetch: options.fetch } : {});
    return {
      cursor: JSON.stringify(result.state),
      items: result.items.map((item) => ({
        externalId: item.id,
        network: 'feed',
        url: item.url,
        title: item.title,
        text: item.text,
        author: { id: null, handle: null, name: item.author, url: null },
        publishedAt: item.publishedAt,
        language: item.language,
        site: item.source.site,
        repostOf: null,
        replyTo: null,
        hashtags: [],
        metrics: {},
      })),
    };
  },
};

describe.each(testDialects)('listening on %s', (dialect) => {
  let testDb: TestDatabase;
  let store: Store;
  let ws: string;
  let feeds: Awaited<ReturnType<typeof startFeedServer>>;
  let clock: number;
  const now = () => clock;

  beforeAll(async () => {
    testDb = await createTestDatabase(dialect);
    store = createStore(openDatabase({ databaseUrl: testDb.databaseUrl, dataDir: testDb.dataDir }));
    await store.migrate();
    feeds = await startFeedServer();
  });

  beforeEach(async () => {
    clock = Date.UTC(2026, 0, 15);
    const org = await store.accounts.createOrganisation('Ville');
    ws = (await store.accounts.createWorkspace({ organisationId: org.id, name: 'Veille', timezone: 'Europe/Paris' }))
      .id;
  });

  afterEach(async () => {
    // Sources are shared by the host politeness rules across workspaces: each test starts without others'.
    for (const source of await store.listening.listSources(ws)) {
      await store.listening.updateSource(ws, source.id, { enabled: false });
    }
  });

  afterAll(async () => {
    await feeds?.close();
    await store?.close();
    await testDb?.drop();
  });

  async function addTopic(name: string, query: string, group: 'brand' | 'competitor' | 'sector' = 'brand') {
    return store.listening.createTopic({
      workspaceId: ws,
      name,
      group,
      query,
      enabled: true,
      color: '#228be6',
      createdBy: null,
    });
  }

  async function addSource(network: string, config: Record<string, string>, realtime = false) {
    return store.listening.createSource(
      {
        workspaceId: ws,
        network,
        kind: realtime ? 'stream' : 'feed',
        config,
        label: network,
        enabled: true,
        realtime,
        pollIntervalMs: 5 * 60_000,
        host: deriveSourceHost(network, config),
        createdBy: null,
      },
      clock,
    );
  }

  const all = async (filters = {}) => (await store.listening.queryMentions(ws, filters, null, 5000)).items;

  describe('pipeline', () => {
    let pipeline: ListeningPipeline;
    let hooked: Array<{ topics: string[]; ids: string[] }>;

    beforeEach(() => {
      hooked = [];
      pipeline = createListeningPipeline({
        store,
        now,
        onIngested: async (_ws, byTopic, mentions) => {
          hooked.push({ topics: [...byTopic.keys()], ids: mentions.map((m) => m.id) });
        },
      });
    });

    it('stores an item seen twice once, in one batch or across batches', async () => {
      const first = await pipeline.ingest(ws, null, [post('a', 'Bonjour Lyon'), post('a', 'Bonjour Lyon')]);
      expect(first).toMatchObject({ stored: 1, duplicates: 1 });
      const again = await pipeline.ingest(ws, null, [post('a', 'Bonjour Lyon'), post('b', 'Salut')]);
      expect(again).toMatchObject({ stored: 1, duplicates: 1 });
      expect((await all()).map((m) => m.externalId).sort()).toEqual(['a', 'b']);
      expect(hooked.map((h) => h.ids.length)).toEqual([1, 1]);
    });

    it('groups a repost with its original, stored before or in the same batch', async () => {
      await pipeline.ingest(ws, null, [post('orig', 'La piscine municipale rouvre lundi matin')]);
      await pipeline.ingest(ws, null, [
        post('boost1', 'La piscine municipale rouvre lundi matin', { repostOf: 'orig' }),
        post('orig2', 'Un autre message original sur autre chose'),
        post('boost2', 'Un autre message original sur autre chose', { repostOf: 'orig2' }),
      ]);
      const byId = new Map((await all()).map((m) => [m.externalId, m]));
      expect(byId.get('boost1')?.duplicateOf).toBe(byId.get('orig')?.id);
      expect(byId.get('boost2')?.duplicateOf).toBe(byId.get('orig2')?.id);
      expect(byId.get('orig')?.duplicateOf).toBeNull();
    });

    it('groups syndicated copies of one dispatch, and keeps other stories apart', async () => {
      const dispatch =
        'La métropole de Lyon a présenté jeudi son plan vélo pour les cinq prochaines années. Trois nouvelles pistes ' +
        'cyclables seront ouvertes sur les quais du Rhône à partir du mois de mars, et le réseau de stations de location ' +
        "sera doublé d'ici la fin de l'année prochaine. Le budget total atteint quatre millions d'euros, financé à parts " +
        'égales par la métropole et la région. Les associations de cyclistes saluent une avancée mais réclament davantage ' +
        'de sécurité aux carrefours, où se produisent la plupart des accidents.';
      await pipeline.ingest(ws, null, [post('site1', dispatch, { network: 'feed' })]);
      await pipeline.ingest(ws, null, [
        post('site2', `${dispatch} (AFP)`, { network: 'feed' }),
        post('site3', dispatch.replace('Lyon', 'Paris').replace('mars', 'mai').replace('quatre', 'dix'), {
          network: 'feed',
        }),
      ]);
      const byId = new Map((await all()).map((m) => [m.externalId, m]));
      expect(byId.get('site2')?.duplicateOf).toBe(byId.get('site1')?.id);
      expect(byId.get('site3')?.duplicateOf).toBeNull();
    });

    it('takes the declared language first and detects the others', async () => {
      await pipeline.ingest(ws, null, [
        post('declared', 'This text is English but the network says French', { language: 'fr-FR' }),
        post('detected', 'Les habitants du quartier se plaignent du bruit des travaux depuis des semaines.'),
        post('short', 'Top 👍'),
      ]);
      const byId = new Map((await all()).map((m) => [m.externalId, m]));
      expect(byId.get('declared')).toMatchObject({ language: 'fr', languageHow: 'declared' });
      expect(byId.get('detected')).toMatchObject({ language: 'fr', languageHow: 'detected' });
      expect(byId.get('short')).toMatchObject({ language: 'und', languageHow: 'unknown' });
    });

    it('matches topics, rebuilds the index when topics change, and tells the hook by topic', async () => {
      const brand = await addTopic('Ville', 'lyon OR #lyon');
      await pipeline.ingest(ws, null, [post('t1', 'Rendez-vous à Lyon demain'), post('t2', 'Rien à voir')]);
      expect(hooked.at(-1)?.topics).toEqual([brand.id]);
      const rival = await addTopic('Voisine', 'villeurbanne', 'competitor');
      await pipeline.ingest(ws, null, [post('t3', 'Villeurbanne et Lyon, même combat')]);
      const byId = new Map((await all()).map((m) => [m.externalId, m]));
      expect(byId.get('t1')?.topicIds).toEqual([brand.id]);
      expect(byId.get('t2')?.topicIds).toEqual([]);
      expect(byId.get('t3')?.topicIds.sort()).toEqual([brand.id, rival.id].sort());
      expect((await all({ topicId: rival.id })).map((m) => m.externalId)).toEqual(['t3']);
    });

    it('labels sentiment, and a correction changes the label of the same text seen later', async () => {
      const complaint = "Encore une heure d'attente au guichet de la mairie, service lamentable";
      await pipeline.ingest(ws, null, [post('s1', complaint, { language: 'fr' })]);
      const [first] = await all();
      expect(first?.sentiment).toBe('negative');
      // The workspace decides this wording is neutral for them (a recurring, handled topic).
      await store.listening.correctSentiment(ws, first!.id, 'neutral', null, clock);
      await pipeline.ingest(ws, null, [post('s2', complaint, { language: 'fr' })]);
      const later = (await all()).find((m) => m.externalId === 's2');
      expect(later?.sentiment).toBe('neutral');
    });

    it('stores an edit in place: read again, found by its new words, not a duplicate, no alert', async () => {
      const pool = await addTopic('Piscine', 'piscine');
      const closure = await addTopic('Fermeture', 'fermée OR fermeture', 'sector');
      const published = Date.UTC(2026, 0, 10);
      const original = post('e1', 'La piscine municipale rouvre lundi, quelle bonne nouvelle', {
        language: 'fr',
        metrics: { likes: 2 },
      });
      const first = await pipeline.ingest(ws, null, [original]);
      expect(first).toMatchObject({ stored: 1, updated: 0, duplicates: 0 });
      const [stored] = await all();
      expect(stored).toMatchObject({ sentiment: 'positive', topicIds: [pool.id], editedAt: null });

      const edit = {
        ...original,
        text: 'La piscine restera fermée, travaux en retard, encore une honte',
        metrics: { likes: 5 },
        editedAt: published + HOUR,
      };
      const second = await pipeline.ingest(ws, null, [edit, post('e2', 'Autre chose')]);
      expect(second).toMatchObject({ stored: 1, updated: 1, duplicates: 0 });
      // The hook hears of the new mention only.
      expect(hooked.at(-1)?.ids).toHaveLength(1);
      expect(hooked.at(-1)?.ids).not.toContain(stored!.id);
      const after = (await all()).find((m) => m.externalId === 'e1');
      expect(after).toMatchObject({
        id: stored!.id,
        text: 'La piscine restera fermée, travaux en retard, encore une honte',
        sentiment: 'negative',
        metrics: { likes: 5 },
        editedAt: published + HOUR,
        seenAt: stored!.seenAt,
        sortAt: stored!.sortAt,
      });
      expect(after?.topicIds.sort()).toEqual([pool.id, closure.id].sort());
      expect((await all({ q: 'travaux' })).map((m) => m.id)).toEqual([stored!.id]);
      expect(await all({ q: 'lundi' })).toEqual([]);

      // Seen again with the same edit, or an older copy, it is a duplicate; a later edit is read again.
      const third = await pipeline.ingest(ws, null, [edit]);
      expect(third).toMatchObject({ stored: 0, updated: 0, duplicates: 1 });
      expect(await pipeline.ingest(ws, null, [original])).toMatchObject({ updated: 0, duplicates: 1 });
      await store.listening.correctSentiment(ws, stored!.id, 'neutral', null, clock);
      const fourth = await pipeline.ingest(ws, null, [
        { ...edit, text: 'La piscine rouvre finalement mardi, travaux finis', editedAt: published + 2 * HOUR },
      ]);
      expect(fourth).toMatchObject({ stored: 0, updated: 1, duplicates: 0 });
      expect((await all()).find((m) => m.externalId === 'e1')).toMatchObject({
        text: 'La piscine rouvre finalement mardi, travaux finis',
        // The person's correction wins over the model's new reading.
        sentiment: 'neutral',
        sentimentCorrected: true,
        topicIds: [pool.id],
      });
      expect(hooked).toHaveLength(2);
    });

    it('stores a large batch analysed on threads as it would in place, edits included', async () => {
      const texts = [
        'La piscine municipale rouvre lundi, quelle bonne nouvelle',
        'Le tram est encore en panne ce matin, quelle galère',
        'The city council voted the new budget tonight',
        'Concert au kiosque ce soir, venez nombreux',
      ];
      const batch = (prefix: string, count: number): Mention[] =>
        Array.from({ length: count }, (_, i) =>
          post(`${prefix}${i}`, `${texts[i % texts.length]} (${prefix}${i})`, i % 3 === 0 ? { language: 'fr' } : {}),
        );
      const edits = batch('t', 12).map((m, i) => ({
        ...m,
        text: `La piscine restera fermée, une honte (t${i})`,
        editedAt: Date.UTC(2026, 0, 11),
      }));
      // The same story in two workspaces with the same topics: one analysed on a thread, one in place.
      const org = await store.accounts.createOrganisation('Témoin');
      const witness = (
        await store.accounts.createWorkspace({ organisationId: org.id, name: 'Témoin', timezone: 'Europe/Paris' })
      ).id;
      for (const workspaceId of [ws, witness]) {
        for (const [name, query] of [
          ['Piscine', 'piscine'],
          ['Transports', 'tram OR bus'],
        ]) {
          await store.listening.createTopic({
            workspaceId,
            name: name as string,
            group: 'brand',
            query: query as string,
            enabled: true,
            color: '#228be6',
            createdBy: null,
          });
        }
      }
      const analysis = createAnalysisPool({ threads: 1 });
      try {
        const threaded = createListeningPipeline({ store, now, analysis });
        const inPlace = createListeningPipeline({ store, now });
        for (const [pipe, workspaceId] of [
          [threaded, ws],
          [inPlace, witness],
        ] as const) {
          expect(await pipe.ingest(workspaceId, null, batch('t', 70))).toMatchObject({ stored: 70 });
          expect(await pipe.ingest(workspaceId, null, [...edits, ...batch('u', 90)])).toMatchObject({
            stored: 90,
            updated: 12,
          });
        }
      } finally {
        await analysis.close();
      }
      const read = async (workspaceId: string) => {
        const topics = new Map((await store.listening.listTopics(workspaceId)).map((t) => [t.id, t.name]));
        const mentions = (await store.listening.queryMentions(workspaceId, {}, null, 500)).items;
        return mentions
          .map((m) => ({
            externalId: m.externalId,
            text: m.text,
            language: m.language,
            sentiment: m.sentiment,
            simhash: m.simhash,
            editedAt: m.editedAt,
            topics: m.topicIds.map((id) => topics.get(id)).sort(),
          }))
          .sort((a, b) => a.externalId.localeCompare(b.externalId));
      };
      const stored = await read(ws);
      expect(stored).toHaveLength(160);
      expect(stored).toEqual(await read(witness));
      expect(stored.find((m) => m.externalId === 't3')).toMatchObject({
        text: 'La piscine restera fermée, une honte (t3)',
        sentiment: 'negative',
        topics: ['Piscine'],
      });
      expect(stored.find((m) => m.externalId === 'u1')?.topics).toEqual(['Transports']);
    });

    it('finds French words with and without accents through full-text search', async () => {
      await pipeline.ingest(ws, null, [
        post('f1', 'Les élections régionales auront lieu en juin'),
        post('f2', 'Le théâtre des Célestins affiche complet'),
      ]);
      for (const [q, id] of [
        ['élections', 'f1'],
        ['elections', 'f1'],
        ['regionales', 'f1'],
        ['celestins', 'f2'],
        ['THÉÂTRE', 'f2'],
      ] as const) {
        expect(
          (await all({ q })).map((m) => m.externalId),
          q,
        ).toEqual([id]);
      }
    });
  });

  describe('polling job', () => {
    function makeConnector(network: string, mentions: MentionSource): Connector {
      return { network, auth: 'none', mentions };
    }

    it('polls a real feed with conditional GET and never ingests twice after a crash before the cursor', async () => {
      const source = await addSource('feed', { url: `${feeds.url}/guardian.rss` });
      const connectors = [makeConnector('feed', feedSource)];
      const pipeline = createListeningPipeline({ store, now });
      // The first worker stores the batch, then dies before writing the cursor.
      const crashing = {
        ...store,
        listening: {
          ...store.listening,
          recordSuccess: async () => {
            throw new Error('killed');
          },
        },
      } as Store;
      const first = createSourcePoller({ store: crashing, connectors, pipeline, owner: 'w1', now, random: () => 0.5 });
      await first.pollDue();
      expect(await all()).toHaveLength(55);
      expect((await store.listening.getSource(ws, source.id))?.cursor).toBeNull();

      // After the lease ends, another worker polls from the old cursor: everything is a duplicate.
      clock += 10 * 60_000;
      const second = createSourcePoller({ store, connectors, pipeline, owner: 'w2', now, random: () => 0.5 });
      const outcome = (await second.pollDue()).get(source.id);
      expect(outcome).toMatchObject({ status: 'ok', stored: 0, duplicates: 55 });
      expect(await all()).toHaveLength(55);
      const saved = await store.listening.getSource(ws, source.id);
      expect(JSON.parse(saved?.cursor ?? '{}').etag).toMatch(/^"/);
      expect(saved).toMatchObject({ itemsTotal: 55, consecutiveFailures: 0, leaseOwner: null });

      // The stored ETag makes the next poll a 304.
      clock += 10 * 60_000;
      expect((await second.pollDue()).get(source.id)).toMatchObject({ status: 'ok', stored: 0, duplicates: 0 });
      expect(feeds.hits['304 guardian.rss']).toBe(1);
    });

    it('backs a failing source off (honouring Retry-After) while the others go on', async () => {
      const failing: MentionSource = {
        kinds: [{ kind: 'feed', fields: [] }],
        validate: () => [],
        async poll() {
          throw new ConnectorError('flaky', 'rate_limited', 'slow down', { retryAfterMs: 2 * HOUR });
        },
      };
      const working: MentionSource = {
        kinds: [{ kind: 'feed', fields: [] }],
        validate: () => [],
        poll: async (_spec, cursor) => ({
          items: [post(`w-${cursor ?? 0}`, 'Fonctionne')],
          cursor: String(Number(cursor ?? 0) + 1),
        }),
      };
      const bad = await addSource('flaky', { tag: 'x' });
      const good = await addSource('testnet', { tag: 'y' });
      const poller = createSourcePoller({
        store,
        connectors: [makeConnector('flaky', failing), makeConnector('testnet', working)],
        pipeline: createListeningPipeline({ store, now }),
        owner: 'w1',
        now,
        random: () => 0.5,
      });
      const outcomes = await poller.pollDue();
      expect(outcomes.get(bad.id)).toMatchObject({ status: 'failed', code: 'rate_limited', retryAt: clock + 2 * HOUR });
      expect(outcomes.get(good.id)).toMatchObject({ status: 'ok', stored: 1 });
      const health = await store.listening.getSource(ws, bad.id);
      expect(health).toMatchObject({ lastErrorCode: 'rate_limited', lastError: 'slow down', consecutiveFailures: 1 });
      expect(health?.nextPollAt).toBe(clock + 2 * HOUR);
      expect((await store.listening.getSource(ws, good.id))?.cursor).toBe('1');
    });

    it('spaces polls of one host and takes a flood in slices without moving the cursor early', async () => {
      // Later than the other tests' polls of the same local host.
      clock += 24 * HOUR;
      const a = await addSource('feed', { url: `${feeds.url}/giantbomb-podcast.rss` });
      const b = await addSource('feed', { url: `${feeds.url}/uolNoticias.rss` });
      const poller = createSourcePoller({
        store,
        connectors: [makeConnector('feed', feedSource)],
        pipeline: createListeningPipeline({ store, now }),
        owner: 'w1',
        now,
        random: () => 0.5,
        settings: { maxItemsPerPoll: 300, minHostIntervalMs: 30_000 },
      });
      // Same host (127.0.0.1): one poll per run, the other source waits for the host's interval.
      const first = await poller.pollDue();
      expect([...first.keys()]).toEqual([a.id]);
      expect(first.get(a.id)).toMatchObject({ status: 'ok', stored: 300, deferred: 430 });
      expect((await store.listening.getSource(ws, a.id))?.cursor).toBeNull();
      expect((await store.listening.getSource(ws, b.id))?.nextPollAt).toBe(clock + 30_000);

      clock += 30_000;
      const second = await poller.pollDue();
      expect(second.size).toBe(1);
      clock += 30_000;
      await poller.pollDue();
      clock += 30_000;
      await poller.pollDue();
      expect((await all({ sourceId: a.id })).length).toBe(730);
      expect((await all({ sourceId: b.id })).length).toBe(15);
      expect((await store.listening.getSource(ws, a.id))?.cursor).not.toBeNull();
    });
  });

  describe('host politeness across workspaces', () => {
    it('polls a feed on time while another workspace streams from the same host', async () => {
      // Later than the other tests' polls of the same local host.
      clock += 48 * HOUR;
      const live: MentionSource = {
        kinds: [{ kind: 'stream', fields: [], realtime: true }],
        validate: () => [],
        stream: (_spec, _cursor, _onBatch, { signal }) => ({
          done: new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve())),
        }),
      };
      // Workspace A streams from 127.0.0.1, the host of the feed server.
      const stream = await addSource('live', { url: `${feeds.url}/stream` }, true);
      const runner = createStreamRunner({
        store,
        connectors: [{ network: 'live', auth: 'none', mentions: live }],
        pipeline: createListeningPipeline({ store, now }),
        owner: 'streamer',
        now,
      });
      expect(await runner.claimStreams()).toEqual([stream.id]);

      // Workspace B polls a feed on that host every five minutes.
      const org = await store.accounts.createOrganisation('Agence');
      const other = (
        await store.accounts.createWorkspace({ organisationId: org.id, name: 'Client B', timezone: 'Europe/Paris' })
      ).id;
      const config = { url: `${feeds.url}/guardian.rss` };
      const feed = await store.listening.createSource(
        {
          workspaceId: other,
          network: 'feed',
          kind: 'feed',
          config,
          label: 'Guardian',
          enabled: true,
          realtime: false,
          pollIntervalMs: 5 * 60_000,
          host: deriveSourceHost('feed', config),
          createdBy: null,
        },
        clock,
      );
      expect(feed.host).toBe(stream.host);
      const poller = createSourcePoller({
        store,
        connectors: [{ network: 'feed', auth: 'none', mentions: feedSource }],
        pipeline: createListeningPipeline({ store, now }),
        owner: 'poller',
        now,
        random: () => 0.5,
      });
      try {
        expect((await poller.pollDue()).get(feed.id)).toMatchObject({ status: 'ok', stored: 55 });
        // Each interval, with the stream alive (its lease renewed), the feed is polled again.
        for (let round = 0; round < 3; round++) {
          clock += 5 * 60_000;
          expect(await store.listening.renewLease(stream.id, 'streamer', clock + 60_000)).toBe(true);
          expect((await poller.pollDue()).get(feed.id), `round ${round}`).toMatchObject({ status: 'ok' });
        }
        expect(runner.listRunning()).toEqual([stream.id]);
      } finally {
        await runner.stop();
        await store.listening.updateSource(other, feed.id, { enabled: false });
      }
    });
  });

  describe('host politeness under load', () => {
    it('spaces polls of a busy host and still polls another workspace’s source within its interval', async () => {
      clock += 72 * HOUR;
      const polled: Array<{ id: string; at: number }> = [];
      const counting: MentionSource = {
        kinds: [{ kind: 'search', fields: ['q'] }],
        validate: () => [],
        poll: async (spec) => {
          polled.push({ id: spec.config.q as string, at: clock });
          return { items: [], cursor: null };
        },
      };
      const create = (workspaceId: string, q: string, pollIntervalMs: number) =>
        store.listening.createSource(
          {
            workspaceId,
            network: 'crowded',
            kind: 'search',
            config: { q },
            label: q,
            enabled: true,
            realtime: false,
            pollIntervalMs,
            host: deriveSourceHost('crowded', { q }),
            createdBy: null,
          },
          clock,
        );
      // Workspace A asks for far more than the host's pace allows: 20 searches a minute, one poll per 10 s.
      for (let i = 0; i < 20; i++) await create(ws, `a${i}`, 60_000);
      const org = await store.accounts.createOrganisation('Agence');
      const other = (
        await store.accounts.createWorkspace({ organisationId: org.id, name: 'Client B', timezone: 'Europe/Paris' })
      ).id;
      const b = await create(other, 'b', 5 * 60_000);
      const poller = createSourcePoller({
        store,
        connectors: [{ network: 'crowded', auth: 'none', mentions: counting }],
        pipeline: createListeningPipeline({ store, now }),
        owner: 'w1',
        now,
        random: () => 0.5,
        settings: { minHostIntervalMs: 10_000 },
      });
      const start = clock;
      try {
        for (let step = 0; step < 90; step++) {
          await poller.pollDue();
          clock += 10_000;
        }
      } finally {
        await store.listening.updateSource(other, b.id, { enabled: false });
      }
      // Spaced: never two polls of the host less than 10 s apart.
      const times = polled.map((p) => p.at);
      for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(10_000);
      // B takes its turn at once, then again within its five minutes and one host interval, however busy A keeps
      // the host: turns go to the workspace that polled it least recently.
      const bAt = polled.filter((p) => p.id === 'b').map((p) => p.at);
      expect(bAt[0]).toBeLessThanOrEqual(start + 10_000);
      expect(bAt.length).toBeGreaterThanOrEqual(3);
      for (let i = 1; i < bAt.length; i++) expect(bAt[i]! - bAt[i - 1]!).toBeLessThanOrEqual(5 * 60_000 + 20_000);
      // Every one of A's sources ran too: delayed by the pace, none starved.
      expect(new Set(polled.map((p) => p.id)).size).toBe(21);
    });
  });

  describe('streams', () => {
    it('stores the cursor after each batch, reconnects with backoff, and gives the source back on stop', async () => {
      let calls = 0;
      const cursors: Array<string | null> = [];
      const streaming: MentionSource = {
        kinds: [{ kind: 'stream', fields: [], realtime: true }],
        validate: () => [],
        stream(_spec, cursor, onBatch, { signal }) {
          calls++;
          cursors.push(cursor);
          if (calls === 1) {
            return { done: Promise.reject(new ConnectorError('live', 'unavailable', 'socket closed')) };
          }
          const done = (async () => {
            const batches: SourcePoll[] = [
              { items: [post('s1', 'Premier', { network: 'live' })], cursor: '100' },
              { items: [post('s2', 'Second', { network: 'live' })], cursor: '200' },
            ];
            for (const batch of batches) await onBatch(batch);
            await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve()));
          })();
          return { done };
        },
      };
      const source = await addSource('live', { collection: 'app.bsky.feed.post' }, true);
      const runner = createStreamRunner({
        store,
        connectors: [{ network: 'live', auth: 'none', mentions: streaming }],
        pipeline: createListeningPipeline({ store, now }),
        owner: 'w1',
        now,
        random: () => 0.5,
      });
      expect(await runner.claimStreams()).toEqual([source.id]);
      await runner.whenStopped(source.id);
      const failed = await store.listening.getSource(ws, source.id);
      expect(failed).toMatchObject({ lastErrorCode: 'unavailable', consecutiveFailures: 1, leaseOwner: null });
      expect(failed?.nextPollAt).toBe(clock + 1000);
      // Not before the backoff.
      expect(await runner.claimStreams()).toEqual([]);
      clock += 1000;
      expect(await runner.claimStreams()).toEqual([source.id]);
      await expect.poll(async () => (await store.listening.getSource(ws, source.id))?.cursor).toBe('200');
      // Another worker cannot take a held stream.
      const other = createStreamRunner({
        store,
        connectors: [{ network: 'live', auth: 'none', mentions: streaming }],
        pipeline: createListeningPipeline({ store, now }),
        owner: 'w2',
        now,
      });
      expect(await other.claimStreams()).toEqual([]);
      await runner.stop();
      expect(await store.listening.getSource(ws, source.id)).toMatchObject({ leaseOwner: null, cursor: '200' });
      expect(cursors).toEqual([null, null]);
      expect((await all({ network: 'live' })).map((m) => m.externalId).sort()).toEqual(['s1', 's2']);
    });
  });
});
