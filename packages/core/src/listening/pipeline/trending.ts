// Dashboard figures computed from mention texts: the terms and hashtags that rise, and each topic's share of
// voice. Pure functions over what the store returns, so both databases give the same answers.
import { extractHashtags, foldHashtag, listFoldedWords } from '../query/normalise.js';
import { STOP_WORDS } from './stop-words.js';

export interface TermCount {
  term: string;
  count: number;
  /** How often it appeared in the previous window of the same length. */
  previousCount: number;
  /** How far above its previous rate it is, in standard deviations of a Poisson count (higher = rising). */
  score: number;
}

const MIN_TERM_LENGTH = 3;
const NUMERIC = /^\d+$/;

interface TrendItem {
  text: string;
  hashtags?: readonly string[];
}

function countDocuments(
  items: readonly TrendItem[],
  extract: (item: TrendItem) => Iterable<string>,
): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    // Once per mention: a post repeating a word ten times is one voice, not ten.
    for (const term of new Set(extract(item))) counts.set(term, (counts.get(term) ?? 0) + 1);
  }
  return counts;
}

/** Content words, without the hashtags' words: those are counted as hashtags. */
export function extractTerms(text: string): string[] {
  const tags = new Set(extractHashtags(text).map(foldHashtag));
  return listFoldedWords(text).filter(
    (word) => word.length >= MIN_TERM_LENGTH && !STOP_WORDS.has(word) && !NUMERIC.test(word) && !tags.has(word),
  );
}

export function extractTags(text: string, listed: readonly string[] = []): string[] {
  return [...extractHashtags(text).map(foldHashtag), ...listed.map(foldHashtag)].filter((t) => t !== '');
}

/**
 * Ranks what the current window talks about more than the previous one did: each count is compared to the
 * previous count scaled to the current volume, score = (c − e) / √(e + 1). Terms seen fewer than `minCount`
 * times are left out, so one post cannot make a trend.
 */
export function rankRisingTerms(
  current: Map<string, number>,
  previous: Map<string, number>,
  options: { currentTotal: number; previousTotal: number; limit: number; minCount?: number },
): TermCount[] {
  const ratio = options.previousTotal > 0 ? options.currentTotal / options.previousTotal : 0;
  const minCount = options.minCount ?? 2;
  const ranked: TermCount[] = [];
  for (const [term, count] of current) {
    if (count < minCount) continue;
    const previousCount = previous.get(term) ?? 0;
    const expected = previousCount * ratio;
    ranked.push({ term, count, previousCount, score: (count - expected) / Math.sqrt(expected + 1) });
  }
  ranked.sort((a, b) => b.score - a.score || b.count - a.count || a.term.localeCompare(b.term));
  return ranked.slice(0, options.limit);
}

export interface TrendingInput {
  current: readonly TrendItem[];
  previous: readonly TrendItem[];
  limit: number;
  minCount?: number;
}

export function findTrending(input: TrendingInput): { terms: TermCount[]; hashtags: TermCount[] } {
  const options = {
    currentTotal: input.current.length,
    previousTotal: input.previous.length,
    limit: input.limit,
    ...(input.minCount === undefined ? {} : { minCount: input.minCount }),
  };
  const terms = (item: TrendItem) => extractTerms(item.text);
  const tags = (item: TrendItem) => extractTags(item.text, item.hashtags);
  return {
    terms: rankRisingTerms(countDocuments(input.current, terms), countDocuments(input.previous, terms), options),
    hashtags: rankRisingTerms(countDocuments(input.current, tags), countDocuments(input.previous, tags), options),
  };
}

export interface VoiceInput {
  topicId: string;
  group: string;
  mentions: number;
  /** Sum of the audience figures the networks gave; mentions without one count for nothing here. */
  reach: number;
}

export interface VoiceShare extends VoiceInput {
  /** 0–1 of all brand and competitor mentions. */
  shareOfMentions: number;
  /** 0–1 of all brand and competitor reach; 0 for everyone when no network gave reach. */
  shareOfReach: number;
}

/** Share of voice of the brand against its competitors; sector and other topics are not voices in that race. */
export function computeShareOfVoice(inputs: readonly VoiceInput[]): VoiceShare[] {
  const voices = inputs.filter((i) => i.group === 'brand' || i.group === 'competitor');
  const totalMentions = voices.reduce((sum, v) => sum + v.mentions, 0);
  const totalReach = voices.reduce((sum, v) => sum + v.reach, 0);
  return voices.map((v) => ({
    ...v,
    shareOfMentions: totalMentions > 0 ? v.mentions / totalMentions : 0,
    shareOfReach: totalReach > 0 ? v.reach / totalReach : 0,
  }));
}
