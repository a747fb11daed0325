import { describe, expect, it } from 'vitest';
import { inflectAdjective, parseText, scoreLexicon, type LexiconLanguage } from './lexicon.js';

/** Positive minus negative evidence. */
function polarity(text: string, language: LexiconLanguage = 'fr'): number {
  const score = scoreLexicon(parseText(text), language);
  return score.positive - score.negative;
}

describe('scoreLexicon', () => {
  it.each([
    ['un service excellent', 1],
    ['elle est vraiment heureuse', 1],
    ['une équipe géniale 👏', 1],
    ['quelle honte, une arnaque', -1],
    ['je suis déçue', -1],
    ['je ne suis pas content', -1],
    ['pas du tout satisfaits', -1],
    ["ce n'est pas terrible", -1],
    ['pas mal du tout', 1],
    ["c'est pas mal", 1],
    ['pas mal de gens à la réunion', 0],
    ['pas mauvais', 1],
    ['cher mais excellent', 1],
    ['bien mais décevant', -1],
    ['génial, encore en panne #ironie', -1],
    ['merci pour rien 🙄', -1],
    ['cooool', 1],
    ['nuuuul', -1],
    ['la réunion est à 15h', 0],
    ['😍', 1],
    [':(', -1],
    ['love it', 0],
    ['love it', 1, 'en'],
    ['not good', -1, 'en'],
    ['not bad', 1, 'en'],
    ["I don't like it", -1, 'en'],
    ['génial', 0, 'en'],
    ['génial and great', 1, 'any'],
  ] as Array<[string, number, LexiconLanguage?]>)('%s → %i (%s)', (text, sign, language) => {
    expect(Math.sign(polarity(text, language ?? 'fr'))).toBe(sign);
  });

  it.each([
    ['très content', 'content'],
    ['vraiment génial', 'génial'],
    ['super bien', 'bien'],
    ['trop bien', 'bien'],
    ['content', 'un peu content'],
    ['beauuu', 'beau'],
  ])('%s is more positive than %s', (stronger, weaker) => {
    expect(polarity(stronger)).toBeGreaterThan(polarity(weaker));
  });

  it.each([
    ['très décevant', 'décevant'],
    ['pas du tout content', 'pas content'],
    ['vraiment nul', 'nul'],
  ])('%s is more negative than %s', (stronger, weaker) => {
    expect(polarity(stronger)).toBeLessThan(polarity(weaker));
  });

  it('counts "super" before a word as an intensifier, not twice', () => {
    expect(polarity('super bien')).toBeLessThan(polarity('super') + polarity('bien'));
  });
});

describe('inflectAdjective', () => {
  it.each([
    ['bon', ['bonne', 'bons', 'bonnes']],
    ['nul', ['nulle', 'nuls']],
    ['heureux', ['heureuse', 'heureuses']],
    ['positif', ['positive', 'positifs']],
    ['génial', ['geniaux', 'geniale']],
    ['fier', ['fiere', 'fiers']],
    ['content', ['contente', 'contents', 'contentes']],
    ['beau', ['belle', 'beaux']],
  ])('%s → %j', (base, forms) => {
    const inflected = inflectAdjective(base.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
    for (const form of forms) expect(inflected).toContain(form);
  });
});
