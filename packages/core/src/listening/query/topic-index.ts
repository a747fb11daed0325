// Matches a mention against many topics without evaluating each: every topic is filed under the terms of its
// most selective required clause, a mention's words and field keys look up the topics that could match, and
// only those run their exact predicate. Topics that require nothing are candidates for every mention.
import { AppError } from '../../errors.js';
import { compileQuery, type CompiledQuery } from './compile-query.js';
import { isQueryError, QueryError } from './errors.js';
import { isPreparedMention, prepareMention, type Mention, type PreparedMention } from './mention.js';
import { chooseIndexClause } from './required-terms.js';
import { compileWordPattern } from './word-pattern.js';

export interface TopicDefinition {
  id: string;
  query: string | CompiledQuery;
}

export interface TopicIndexStats {
  topics: number;
  /** Distinct exact keys topics are filed under. */
  keys: number;
  /** Distinct wildcard patterns topics are filed under. */
  patterns: number;
  /** Topics evaluated on every mention because they require nothing (only NOT, url: or author:). */
  alwaysCandidates: number;
}

export interface TopicIndex {
  readonly stats: TopicIndexStats;
  /** Ids of the topics the mention matches, in the order the topics were given. */
  match(mention: Mention | PreparedMention): string[];
  /** Ids of the topics the pre-filter lets through, before exact evaluation; for tests and diagnostics. */
  listCandidates(mention: Mention | PreparedMention): string[];
}

interface FiledPattern {
  test: (key: string) => boolean;
  topics: number[];
}

/**
 * Keys whose topics are remembered. Words follow Zipf's law, so most of a post's words were met recently;
 * the memo is emptied when full, which is cheaper than keeping it in LRU order.
 */
const MAX_REMEMBERED_KEYS = 50_000;
const NONE: readonly number[] = [];

function compileTopic(topic: TopicDefinition): CompiledQuery {
  if (typeof topic.query !== 'string') return topic.query;
  try {
    return compileQuery(topic.query);
  } catch (error) {
    if (!isQueryError(error)) throw error;
    throw new QueryError(error.code, error.column, error.length, error.details, topic.id);
  }
}

function fileUnder<K>(table: Map<K, number[]>, key: K, topic: number): void {
  const topics = table.get(key);
  if (!topics) table.set(key, [topic]);
  else if (topics[topics.length - 1] !== topic) topics.push(topic);
}

/**
 * Wildcard patterns grouped by their first character, so a key is only tested against the patterns that can
 * accept it; patterns starting with `?` are tested against every key.
 */
function groupPatterns(patterns: Map<string, number[]>): {
  byFirst: Map<string, FiledPattern[]>;
  anyFirst: FiledPattern[];
} {
  const byFirst = new Map<string, FiledPattern[]>();
  const anyFirst: FiledPattern[] = [];
  for (const [pattern, topics] of patterns) {
    const filed = { test: compileWordPattern(pattern), topics };
    const first = pattern[0] as string;
    if (first === '?') anyFirst.push(filed);
    else byFirst.set(first, [...(byFirst.get(first) ?? []), filed]);
  }
  return { byFirst, anyFirst };
}

/** Throws a `QueryError` carrying the topic's id when a query is invalid, an `AppError` on duplicate ids. */
export function createTopicIndex(topics: readonly TopicDefinition[]): TopicIndex {
  const ids = topics.map((t) => t.id);
  const distinct = new Set<string>();
  for (const id of ids) {
    if (distinct.has(id)) throw new AppError('conflict', `Two topics share the id "${id}".`, { id });
    distinct.add(id);
  }

  const queries = topics.map(compileTopic);
  const exact = new Map<string, number[]>();
  const patterns = new Map<string, number[]>();
  const always: number[] = [];
  queries.forEach((query, topic) => {
    const clause = chooseIndexClause(query.requiredTerms);
    if (!clause) always.push(topic);
    else for (const { key, wildcard } of clause) fileUnder(wildcard ? patterns : exact, key, topic);
  });
  const { byFirst, anyFirst } = groupPatterns(patterns);
  const rememberedKeys = new Map<string, readonly number[]>();

  // A stamp per topic instead of a Set per mention: a topic is a candidate once per mention, at no allocation.
  const seen = new Uint32Array(queries.length);
  let stamp = 0;

  /**
   * Topics filed under the key itself or under a pattern accepting it. Computed on first sight of the key and
   * remembered, so a known word costs one lookup however many patterns the topics use.
   */
  function findFiledTopics(key: string): readonly number[] {
    let found = rememberedKeys.get(key);
    if (found) return found;
    const topicLists: number[][] = [];
    const exactTopics = exact.get(key);
    if (exactTopics) topicLists.push(exactTopics);
    for (const group of [byFirst.get(key[0] as string), anyFirst]) {
      for (const pattern of group ?? []) if (pattern.test(key)) topicLists.push(pattern.topics);
    }
    found = topicLists.length === 0 ? NONE : topicLists.length === 1 ? (topicLists[0] as number[]) : topicLists.flat();
    if (rememberedKeys.size >= MAX_REMEMBERED_KEYS) rememberedKeys.clear();
    rememberedKeys.set(key, found);
    return found;
  }

  // Helpers are created once per index, not per mention: the hot path allocates only the candidate list.
  function addTopics(found: readonly number[] | undefined, candidates: number[]): void {
    if (!found) return;
    for (const topic of found) {
      if (seen[topic] === stamp) continue;
      seen[topic] = stamp;
      candidates.push(topic);
    }
  }

  function collectCandidates(mention: PreparedMention): number[] {
    if (++stamp === 0xffffffff) {
      seen.fill(0);
      stamp = 1;
    }
    const candidates: number[] = [];
    for (const key of mention.words.keys()) addTopics(findFiledTopics(key), candidates);
    for (const key of mention.fieldKeys) addTopics(findFiledTopics(key), candidates);
    addTopics(always, candidates);
    return candidates;
  }

  const prepare = (mention: Mention | PreparedMention) =>
    isPreparedMention(mention) ? mention : prepareMention(mention);

  return {
    stats: { topics: queries.length, keys: exact.size, patterns: patterns.size, alwaysCandidates: always.length },
    match(mention) {
      const prepared = prepare(mention);
      const matched: number[] = [];
      for (const topic of collectCandidates(prepared)) {
        if ((queries[topic] as CompiledQuery).test(prepared)) matched.push(topic);
      }
      return matched.sort((a, b) => a - b).map((topic) => ids[topic] as string);
    },
    listCandidates(mention) {
      return collectCandidates(prepare(mention))
        .sort((a, b) => a - b)
        .map((topic) => ids[topic] as string);
    },
  };
}
