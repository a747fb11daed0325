// Trains the French sentiment model shipped in packages/core/src/listening/sentiment/model/ from the DEFT 2017
// tweets (train split only). Hyper-parameters, the lexicon blend, the temperature and the neutral threshold are
// all chosen by stratified 5-fold cross-validation on train; the validation split is left to bench/sentiment.ts.
//   node --import tsx scripts/train-sentiment.ts [data-dir]
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { encodeBase64 } from '../packages/core/src/listening/sentiment/codec.js';
import {
  createFeatureBuffer,
  extractFeatures,
  type FeatureConfig,
} from '../packages/core/src/listening/sentiment/features.js';
import {
  parseText,
  scoreLexicon,
  type LexiconLanguage,
  type LexiconScore,
} from '../packages/core/src/listening/sentiment/lexicon.js';
import {
  addLexiconLogits,
  applySoftmax,
  dampLexicon,
  type ShippedModel,
} from '../packages/core/src/listening/sentiment/model.js';
import { decideLabel } from '../packages/core/src/listening/sentiment/score.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_DATA_DIR = path.resolve(ROOT, '../shared/data/sentiment-fr-tweets');
const MODEL_FILE = path.join(ROOT, 'packages/core/src/listening/sentiment/model/fr-tweets.ts');
const CLASSES = 3;
const FOLDS = 5;

export interface Split {
  texts: string[];
  labels: number[];
}

/** One tweet, read once: its lexicon evidence and its features with their counts. */
export interface Doc {
  label: number;
  lexicon: LexiconScore;
  hashes: Int32Array;
  counts: Float64Array;
  /** Total feature occurrences: values are count / √total, as at run time. */
  total: number;
}

export interface TrainOptions {
  /** L2 penalty on the weights (not the bias). */
  lambda: number;
  /** Features seen in fewer training tweets are dropped: they cannot generalise and bloat the model. */
  minDocs: number;
}

export interface TrainedModel {
  hashes: Int32Array;
  weights: Float64Array;
  bias: Float64Array;
}

export function readSplit(dir: string, name: 'train' | 'val' | 'test'): Split {
  const lines = (file: string) => readFileSync(path.join(dir, file), 'utf8').replace(/\n$/, '').split('\n');
  const texts = lines(`${name}_text.txt`);
  const labels = lines(`${name}_labels.txt`).map(Number);
  if (texts.length !== labels.length) throw new Error(`${name}: ${texts.length} texts, ${labels.length} labels`);
  return { texts, labels };
}

export function prepareDocs(split: Split, config: FeatureConfig, language: LexiconLanguage = 'fr'): Doc[] {
  const buffer = createFeatureBuffer();
  return split.texts.map((text, i) => {
    const parsed = parseText(text);
    extractFeatures(parsed, config, buffer);
    const sorted = buffer.hashes.slice(0, buffer.length).sort();
    const hashes: number[] = [];
    const counts: number[] = [];
    for (let j = 0; j < sorted.length; j++) {
      if (j > 0 && sorted[j] === sorted[j - 1]) counts[counts.length - 1]! += 1;
      else {
        hashes.push(sorted[j] as number);
        counts.push(1);
      }
    }
    return {
      label: split.labels[i] as number,
      lexicon: scoreLexicon(parsed, language),
      hashes: Int32Array.from(hashes),
      counts: Float64Array.from(counts),
      total: buffer.length,
    };
  });
}

