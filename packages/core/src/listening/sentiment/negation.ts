// Negation scope: which tokens a "pas", "jamais", "sans" or "not" applies to. Both the lexicon (which flips a
// word's polarity) and the model (which sees "NEG_content" instead of "content") read the same marks.
import type { Token } from './tokenize.js';

// Negate on their own: "pas content", "jamais vu ça", "sans intérêt", "never again".
const STRONG_NEGATORS = new Set([
  'pas',
  'jamais',
  'rien',
  'aucun',
  'aucune',
  'ni',
  'sans',
  'not',
  'never',
  'no',
  "n't",
  'nothing',
  'nobody',
  'none',
  'nor',
  'without',
  'cannot',
]);

// Negate only after "ne"/"n'" in the same clause: "ne ... plus" is a negation, "plus beau" is not.
const WEAK_NEGATORS = new Set(['plus', 'guere', 'point', 'personne', 'nulle']);

const NE = new Set(['ne', "n'"]);

// A contrast closes the scope as punctuation does: "pas cher mais nul".
const SCOPE_BREAKERS = new Set(['mais', 'but', 'cependant', 'pourtant', 'however', 'sauf', 'except']);

/** Tokens a scope can reach past its opener: tweets often lack punctuation, so an unbounded scope over-negates. */
export const NEGATION_WINDOW = 4;

/**
 * Returns one flag per token: 1 when the token is in a negation scope. A scope opens after a negator (or after
 * "ne"/"n'" when a negator follows in the clause, since French puts the verb between: "je n'aime pas") and
 * closes at punctuation, an emoji, a contrast word or after NEGATION_WINDOW tokens. `blocked` marks tokens
 * that belong to an idiom ("pas mal") and so neither open nor receive a scope.
 */
export function markNegation(tokens: readonly Token[], blocked?: Uint8Array): Uint8Array {
  const negated = new Uint8Array(tokens.length);
  let remaining = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if (token.kind !== 'word' || SCOPE_BREAKERS.has(token.text)) {
      if (token.kind !== 'url' && token.kind !== 'user') remaining = 0;
      continue;
    }
    if (blocked !== undefined && blocked[i] === 1) {
      remaining = 0;
      continue;
    }
    if (STRONG_NEGATORS.has(token.text) || (NE.has(token.text) && hasNegatorAhead(tokens, i + 1, blocked))) {
      remaining = NEGATION_WINDOW;
      continue;
    }
    if (WEAK_NEGATORS.has(token.text) && remaining > 0) {
      // "ne ... plus": the particle pair is one negation; the window restarts after it.
      remaining = NEGATION_WINDOW;
      continue;
    }
    if (remaining > 0) {
      negated[i] = 1;
      remaining--;
    }
  }
  return negated;
}

function hasNegatorAhead(tokens: readonly Token[], from: number, blocked?: Uint8Array): boolean {
  for (let j = from; j < tokens.length && j < from + NEGATION_WINDOW + 1; j++) {
    const token = tokens[j] as Token;
    if (token.kind === 'punct' || token.kind === 'emoji' || token.kind === 'emoticon') return false;
    if (blocked !== undefined && blocked[j] === 1) return false;
    if (STRONG_NEGATORS.has(token.text) || WEAK_NEGATORS.has(token.text)) return true;
  }
  return false;
}
