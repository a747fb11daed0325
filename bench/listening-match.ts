// Benchmark: posts/s of the listening topic index on one core, against a naive matcher that runs every topic
// on every post with regular expressions. Posts are real French tweets wrapped as Bluesky Jetstream events
// (parsed from JSON on each run, as the ingestion worker will); topics are generated from their vocabulary.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  createTopicIndex,
  parseQuery,
  type Mention,
  type QueryNode,
  type TextNode,
} from '../packages/core/src/listening/query/index.js';
import { scanText } from '../packages/core/src/listening/query/normalise.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = path.resolve(repoRoot, '../shared/data/sentiment-fr-tweets');
const DATA_FILES = ['train_text.txt', 'val_text.txt'];
const TOPIC_COUNTS = [1, 100, 1000];
const MEASURE_MS = Number(process.env.BENCH_LISTENING_MS ?? 2000);
const GOAL_POSTS_PER_SECOND = 50_000;
const GOAL_SPEED_UP = 10;

// --- Input: Jetstream commit events ---------------------------------------------------------------------

interface JetstreamEvent {
  did: string;
  time_us: number;
  kind: 'commit';
  commit: {
    operation: 'create';
    collection: 'app.bsky.feed.post';
    rkey: string;
    record: { $type: 'app.bsky.feed.post'; text: string; langs?: string[]; createdAt: string };
  };
}

const BASE32_SORTABLE = '234567abcdefghijklmnopqrstuvwxyz';

/** A Bluesky record key (TID): 13 sortable base-32 characters from the timestamp. */
function encodeTid(timeUs: number, clockId: number): string {
  let value = (BigInt(timeUs) << 10n) | BigInt(clockId & 1023);
  let tid = '';
  for (let i = 0; i < 13; i++) {
    tid = BASE32_SORTABLE[Number(value & 31n)] + tid;
    value >>= 5n;
  }
  return tid;
}

function wrapAsJetstreamEvent(text: string, i: number): string {
  const timeUs = 1_735_689_600_000_000 + i * 1_000_003;
  const event: JetstreamEvent = {
    did: `did:plc:${encodeTid(i * 7919, 0).slice(0, 12)}${(i % 997).toString(36).padStart(2, '0')}`,
    time_us: timeUs,
    kind: 'commit',
    commit: {
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey: encodeTid(timeUs, i),
      record: { $type: 'app.bsky.feed.post', text, langs: ['fr'], createdAt: new Date(timeUs / 1000).toISOString() },
    },
  };
  return JSON.stringify(event);
}

/** What the ingestion worker will hand to the matcher: the post, its language, network and address. */
function readMention(line: string): Mention {
  const event = JSON.parse(line) as JetstreamEvent;
  const record = event.commit.record;
  return {
    text: record.text,
    lang: record.langs?.[0],
    source: 'bluesky',
    url: `https://bsky.app/profile/${event.did}/post/${event.commit.rkey}`,
  };
}

// --- Topics generated from the corpus vocabulary ---------------------------------------------------------

function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T,
    between: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    chance: (p: number) => next() < p,
  };
}

type Random = ReturnType<typeof createRandom>;

const STOPWORDS = new Set(
  (
    'alors aussi autre avant avec avoir bien cela celle cette comme dans depuis donc elle elles encore entre est ' +
    'été être fait faire peut plus pour pourquoi quand quel quelle sans sera sont tous tout toute très vers voici ' +
    'http https user nous vous leur leurs notre votre mais même aux des les une sur par pas que qui'
  ).split(' '),
);

/** Brands, institutions and places a communication team in this sector (environment, energy) would watch. */
const BRANDS = ['EDF', 'Engie', 'TotalEnergies', 'Total', 'Areva', 'Greenpeace', 'WWF', 'Veolia', 'Suez', 'SNCF'];
const BRAND_HANDLES = ['edf_officiel', 'engiegroup', 'greenpeacefr', 'wwffrance', 'veolia', 'sncf'];
const PEOPLE = ['"Ségolène Royal"', '"Nicolas Hulot"', '"Ban Ki-moon"', '"Laurent Fabius"'];
const CITIES = ['Paris', 'Lyon', 'Marseille', 'Bordeaux', 'Nantes', 'Lille', 'Grenoble', 'Montréal', 'Bruxelles'];

interface Vocabulary {
  words: string[];
  phrases: string[];
  hashtags: string[];
}

