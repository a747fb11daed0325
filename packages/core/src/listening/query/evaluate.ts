// Exact evaluation: turns a syntax tree into a predicate over a prepared mention, compiled once per query so
// that matching does no parsing or folding, only lookups in the words the mention was prepared with.
import type { NearNode, ProximityNode, QueryNode, TextNode } from './ast.js';
import type { PreparedMention } from './mention.js';
import { compileWordPattern, isWildcard } from './word-pattern.js';

export type Predicate = (mention: PreparedMention) => boolean;

/** Finds the positions of one query word in a mention. */
type WordFinder = (mention: PreparedMention) => readonly number[];

const NONE: readonly number[] = [];

function compileWordFinder(word: string, raw: boolean): WordFinder {
  if (!isWildcard(word)) {
    return raw ? (m) => m.rawWords().get(word) ?? NONE : (m) => m.words.get(word) ?? NONE;
  }
  const test = compileWordPattern(word);
  return (m) => m.findPositions(word, raw, test);
}

function containsSorted(sorted: readonly number[], value: number): boolean {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const found = sorted[mid] as number;
    if (found === value) return true;
    if (found < value) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

interface PhraseWords {
  first: WordFinder;
  following: WordFinder[];
  /** The position of each following word relative to the first. */
  offsets: number[];
}

function isPhraseAt(start: number, phrase: PhraseWords, m: PreparedMention): boolean {
  const { following, offsets } = phrase;
  for (let i = 0; i < following.length; i++) {
    if (!containsSorted((following[i] as WordFinder)(m), start + (offsets[i] as number))) return false;
  }
  return true;
}

/** A phrase's word finders, its first word apart. */
function compilePhraseWords(node: TextNode): PhraseWords {
  const [first, ...following] = node.words.map((word) => compileWordFinder(word, node.raw));
  const positions = node.positions ?? node.words.map((_, i) => i);
  return { first: first as WordFinder, following, offsets: positions.slice(1).map((p) => p - (positions[0] ?? 0)) };
}

/** Words after the first: a phrase's occurrence at p spans [p, p + extent]. */
function measureExtent(node: TextNode): number {
  return node.positions ? (node.positions[node.positions.length - 1] ?? 0) : node.words.length - 1;
}

/** Where the words occur in sequence: the position of the first word of each occurrence. */
function compilePhraseFinder(node: TextNode): WordFinder {
  const phrase = compilePhraseWords(node);
  if (phrase.following.length === 0) return phrase.first;
  return (m) => phrase.first(m).filter((start) => isPhraseAt(start, phrase, m));
}

/** Whether the words occur in sequence, stopping at the first occurrence. */
function compilePhraseTest(node: TextNode): Predicate {
  const phrase = compilePhraseWords(node);
  return (m) => {
    for (const start of phrase.first(m)) if (isPhraseAt(start, phrase, m)) return true;
    return false;
  };
}

interface SpanFinder {
  find: WordFinder;
  /** Words after the first: a phrase's occurrence at p spans [p, p + extent]. */
  extent: number;
}

function toSpanFinder(alternative: TextNode): SpanFinder {
  return { find: compilePhraseFinder(alternative), extent: measureExtent(alternative) };
}

/** Two occurrences that do not overlap, with at most `distance` words between them (in order if ONEAR). */
function compileNear(node: NearNode): Predicate {
  const lefts = node.left.map(toSpanFinder);
  const rights = node.right.map(toSpanFinder);
  const { distance, ordered } = node;
  return (m) => {
    for (const left of lefts) {
      const leftStarts = left.find(m);
      if (leftStarts.length === 0) continue;
      for (const right of rights) {
        for (const rightStart of right.find(m)) {
          const rightEnd = rightStart + right.extent;
          for (const leftStart of leftStarts) {
            const leftEnd = leftStart + left.extent;
            if (leftEnd < rightStart && rightStart - leftEnd - 1 <= distance) return true;
            if (!ordered && rightEnd < leftStart && leftStart - rightEnd - 1 <= distance) return true;
          }
        }
      }
    }
    return false;
  };
}

interface Span {
  start: number;
  end: number;
}

/**
 * One occurrence of each operand, none overlapping another, with at most `distance` other words in the window
 * they cover. Each occurrence in turn opens the window; every other operand then takes its earliest-ending
 * occurrence inside it that overlaps nothing taken yet.
 */
function compileProximity(node: ProximityNode): Predicate {
  if (node.operands.length === 2) {
    const [left, right] = node.operands as [TextNode[], TextNode[]];
    return compileNear({ kind: 'near', left, right, distance: node.distance, ordered: false });
  }
  const operands = node.operands.map((alternatives) => alternatives.map(toSpanFinder));
  const { distance } = node;
  const findSpans = (m: PreparedMention, alternatives: SpanFinder[]): Span[] => {
    const spans: Span[] = [];
    for (const { find, extent } of alternatives)
      for (const start of find(m)) spans.push({ start, end: start + extent });
    return spans;
  };
  const fits = (opening: Span, lists: Span[][], opener: number): boolean => {
    const taken: Span[] = [opening];
    let words = opening.end - opening.start + 1;
    let last = opening.end;
    for (let i = 0; i < lists.length; i++) {
      if (i === opener) continue;
      let best: Span | undefined;
      for (const span of lists[i] as Span[]) {
        if (span.start < opening.start || taken.some((t) => span.start <= t.end && t.start <= span.end)) continue;
        if (!best || span.end < best.end) best = span;
      }
      if (!best) return false;
      taken.push(best);
      words += best.end - best.start + 1;
      last = Math.max(last, best.end);
    }
    return last - opening.start + 1 - words <= distance;
  };
  return (m) => {
    const lists = operands.map((alternatives) => findSpans(m, alternatives));
    if (lists.some((spans) => spans.length === 0)) return false;
    for (let opener = 0; opener < lists.length; opener++) {
      for (const opening of lists[opener] as Span[]) if (fits(opening, lists, opener)) return true;
    }
    return false;
  };
}

/**
 * A rough cost of evaluating a node, to test cheap operands of AND and OR first: their result does not depend
 * on order, and `lang:fr` or a single word often settles a topic before a phrase or a NEAR is looked at.
 */
function estimateCost(node: QueryNode): number {
  switch (node.kind) {
    case 'text':
      return (node.raw ? 4 : 1) * node.words.length * (node.words.some(isWildcard) ? 3 : 1);
    case 'and':
    case 'or':
      return node.children.reduce((sum, child) => sum + estimateCost(child), 0);
    case 'not':
      return estimateCost(node.child);
    case 'near':
      return 4 * [...node.left, ...node.right].reduce((sum, child) => sum + estimateCost(child), 0);
    case 'proximity':
      return 4 * node.operands.flat().reduce((sum, child) => sum + estimateCost(child), 0);
    case 'author':
      return 3;
    case 'hashtag':
    case 'mention':
    case 'field':
      return 1;
  }
}

function compileCheapestFirst(children: QueryNode[]): Predicate[] {
  return children
    .map((child) => ({ child, cost: estimateCost(child) }))
    .sort((a, b) => a.cost - b.cost)
    .map(({ child }) => compilePredicate(child));
}

function compileText(node: TextNode): Predicate {
  const only = node.words[0] as string;
  if (node.words.length > 1 || node.raw) return compilePhraseTest(node);
  if (!isWildcard(only)) return (m) => m.words.has(only);
  // One wildcard word needs no positions, only a word it accepts.
  const test = compileWordPattern(only);
  return (m) => {
    for (const word of m.words.keys()) if (test(word)) return true;
    return false;
  };
}

/** Words of the author's handle or name, in sequence: `author:lemonde` finds "lemonde.bsky.social". */
function compileAuthor(words: string[]): Predicate {
  const tests = words.map(compileWordPattern);
  return (m) => {
    const author = m.authorWords;
    for (let start = 0; start + tests.length <= author.length; start++) {
      if (tests.every((test, i) => test(author[start + i] as string))) return true;
    }
    return false;
  };
}

function compileHashtag(tag: string): Predicate {
  if (!isWildcard(tag)) {
    const key = `#${tag}`;
    return (m) => m.fieldKeys.has(key);
  }
  const test = compileWordPattern(tag);
  return (m) => m.hashtags.some(test);
}

export function compilePredicate(node: QueryNode): Predicate {
  switch (node.kind) {
    case 'text':
      return compileText(node);
    // Loops rather than every/some: those would allocate a closure per evaluation, on every candidate.
    case 'and': {
      const children = compileCheapestFirst(node.children);
      return (m) => {
        for (const child of children) if (!child(m)) return false;
        return true;
      };
    }
    case 'or': {
      const children = compileCheapestFirst(node.children);
      return (m) => {
        for (const child of children) if (child(m)) return true;
        return false;
      };
    }
    case 'not': {
      const child = compilePredicate(node.child);
      return (m) => !child(m);
    }
    case 'near':
      return compileNear(node);
    case 'proximity':
      return compileProximity(node);
    case 'hashtag':
      return compileHashtag(node.tag);
    case 'mention': {
      const key = `@${node.handle}`;
      return (m) => m.fieldKeys.has(key);
    }
    case 'author':
      return compileAuthor(node.words);
    case 'field': {
      if (node.field === 'url') {
        const fragment = node.value;
        return (m) => m.url.includes(fragment);
      }
      const key = `${node.field}:${node.value}`;
      return (m) => m.fieldKeys.has(key);
    }
  }
}
