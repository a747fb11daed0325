// Rostra's own feed corpus (feeds-corpus/): small files written from the specs (RSS 2.0, RSS 1.0/RDF, Atom RFC 4287
// and 0.3, JSON Feed 1.0/1.1) and from the ways real feeds break (empty, cut off, ill-formed, mislabelled
// encodings, escaped markup, odd dates), each with the items and fields it must give. The corpus test and
// `npm run bench -- feeds` score a parser on it the same way.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const FEED_CORPUS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'feeds-corpus');

/** What a file must give: its item count (or a refusal), feed fields, and fields of items by index. */
export interface CorpusExpectation {
  items?: number;
  rejected?: boolean;
  contentType?: string;
  note?: string;
  feed?: Record<string, string | null>;
  fields?: Record<string, Record<string, string | null>>;
}

export interface CorpusCase {
  file: string;
  body: Buffer;
  expected: CorpusExpectation;
}

/** The fields a parser's answer is scored on; dates in milliseconds since the epoch. */
export interface ScoredFeed {
  feedTitle?: string | null;
  siteUrl?: string | null;
  language?: string | null;
  items: readonly object[];
}

export interface CorpusScore {
  files: number;
  /** Files that gave exactly their items (or were refused, for the files that are no feed). */
  parsed: number;
  fieldsChecked: number;
  fieldsRight: number;
  /** Exceptions other than the parser's own refusal. */
  crashes: number;
  /** Each wrong field, for reading: "file: field expected … got …". */
  misses: string[];
}

const DATE_FIELDS = new Set(['publishedAt', 'updatedAt']);

export function readFeedCorpus(): CorpusCase[] {
  const expectations = JSON.parse(readFileSync(path.join(FEED_CORPUS_DIR, 'expected.json'), 'utf8')) as Record<
    string,
    CorpusExpectation
  >;
  const files = readdirSync(FEED_CORPUS_DIR).filter((file) => file !== 'expected.json');
  for (const file of files) if (!expectations[file]) throw new Error(`${file} has no expectation in expected.json`);
  return Object.entries(expectations).map(([file, expected]) => ({
    file,
    body: readFileSync(path.join(FEED_CORPUS_DIR, file)),
    expected,
  }));
}

/**
 * Runs `parse` on every file. `isRefusal` tells a parser's deliberate "not a feed" from a crash; a file the parser
 * refuses counts every field it should have given as wrong.
 */
export function scoreFeedCorpus(
  cases: CorpusCase[],
  parse: (body: Buffer, contentType: string | null, url: string) => ScoredFeed,
  isRefusal: (error: unknown) => boolean,
): CorpusScore {
  const score: CorpusScore = {
    files: cases.length,
    parsed: 0,
    fieldsChecked: 0,
    fieldsRight: 0,
    crashes: 0,
    misses: [],
  };
  for (const { file, body, expected } of cases) {
    const checks = expectedChecks(expected);
    score.fieldsChecked += checks.length;
    let feed: ScoredFeed;
    try {
      feed = parse(body, expected.contentType ?? null, `https://corpus.example/${file}`);
    } catch (error) {
      if (!isRefusal(error)) score.crashes += 1;
      if (expected.rejected) {
        score.parsed += 1;
        score.fieldsRight += checks.length;
      } else {
        score.misses.push(`${file}: refused (${(error as Error).message})`);
      }
      continue;
    }
    if (expected.rejected) {
      score.misses.push(`${file}: should be refused, gave ${feed.items.length} items`);
      continue;
    }
    if (feed.items.length === expected.items) score.parsed += 1;
    for (const check of checks) {
      const actual = check.read(feed);
      if (sameValue(actual, check.expected, check.field)) score.fieldsRight += 1;
      else score.misses.push(`${file}: ${check.label} expected ${show(check.expected)} got ${show(actual)}`);
    }
  }
  return score;
}

interface Check {
  label: string;
  field: string;
  expected: unknown;
  read: (feed: ScoredFeed) => unknown;
}

function expectedChecks(expected: CorpusExpectation): Check[] {
  if (expected.rejected) return [{ label: 'refused', field: 'refused', expected: true, read: () => false }];
  const checks: Check[] = [
    { label: 'items', field: 'items', expected: expected.items, read: (feed) => feed.items.length },
  ];
  for (const [field, value] of Object.entries(expected.feed ?? {})) {
    checks.push({ label: `feed.${field}`, field, expected: value, read: (feed) => feed[field as keyof ScoredFeed] });
  }
  for (const [index, fields] of Object.entries(expected.fields ?? {})) {
    for (const [field, value] of Object.entries(fields)) {
      checks.push({
        label: `items[${index}].${field}`,
        field,
        expected: value,
        read: (feed) => (feed.items[+index] as Record<string, unknown> | undefined)?.[field],
      });
    }
  }
  return checks;
}

function sameValue(actual: unknown, expected: unknown, field: string): boolean {
  if (DATE_FIELDS.has(field)) {
    const want = expected === null ? null : Date.parse(expected as string);
    return actual === want || (actual === undefined && want === null);
  }
  if (expected === null) return actual === null || actual === undefined || actual === '';
  return actual === expected;
}

function show(value: unknown): string {
  return JSON.stringify(value) ?? 'undefined';
}
