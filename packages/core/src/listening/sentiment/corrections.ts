// A workspace's label corrections, turned into two things the analyzer consults: an index of corrected texts
// (an exact or near-duplicate text gets the corrected label outright) and per-feature weight deltas learned from
// them (so texts sharing their wording — a product name, a recurring complaint — move the same way).
import { parseText, type ParsedText } from './lexicon.js';
import type { LinearModel } from './model.js';
import { computeProbabilities, routeLanguage, type Route, type WeightDeltas } from './score.js';
import type { Token } from './tokenize.js';

export type LabelIndex = 0 | 1 | 2;

export interface LabelledText {
  text: string;
  label: LabelIndex;
  lang?: string;
}

export interface CorrectionMatch {
  label: LabelIndex;
  /** 1 for the same text (up to case, accents, punctuation, links and user names), else the word Jaccard. */
  similarity: number;
}

export interface CorrectionIndex {
  match(tokens: readonly Token[]): CorrectionMatch | undefined;
}

/** Word-set Jaccard from which a text counts as a variant of a corrected one (one word in ten changed). */
export const NEAR_DUPLICATE_SIMILARITY = 0.8;
/** Shorter texts must match exactly: one changed word in "pas nul" changes everything. */
const NEAR_DUPLICATE_MIN_WORDS = 4;

/** Probability the learner pushes each corrected text's label to, on the model alone. */
const LEARNING_TARGET = 0.8;
const LEARNING_RATE = 1;
const LEARNING_EPOCHS = 20;

/** Indexes corrections; for the same text twice, the later correction wins (the list is chronological). */
export function indexCorrections(corrections: readonly LabelledText[]): CorrectionIndex {
  const exact = new Map<string, LabelIndex>();
  const entries: Array<{ words: Set<string>; label: LabelIndex }> = [];
  const postings = new Map<string, number[]>();
  for (const correction of corrections) {
    const words = listContentWords(parseText(correction.text).tokens);
    if (words.length === 0) continue;
    exact.set(words.join(' '), correction.label);
    const set = new Set(words);
    if (set.size < NEAR_DUPLICATE_MIN_WORDS) continue;
    const id = entries.length;
    entries.push({ words: set, label: correction.label });
    for (const word of set) {
      const list = postings.get(word);
      if (list === undefined) postings.set(word, [id]);
      else list.push(id);
    }
  }
  return {
    match(tokens) {
      if (exact.size === 0) return undefined;
      const words = listContentWords(tokens);
      const label = exact.get(words.join(' '));
      if (label !== undefined) return { label, similarity: 1 };
      const set = new Set(words);
      if (set.size < NEAR_DUPLICATE_MIN_WORDS) return undefined;
      // Count shared words per candidate through the postings, so only texts with a word in common are compared.
      const shared = new Map<number, number>();
      for (const word of set) for (const id of postings.get(word) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
      let best: CorrectionMatch | undefined;
      let bestId = -1;
      for (const [id, common] of shared) {
        const entry = entries[id] as (typeof entries)[number];
        const similarity = common / (set.size + entry.words.size - common);
        // Ties go to the later correction, as for exact duplicates.
        if (similarity < NEAR_DUPLICATE_SIMILARITY || (best !== undefined && similarity < best.similarity)) continue;
        if (best !== undefined && similarity === best.similarity && id < bestId) continue;
        best = { label: entry.label, similarity };
        bestId = id;
      }
      return best;
    },
  };
}

/**
 * Learns per-feature weight deltas so that each corrected text is classified as corrected with probability
 * LEARNING_TARGET by the model alone: a few passes of stochastic gradient descent on the cross-entropy of the
 * corrected texts, starting from the shipped weights and touching only the deltas (the shared model is never
 * modified, so one workspace's corrections cannot reach another's analyzer). Steps stop as soon as a text is
 * right, which keeps the deltas as small as the corrections allow and the rest of the model's behaviour intact.
 */
export function learnWeightDeltas(model: LinearModel, corrections: readonly LabelledText[]): WeightDeltas {
  const deltas = new Map<number, Float64Array>();
  const examples = corrections
    .map((c) => ({ parsed: parseText(c.text), route: routeLanguage(c.lang), label: c.label }))
    .filter((e) => listContentWords(e.parsed.tokens).length > 0);
  const probabilities = new Float64Array(3);
  for (let epoch = 0; epoch < LEARNING_EPOCHS; epoch++) {
    let updated = false;
    for (const example of examples) {
      if (stepTowardsLabel(model, example, deltas, probabilities)) updated = true;
    }
    if (!updated) break;
  }
  return deltas;
}

function stepTowardsLabel(
  model: LinearModel,
  example: { parsed: ParsedText; route: Route; label: LabelIndex },
  deltas: Map<number, Float64Array>,
  probabilities: Float64Array,
): boolean {
  const buffer = computeProbabilities(model, example.parsed, example.route, deltas, probabilities);
  if ((probabilities[example.label] as number) >= LEARNING_TARGET || buffer === undefined) return false;
  const value = 1 / Math.sqrt(Math.max(1, buffer.length));
  for (let i = 0; i < buffer.length; i++) {
    const hash = buffer.hashes[i] as number;
    let delta = deltas.get(hash);
    if (delta === undefined) {
      delta = new Float64Array(3);
      deltas.set(hash, delta);
    }
    for (let k = 0; k < 3; k++) {
      const error = (probabilities[k] as number) - (k === example.label ? 1 : 0);
      delta[k] = (delta[k] as number) - LEARNING_RATE * value * error;
    }
  }
  return true;
}

/** The words, emojis and emoticons of a text: what makes two posts "the same" for a correction. */
export function listContentWords(tokens: readonly Token[]): string[] {
  const words: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'word' || token.kind === 'emoji' || token.kind === 'emoticon') words.push(token.text);
  }
  return words;
}