/** Multinomial logistic regression with an L2 penalty, fitted by L-BFGS on the given documents. */
export function trainModel(docs: readonly Doc[], options: TrainOptions): TrainedModel {
  const frequency = new Map<number, number>();
  for (const doc of docs) for (const h of doc.hashes) frequency.set(h, (frequency.get(h) ?? 0) + 1);
  const columns = new Map<number, number>();
  for (const [hash, n] of frequency) if (n >= options.minDocs) columns.set(hash, columns.size);
  const rows = docs.map((doc) => {
    const cols: number[] = [];
    const values: number[] = [];
    const scale = 1 / Math.sqrt(Math.max(1, doc.total));
    doc.hashes.forEach((h, j) => {
      const col = columns.get(h);
      if (col === undefined) return;
      cols.push(col);
      values.push((doc.counts[j] as number) * scale);
    });
    return { cols: Int32Array.from(cols), values: Float64Array.from(values), label: doc.label };
  });
  const size = columns.size * CLASSES;
  const logits = new Float64Array(CLASSES);
  const evaluate = (x: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    const n = rows.length;
    for (const row of rows) {
      for (let k = 0; k < CLASSES; k++) logits[k] = x[size + k] as number;
      for (let j = 0; j < row.cols.length; j++) {
        const base = (row.cols[j] as number) * CLASSES;
        const v = row.values[j] as number;
        for (let k = 0; k < CLASSES; k++) logits[k] = (logits[k] as number) + v * (x[base + k] as number);
      }
      applySoftmax(logits, 1);
      loss -= Math.log(Math.max(1e-12, logits[row.label] as number)) / n;
      for (let k = 0; k < CLASSES; k++) {
        const error = ((logits[k] as number) - (k === row.label ? 1 : 0)) / n;
        gradient[size + k] = (gradient[size + k] as number) + error;
        for (let j = 0; j < row.cols.length; j++) {
          const index = (row.cols[j] as number) * CLASSES + k;
          gradient[index] = (gradient[index] as number) + error * (row.values[j] as number);
        }
      }
    }
    for (let i = 0; i < size; i++) {
      const w = x[i] as number;
      loss += 0.5 * options.lambda * w * w;
      gradient[i] = (gradient[i] as number) + options.lambda * w;
    }
    return loss;
  };
  const x = minimizeLbfgs(evaluate, new Float64Array(size + CLASSES));
  const hashes = new Int32Array(columns.size);
  for (const [hash, col] of columns) hashes[col] = hash;
  return { hashes, weights: x.subarray(0, size), bias: x.slice(size) };
}

/** Logits of the trained model alone (no lexicon, temperature 1). */
export function computeModelLogits(model: TrainedModel, index: Map<number, number>, doc: Doc): Float64Array {
  const logits = Float64Array.from(model.bias);
  const scale = 1 / Math.sqrt(Math.max(1, doc.total));
  doc.hashes.forEach((h, j) => {
    const row = index.get(h);
    if (row === undefined) return;
    for (let k = 0; k < CLASSES; k++) {
      logits[k] =
        (logits[k] as number) + (doc.counts[j] as number) * scale * (model.weights[row * CLASSES + k] as number);
    }
  });
  return logits;
}

export function indexHashes(hashes: Int32Array): Map<number, number> {
  const index = new Map<number, number>();
  hashes.forEach((h, row) => index.set(h, row));
  return index;
}

/** Stratified folds, shuffled with a fixed seed so every run picks the same hyper-parameters. */
export function assignFolds(labels: readonly number[], folds: number, seed = 20240917): Int32Array {
  const random = createRandom(seed);
  const fold = new Int32Array(labels.length);
  for (let label = 0; label < CLASSES; label++) {
    const members = labels.flatMap((l, i) => (l === label ? [i] : []));
    for (let i = members.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [members[i], members[j]] = [members[j] as number, members[i] as number];
    }
    members.forEach((docIndex, rank) => (fold[docIndex] = rank % folds));
  }
  return fold;
}

/** Out-of-fold model logits: each tweet scored by a model that did not see it. */
export function crossValidateLogits(docs: readonly Doc[], folds: Int32Array, options: TrainOptions): Float64Array[] {
  const out: Float64Array[] = new Array(docs.length);
  for (let f = 0; f < FOLDS; f++) {
    const model = trainModel(
      docs.filter((_, i) => folds[i] !== f),
      options,
    );
    const index = indexHashes(model.hashes);
    docs.forEach((doc, i) => {
      if (folds[i] === f) out[i] = computeModelLogits(model, index, doc);
    });
  }
  return out;
}

export interface Calibration {
  lexiconWeight: number;
  temperature: number;
  neutralThreshold: number;
  macroF1: number;
}

/** Picks the lexicon weight and temperature that minimise log-loss, then the threshold that maximises macro-F1. */
export function calibrate(docs: readonly Doc[], modelLogits: readonly Float64Array[]): Calibration {
  let best = { lexiconWeight: 0, temperature: 1, loss: Infinity };
  for (let lexiconWeight = 0; lexiconWeight <= 3.001; lexiconWeight += 0.1) {
    for (let temperature = 0.3; temperature <= 3.001; temperature += 0.05) {
      const loss = computeLogLoss(
        docs,
        (doc, i) => blend(modelLogits[i] as Float64Array, doc, lexiconWeight),
        temperature,
      );
      if (loss < best.loss) best = { lexiconWeight, temperature, loss };
    }
  }
  const probabilities = docs.map((doc, i) => {
    const p = blend(modelLogits[i] as Float64Array, doc, best.lexiconWeight);
    applySoftmax(p, best.temperature);
    return p;
  });
  const threshold = chooseThreshold(docs, probabilities);
  return { lexiconWeight: best.lexiconWeight, temperature: best.temperature, ...threshold };
}

