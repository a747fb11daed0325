// What a mention must contain for a query to possibly match, as a conjunction of disjunctions of index keys:
// `(a OR b) AND c` needs c, and a or b. The topic index files each query under its most selective clause.
import type { QueryNode, TextNode } from './ast.js';
import { foldWord, isSymbolWord } from './normalise.js';
import { compileWordPattern, isWildcard } from './word-pattern.js';

/** An index key: a folded word, `#tag`, `@handle`, `site:domain`, `lang:code` or `source:id`. */
export interface RequiredTerm {
  key: string;
  /** The key is a pattern (`munici*`, `r?seau`, `#velo*`): any key it accepts will do. */
  wildcard: boolean;
}

/** At least one of these terms must be present. */
export type RequiredClause = readonly RequiredTerm[];

/** Beyond this many clauses an OR keeps one clause per branch instead of their full product. */
const MAX_DISTRIBUTED_CLAUSES = 16;

/**
 * Words too frequent to be worth filing a topic under when the topic offers anything rarer. Not a filter:
 * a query made only of them is still filed under them.
 */
const FREQUENT_WORDS = new Set(
  (
    'a au aux avec ce ces dans de des du elle en est et il ils je la le les leur mais me ne nous on ou par pas ' +
    'plus pour qu que qui sa se ses son sur ta te tes un une vous y rt via http https www com fr the of and to in is'
  ).split(' '),
);

/** A rough guess of how often a term occurs, lower is rarer; only used to rank a topic's clauses. */
function estimateFrequency(term: RequiredTerm): number {
  const { key } = term;
  if (key.startsWith('lang:') || key.startsWith('source:')) return 1000;
  if (key.startsWith('site:')) return 20;
  if (!term.wildcard) return FREQUENT_WORDS.has(key) ? 500 : 8 + 64 / key.length;
  const literals = key.replace(/[*?]/g, '').length;
  return 2 * (8 + 64 / Math.max(1, literals));
}

function estimateClauseFrequency(clause: RequiredClause): number {
  return clause.reduce((sum, term) => sum + estimateFrequency(term), 0);
}

/** The clause matching the fewest mentions, by estimate, or undefined when nothing is required. */
export function chooseIndexClause(clauses: readonly RequiredClause[]): RequiredClause | undefined {
  let best: RequiredClause | undefined;
  let bestFrequency = Infinity;
  for (const clause of clauses) {
    const frequency = estimateClauseFrequency(clause);
    if (frequency < bestFrequency) {
      best = clause;
      bestFrequency = frequency;
    }
  }
  return best;
}

/**
 * The key a word requires: itself, wildcards included. A `raw:` word is required in folded form, and a raw
 * wildcard only by the folded start before its first wildcard: folding may change a word's length (œ → oe),
 * so `?` counts differently once folded, while a folded start stays a start.
 */
function requireWord(word: string, raw: boolean, namespace = ''): RequiredTerm | undefined {
  if (!raw || isSymbolWord(word)) return { key: namespace + word, wildcard: isWildcard(word) };
  const wildcard = word.search(/[*?]/);
  if (wildcard === -1) return { key: namespace + foldWord(word), wildcard: false };
  return wildcard === 0 ? undefined : { key: `${namespace}${foldWord(word.slice(0, wildcard))}*`, wildcard: true };
}

function requireText(node: TextNode): RequiredClause[] {
  return node.words.flatMap((word) => {
    const term = requireWord(word, node.raw);
    return term ? [[term]] : [];
  });
}

function covers(term: RequiredTerm, other: RequiredTerm): boolean {
  if (term.key === other.key) return true;
  return term.wildcard && !other.wildcard && compileWordPattern(term.key)(other.key);
}

/** The union of two clauses, without terms another one covers: `velo OR velo*` needs only `velo*`. */
function mergeClauses(a: RequiredClause, b: RequiredClause): RequiredClause {
  const merged: RequiredTerm[] = [];
  for (const term of [...a, ...b]) {
    if (merged.some((kept) => covers(kept, term))) continue;
    for (let i = merged.length - 1; i >= 0; i--) if (covers(term, merged[i] as RequiredTerm)) merged.splice(i, 1);
    merged.push(term);
  }
  return merged;
}

/** (A1 ∧ A2) ∨ (B1 ∧ B2) needs (A1 ∨ B1) ∧ (A1 ∨ B2) ∧ …; an unconstrained branch makes the OR unconstrained. */
function distributeOr(branches: RequiredClause[][]): RequiredClause[] {
  let product: RequiredClause[] = [[]];
  for (const clauses of branches) {
    if (clauses.length === 0) return [];
    const options =
      product.length * clauses.length <= MAX_DISTRIBUTED_CLAUSES
        ? clauses
        : [chooseIndexClause(clauses) as RequiredClause];
    product = product.flatMap((clause) => options.map((option) => mergeClauses(clause, option)));
  }
  return product;
}

export function extractRequiredTerms(node: QueryNode): RequiredClause[] {
  switch (node.kind) {
    case 'text':
      return requireText(node);
    case 'and':
      return node.children.flatMap(extractRequiredTerms);
    case 'or':
      return distributeOr(node.children.map(extractRequiredTerms));
    case 'near':
      return [...distributeOr(node.left.map(requireText)), ...distributeOr(node.right.map(requireText))];
    case 'proximity':
      return node.operands.flatMap((alternatives) => distributeOr(alternatives.map(requireText)));
    case 'hashtag': {
      const term = requireWord(node.tag, false, '#');
      return term ? [[term]] : [];
    }
    case 'mention':
      return [[{ key: `@${node.handle}`, wildcard: false }]];
    case 'field':
      return node.field === 'url' ? [] : [[{ key: `${node.field}:${node.value}`, wildcard: false }]];
    case 'not':
    case 'author':
      return [];
  }
}
