import { describe, expect, it } from 'vitest';
import { parseText } from './lexicon.js';

/** The words of `text` in a negation scope. */
function listNegated(text: string): string[] {
  const parsed = parseText(text);
  return parsed.tokens.filter((_, i) => parsed.negated[i] === 1).map((t) => t.text);
}

describe('negation scope', () => {
  it.each([
    ['je suis pas content', ['content']],
    ["je n'aime pas ce produit", ['aime', 'ce', 'produit']],
    ['pas du tout content', ['du', 'tout', 'content']],
    ['jamais vu ça', ['vu', 'ca']],
    ['sans intérêt, mais joli', ['interet']],
    ['il ne reste que des miettes', []],
    ['il ne vient plus jamais ici', ['vient', 'ici']],
    ['plus beau que jamais', []],
    ['pas cher mais nul', ['cher']],
    ["I don't like it", ['like', 'it']],
    ['not good at all, really', ['good', 'at', 'all']],
    ['rien ne va plus', ['va']],
    ['pas mal du tout', []],
    ["ce n'est pas terrible", []],
    ['pas de quoi se plaindre 😍 super', ['de', 'quoi', 'se', 'plaindre']],
    ['pas un deux trois quatre cinq six', ['un', 'deux', 'trois', 'quatre']],
  ])('%s → %j', (text, expected) => {
    expect(listNegated(text)).toEqual(expected);
  });
});
