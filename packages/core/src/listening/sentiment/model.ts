// The shipped linear model: its file format, how it is loaded into a hash table once per process, and how it
// turns a parsed text into class logits. Training lives in scripts/train-sentiment.ts.
import { decodeBase64 } from './codec.js';
import type { FeatureConfig, PriorLexicon } from './features.js';
import type { LexiconScore } from './lexicon.js';

/** Class order of every logit and weight row. */
export const LABELS = ['negative', 'neutral', 'positive'] as const;

/** What scripts/train-sentiment.ts writes into model/. Plain data, so it can be a generated .ts module. */
export interface ShippedModel {
  format: 1;
  /** Provenance in one line; the full note is model/NOTICE.md. */
  source: string;
  /** The chosen configuration's repeated k-fold cross-validated macro-F1 on train, for the benchmark to print. */
  crossValidation?: { repeats: number; folds: number; macroF1: number; sd: number };
  features: FeatureConfig;
  /**
   * The general French lexicon the model reads as features (see features.ts), folded words separated by spaces;
   * absent for a model trained without one.
   */
  prior?: { positive: string; negative: string };
  /** Logit offsets, [negative, neutral, positive]. */
  bias: readonly number[];
  /** Weight of the lexicon's evidence added to the positive and negative logits. */
  lexiconWeight: number;
  /** Divides the logits so the softmax is calibrated (fitted on cross-validated predictions). */
  temperature: number;
  /** Below this probability a positive or negative call becomes neutral. */
  neutralThreshold: number;
  /** The lexicon on its own, for English and as a baseline: logits [scale·neg, neutralBias, scale·pos]. */
  lexiconOnly: { scale: number; neutralBias: number; neutralThreshold: number };
  /** Multiplies the int8 weights. */
  weightScale: number;
  /** Feature hashes, int32 little-endian, base64. */
  hashes: string;
  /** Three int8 weights per hash (negative, neutral, positive), base64. */
  weights: string;
}

export interface LinearModel {
  features: FeatureConfig;
  prior?: PriorLexicon;
  bias: Float64Array;
  lexiconWeight: number;
  temperature: number;
  neutralThreshold: number;
  lexiconOnly: ShippedModel['lexiconOnly'];
  weights: Float32Array;
  /** Open-addressing table: slotKeys holds a hash (0 = empty), slotRows its row in `weights`. */
  slotKeys: Int32Array;
  slotRows: Int32Array;
  mask: number;
}

/** Decodes a shipped model into the lookup structures `findRow` reads. */
export function loadModel(shipped: ShippedModel): LinearModel {
  const hashBytes = decodeBase64(shipped.hashes);
  const weightBytes = decodeBase64(shipped.weights);
  const count = hashBytes.length / 4;
  if (weightBytes.length !== count * LABELS.length) throw new Error('sentiment model: weights do not match hashes');
  const view = new DataView(hashBytes.buffer, hashBytes.byteOffset, hashBytes.byteLength);
  const quantised = new Int8Array(weightBytes.buffer, weightBytes.byteOffset, weightBytes.byteLength);
  const weights = new Float32Array(quantised.length);
  for (let i = 0; i < quantised.length; i++) weights[i] = (quantised[i] as number) * shipped.weightScale;
  // A table at most half full keeps probe chains short.
  let size = 1;
  while (size < count * 2) size <<= 1;
  const slotKeys = new Int32Array(size);
  const slotRows = new Int32Array(size);
  const mask = size - 1;
  for (let row = 0; row < count; row++) {
    const hash = view.getInt32(row * 4, true);
    let slot = hash & mask;
    while (slotKeys[slot] !== 0) slot = (slot + 1) & mask;
    slotKeys[slot] = hash;
    slotRows[slot] = row;
  }
  return {
    features: shipped.features,
    ...(shipped.prior === undefined ? {} : { prior: decodePriorLexicon(shipped.prior) }),
    bias: Float64Array.from(shipped.bias),
    lexiconWeight: shipped.lexiconWeight,
    temperature: shipped.temperature,
    neutralThreshold: shipped.neutralThreshold,
    lexiconOnly: shipped.lexiconOnly,
    weights,
    slotKeys,
    slotRows,
    mask,
  };
}

/** The shipped word lists as a word → sign map. */
export function decodePriorLexicon(prior: NonNullable<ShippedModel['prior']>): PriorLexicon {
  const lexicon = new Map<string, number>();
  for (const word of prior.positive.split(' ')) if (word !== '') lexicon.set(word, 1);
  for (const word of prior.negative.split(' ')) if (word !== '') lexicon.set(word, -1);
  return lexicon;
}

/** Row of `hash` in `model.weights` (times 3), or -1 for a feature the model does not know. */
export function findRow(model: LinearModel, hash: number): number {
  let slot = hash & model.mask;
  for (;;) {
    const key = model.slotKeys[slot] as number;
    if (key === hash) return model.slotRows[slot] as number;
    if (key === 0) return -1;
    slot = (slot + 1) & model.mask;
  }
}

/**
 * Compresses the lexicon's evidence before it enters a logit: the second strong word adds less than the first,
 * so a long rant does not push the probability to 1 on words alone.
 */
export function dampLexicon(evidence: number): number {
  return Math.log1p(evidence);
}

/** Adds the lexicon's evidence to `logits` ([negative, neutral, positive]) with `weight`. */
export function addLexiconLogits(logits: Float64Array, score: LexiconScore, weight: number): void {
  logits[0] = (logits[0] as number) + weight * dampLexicon(score.negative);
  logits[2] = (logits[2] as number) + weight * dampLexicon(score.positive);
}

/** In-place softmax of `logits` divided by `temperature`. */
export function applySoftmax(logits: Float64Array, temperature: number): void {
  let max = -Infinity;
  for (let k = 0; k < logits.length; k++) max = Math.max(max, (logits[k] as number) / temperature);
  let sum = 0;
  for (let k = 0; k < logits.length; k++) {
    const e = Math.exp((logits[k] as number) / temperature - max);
    logits[k] = e;
    sum += e;
  }
  for (let k = 0; k < logits.length; k++) logits[k] = (logits[k] as number) / sum;
}