/** The lexicon alone as a classifier: logits [scale·neg, neutralBias, scale·pos], fitted by log-loss on train. */
export function calibrateLexiconOnly(docs: readonly Doc[]): ShippedModel['lexiconOnly'] & { macroF1: number } {
  let best = { scale: 1, neutralBias: 0, loss: Infinity };
  for (let scale = 0.1; scale <= 4.001; scale += 0.05) {
    for (let neutralBias = -1; neutralBias <= 2.001; neutralBias += 0.05) {
      const loss = computeLogLoss(docs, (doc) => computeLexiconOnlyLogits(doc.lexicon, scale, neutralBias), 1);
      if (loss < best.loss) best = { scale, neutralBias, loss };
    }
  }
  const probabilities = docs.map((doc) => {
    const p = computeLexiconOnlyLogits(doc.lexicon, best.scale, best.neutralBias);
    applySoftmax(p, 1);
    return p;
  });
  const threshold = chooseThreshold(docs, probabilities);
  return { scale: round(best.scale), neutralBias: round(best.neutralBias), ...threshold };
}

export function computeLexiconOnlyLogits(score: LexiconScore, scale: number, neutralBias: number): Float64Array {
  return Float64Array.of(scale * dampLexicon(score.negative), neutralBias, scale * dampLexicon(score.positive));
}

function blend(modelLogits: Float64Array, doc: Doc, lexiconWeight: number): Float64Array {
  const logits = Float64Array.from(modelLogits);
  addLexiconLogits(logits, doc.lexicon, lexiconWeight);
  return logits;
}

function computeLogLoss(
  docs: readonly Doc[],
  logitsOf: (doc: Doc, i: number) => Float64Array,
  temperature: number,
): number {
  let loss = 0;
  docs.forEach((doc, i) => {
    const p = logitsOf(doc, i);
    applySoftmax(p, temperature);
    loss -= Math.log(Math.max(1e-12, p[doc.label] as number));
  });
  return loss / docs.length;
}

function chooseThreshold(
  docs: readonly Doc[],
  probabilities: readonly Float64Array[],
): { neutralThreshold: number; macroF1: number } {
  let best = { neutralThreshold: 0, macroF1: -1 };
  for (let t = 0.33; t <= 0.8001; t += 0.01) {
    const predicted = probabilities.map((p) => decideLabel(p, t));
    const f1 = computeMetrics(
      docs.map((d) => d.label),
      predicted,
    ).macroF1;
    if (f1 > best.macroF1 + 1e-9) best = { neutralThreshold: round(t), macroF1: f1 };
  }
  return best;
}

export interface Metrics {
  macroF1: number;
  f1: number[];
  accuracy: number;
}

export function computeMetrics(gold: readonly number[], predicted: readonly number[]): Metrics {
  const f1: number[] = [];
  for (let k = 0; k < CLASSES; k++) {
    let tp = 0;
    let fp = 0;
    let fn = 0;
    gold.forEach((g, i) => {
      if (predicted[i] === k && g === k) tp++;
      else if (predicted[i] === k) fp++;
      else if (g === k) fn++;
    });
    f1.push(tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn));
  }
  const correct = gold.filter((g, i) => predicted[i] === g).length;
  return { macroF1: f1.reduce((a, b) => a + b, 0) / CLASSES, f1, accuracy: correct / gold.length };
}

