// The model's features, hashed: word unigrams and bigrams (with a separate namespace for words in a negation
// scope), character n-grams inside word boundaries, one feature per idiom in place of its words, and, for words a
// general French lexicon rates, one feature per polarity shared by all of them (so a word the 1,800 training
// tweets never showed still says which way it leans). Hashing needs no vocabulary at run time and allocates
// nothing per n-gram; 32-bit hashes make collisions negligible at this vocabulary size (~10⁵ n-grams).
import { TokenRole, type ParsedText } from './lexicon.js';
import type { Token } from './tokenize.js';

export interface FeatureConfig {
  /** Shortest and longest character n-gram, boundaries "<" and ">" included. */
  charMin: number;
  charMax: number;
  /** Character n-grams of negated words get their own namespace, as words do. */
  negateChars: boolean;
  bigrams: boolean;
}

/** A growable list of feature hashes; reused across calls so the hot path does not allocate. */
export interface FeatureBuffer {
  hashes: Int32Array;
  length: number;
}

const SEED_WORD = 0x2f1a3b4c;
const SEED_NEGATED_WORD = 0x5e6d7c8b;
const SEED_BIGRAM = 0x13579bdf;
const SEED_CHARS = 0x7a5b3c1d;
const SEED_NEGATED_CHARS = 0x0f1e2d3c;
const SEED_MARK = 0x6b8e2a91;
const SEED_IDIOM = 0x3c2a9e17;
const SEED_PRIOR = 0x4d9f6e25;
const FNV_PRIME = 0x01000193;
/** Pre-hashed prior-lexicon features: [positive, negative, positive negated, negative negated]. */
const PRIOR_FEATURES = ['+', '-', 'not +', 'not -'].map((name) => hashString(name, SEED_PRIOR));

export function createFeatureBuffer(): FeatureBuffer {
  return { hashes: new Int32Array(1024), length: 0 };
}

/** Folded word → polarity sign (1 or -1) of a general lexicon the model was trained with (see model/NOTICE.md). */
export type PriorLexicon = ReadonlyMap<string, number>;

/**
 * Fills `out` with the hashed features of `parsed` (a feature occurring twice appears twice). `prior`: the
 * model's general lexicon, when it was trained with one.
 */
export function extractFeatures(
  parsed: ParsedText,
  config: FeatureConfig,
  out: FeatureBuffer,
  prior?: PriorLexicon,
): void {
  out.length = 0;
  const { tokens, negated } = parsed;
  let previous = 0;
  for (let i = 0; i < tokens.length; i++) {
    const role = parsed.role[i];
    if (role === TokenRole.modifier || role === TokenRole.idiomRest) continue;
    const token = tokens[i] as Token;
    const isNegated = negated[i] === 1;
    if (prior !== undefined && role === TokenRole.plain) pushPrior(prior, token.text, isNegated, out);
    const word =
      role === TokenRole.idiomStart
        ? hashIdiom(tokens, i, parsed.idiomLength[i] as number)
        : hashString(token.text, isNegated ? SEED_NEGATED_WORD : SEED_WORD);
    push(out, word);
    if (config.bigrams && previous !== 0) push(out, finish(Math.imul(previous ^ SEED_BIGRAM, FNV_PRIME) ^ word));
    previous = word;
    if (role === TokenRole.plain && token.kind === 'word' && token.text.length > 1 && token.text !== '0') {
      pushCharNgrams(token.text, isNegated && config.negateChars ? SEED_NEGATED_CHARS : SEED_CHARS, config, out);
    }
    if (token.elongated) push(out, hashString('elongated', SEED_MARK));
  }
  if (parsed.ironic) push(out, hashString('irony', SEED_MARK));
}

/** Plain words only: an idiom ("pas mal") is one feature of its own, and modifiers ("très") are the lexicon's. */
function pushPrior(prior: PriorLexicon, word: string, isNegated: boolean, out: FeatureBuffer): void {
  const sign = prior.get(word);
  if (sign === undefined) return;
  push(out, PRIOR_FEATURES[(sign > 0 ? 0 : 1) + (isNegated ? 2 : 0)] as number);
}

function pushCharNgrams(word: string, seed: number, config: FeatureConfig, out: FeatureBuffer): void {
  const length = word.length + 2;
  for (let start = 0; start + config.charMin <= length; start++) {
    let h = seed;
    for (let n = 1; n <= config.charMax && start + n <= length; n++) {
      const k = start + n - 1;
      const c = k === 0 ? 0x3c : k === length - 1 ? 0x3e : word.charCodeAt(k - 1);
      h = Math.imul(h ^ c, FNV_PRIME);
      if (n >= config.charMin) push(out, finish(h ^ n));
    }
  }
}

function hashIdiom(tokens: readonly Token[], start: number, length: number): number {
  let h = SEED_IDIOM;
  for (let k = start; k < start + length; k++) {
    const text = (tokens[k] as Token).text;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
    h = Math.imul(h ^ 0x20, FNV_PRIME);
  }
  return finish(h);
}

/** FNV-1a over UTF-16 units, then a Murmur3 finaliser so nearby strings land far apart. */
export function hashString(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return finish(h);
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  // 0 marks an empty slot in the model's hash table.
  return h === 0 ? 1 : h;
}

function push(out: FeatureBuffer, hash: number): void {
  if (out.length === out.hashes.length) {
    const grown = new Int32Array(out.hashes.length * 2);
    grown.set(out.hashes);
    out.hashes = grown;
  }
  out.hashes[out.length++] = hash;
}
