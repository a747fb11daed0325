// Benchmark: the whole listening pipeline, storage included, on SQLite and on PostgreSQL in one run. Real French
// tweets wrapped as Bluesky Jetstream events are parsed, normalised, deduplicated, fingerprinted, given a
// language and a sentiment, matched against 100 topics and stored with their topic links and full-text index,
// in batches of 500 (one transaction each), as the polling and streaming workers do.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Mention } from '../packages/connectors/src/index.js';
import { createStore, openDatabase, type Store } from '../packages/store/src/index.js';
import { listFoldedWords } from '../packages/core/src/listening/query/normalise.js';
import { createListeningPipeline } from '../apps/server/src/listening/pipeline.js';
import { createAnalysisPool } from '../apps/server/src/listening/analysis-pool.js';
import { defaultAnalysisThreads } from '../apps/server/src/config.js';
import { createScratchPostgres } from './scratch-postgres.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = path.resolve(repoRoot, '../shared/data/sentiment-fr-tweets');
const POSTS = Number(process.env.BENCH_LISTENING_POSTS ?? 20_000);
const BATCH = 500;
const TOPICS = 100;
const GOAL_SQLITE = 5_000;

interface JetstreamEvent {
  did: string;
  time_us: number;
  kind: 'commit';
  commit: {
    operation: 'create';
    collection: 'app.bsky.feed.post';
    rkey: string;
    record: { text: string; langs?: string[]; createdAt: string };
  };
}

/** Jetstream commit events (https://github.com/bluesky-social/jetstream#consuming-jetstream) from real texts. */
function buildEvents(texts: string[], count: number): string[] {
  const events: string[] = [];
  for (let i = 0; i < count; i++) {
    const timeUs = 1_767_225_600_000_000 + i * 1_000_003;
    const event: JetstreamEvent = {
      did: `did:plc:bench${(i % 5000).toString(36).padStart(4, '0')}`,
      time_us: timeUs,
      kind: 'commit',
      commit: {
        operation: 'create',
        collection: 'app.bsky.feed.post',
        rkey: `3l${i.toString(36).padStart(11, '0')}`,
        record: {
          text: texts[i % texts.length] as string,
          // Half the posts declare their language, as on Bluesky; the rest go through detection.
          ...(i % 2 === 0 ? { langs: ['fr'] } : {}),
          createdAt: new Date(timeUs / 1000).toISOString(),
        },
      },
    };
    events.push(JSON.stringify(event));
  }
  return events;
}

/** What a Jetstream source hands the pipeline (the Bluesky connector's mapping, in short). */
function toMention(line: string): Mention {
  const event = JSON.parse(line) as JetstreamEvent;
  const record = event.commit.record;
  return {
    externalId: `at://${event.did}/${event.commit.collection}/${event.commit.rkey}`,
    network: 'bluesky',
    url: `https://bsky.app/profile/${event.did}/post/${event.commit.rkey}`,
    title: null,
    text: record.text,
    author: { id: event.did, handle: null, name: null, url: null },
    publishedAt: Date.parse(record.createdAt),
    language: record.langs?.[0] ?? null,
    site: 'bsky.app',
    repostOf: null,
    replyTo: null,
    hashtags: [],
    metrics: {},
  };
}