/** Mid-frequency words (as most often written, accents included), frequent word pairs and hashtags. */
function collectVocabulary(texts: string[]): Vocabulary {
  const counts = new Map<string, { count: number; spellings: Map<string, number> }>();
  const pairs = new Map<string, number>();
  const tags = new Map<string, number>();
  for (const text of texts) {
    let previous: string | undefined;
    scanText(text, {
      word(raw, folded) {
        const entry = counts.get(folded) ?? { count: 0, spellings: new Map<string, number>() };
        entry.count++;
        const spelling = raw.toLowerCase();
        entry.spellings.set(spelling, (entry.spellings.get(spelling) ?? 0) + 1);
        counts.set(folded, entry);
        const usable = folded.length >= 3 && !STOPWORDS.has(folded) && !/\d/.test(folded);
        if (previous && usable) pairs.set(`${previous} ${spelling}`, (pairs.get(`${previous} ${spelling}`) ?? 0) + 1);
        previous = usable ? spelling : undefined;
      },
      hashtag(tag) {
        tags.set(tag, (tags.get(tag) ?? 0) + 1);
      },
    });
  }
  const words = [...counts.entries()]
    .filter(([folded, e]) => e.count >= 3 && e.count <= 150 && folded.length >= 5 && !STOPWORDS.has(folded))
    .filter(([folded]) => !/\d/.test(folded))
    .map(([, e]) => [...e.spellings.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] as string)
    .sort();
  const phrases = [...pairs.entries()]
    .filter(([, count]) => count >= 3)
    .map(([pair]) => pair)
    .sort();
  const hashtags = [...tags.entries()]
    .filter(([tag, count]) => count >= 2 && /^[a-z]/.test(tag))
    .map(([tag]) => tag)
    .sort();
  return { words, phrases, hashtags };
}

/** The start of a word with a trailing `*` ("réchauff*"), or one letter replaced by `?` ("r?chauffement"). */
function makeWildcard(random: Random, word: string): string {
  const letters = Array.from(word);
  if (random.chance(0.7) || letters.length < 6) return `${letters.slice(0, Math.max(4, letters.length - 3)).join('')}*`;
  letters[random.between(1, letters.length - 2)] = '?';
  return letters.join('');
}

function generateTopic(random: Random, v: Vocabulary): string {
  const word = () => random.pick(v.words);
  const phrase = () => `"${random.pick(v.phrases)}"`;
  const brand = () => random.pick(BRANDS);
  switch (random.between(0, 9)) {
    case 0:
      return `${random.pick(PEOPLE)} OR @${random.pick(BRAND_HANDLES)} OR #${random.pick(v.hashtags)}`;
    case 1:
      return `(${brand()} OR ${brand()}) AND (${word()} OR ${makeWildcard(random, word())})`;
    case 2:
      return `${random.pick(CITIES)} AND (${word()} OR ${phrase()} OR ${word()}) -${word()}`;
    case 3:
      return `(${word()} OR ${makeWildcard(random, word())} OR ${phrase()}) AND lang:fr -site:leboncoin.fr`;
    case 4:
      return `(${word()} OR ${word()}) NEAR/${random.between(1, 6)} ${word()}`;
    case 5:
      return `${phrase()} ONEAR/${random.between(1, 4)} (${word()} OR ${word()})`;
    case 6:
      return `#${random.pick(v.hashtags)} OR #${random.pick(v.hashtags)} OR ${word()}`;
    case 7:
      return `raw:${brand()} -(${word()} OR ${phrase()})`;
    case 8:
      return `${makeWildcard(random, word())} ${word()} -${word()}`;
    default:
      return `(${word()} OR ${word()} OR ${word()}) AND (${word()} OR ${phrase()})`;
  }
}

// --- The naive baseline ------------------------------------------------------------------------------------

/** A post as the naive matcher sees it: its text normalised once, lower-cased and accent-folded once. */
interface NaivePost {
  raw: string;
  folded: string;
  lang: string;
  source: string;
  host: string;
  url: string;
  author: string;
}

type NaivePredicate = (post: NaivePost) => boolean;

const W = "\\p{L}\\p{N}\\p{M}'";
const ELISION = /(?<![\p{L}\p{N}\p{M}'])(?:jusqu|lorsqu|puisqu|quoiqu|qu|[cdjlmnst])'(?=[\p{L}\p{N}])/giu;
const STRAY_APOSTROPHE = /(?<![\p{L}\p{N}\p{M}])'|'(?![\p{L}\p{N}])/gu;
const EXPANSIONS: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i', ς: 'σ' };

/** Same words as Rostra's tokeniser sees: one apostrophe, elisions removed, stray apostrophes as spaces. */
function normaliseForRegex(text: string): string {
  return text.normalize('NFC').replace(/[’ʼ‘]/g, "'").replace(ELISION, '').replace(STRAY_APOSTROPHE, ' ');
}

function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}/gu, '')
    .replace(/[œæßøđłıς]/g, (c) => EXPANSIONS[c] ?? c);
}

