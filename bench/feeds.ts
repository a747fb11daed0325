// Benchmark: feed parsing on Rostra's own corpus (packages/connectors/src/testing/feeds-corpus/: files written from
// the RSS, RDF, Atom and JSON Feed specs and the ways real feeds break). Files that give their items, fields right,
// crashes and items/s, for Rostra's parseFeed and, in the same run, for feedsmith alone (bytes read as UTF-8, its
// values taken as they come, dates through Date.parse) as the reference; items/s also on the real feeds of
// /work/shared/data/feeds-real when present.
//   node --import tsx bench/feeds.ts
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseFeed as feedsmithParse } from 'feedsmith';
import { ConnectorError } from '../packages/connectors/src/errors.js';
import { parseFeed } from '../packages/connectors/src/feeds/parse.js';
import {
  readFeedCorpus,
  scoreFeedCorpus,
  type CorpusCase,
  type ScoredFeed,
} from '../packages/connectors/src/testing/feeds-corpus.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REAL_FEEDS = path.resolve(ROOT, '../shared/data/feeds-real');
const TIMING_MS = Number(process.env.BENCH_FEEDS_MS ?? 1500);
const GOAL_FILES = 0.99;
const GOAL_FIELDS = 0.95;

type Row = Record<string, string | number>;
type Parse = (body: Buffer, contentType: string | null, url: string) => ScoredFeed;

export async function runFeedsBench(): Promise<Row[]> {
  const corpus = readFeedCorpus();
  const real = existsSync(REAL_FEEDS)
    ? readdirSync(REAL_FEEDS)
        .filter((file) => !file.startsWith('LICENSE'))
        .map((file) => ({ file, body: readFileSync(path.join(REAL_FEEDS, file)), expected: {} }))
    : [];
  const rostra: Parse = (body, contentType, url) => parseFeed(body, contentType, url);
  return [
    measure(
      'Rostra parseFeed (tolerant XML tree, chardet, own dates)',
      rostra,
      corpus,
      real,
      (error) => error instanceof ConnectorError && error.code === 'rejected',
    ),
    measure(
      'reference: feedsmith 3.0.1 alone',
      parseWithFeedsmith,
      corpus,
      real,
      (error) =>
        // feedsmith throws its own errors for what is not a feed it can read, JSON.parse a SyntaxError for JSON
        // that is cut short; anything else is a crash.
        error instanceof SyntaxError ||
        (error instanceof Error &&
          /feed format|not a feed|ParseError|DetectError|MalformedError/i.test(`${error.name} ${error.message}`)),
    ),
    {
      system: 'goal (on the held-out corpus too)',
      'files parsed': `≥ ${GOAL_FILES * 100}%`,
      'fields right': `≥ ${GOAL_FIELDS * 100}%`,
      crashes: 0,
      'items/s corpus': '—',
      'items/s real feeds': '—',
      goal: '—',
    },
  ];
}

function measure(
  system: string,
  parse: Parse,
  corpus: CorpusCase[],
  real: CorpusCase[],
  isRefusal: (error: unknown) => boolean,
): Row {
  const score = scoreFeedCorpus(corpus, parse, isRefusal);
  const files = score.parsed / score.files;
  const fields = score.fieldsRight / score.fieldsChecked;
  const realSpeed = real.length === 0 ? '—' : Math.round(itemsPerSecond(parse, real));
  return {
    system,
    'files parsed': `${score.parsed}/${score.files} (${percent(files)})`,
    'fields right': `${score.fieldsRight}/${score.fieldsChecked} (${percent(fields)})`,
    crashes: score.crashes,
    'items/s corpus': Math.round(itemsPerSecond(parse, corpus)),
    'items/s real feeds': realSpeed,
    goal: files >= GOAL_FILES && fields >= GOAL_FIELDS && score.crashes === 0 ? 'met' : 'MISSED',
  };
}

/** Items per second over the files, repeated for at least TIMING_MS after a warm-up pass. */
function itemsPerSecond(parse: Parse, files: CorpusCase[]): number {
  const once = () => {
    let items = 0;
    for (const { file, body, expected } of files) {
      try {
        items += parse(body, expected.contentType ?? null, `https://corpus.example/${file}`).items.length;
      } catch {
        // Refused or broken: no items.
      }
    }
    return items;
  };
  once();
  let items = 0;
  const start = performance.now();
  while (performance.now() - start < TIMING_MS) items += once();
  return items / ((performance.now() - start) / 1000);
}

/** feedsmith's answer as it comes: its strings unconverted, the first of each list, Date.parse for dates. */
function parseWithFeedsmith(body: Buffer): ScoredFeed {
  const text = new TextDecoder('utf-8').decode(body).trim();
  const parsed = feedsmithParse(text.startsWith('{') ? (JSON.parse(text) as unknown) : text);
  const date = (value: unknown) => {
    const time = typeof value === 'string' ? Date.parse(value) : NaN;
    return Number.isNaN(time) ? null : time;
  };
  switch (parsed.format) {
    case 'rss':
    case 'rdf': {
      const feed = parsed.feed;
      const items = (feed.items ?? []) as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- two formats' item types, read loosely
      return {
        feedTitle: feed.title ?? null,
        siteUrl: feed.link ?? null,
        language: ('language' in feed ? feed.language : undefined) ?? null,
        items: items.map((item) => ({
          id: item.guid?.value ?? item.rdf?.about,
          url: item.link ?? null,
          title: item.title,
          text: item.content?.encoded ?? item.description,
          author: item.authors?.[0]?.name ?? item.dc?.creators?.[0] ?? null,
          publishedAt: date(item.pubDate ?? item.dc?.dates?.[0]),
          updatedAt: null,
          language: item.dc?.languages?.[0] ?? null,
        })),
      };
    }
    case 'atom': {
      const feed = parsed.feed;
      return {
        feedTitle: feed.title?.value ?? null,
        siteUrl: feed.links?.find((link) => (link.rel ?? 'alternate') === 'alternate')?.href ?? null,
        language: feed.xml?.lang ?? null,
        items: (feed.entries ?? []).map((entry) => ({
          id: entry.id,
          url: entry.links?.find((link) => (link.rel ?? 'alternate') === 'alternate')?.href ?? null,
          title: entry.title?.value,
          text: entry.content?.value ?? entry.summary?.value,
          author: entry.authors?.[0]?.name ?? null,
          publishedAt: date(entry.published ?? entry.updated),
          updatedAt: date(entry.updated),
          language: entry.xml?.lang ?? null,
        })),
      };
    }
    case 'json': {
      const feed = parsed.feed;
      return {
        feedTitle: feed.title ?? null,
        siteUrl: feed.home_page_url ?? null,
        language: feed.language ?? null,
        items: (feed.items ?? []).map((item) => ({
          id: item.id === undefined ? undefined : String(item.id),
          url: item.url ?? null,
          title: item.title,
          text: item.content_text ?? item.content_html ?? item.summary,
          author: item.authors?.[0]?.name ?? null,
          publishedAt: date(item.date_published),
          updatedAt: date(item.date_modified),
          language: item.language ?? null,
        })),
      };
    }
  }
}

function percent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.table(await runFeedsBench());
}