/** 100 topics from the corpus's mid-frequency words: single words, OR pairs, AND pairs, a few exclusions. */
function buildTopics(texts: string[]): string[] {
  const counts = new Map<string, number>();
  for (const text of texts.slice(0, 20_000)) {
    for (const word of new Set(listFoldedWords(text))) {
      if (word.length >= 5 && !/\d/.test(word)) counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  const words = [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([w]) => w)
    .slice(30, 430);
  const topics: string[] = [];
  for (let i = 0; topics.length < TOPICS; i += 4) {
    const [a, b, c, d] = words.slice(i, i + 4) as [string, string, string, string];
    const shape = topics.length % 4;
    topics.push(
      shape === 0
        ? `${a} OR ${b}`
        : shape === 1
          ? `${a} AND (${b} OR ${c})`
          : shape === 2
            ? `"${a} ${b}" OR ${c}*`
            : `${a} -${d}`,
    );
  }
  return topics;
}

interface Measured {
  postsPerSecond: number;
  /** Posts per second of this process's CPU time: steadier than wall time on a shared machine. */
  postsPerCpuSecond: number;
  stored: number;
}

/** What a worker process uses by default (see ROSTRA_LISTENING_THREADS): one analysis thread per other core. */
const THREADS = defaultAnalysisThreads();

const threadsLabel = (threads: number) => (threads === 0 ? 'none (one core)' : `${threads} + the pipeline's`);

async function measure(store: Store, events: string[], topics: string[], threads: number): Promise<Measured> {
  await store.migrate();
  const org = await store.accounts.createOrganisation('Bench');
  const ws = await store.accounts.createWorkspace({ organisationId: org.id, name: 'Veille', timezone: 'Europe/Paris' });
  for (const [i, query] of topics.entries()) {
    await store.listening.createTopic({
      workspaceId: ws.id,
      name: `Sujet ${i}`,
      group: i === 0 ? 'brand' : i < 5 ? 'competitor' : 'sector',
      query,
      enabled: true,
      color: '#1c7ed6',
      createdBy: null,
    });
  }
  const analysis = createAnalysisPool({ threads });
  const pipeline = createListeningPipeline({ store, analysis });
  // Warm-up: the topic index, the analyzer and the database's caches.
  await pipeline.ingest(ws.id, null, events.slice(0, BATCH).map(toMention));
  const started = performance.now();
  const cpu = process.cpuUsage();
  let stored = 0;
  for (let i = BATCH; i < events.length; i += BATCH) {
    const result = await pipeline.ingest(ws.id, null, events.slice(i, i + BATCH).map(toMention));
    stored += result.stored;
  }
  const seconds = (performance.now() - started) / 1000;
  // Worker threads' CPU time counts too: process.cpuUsage covers every thread of the process.
  const used = process.cpuUsage(cpu);
  await analysis.close();
  const cpuSeconds = (used.user + used.system) / 1e6;
  return {
    postsPerSecond: Math.round((events.length - BATCH) / seconds),
    postsPerCpuSecond: Math.round((events.length - BATCH) / cpuSeconds),
    stored,
  };
}

export async function runListeningPipelineBench(): Promise<Array<Record<string, string | number>>> {
  const texts = ['train_text.txt', 'val_text.txt']
    .flatMap((file) => readFileSync(path.join(DATA_DIR, file), 'utf8').split('\n'))
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  const events = buildEvents(texts, POSTS);
  const topics = buildTopics(texts);
  const rows: Array<Record<string, string | number>> = [];

  // On one core (the analysis on the pipeline's thread), then with the analysis threads a worker uses by default.
  for (const threads of [...new Set([0, THREADS])]) {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rostra-bench-listening-'));
    const sqlite = createStore(openDatabase({ dataDir }));
    try {
      const result = await measure(sqlite, events, topics, threads);
      rows.push({
        database: 'SQLite (WAL)',
        'analysis threads': threadsLabel(threads),
        posts: POSTS,
        topics: TOPICS,
        'posts/s': result.postsPerSecond,
        // SQLite runs in this process, so its CPU time is the whole pipeline's (all threads when there are some).
        'posts/CPU-s': result.postsPerCpuSecond,
        stored: result.stored,
        // On one core, CPU time tells the pipeline's own speed on a shared machine; with threads, wall time does.
        [`goal ≥ ${GOAL_SQLITE} posts/s`]:
          (threads === 0 ? Math.max(result.postsPerSecond, result.postsPerCpuSecond) : result.postsPerSecond) >=
          GOAL_SQLITE
            ? 'met'
            : 'MISSED',
      });
    } finally {
      await sqlite.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const scratch = await createScratchPostgres();
  if (!scratch) {
    rows.push({ database: 'PostgreSQL', posts: 'skipped: no server at BENCH_DATABASE_URL' });
    return rows;
  }
  const pg = createStore(openDatabase({ databaseUrl: scratch.url, dataDir: tmpdir() }));
  try {
    const result = await measure(pg, events, topics, THREADS);
    rows.push({
      database: 'PostgreSQL',
      'analysis threads': threadsLabel(THREADS),
      posts: POSTS,
      topics: TOPICS,
      'posts/s': result.postsPerSecond,
      // PostgreSQL works in its own processes: only wall time tells the whole cost.
      'posts/CPU-s': '—',
      stored: result.stored,
      [`goal ≥ ${GOAL_SQLITE} posts/s`]: '—',
    });
  } finally {
    await pg.close();
    await scratch.drop();
  }
  return rows;
}
