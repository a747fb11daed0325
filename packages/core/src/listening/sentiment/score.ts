// From a parsed text to class probabilities along one of three routes: French (model + French lexicon), English
// (lexicon alone: there is no English training data) and unknown language (model + both lexicons).
import { createFeatureBuffer, extractFeatures, type FeatureBuffer } from './features.js';
import { scoreLexicon, type LexiconScore, type ParsedText } from './lexicon.js';
import { addLexiconLogits, applySoftmax, dampLexicon, findRow, type LinearModel } from './model.js';

export type Route = 'fr' | 'en' | 'any';

/** Per-feature logit corrections learned from a workspace's corrections, keyed by feature hash. */
export type WeightDeltas = ReadonlyMap<number, Float64Array>;

/** "fr", "fr-CA" → fr; "en", "en-GB" → en; anything else (or nothing) → any. */
export function routeLanguage(lang: string | undefined): Route {
  const primary = lang?.toLowerCase().split(/[-_]/)[0];
  return primary === 'fr' || primary === 'en' ? primary : 'any';
}

/** Reused feature buffer: analysis is synchronous, so one per process is enough. */
const sharedBuffer: FeatureBuffer = createFeatureBuffer();

/**
 * Writes the probabilities [negative, neutral, positive] of `parsed` into `out` and returns the features'
 * features it read (a shared buffer, valid until the next call), which the correction learner needs. Features are
 * extracted only when something reads them: the model on the French and unknown routes, `deltas` on any route.
 */
export function computeProbabilities(
  model: LinearModel,
  parsed: ParsedText,
  route: Route,
  deltas: WeightDeltas | undefined,
  out: Float64Array,
): FeatureBuffer | undefined {
  const lexicon = scoreLexicon(parsed, route);
  const usesModel = route !== 'en';
  const hasDeltas = deltas !== undefined && deltas.size > 0;
  // The correction learner passes its deltas even while still empty: it needs the features to update them.
  const needsFeatures = usesModel || deltas !== undefined;
  let temperature = 1;
  if (usesModel) {
    out.set(model.bias);
    addLexiconLogits(out, lexicon, model.lexiconWeight);
    temperature = model.temperature;
  } else {
    writeLexiconOnlyLogits(model, lexicon, out);
  }
  let buffer: FeatureBuffer | undefined;
  if (needsFeatures) {
    buffer = sharedBuffer;
    extractFeatures(parsed, model.features, buffer, model.prior);
    const value = 1 / Math.sqrt(Math.max(1, buffer.length));
    const { weights } = model;
    for (let i = 0; i < buffer.length; i++) {
      const hash = buffer.hashes[i] as number;
      if (usesModel) {
        const row = findRow(model, hash);
        if (row >= 0) {
          const base = row * 3;
          out[0] = (out[0] as number) + value * (weights[base] as number);
          out[1] = (out[1] as number) + value * (weights[base + 1] as number);
          out[2] = (out[2] as number) + value * (weights[base + 2] as number);
        }
      }
      if (hasDeltas) {
        const delta = deltas.get(hash);
        if (delta !== undefined) {
          out[0] = (out[0] as number) + value * (delta[0] as number);
          out[1] = (out[1] as number) + value * (delta[1] as number);
          out[2] = (out[2] as number) + value * (delta[2] as number);
        }
      }
    }
  }
  applySoftmax(out, temperature);
  return buffer;
}

/** The threshold under which a polar call becomes neutral, for a route. */
export function readNeutralThreshold(model: LinearModel, route: Route): number {
  return route === 'en' ? model.lexiconOnly.neutralThreshold : model.neutralThreshold;
}

/**
 * The lexicon alone as a classifier, logits [scale·neg, neutralBias, scale·pos] with the scale and bias fitted on
 * the French training tweets: the English route, and the baseline the benchmark compares the model with.
 */
export function writeLexiconOnlyLogits(model: LinearModel, lexicon: LexiconScore, out: Float64Array): void {
  const { scale, neutralBias } = model.lexiconOnly;
  out[0] = scale * dampLexicon(lexicon.negative);
  out[1] = neutralBias;
  out[2] = scale * dampLexicon(lexicon.positive);
}

/** Argmax of [negative, neutral, positive], except that a polar call below `threshold` becomes neutral (1). */
export function decideLabel(probabilities: Float64Array, threshold: number): 0 | 1 | 2 {
  let best: 0 | 1 | 2 = 1;
  if ((probabilities[0] as number) > (probabilities[best] as number)) best = 0;
  if ((probabilities[2] as number) > (probabilities[best] as number)) best = 2;
  return best !== 1 && (probabilities[best] as number) < threshold ? 1 : best;
}
