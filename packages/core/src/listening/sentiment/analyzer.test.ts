import { describe, expect, it } from 'vitest';
import { createSentimentAnalyzer, type SentimentLabel } from './index.js';

const analyzer = createSentimentAnalyzer();

describe('createSentimentAnalyzer: French', () => {
  it.each([
    ['Je suis très content de ce service', 'positive'],
    ['Merci pour votre aide, super équipe', 'positive'],
    ["J'adore ce produit", 'positive'],
    ["Bravo à toute l'équipe", 'positive'],
    ["C'est pas mal du tout", 'positive'],
    ['Le colis est arrivé 😍', 'positive'],
    ['Le colis est arrivé :)', 'positive'],
    ['Quelle arnaque, service client nul', 'negative'],
    ["Ce n'est pas terrible", 'negative'],
    ['Pas du tout content du service', 'negative'],
    ["Je n'aime pas ce produit", 'negative'],
    ['Encore une panne 😡', 'negative'],
    ['Le colis est arrivé :(', 'negative'],
    ['Génial, encore en panne #ironie', 'negative'],
    ['Le rapport annuel est publié http', 'neutral'],
    ['pas mal de gens à la réunion', 'neutral'],
  ] as Array<[string, SentimentLabel]>)('%s → %s', (text, label) => {
    expect(analyzer.analyze(text, 'fr').label).toBe(label);
  });

  it.each([
    ['Je ne suis pas content', 'Je suis content'],
    ['Je suis pas satisfait', 'Je suis satisfait'],
    ['Ce n’est pas bon', "C'est bon"],
  ])('negation: %s is more negative than %s', (negated, plain) => {
    const a = analyzer.analyze(negated, 'fr').scores;
    const b = analyzer.analyze(plain, 'fr').scores;
    expect(a.negative).toBeGreaterThan(b.negative);
    expect(a.positive).toBeLessThan(b.positive);
  });

  it.each([
    ['Je suis très content', 'Je suis content', 'positive'],
    ['Je suis trooop content', 'Je suis content', 'positive'],
    ['Je suis vraiment déçu', 'Je suis déçu', 'negative'],
  ] as Array<[string, string, SentimentLabel]>)('intensifier: %s is more %s than %s', (strong, plain, label) => {
    expect(analyzer.analyze(strong, 'fr').scores[label]).toBeGreaterThan(analyzer.analyze(plain, 'fr').scores[label]);
  });
});

describe('createSentimentAnalyzer: English (lexicon and emojis only)', () => {
  it.each([
    ['I love it', 'positive'],
    ['Great job team!', 'positive'],
    ['Thanks for the help :)', 'positive'],
    ['Not bad at all', 'positive'],
    ['This is the worst update ever', 'negative'],
    ['I do not like this', 'negative'],
    ['Terrible customer service 😡', 'negative'],
    ['The report is out', 'neutral'],
  ] as Array<[string, SentimentLabel]>)('%s → %s', (text, label) => {
    expect(analyzer.analyze(text, 'en').label).toBe(label);
  });

  it('reads region tags and unknown languages', () => {
    expect(analyzer.analyze('I love it', 'en-GB')).toEqual(analyzer.analyze('I love it', 'en'));
    expect(analyzer.analyze('Très déçu', 'fr-CA')).toEqual(analyzer.analyze('Très déçu', 'fr'));
    expect(analyzer.analyze('awesome, génial', 'de').label).toBe('positive');
    expect(analyzer.analyze('awesome, génial').label).toBe('positive');
  });
});

describe('createSentimentAnalyzer: results', () => {
  it.each(['', '   ', 'http://example.com/a?b=1', '@user http', '!!! ...'])('%j has nothing to say', (text) => {
    expect(analyzer.analyze(text, 'fr')).toEqual({
      label: 'neutral',
      confidence: 1,
      scores: { negative: 0, neutral: 1, positive: 0 },
    });
  });

  it('gives calibrated scores that sum to 1, the confidence being the label’s score', () => {
    for (const text of ['Super soirée', 'Colis perdu, je suis furieux', 'Réunion mardi']) {
      const result = analyzer.analyze(text, 'fr');
      const { negative, neutral, positive } = result.scores;
      expect(negative + neutral + positive).toBeCloseTo(1, 10);
      expect(result.confidence).toBe(result.scores[result.label]);
    }
  });

  it('is deterministic, within and across analyzers', () => {
    const text = 'Franchement déçu par la mise à jour 😤';
    const first = analyzer.analyze(text, 'fr');
    expect(analyzer.analyze(text, 'fr')).toEqual(first);
    expect(createSentimentAnalyzer().analyze(text, 'fr')).toEqual(first);
  });

  it('calls a weak polar result neutral below the threshold', () => {
    const text = 'Je suis un peu content';
    const scores = analyzer.analyze(text, 'fr').scores;
    expect(createSentimentAnalyzer({ neutralThreshold: 0.99 }).analyze(text, 'fr')).toEqual({
      label: 'neutral',
      confidence: scores.neutral,
      scores,
    });
    expect(createSentimentAnalyzer({ neutralThreshold: 0 }).analyze(text, 'fr').label).toBe('positive');
  });
});

