// A query compiled once: its syntax tree, its exact predicate and the terms it requires, ready to run on
// any number of mentions.
import type { QueryNode } from './ast.js';
import { compilePredicate, type Predicate } from './evaluate.js';
import { isPreparedMention, prepareMention, type Mention, type PreparedMention } from './mention.js';
import { parseQuery } from './parser.js';
import { extractRequiredTerms, type RequiredClause } from './required-terms.js';

export interface CompiledQuery {
  readonly source: string;
  readonly ast: QueryNode;
  /** Every clause needs one of its terms present; empty when the query can match anything (e.g. `-spam`). */
  readonly requiredTerms: readonly RequiredClause[];
  /** The exact predicate; prepare a mention once with `prepareMention` when several queries test it. */
  readonly test: Predicate;
  matches(mention: Mention | PreparedMention): boolean;
}

/** Parses and compiles a query; throws a `QueryError` when the text is not a valid query. */
export function compileQuery(source: string): CompiledQuery {
  const ast = parseQuery(source);
  const test = compilePredicate(ast);
  return {
    source,
    ast,
    requiredTerms: extractRequiredTerms(ast),
    test,
    matches: (mention) => test(isPreparedMention(mention) ? mention : prepareMention(mention)),
  };
}