function prepareNaivePost(mention: Mention): NaivePost {
  const raw = normaliseForRegex(mention.text);
  const host =
    (mention.url ?? '')
      .toLowerCase()
      .replace(/^[a-z]+:\/\//, '')
      .split(/[/?#:]/)[0] ?? '';
  return {
    raw,
    folded: foldText(raw),
    lang: (mention.lang ?? '').toLowerCase(),
    source: (mention.source ?? '').toLowerCase(),
    host,
    url: (mention.url ?? '').toLowerCase(),
    author: foldText(normaliseForRegex(mention.author ?? '')),
  };
}

function wordPattern(word: string): string {
  return word
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, `[${W}]*`)
    .replace(/\?/g, `[${W}]`);
}

function phrasePattern(node: TextNode): string {
  return node.words.map(wordPattern).join(`[^${W}]+`);
}

function bounded(pattern: string): string {
  return `(?<![${W}])(?:${pattern})(?![${W}])`;
}

function compileNaive(node: QueryNode): NaivePredicate {
  switch (node.kind) {
    case 'text': {
      const regex = new RegExp(bounded(phrasePattern(node)), 'u');
      return node.raw ? (p) => regex.test(p.raw) : (p) => regex.test(p.folded);
    }
    case 'and': {
      const children = node.children.map(compileNaive);
      return (p) => children.every((child) => child(p));
    }
    case 'or': {
      const children = node.children.map(compileNaive);
      return (p) => children.some((child) => child(p));
    }
    case 'not': {
      const child = compileNaive(node.child);
      return (p) => !child(p);
    }
    case 'near': {
      // Left, then up to n whole words, then right (and the reverse unless ONEAR).
      const left = bounded(node.left.map(phrasePattern).join('|'));
      const right = bounded(node.right.map(phrasePattern).join('|'));
      const gap = `(?:[^${W}]+[${W}]+){0,${node.distance}}[^${W}]+`;
      const source = node.ordered ? `${left}${gap}${right}` : `${left}${gap}${right}|${right}${gap}${left}`;
      const regex = new RegExp(source, 'u');
      const raw = [...node.left, ...node.right].some((t) => t.raw);
      return raw ? (p) => regex.test(p.raw) : (p) => regex.test(p.folded);
    }
    case 'proximity': {
      // The generated topics hold no ~n; two operands are a NEAR, more have no regular expression here.
      const [left, right, ...more] = node.operands;
      if (!left || !right || more.length > 0) throw new Error('The naive matcher reads ~n on two operands only.');
      return compileNaive({ kind: 'near', left, right, distance: node.distance, ordered: false });
    }
    case 'hashtag': {
      const tag = node.tag.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[\\p{L}\\p{N}\\p{M}_]*');
      const regex = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_&])[#＃]${tag}(?![\\p{L}\\p{N}\\p{M}_])`, 'u');
      return (p) => regex.test(p.folded);
    }
    case 'mention': {
      const handle = node.handle.replace(/[.+^${}()|[\]\\]/g, '\\$&');
      const ends = '(?![\\p{L}\\p{N}\\p{M}_]|[.-]+[\\p{L}\\p{N}\\p{M}_])';
      const after = node.handle.includes('.') ? ends : `(?:(?=\\.[\\p{L}\\p{N}\\p{M}_])|${ends})`;
      const regex = new RegExp(`(?<![\\p{L}\\p{N}\\p{M}_.@])@${handle}${after}`, 'u');
      return (p) => regex.test(p.folded);
    }
    case 'author': {
      const regex = new RegExp(bounded(phrasePattern({ kind: 'text', words: node.words, raw: false })), 'u');
      return (p) => regex.test(p.author);
    }
    case 'field': {
      const value = node.value;
      switch (node.field) {
        case 'site':
          return (p) => p.host === value || p.host.endsWith(`.${value}`);
        case 'url':
          return (p) => p.url.includes(value);
        case 'lang':
          return (p) => p.lang === value || p.lang.startsWith(`${value}-`);
        case 'source':
          return (p) => p.source === value || p.source.startsWith(`${value}:`);
      }
    }
  }
}

// --- Measurement -------------------------------------------------------------------------------------------

interface Throughput {
  /** Posts per second of CPU time used by this process: what one core does, whoever else shares the machine. */
  perCpuSecond: number;
  /** Posts per second of elapsed time: lower than the above when other processes compete for the cores. */
  perWallSecond: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/**
 * Throughput of `matchLine`, cycling through the events: a warm-up of MEASURE_MS / 2 (the JIT takes most of a
 * second to settle), then the median of ten windows of MEASURE_MS / 10, which a burst of activity elsewhere on
 * the machine cannot skew as it would one long window. CPU time includes V8's GC helper threads, so the
 * per-CPU-second figure errs low.
 */
function measureThroughput(events: string[], matchLine: (line: string) => unknown): Throughput {
  let next = 0;
  const runFor = (ms: number): Throughput => {
    let posts = 0;
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    do {
      for (let i = 0; i < 8; i++) matchLine(events[next++ % events.length] as string);
      posts += 8;
    } while (performance.now() - started < ms);
    const wallSeconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    return { perCpuSecond: posts / ((cpu.user + cpu.system) / 1e6), perWallSecond: posts / wallSeconds };
  };
  runFor(MEASURE_MS / 2);
  const windows = Array.from({ length: 10 }, () => runFor(MEASURE_MS / 10));
  return {
    perCpuSecond: median(windows.map((w) => w.perCpuSecond)),
    perWallSecond: median(windows.map((w) => w.perWallSecond)),
  };
}

function formatRate(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

export async function runListeningMatchBench(): Promise<Array<Record<string, string | number>>> {
  const files = DATA_FILES.map((name) => path.join(DATA_DIR, name));
  if (!files.every(existsSync)) {
    console.log(`(listening match: French tweets not found in ${DATA_DIR}: skipped)`);
    return [];
  }
  const texts = files.flatMap((file) => readFileSync(file, 'utf8').split('\n')).filter((t) => t.trim());
  const events = texts.map(wrapAsJetstreamEvent);
  const vocabulary = collectVocabulary(texts);
  const random = createRandom(0x0b5e55ed);
  const allTopics = Array.from({ length: Math.max(...TOPIC_COUNTS) }, (_, i) => ({
    id: `topic-${i}`,
    query: generateTopic(random, vocabulary),
  }));

  const rows: Array<Record<string, string | number>> = [];
  for (const count of TOPIC_COUNTS) {
    const topics = allTopics.slice(0, count);
    const index = createTopicIndex(topics);
    const naive = topics.map((t) => ({ id: t.id, test: compileNaive(parseQuery(t.query)) }));
    const matchNaive = (mention: Mention) => {
      const post = prepareNaivePost(mention);
      return naive.filter((t) => t.test(post)).map((t) => t.id);
    };

    let indexMatches = 0;
    let naiveMatches = 0;
    let disagreements = 0;
    for (const line of events) {
      const fromIndex = index.match(readMention(line));
      const fromNaive = matchNaive(readMention(line));
      indexMatches += fromIndex.length;
      naiveMatches += fromNaive.length;
      if (fromIndex.join() !== fromNaive.join()) disagreements++;
    }

    const indexRate = measureThroughput(events, (line) => index.match(readMention(line)));
    const naiveRate = measureThroughput(events, (line) => matchNaive(readMention(line)));
    const speedUp = indexRate.perCpuSecond / naiveRate.perCpuSecond;
    const atScale = count === Math.max(...TOPIC_COUNTS);
    rows.push({
      topics: count,
      'index posts/s': formatRate(indexRate.perCpuSecond),
      'naive posts/s': formatRate(naiveRate.perCpuSecond),
      'speed-up': `${speedUp.toFixed(1)}×`,
      'index posts/s (wall)': formatRate(indexRate.perWallSecond),
      'matches (index = naive)': `${indexMatches} ${indexMatches === naiveMatches ? '=' : '≠'} ${naiveMatches}`,
      agree: disagreements === 0 ? 'yes' : `NO (${disagreements} posts differ)`,
      [`goal ≥ ${formatRate(GOAL_POSTS_PER_SECOND)} posts/s`]: atScale
        ? indexRate.perCpuSecond >= GOAL_POSTS_PER_SECOND
          ? 'met'
          : 'MISSED'
        : '—',
      [`goal ≥ ${GOAL_SPEED_UP}× naive`]: atScale ? (speedUp >= GOAL_SPEED_UP ? 'met' : 'MISSED') : '—',
    });
  }
  return rows;
}

function formatTable(rows: Array<Record<string, string | number>>): string {
  const headers = Object.keys(rows[0] ?? {});
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join('  ');
  return [
    line(headers),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map((r) => line(headers.map((h) => String(r[h])))),
  ].join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log('Listening: topics matched per post, 2,161 French tweets as Jetstream events, one thread.');
  console.log(
    'posts/s per CPU-second of this process (one core); "wall" is per elapsed second, lower on a busy machine.',
  );
  runListeningMatchBench()
    .then((rows) => {
      if (rows.length > 0) console.log(formatTable(rows));
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