/** Limited-memory BFGS with a backtracking (Armijo) line search; deterministic. */
function minimizeLbfgs(
  evaluate: (x: Float64Array, gradient: Float64Array) => number,
  start: Float64Array,
  maxIterations = 300,
  memory = 10,
): Float64Array {
  const n = start.length;
  let x = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let loss = evaluate(x, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const rhos: number[] = [];
  const direction = new Float64Array(n);
  const alphas = new Float64Array(memory);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    direction.set(gradient);
    for (let m = steps.length - 1; m >= 0; m--) {
      alphas[m] = (rhos[m] as number) * sumProducts(steps[m] as Float64Array, direction);
      addScaled(direction, changes[m] as Float64Array, -(alphas[m] as number));
    }
    const last = steps.length - 1;
    const gamma =
      last >= 0
        ? sumProducts(steps[last] as Float64Array, changes[last] as Float64Array) /
          sumProducts(changes[last] as Float64Array, changes[last] as Float64Array)
        : 1 / Math.max(1e-12, Math.sqrt(sumProducts(gradient, gradient)));
    for (let i = 0; i < n; i++) direction[i] = (direction[i] as number) * gamma;
    for (let m = 0; m < steps.length; m++) {
      const beta = (rhos[m] as number) * sumProducts(changes[m] as Float64Array, direction);
      addScaled(direction, steps[m] as Float64Array, (alphas[m] as number) - beta);
    }
    for (let i = 0; i < n; i++) direction[i] = -(direction[i] as number);
    let slope = sumProducts(gradient, direction);
    if (slope >= 0) {
      // Not a descent direction (curvature information went stale): restart from steepest descent.
      steps.length = changes.length = rhos.length = 0;
      for (let i = 0; i < n; i++) direction[i] = -(gradient[i] as number);
      slope = sumProducts(gradient, direction);
    }
    let step = 1;
    const nextX = new Float64Array(n);
    const nextGradient = new Float64Array(n);
    let nextLoss = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) nextX[i] = (x[i] as number) + step * (direction[i] as number);
      nextLoss = evaluate(nextX, nextGradient);
      if (nextLoss <= loss + 1e-4 * step * slope) break;
      step *= 0.5;
    }
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (nextX[i] as number) - (x[i] as number);
      y[i] = (nextGradient[i] as number) - (gradient[i] as number);
    }
    const sy = sumProducts(s, y);
    if (sy > 1e-12) {
      if (steps.length === memory) {
        steps.shift();
        changes.shift();
        rhos.shift();
      }
      steps.push(s);
      changes.push(y);
      rhos.push(1 / sy);
    }
    const improvement = loss - nextLoss;
    x = nextX;
    gradient = nextGradient;
    loss = nextLoss;
    if (improvement < 1e-7 * Math.max(1, Math.abs(loss))) break;
  }
  return x;
}