describe('createSentimentAnalyzer: corrections', () => {
  const corrected = 'La nouvelle interface de Rostra est arrivée ce matin';
  const workspace = createSentimentAnalyzer({ corrections: [{ text: corrected, label: 'positive' }] });

  it('starts from a model that gets the text wrong', () => {
    expect(analyzer.analyze(corrected, 'fr').label).not.toBe('positive');
  });

  it.each([
    [corrected, 1],
    ['la nouvelle interface de ROSTRA est arrivee ce matin !! http://t.co/x @bob', 1],
    ['La nouvelle interface de Rostra est arrivée hier matin', 0.8],
  ])('overrides %j (similarity %d)', (text, similarity) => {
    const result = workspace.analyze(text, 'fr');
    expect(result.label).toBe('positive');
    expect(result.confidence).toBeCloseTo(similarity, 10);
    const { negative, neutral, positive } = result.scores;
    expect(negative + neutral + positive).toBeCloseTo(1, 10);
  });

  it('moves texts that share the wording through the learned weights', () => {
    for (const text of ['Vous avez vu la nouvelle interface de Rostra ?', 'Rostra a une nouvelle interface']) {
      const before = analyzer.analyze(text, 'fr').scores.positive;
      expect(workspace.analyze(text, 'fr').scores.positive).toBeGreaterThan(before + 0.1);
    }
  });

  it('leaves unrelated texts nearly as they were', () => {
    for (const text of ['Le chat dort sur le canapé', 'Service client nul', 'Super concert hier soir']) {
      const before = analyzer.analyze(text, 'fr');
      const after = workspace.analyze(text, 'fr');
      expect(after.label).toBe(before.label);
      expect(Math.abs(after.scores.positive - before.scores.positive)).toBeLessThan(0.05);
    }
  });

  it('does not leak to other workspaces', () => {
    const other = createSentimentAnalyzer({ corrections: [{ text: 'Réunion mardi', label: 'negative' }] });
    const fresh = createSentimentAnalyzer();
    for (const text of [corrected, 'Vous avez vu la nouvelle interface de Rostra ?']) {
      expect(fresh.analyze(text, 'fr')).toEqual(analyzer.analyze(text, 'fr'));
      expect(other.analyze(text, 'fr').label).toBe(analyzer.analyze(text, 'fr').label);
      expect(other.analyze(text, 'fr').scores.positive).toBeCloseTo(analyzer.analyze(text, 'fr').scores.positive, 1);
    }
  });

  it('lets the later of two corrections of one text win', () => {
    const flipFlop = createSentimentAnalyzer({
      corrections: [
        { text: corrected, label: 'negative' },
        { text: `${corrected} !`, label: 'neutral' },
      ],
    });
    expect(flipFlop.analyze(corrected, 'fr').label).toBe('neutral');
  });

  it('matches short texts only exactly', () => {
    const short = createSentimentAnalyzer({ corrections: [{ text: 'trop cher', label: 'positive' }] });
    expect(short.analyze('Trop cher !', 'fr').label).toBe('positive');
    expect(short.analyze('trop cher', 'fr').confidence).toBe(1);
    expect(short.analyze('pas trop cher', 'fr').confidence).not.toBe(1);
  });

  it('learns English corrections on the English route', () => {
    const text = 'The new dashboard shipped today';
    const english = createSentimentAnalyzer({ corrections: [{ text, label: 'positive', lang: 'en' }] });
    const variant = 'Have you seen the new dashboard?';
    expect(english.analyze(variant, 'en').scores.positive).toBeGreaterThan(
      analyzer.analyze(variant, 'en').scores.positive + 0.1,
    );
  });
});
