// The analyzer a workspace uses: the shipped model and lexicon, the workspace's corrections on top, and, when a
// neutral threshold is set, the rule that a weak polar call is reported as neutral.
import { indexCorrections, learnWeightDeltas, listContentWords, type LabelIndex } from './corrections.js';
import { parseText } from './lexicon.js';
import { LABELS, loadModel, type LinearModel } from './model.js';
import { FR_TWEETS_MODEL } from './model/fr-tweets.js';
import { computeProbabilities, decideLabel, readNeutralThreshold, routeLanguage } from './score.js';

export type SentimentLabel = (typeof LABELS)[number];

export interface SentimentResult {
  label: SentimentLabel;
  /**
   * Probability of `label`. For a text called neutral because no polar class reached the threshold, this is the
   * neutral probability and may be low: it reads "no clear polarity", not "certainly neutral".
   */
  confidence: number;
  /** Calibrated probabilities of the three classes; they sum to 1. */
  scores: Record<SentimentLabel, number>;
}

/** A label a user set by hand. `lang` as for `analyze`; it only says which route the correction trains. */
export interface SentimentCorrection {
  text: string;
  label: SentimentLabel;
  lang?: string;
}

export interface SentimentAnalyzerOptions {
  /** The workspace's corrections, oldest first. */
  corrections?: readonly SentimentCorrection[];
  /**
   * Probability a positive or negative call needs, else neutral; defaults to the model's, chosen by
   * cross-validation (0 for the shipped model: the most probable class wins).
   */
  neutralThreshold?: number;
}

export interface SentimentAnalyzer {
  /** `lang`: 'fr', 'en' (with or without region), anything else or nothing for unknown. */
  analyze(text: string, lang?: string): SentimentResult;
}

let sharedModel: LinearModel | undefined;

/** Decodes the shipped model once per process; every analyzer reads it, none writes it. */
function loadSharedModel(): LinearModel {
  sharedModel ??= loadModel(FR_TWEETS_MODEL);
  return sharedModel;
}

/**
 * Creates an analyzer for one workspace. Corrections act twice: a text equal or nearly equal (word Jaccard ≥ 0.8)
 * to a corrected one gets the corrected label, with the similarity as confidence; and weight deltas learned from
 * the corrected texts move texts that share their wording. Both stay inside this analyzer.
 */
export function createSentimentAnalyzer(options: SentimentAnalyzerOptions = {}): SentimentAnalyzer {
  const model = loadSharedModel();
  const labelled = (options.corrections ?? []).map((c) => ({
    text: c.text,
    label: LABELS.indexOf(c.label) as LabelIndex,
    ...(c.lang === undefined ? {} : { lang: c.lang }),
  }));
  const index = labelled.length > 0 ? indexCorrections(labelled) : undefined;
  const deltas = labelled.length > 0 ? learnWeightDeltas(model, labelled) : undefined;
  const probabilities = new Float64Array(3);
  return {
    analyze(text, lang) {
      const parsed = parseText(text);
      if (listContentWords(parsed.tokens).length === 0) return describeNothingToSay();
      const route = routeLanguage(lang);
      computeProbabilities(model, parsed, route, deltas, probabilities);
      const scores: Record<SentimentLabel, number> = {
        negative: probabilities[0] as number,
        neutral: probabilities[1] as number,
        positive: probabilities[2] as number,
      };
      const match = index?.match(parsed.tokens);
      if (match !== undefined) return overrideWithCorrection(scores, match.label, match.similarity);
      const threshold = options.neutralThreshold ?? readNeutralThreshold(model, route);
      const label = LABELS[decideLabel(probabilities, threshold)];
      return { label, confidence: scores[label], scores };
    },
  };
}

/** Empty, links only, user names only: there is no sentiment to find, and that is certain. */
function describeNothingToSay(): SentimentResult {
  return { label: 'neutral', confidence: 1, scores: { negative: 0, neutral: 1, positive: 0 } };
}

/** The corrected label gets `similarity`; the rest is shared by the other classes as the model shared it. */
function overrideWithCorrection(
  scores: Record<SentimentLabel, number>,
  label: LabelIndex,
  similarity: number,
): SentimentResult {
  const corrected = LABELS[label];
  const others = LABELS.filter((l) => l !== corrected);
  const rest = others.reduce((sum, l) => sum + scores[l], 0);
  const result = { ...scores, [corrected]: similarity };
  for (const l of others) result[l] = rest > 0 ? ((1 - similarity) * scores[l]) / rest : (1 - similarity) / 2;
  return { label: corrected, confidence: similarity, scores: result };
}