function sumProducts(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

function addScaled(target: Float64Array, source: Float64Array, factor: number): void {
  for (let i = 0; i < target.length; i++) target[i] = (target[i] as number) + factor * (source[i] as number);
}

function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function round(value: number, digits = 4): number {
  return Number(value.toFixed(digits));
}

/**
 * The feature set. Cross-validation on train put 2–5 and 3–5 character n-grams, with or without a negation
 * namespace for them, within noise of each other (0.640–0.647); 3–5 is smaller, and negating the character
 * n-grams too keeps "pas mauvais" from reading as "mauvais".
 */
export const FEATURE_CONFIG: FeatureConfig = { charMin: 3, charMax: 5, negateChars: true, bigrams: true };
const LAMBDAS = [3e-5, 1e-4, 3e-4];
const MIN_DOCS = 2;

/** int8 weights with one scale: small weights round to 0 and their features are dropped from the file. */
export function quantiseModel(model: TrainedModel): { hashes: Int32Array; weights: Int8Array; scale: number } {
  let max = 0;
  for (const w of model.weights) max = Math.max(max, Math.abs(w));
  const scale = max / 127;
  const hashes: number[] = [];
  const weights: number[] = [];
  model.hashes.forEach((hash, row) => {
    const q = [0, 1, 2].map((k) => Math.round((model.weights[row * CLASSES + k] as number) / scale));
    if (q.every((v) => v === 0)) return;
    hashes.push(hash);
    weights.push(...q);
  });
  return { hashes: Int32Array.from(hashes), weights: Int8Array.from(weights), scale };
}

function measureQuantisationAgreement(
  docs: readonly Doc[],
  trained: TrainedModel,
  quantised: ReturnType<typeof quantiseModel>,
  calibration: Calibration,
): number {
  const dequantised: TrainedModel = {
    hashes: quantised.hashes,
    weights: Float64Array.from(quantised.weights, (q) => q * quantised.scale),
    bias: trained.bias,
  };
  const label = (model: TrainedModel, index: Map<number, number>, doc: Doc) => {
    const p = blend(computeModelLogits(model, index, doc), doc, calibration.lexiconWeight);
    applySoftmax(p, calibration.temperature);
    return decideLabel(p, calibration.neutralThreshold);
  };
  const floatIndex = indexHashes(trained.hashes);
  const int8Index = indexHashes(dequantised.hashes);
  const same = docs.filter((doc) => label(trained, floatIndex, doc) === label(dequantised, int8Index, doc)).length;
  return same / docs.length;
}

function writeModelFile(file: string, model: ShippedModel): void {
  const text = `// Generated by scripts/train-sentiment.ts — do not edit. Provenance and licence: NOTICE.md beside this file.
import type { ShippedModel } from '../model.js';

export const FR_TWEETS_MODEL: ShippedModel = {
  format: ${model.format},
  source: ${JSON.stringify(model.source).replace(/^"|"$/g, "'")},
  features: { charMin: ${model.features.charMin}, charMax: ${model.features.charMax}, negateChars: ${model.features.negateChars}, bigrams: ${model.features.bigrams} },
  bias: [${model.bias.join(', ')}],
  lexiconWeight: ${model.lexiconWeight},
  temperature: ${model.temperature},
  neutralThreshold: ${model.neutralThreshold},
  lexiconOnly: { scale: ${model.lexiconOnly.scale}, neutralBias: ${model.lexiconOnly.neutralBias}, neutralThreshold: ${model.lexiconOnly.neutralThreshold} },
  weightScale: ${model.weightScale},
  hashes:
    '${model.hashes}',
  weights:
    '${model.weights}',
};
`;
  writeFileSync(file, text);
}

function main(): void {
  const dataDir = path.resolve(process.argv[2] ?? DEFAULT_DATA_DIR);
  const started = Date.now();
  const train = readSplit(dataDir, 'train');
  const docs = prepareDocs(train, FEATURE_CONFIG);
  const folds = assignFolds(train.labels, FOLDS);
  const lexiconOnly = calibrateLexiconOnly(docs);
  console.log(
    `train: ${docs.length} tweets; lexicon alone, cross-validated macro-F1 ${lexiconOnly.macroF1.toFixed(3)}`,
  );
  let best: { lambda: number; calibration: Calibration } | undefined;
  for (const lambda of LAMBDAS) {
    const calibration = calibrate(docs, crossValidateLogits(docs, folds, { lambda, minDocs: MIN_DOCS }));
    console.log(
      `λ=${lambda}: ${FOLDS}-fold macro-F1 ${calibration.macroF1.toFixed(3)} (lexicon weight ${calibration.lexiconWeight.toFixed(1)}, ` +
        `temperature ${calibration.temperature.toFixed(2)}, neutral below ${calibration.neutralThreshold})`,
    );
    if (best === undefined || calibration.macroF1 > best.calibration.macroF1) best = { lambda, calibration };
  }
  if (best === undefined) throw new Error('no hyper-parameter tried');
  const trained = trainModel(docs, { lambda: best.lambda, minDocs: MIN_DOCS });
  const quantised = quantiseModel(trained);
  const shipped: ShippedModel = {
    format: 1,
    source: 'DEFT 2017 French tweets (train split) via cardiffnlp/xlm-t, Apache-2.0; see NOTICE.md',
    features: FEATURE_CONFIG,
    bias: Array.from(trained.bias, (b) => round(b)),
    lexiconWeight: round(best.calibration.lexiconWeight, 2),
    temperature: round(best.calibration.temperature, 2),
    neutralThreshold: best.calibration.neutralThreshold,
    lexiconOnly: {
      scale: lexiconOnly.scale,
      neutralBias: lexiconOnly.neutralBias,
      neutralThreshold: lexiconOnly.neutralThreshold,
    },
    weightScale: round(quantised.scale, 8),
    hashes: encodeBase64(new Uint8Array(quantised.hashes.buffer)),
    weights: encodeBase64(new Uint8Array(quantised.weights.buffer)),
  };
  writeModelFile(MODEL_FILE, shipped);
  const agreement = measureQuantisationAgreement(docs, trained, quantised, best.calibration);
  console.log(`int8 weights give the same label as float weights on ${(agreement * 100).toFixed(1)}% of train tweets`);
  console.log(
    `λ=${best.lambda}: ${trained.hashes.length} features trained, ${quantised.hashes.length} kept after int8 quantisation; ` +
      `${path.relative(ROOT, MODEL_FILE)} written (${(shipped.hashes.length + shipped.weights.length) / 1000} kB of weights) ` +
      `in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) main();
