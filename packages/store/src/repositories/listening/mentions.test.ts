// Mentions on SQLite and (when ROSTRA_TEST_DATABASE_URL is set) PostgreSQL, on one growing set: ingest (once,
// near-duplicates, full-text numbering, edits), search and the stream's pages, people's work, dashboard sums.
import { describe, expect, it } from 'vitest';
import { testDialects } from '../../testing/test-env.js';
import { HOUR, T0, mention, setUpListeningStore } from './fixtures.js';

describe.each(testDialects)('listening mentions on %s', (dialect) => {
  const bed = setUpListeningStore(dialect);

  it('stores a batch once, finds it by external id, and searches French text with or without accents', async () => {
    const { store, ws, other } = bed;
    const topic = await store.listening.createTopic({
      workspaceId: ws,
      name: 'Élections',
      group: 'sector',
      query: 'élection',
      enabled: true,
      color: '#fa5252',
      createdBy: null,
    });
    const first = mention(ws, 'e1', 'Les élections municipales approchent à Lyon', { topicIds: [topic.id] });
    const second = mention(ws, 'e2', 'Le marché de Noël ouvre samedi', { sortAt: T0 + HOUR, publishedAt: T0 + HOUR });
    const inserted = await store.listening.insertMentions([first, second], null);
    expect(inserted.size).toBe(2);
    // The same item again (another worker's race) is not stored twice.
    const again = await store.listening.insertMentions([mention(ws, 'e1', 'copie')], null);
    expect(again.size).toBe(0);
    const stored = await store.listening.findStored(ws, [
      { network: 'feed', externalId: 'e1' },
      { network: 'feed', externalId: 'nope' },
      { network: 'bluesky', externalId: 'e2' },
    ]);
    expect([...stored.keys()]).toEqual(['feed\u0000e1']);

    for (const q of ['élections', 'elections', 'ELECTION', 'municipales lyon']) {
      const page = await store.listening.queryMentions(ws, { q }, null, 10);
      expect(
        page.items.map((m) => m.externalId),
        q,
      ).toEqual(['e1']);
      expect(page.items[0]?.topicIds).toEqual([topic.id]);
    }
    expect((await store.listening.queryMentions(ws, { q: 'noel' }, null, 10)).items.map((m) => m.externalId)).toEqual([
      'e2',
    ]);
    expect((await store.listening.queryMentions(ws, { q: 'lyon -municipales' }, null, 10)).items).toEqual([]);
    expect((await store.listening.queryMentions(other, { q: 'élections' }, null, 10)).items).toEqual([]);
    expect((await store.listening.queryMentions(ws, { topicId: topic.id }, null, 10)).items).toHaveLength(1);
  });

  it('pages newest first with a cursor, and filters', async () => {
    const { store, ws } = bed;
    const batch = Array.from({ length: 5 }, (_, i) =>
      mention(ws, `p${i}`, `Post ${i}`, {
        network: 'bluesky',
        sortAt: T0 + 10 * HOUR + i,
        sentiment: i % 2 ? 'negative' : 'positive',
        author: { id: null, handle: i === 0 ? 'bob.bsky.social' : 'carol', name: null, url: null },
      }),
    );
    await store.listening.insertMentions(batch, null);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listening.queryMentions(ws, { network: 'bluesky' }, cursor, 2);
      seen.push(...page.items.map((m) => m.externalId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(['p4', 'p3', 'p2', 'p1', 'p0']);
    const negative = await store.listening.queryMentions(ws, { network: 'bluesky', sentiment: 'negative' }, null, 10);
    expect(negative.items.map((m) => m.externalId)).toEqual(['p3', 'p1']);
    const byAuthor = await store.listening.queryMentions(ws, { author: '@Bob.bsky.social' }, null, 10);
    expect(byAuthor.items.map((m) => m.externalId)).toEqual(['p0']);
    await expect(store.listening.queryMentions(ws, {}, 'garbage', 10)).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });

  it('corrects, tags and marks handled, keeping the correction text', async () => {
    const { store, ws, other } = bed;
    const [target] = (await store.listening.queryMentions(ws, { q: 'marché' }, null, 1)).items;
    const corrected = await store.listening.correctSentiment(ws, target!.id, 'positive', null, T0);
    expect(corrected).toMatchObject({ sentiment: 'positive', sentimentCorrected: true });
    expect(await store.listening.listCorrections(ws)).toEqual([
      { text: 'Le marché de Noël ouvre samedi', language: 'fr', label: 'positive' },
    ]);
    expect(await store.listening.correctSentiment(other, target!.id, 'negative', null, T0)).toBeUndefined();
    await store.listening.setTags(ws, target!.id, ['presse', '100%']);
    expect((await store.listening.queryMentions(ws, { tag: '100%' }, null, 5)).items).toHaveLength(1);
    expect((await store.listening.queryMentions(ws, { tag: '100' }, null, 5)).items).toHaveLength(0);
    await store.listening.setHandled(ws, target!.id, true, 'u1', T0);
    expect((await store.listening.queryMentions(ws, { handled: true }, null, 5)).items.map((m) => m.id)).toEqual([
      target!.id,
    ]);
  });

  it('finds near-duplicate candidates by band', async () => {
    const { store, ws, other } = bed;
    await store.listening.insertMentions(
      [mention(ws, 'n1', 'syndicated', { simhash: '0123456789abcdef', bands: [0x0123, 0x4567, 0x89ab, 0xcdef] })],
      null,
    );
    const found = await store.listening.findDuplicateCandidates(ws, [[1, 2, 0x89ab, 4]]);
    expect(found.map((c) => c.simhash)).toEqual(['0123456789abcdef']);
    expect(await store.listening.findDuplicateCandidates(other, [[1, 2, 0x89ab, 4]])).toEqual([]);
  });

  it('offers only group heads as near-duplicate candidates, each once', async () => {
    const { store, ws } = bed;
    const head = mention(ws, 'h1', 'reprise AFP', {
      simhash: 'aaaa111122223333',
      bands: [0xaaaa, 0x1111, 0x2222, 0x3333],
    });
    const copy = mention(ws, 'h2', 'reprise AFP (copie)', {
      simhash: 'aaaa111122223334',
      bands: [0xaaaa, 0x1111, 0x2222, 0x3334],
      duplicateOf: head.id,
    });
    await store.listening.insertMentions([head, copy], null);
    // Three bands shared with the head: it comes back once; the copy, though nearer, is not a candidate.
    const found = await store.listening.findDuplicateCandidates(ws, [[0xaaaa, 0x1111, 0x2222, 0x3334]]);
    expect(found).toEqual([{ id: head.id, simhash: 'aaaa111122223333', duplicateOf: null }]);
  });

  it('numbers full-text rows across batches, skipping items stored already', async () => {
    const { store, ws } = bed;
    const batchOne = [
      mention(ws, 'f1', 'Inauguration de la médiathèque'),
      mention(ws, 'f2', 'Fermeture de la piscine'),
    ];
    await store.listening.insertMentions(batchOne, null);
    // A race: f1 again in the middle of a batch; the rows after it still get their own full-text row.
    const batchTwo = [
      mention(ws, 'f3', 'La médiathèque ouvre le dimanche'),
      mention(ws, 'f1', 'Inauguration de la médiathèque'),
      mention(ws, 'f4', 'Travaux à la piscine'),
    ];
    const inserted = await store.listening.insertMentions(batchTwo, null);
    expect([...inserted]).toEqual([batchTwo[0]!.id, batchTwo[2]!.id]);
    const search = async (q: string) =>
      (await store.listening.queryMentions(ws, { q }, null, 10)).items.map((m) => m.externalId).sort();
    expect(await search('mediatheque')).toEqual(['f1', 'f3']);
    expect(await search('piscine')).toEqual(['f2', 'f4']);
    expect(await search('alice')).toContain('f4');
  });

  it('counts by topic and time bucket for the dashboards', async () => {
    const { store, ws } = bed;
    const [topic] = await store.listening.listTopics(ws);
    const rows = await store.listening.countByBucket(ws, { from: T0 - HOUR, to: T0 + 24 * HOUR }, HOUR);
    expect(rows.some((r) => r.count >= 1)).toBe(true);
    const sentiments = await store.listening.countSentimentByBucket(ws, { network: 'bluesky' }, 24 * HOUR);
    expect(sentiments.reduce((n, r) => n + r.count, 0)).toBe(5);
    const authors = await store.listening.topAuthors(ws, { network: 'bluesky' }, 5);
    expect(authors[0]).toMatchObject({ handle: 'carol', count: 4 });
    // Feed and web authors are bylines without handles: they are authors too.
    const byline = { id: null, handle: null, name: 'Jeanne Dupont', url: null };
    await store.listening.insertMentions(
      [mention(ws, 'by1', 'Tribune', { author: byline }), mention(ws, 'by2', 'Chronique', { author: byline })],
      null,
    );
    expect(await store.listening.topAuthors(ws, { author: 'Jeanne Dupont' }, 5)).toEqual([
      { network: 'feed', handle: null, name: 'Jeanne Dupont', count: 2, reach: 0 },
    ]);
    expect(topic).toBeDefined();
  });

  it('rewrites an edited mention in place: text, search, topics; a corrected sentiment stays', async () => {
    const { store, ws, other } = bed;
    const topic = (name: string, query: string) =>
      store.listening.createTopic({
        workspaceId: ws,
        name,
        group: 'other',
        query,
        enabled: true,
        color: '#40c057',
        createdBy: null,
      });
    const pool = await topic('Centre aquatique', 'aquatique');
    const stadium = await topic('Stade', 'olympique');
    const edited = mention(ws, 'edit-1', 'Le centre aquatique rouvre lundi', {
      topicIds: [pool.id],
      metrics: { reach: 120, likes: 3, reposts: null, replies: null },
    });
    const corrected = mention(ws, 'edit-2', 'Concert au kiosque ce soir', { sentiment: 'neutral' });
    // The same item in another workspace: its own row, which an edit of this workspace must not reach.
    const elsewhere = mention(other, 'edit-1', 'Le centre aquatique rouvre lundi');
    await store.listening.insertMentions([edited, corrected], null);
    await store.listening.insertMentions([elsewhere], null);
    await store.listening.correctSentiment(ws, corrected.id, 'positive', null, T0);

    const change = {
      title: 'Finale',
      language: 'fr',
      languageHow: 'declared' as const,
      simhash: 'fedcba9876543210',
      bands: [0xfedc, 0xba98, 0x7654, 0x3210] as [number, number, number, number],
      hashtags: ['sport'],
      metrics: { reach: null, likes: 8, reposts: 1, replies: null },
      editedAt: T0 + HOUR,
    };
    const updated = await store.listening.updateEditedMentions(ws, [
      {
        ...change,
        id: edited.id,
        text: 'Le stade olympique accueille la finale',
        sentiment: 'negative',
        sentimentConfidence: 0.9,
        topicIds: [stadium.id],
      },
      {
        ...change,
        id: corrected.id,
        title: null,
        text: 'Concert annulé au kiosque',
        sentiment: 'negative',
        sentimentConfidence: 0.8,
        topicIds: [],
      },
      { ...change, id: elsewhere.id, text: 'Piraté', sentiment: 'negative', sentimentConfidence: 1, topicIds: [] },
    ]);
    expect([...updated].sort()).toEqual([edited.id, corrected.id].sort());

    const search = async (workspaceId: string, q: string) =>
      (await store.listening.queryMentions(workspaceId, { q }, null, 10)).items.map((m) => m.id);
    expect(await search(ws, 'olympique')).toEqual([edited.id]);
    expect(await search(ws, 'finale')).toEqual([edited.id]);
    expect(await search(ws, 'aquatique')).toEqual([]);
    expect(await search(ws, 'annule kiosque')).toEqual([corrected.id]);
    expect(await search(ws, 'soir')).toEqual([]);
    // The author's words were written again with the new text.
    expect(await search(ws, 'olympique alice')).toEqual([edited.id]);
    expect(await search(other, 'aquatique')).toEqual([elsewhere.id]);
    expect(await search(other, 'pirate')).toEqual([]);

    expect(await store.listening.getMention(ws, edited.id)).toMatchObject({
      title: 'Finale',
      text: 'Le stade olympique accueille la finale',
      sentiment: 'negative',
      sentimentConfidence: 0.9,
      simhash: 'fedcba9876543210',
      hashtags: ['sport'],
      // A figure the edited item no longer gives keeps its stored value.
      metrics: { reach: 120, likes: 8, reposts: 1, replies: null },
      editedAt: T0 + HOUR,
      topicIds: [stadium.id],
    });
    expect(await store.listening.getMention(ws, corrected.id)).toMatchObject({
      text: 'Concert annulé au kiosque',
      sentiment: 'positive',
      sentimentConfidence: 1,
      sentimentCorrected: true,
    });
    expect(await store.listening.getMention(other, elsewhere.id)).toMatchObject({
      text: 'Le centre aquatique rouvre lundi',
      editedAt: null,
    });
    const byTopic = async (topicId: string) =>
      (await store.listening.queryMentions(ws, { topicId }, null, 10)).items.map((m) => m.id);
    expect(await byTopic(pool.id)).toEqual([]);
    expect(await byTopic(stadium.id)).toEqual([edited.id]);
    // The new fingerprint is what later near-duplicates are compared with.
    const candidates = await store.listening.findDuplicateCandidates(ws, [[0xfedc, 0, 0, 0]]);
    expect(candidates.map((c) => c.id).sort()).toEqual([edited.id, corrected.id].sort());

    const found = await store.listening.findStored(ws, [{ network: 'feed', externalId: 'edit-1' }]);
    expect(found.get('feed\u0000edit-1')).toEqual({ id: edited.id, duplicateOf: null, editedAt: T0 + HOUR });
    // The same edit again (another worker was first), or an older one, changes nothing.
    const again = await store.listening.updateEditedMentions(ws, [
      { ...change, id: edited.id, text: 'Ancien texte', sentiment: 'neutral', sentimentConfidence: 0.5, topicIds: [] },
    ]);
    expect(again.size).toBe(0);
    expect((await store.listening.getMention(ws, edited.id))?.text).toBe('Le stade olympique accueille la finale');
  });
});
