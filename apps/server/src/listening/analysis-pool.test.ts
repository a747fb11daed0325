// The analysis pool against analysis in place: real worker threads give the same analyses in the same order,
// follow a workspace's new topics and corrections, and a part a thread cannot analyse is analysed in place.
import { afterEach, describe, expect, it } from 'vitest';
import type { Mention } from '@rostra/connectors';
import { analyseBatch, buildAnalyzer, buildTopicIndex, type AnalysisInputs } from './analysis.js';
import { createAnalysisPool, MIN_PARALLEL_ITEMS, type AnalysisContext, type AnalysisPool } from './analysis-pool.js';

const TEXTS = [
  'La mairie de Lyon ouvre une nouvelle piscine, quelle bonne nouvelle !',
  "Le tram est encore en panne ce matin, c'est vraiment nul",
  'The city council voted the new budget tonight',
  'Los vecinos del barrio se quejan del ruido de las obras',
  'Compte rendu du conseil municipal publié',
  '#Lyon la fête des Lumières commence ce soir 🎉',
];

function mention(i: number): Mention {
  return {
    externalId: `m${i}`,
    network: i % 3 === 0 ? 'mastodon' : 'bluesky',
    url: `https://example.org/${i}`,
    title: i % 5 === 0 ? `Titre ${i}` : null,
    text: `${TEXTS[i % TEXTS.length]} (${i})`,
    author: { id: `a${i % 7}`, handle: `@auteur${i % 7}`, name: null, url: null },
    publishedAt: 1_767_225_600_000 + i,
    language: i % 4 === 0 ? 'fr' : null,
    site: null,
    repostOf: null,
    replyTo: null,
    hashtags: i % 4 === 0 ? ['#Lyon'] : [],
    metrics: { likes: i },
  };
}

const ITEMS = Array.from({ length: 3 * MIN_PARALLEL_ITEMS + 7 }, (_, i) => mention(i));

function contextFor(inputs: AnalysisInputs, versions: { topics: string; corrections: string }): AnalysisContext {
  return {
    workspaceId: 'ws-1',
    topicsVersion: versions.topics,
    correctionsVersion: versions.corrections,
    state: { index: buildTopicIndex(inputs.topics, () => {}), analyzer: buildAnalyzer(inputs.corrections) },
    inputs: () => inputs,
  };
}

const FIRST: AnalysisInputs = {
  topics: [
    { id: 't-lyon', query: 'lyon OR #lyon', enabled: true },
    { id: 't-tram', query: 'tram AND panne', enabled: true },
    { id: 't-off', query: 'conseil', enabled: false },
  ],
  corrections: [],
};

let pool: AnalysisPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe('analysis pool', () => {
  it('gives the analyses of analysis in place, in order, with threads', async () => {
    pool = createAnalysisPool({ threads: 2 });
    const context = contextFor(FIRST, { topics: '1', corrections: '1' });
    const expected = analyseBatch(ITEMS, context.state);
    expect(await pool.analyse(ITEMS, context)).toEqual(expected);
    // Sanity: the batch is varied enough for the comparison to mean something.
    expect(new Set(expected.map((a) => a.language.language)).size).toBeGreaterThan(2);
    expect(expected.filter((a) => a.topicIds.includes('t-tram')).length).toBeGreaterThan(0);
    expect(expected.some((a) => a.topicIds.includes('t-off'))).toBe(false);
  }, 60_000);

  it('follows new topics and corrections once their versions change', async () => {
    pool = createAnalysisPool({ threads: 1 });
    await pool.analyse(ITEMS, contextFor(FIRST, { topics: '1', corrections: '1' }));
    const second: AnalysisInputs = {
      topics: [{ id: 't-conseil', query: 'conseil', enabled: true }],
      corrections: [
        { text: "Le tram est encore en panne ce matin, c'est vraiment nul", label: 'positive', lang: 'fr' },
      ],
    };
    const context = contextFor(second, { topics: '2', corrections: '2' });
    const analyses = await pool.analyse(ITEMS, context);
    expect(analyses).toEqual(analyseBatch(ITEMS, context.state));
    expect(analyses.some((a) => a.topicIds.includes('t-lyon'))).toBe(false);
    expect(analyses.filter((a) => a.topicIds.includes('t-conseil')).length).toBeGreaterThan(0);
  }, 60_000);

  it('analyses in place a part a thread cannot, and keeps going with a new thread', async () => {
    const logged: string[] = [];
    pool = createAnalysisPool({ threads: 1, log: (message) => logged.push(message) });
    const good = contextFor(FIRST, { topics: '1', corrections: '1' });
    // What the thread receives cannot be built (a query that is not text); this thread's state is fine.
    const broken: AnalysisContext = {
      ...good,
      topicsVersion: 'broken',
      inputs: () => ({ topics: [{ id: 'x', query: 42 as unknown as string, enabled: true }], corrections: [] }),
    };
    expect(await pool.analyse(ITEMS, broken)).toEqual(analyseBatch(ITEMS, good.state));
    expect(logged).toContain('analysis thread failed a part');
    expect(await pool.analyse(ITEMS, good)).toEqual(analyseBatch(ITEMS, good.state));
    // Items a thread cannot even receive (a value that cannot be copied) are analysed in place too.
    const uncopyable = ITEMS.map((item) => ({ ...item, metrics: { likes: (() => 1) as unknown as number } }));
    expect(await pool.analyse(uncopyable, good)).toEqual(analyseBatch(uncopyable, good.state));
  }, 60_000);

  it('analyses small batches in place, and everything without threads', async () => {
    pool = createAnalysisPool({ threads: 0 });
    const context = contextFor(FIRST, { topics: '1', corrections: '1' });
    expect(pool.threads).toBe(0);
    expect(await pool.analyse(ITEMS, context)).toEqual(analyseBatch(ITEMS, context.state));
    const few = ITEMS.slice(0, MIN_PARALLEL_ITEMS - 1);
    const threaded = createAnalysisPool({ threads: 1 });
    try {
      expect(await threaded.analyse(few, context)).toEqual(analyseBatch(few, context.state));
    } finally {
      await threaded.close();
    }
  });
});
