// `npm run bench`: runs every benchmark and prints its figures beside the goal it is measured against.
// `npm run bench -- sentiment` runs only the sections whose name contains "sentiment".
import { runApiBench } from './api.js';
import { runFeedsBench } from './feeds.js';
import { runFirstLoadBench } from './first-load.js';
import { runSentimentBench } from './sentiment.js';
import { runListeningMatchBench } from './listening-match.js';
import { runListeningPipelineBench } from './listening-pipeline.js';
import { runPublishBench } from './publish.js';
import { runStartupBench } from './startup.js';

type Row = Record<string, string | number>;

function table(rows: Row[]): string {
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  return [
    line(headers),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(headers.map((h) => String(r[h] ?? '')))),
  ].join('\n');
}

const sections: Array<{ name: string; title: string; run(): Promise<Row[]> }> = [
  {
    name: 'api',
    title:
      'API: GET /api/workspaces/:id/members with a Bearer API key (25 members), 32 connections.\n' +
      'Server pinned to one core (taskset), autocannon in a separate process on the other.',
    async run() {
      return (await runApiBench()).map((r) => ({
        database: r.database,
        'req/s': r.requestsPerSecond,
        'p50 ms': r.p50Ms,
        'p99 ms': r.p99Ms,
        errors: r.errors + r.non2xx,
        'goal ≥ 2000 req/s': r.database.startsWith('SQLite') ? (r.requestsPerSecond >= 2000 ? 'met' : 'MISSED') : '—',
      }));
    },
  },
  {
    name: 'publish',
    title:
      'Publishing: posts due within one minute, to a local Mastodon-like endpoint answering in 40 ms;\n' +
      'lateness = publish time − due time. Embedded versus PostgreSQL + Redis with 1 and 2 workers.',
    run: runPublishBench,
  },
  {
    name: 'listening-match',
    title:
      'Listening: topic matching on Jetstream-format events built from real French tweets, one core;\n' +
      'the topic index against a naive baseline (one regular expression set per topic, every topic on every post).',
    run: runListeningMatchBench,
  },
  {
    name: 'listening-pipeline',
    title:
      'Listening: the whole pipeline on Jetstream-format events from real French tweets, 100 topics, batches of 500:\n' +
      'dedupe, near-duplicates, language, sentiment, topics, storage with full-text index; SQLite and PostgreSQL.',
    run: runListeningPipelineBench,
  },
  {
    name: 'startup',
    title:
      'Start-up: the `rostra` command compiled (esbuild bundle) versus its TypeScript sources through tsx;\n' +
      `wall time from spawn (median of ${process.env.BENCH_STARTUP_RUNS ?? 5} runs), server until /api/health answers, its RSS then.`,
    run: runStartupBench,
  },
  {
    name: 'feeds',
    title:
      "Feeds: Rostra's corpus (testing/feeds-corpus: RSS, RDF, Atom, JSON Feed from the specs, and empty, cut-off,\n" +
      'ill-formed, mislabelled feeds), one core; feedsmith alone in the same run as the reference.',
    run: runFeedsBench,
  },
  {
    name: 'first-load',
    title:
      'Web UI: bytes of the first load (login and home page) and what each page adds on its first visit, as the\n' +
      'server sends them (the build writes .gz and .br beside each asset); the whole app at once as the reference.',
    async run() {
      return runFirstLoadBench();
    },
  },
  {
    name: 'sentiment',
    title: 'Sentiment on the French tweets val split (DEFT 2017 via XLM-T), one core; references from the issue.',
    run: runSentimentBench,
  },
];

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  console.log('Rostra benchmarks');
  for (const section of sections) {
    if (only.length > 0 && !only.some((o) => section.name.includes(o))) continue;
    console.log(`\n${section.title}`);
    console.log(table(await section.run()));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
