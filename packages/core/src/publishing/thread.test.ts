import { describe, expect, it } from 'vitest';
import { splitSentences, splitThread } from './thread.js';

describe('splitSentences', () => {
  it.each([
    ['Bonjour. Au revoir.', ['Bonjour. ', 'Au revoir.']],
    ['M. Dupont est là. Mme. Durand aussi.', ['M. Dupont est là. ', 'Mme. Durand aussi.']],
    ['Le taux passe à 3.5 %. Bonne nouvelle.', ['Le taux passe à 3.5 %. ', 'Bonne nouvelle.']],
    ['Voir https://lyon.fr/a.b?c=d. Merci.', ['Voir https://lyon.fr/a.b?c=d. ', 'Merci.']],
    ['Attendez... et voilà. Fin.', ['Attendez... et voilà. ', 'Fin.']],
    ['Signé J. Martin. Fin.', ['Signé J. Martin. ', 'Fin.']],
    ['Voir p. 12. Fin.', ['Voir p. 12. ', 'Fin.']],
    ['Quoi ? Oui ! Bien.', ['Quoi ? ', 'Oui ! ', 'Bien.']],
  ])('%s', (text, expected) => {
    expect(splitSentences(text)).toEqual(expected);
    expect(splitSentences(text).join('')).toBe(text);
  });
});

describe('splitThread', () => {
  it('keeps a text that fits as one part, without numbering', () => {
    expect(splitThread('  Court.  ', { limit: 20, numbering: true })).toEqual(['Court.']);
    expect(splitThread('   ', { limit: 20 })).toEqual([]);
  });

  it('packs whole sentences into parts under the limit', () => {
    const text = 'Première phrase ici. Deuxième phrase là. Troisième phrase enfin.';
    expect(splitThread(text, { limit: 42 })).toEqual([
      'Première phrase ici. Deuxième phrase là.',
      'Troisième phrase enfin.',
    ]);
  });

  it('never splits after M. or inside a number', () => {
    const text = 'M. Dupont présente le budget 2025. Il augmente de 3.5 % cette année.';
    const parts = splitThread(text, { limit: 40 });
    expect(parts).toEqual(['M. Dupont présente le budget 2025.', 'Il augmente de 3.5 % cette année.']);
  });

  it('falls back to words for an over-long sentence, and to graphemes for an over-long word', () => {
    const parts = splitThread('un deux trois quatre cinq six sept huit', { limit: 12 });
    expect(parts).toEqual(['un deux', 'trois quatre', 'cinq six', 'sept huit']);
    expect(splitThread('abcdefghij klm', { limit: 4 })).toEqual(['abcd', 'efgh', 'ij', 'klm']);
    expect(splitThread('abcdefghij kl mn', { limit: 6 })).toEqual(['abcdef', 'ghij', 'kl mn']);
    expect(splitThread('un deux trois quatre. Fin.', { limit: 12 })).toEqual(['un deux', 'trois', 'quatre. Fin.']);
  });

  it('numbers the parts within the limit', () => {
    const text = 'Une phrase. Deux phrases. Trois phrases.';
    const parts = splitThread(text, { limit: 18, numbering: true });
    expect(parts).toEqual(['Une phrase. 1/3', 'Deux phrases. 2/3', 'Trois phrases. 3/3']);
    for (const part of parts) expect([...part].length).toBeLessThanOrEqual(18);
  });

  it('redoes the split when the parts need a second digit', () => {
    const text = Array.from({ length: 12 }, (_, i) => `Phrase ${String.fromCharCode(65 + i)}.`).join(' ');
    const parts = splitThread(text, { limit: 15, numbering: true });
    expect(parts).toHaveLength(12);
    expect(parts[0]).toBe('Phrase A. 1/12');
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(15);
  });

  it('counts the network way', () => {
    // A network counting every URL as 23 characters.
    const count = (t: string) => t.replace(/https?:\/\/\S+/g, 'x'.repeat(23)).length;
    const text = `Lien : https://example.org/${'a'.repeat(80)} ici. Autre phrase.`;
    expect(splitThread(text, { limit: 40, count })).toEqual([
      `Lien : https://example.org/${'a'.repeat(80)} ici.`,
      'Autre phrase.',
    ]);
  });
});
