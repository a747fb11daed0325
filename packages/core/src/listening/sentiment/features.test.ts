import { describe, expect, it } from 'vitest';
import { createFeatureBuffer, extractFeatures, type FeatureConfig } from './features.js';
import { parseText } from './lexicon.js';
import { decodePriorLexicon, loadModel } from './model.js';
import { FR_TWEETS_MODEL } from './model/fr-tweets.js';
import { computeProbabilities } from './score.js';

const CONFIG: FeatureConfig = { charMin: 3, charMax: 5, negateChars: true, bigrams: true };
const PRIOR = decodePriorLexicon({ positive: 'radieux splendeur', negative: 'catastrophe mal' });

function featuresOf(text: string, withPrior: boolean): number[] {
  const buffer = createFeatureBuffer();
  extractFeatures(parseText(text), CONFIG, buffer, withPrior ? PRIOR : undefined);
  return Array.from(buffer.hashes.subarray(0, buffer.length));
}

/** Features the prior lexicon adds to `text`, in order. */
function priorFeaturesOf(text: string): number[] {
  const without = new Set(featuresOf(text, false));
  return featuresOf(text, true).filter((h) => !without.has(h));
}

describe('extractFeatures with a prior lexicon', () => {
  it('adds nothing for words the lexicon does not rate', () => {
    expect(featuresOf('le rapport est publié', true)).toEqual(featuresOf('le rapport est publié', false));
  });

  it('gives every word of one polarity the same feature, and the other polarity another', () => {
    const [radieux] = priorFeaturesOf('un matin radieux');
    const [splendeur] = priorFeaturesOf('quelle splendeur');
    const [catastrophe] = priorFeaturesOf('une catastrophe');
    expect(radieux).toBeDefined();
    expect(radieux).toBe(splendeur);
    expect(catastrophe).toBeDefined();
    expect(catastrophe).not.toBe(radieux);
  });

  it('reads words as the analyser folds them, once per occurrence', () => {
    expect(priorFeaturesOf('RADIEUX, radieux')).toHaveLength(2);
  });

  it('leaves idioms to the hand lexicon: "mal" in "pas mal" is not read as a negative word', () => {
    expect(priorFeaturesOf("c'est pas mal")).toEqual([]);
    expect(priorFeaturesOf("j'ai mal")).toHaveLength(1);
  });

  it('gives a negated word its own feature', () => {
    const [plain] = priorFeaturesOf('un matin radieux');
    const [negated] = priorFeaturesOf("ce n'est pas radieux");
    expect(negated).toBeDefined();
    expect(negated).not.toBe(plain);
  });
});

describe('decodePriorLexicon', () => {
  it('maps positive words to 1 and negative words to -1, ignoring empty lists', () => {
    const lexicon = decodePriorLexicon({ positive: 'bon beau', negative: '' });
    expect([...lexicon]).toEqual([
      ['bon', 1],
      ['beau', 1],
    ]);
  });

  it('loads the shipped model with its prior lexicon', () => {
    expect(loadModel(FR_TWEETS_MODEL).prior?.get('aubaine')).toBe(1);
  });
});

describe('the shipped model reading its prior lexicon', () => {
  const withPrior = loadModel(FR_TWEETS_MODEL);
  const { prior: _, ...rest } = FR_TWEETS_MODEL;
  const withoutPrior = loadModel(rest);
  const probabilities = (model: typeof withPrior, text: string) => {
    const out = new Float64Array(3);
    computeProbabilities(model, parseText(text), 'fr', undefined, out);
    return out;
  };

  // Words neither the hand lexicon nor the tweets rate: only the general lexicon says which way they lean.
  it.each([
    ['Quelle aubaine pour la commune', 2],
    ['Elle abhorre ce projet pour la commune', 0],
  ])('%s leans to class %i more than without it', (text, polar) => {
    expect(probabilities(withPrior, text)[polar]).toBeGreaterThan(
      (probabilities(withoutPrior, text)[polar] as number) + 0.02,
    );
  });
});
