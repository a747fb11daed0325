// The syntax tree of a listening query, and a compact printed form of it for tests and for showing a user
// how Rostra read their query.

/**
 * Words to find in sequence in the title or text. One word is a term, several a phrase ("pistes cyclables",
 * or saint-etienne written with a hyphen). Words are folded (lower case, no accents) unless `raw`, in which
 * case they keep their case and accents. A word may hold wildcards: a trailing `*`, `?` anywhere.
 */
export interface TextNode {
  kind: 'text';
  /** Folded words, and emojis or symbols as typed (🚲, €). */
  words: string[];
  raw: boolean;
  /**
   * Where each word sits, counted from the first, when the words include symbols: a symbol takes the position
   * of the word after it, as in a post ("vive le 🚲" is at 0, 1, 2; "le 🚲 vélo" at 0, 1, 1). Absent: 0, 1, 2…
   */
  positions?: number[];
}

export interface AndNode {
  kind: 'and';
  children: QueryNode[];
}

export interface OrNode {
  kind: 'or';
  children: QueryNode[];
}

export interface NotNode {
  kind: 'not';
  child: QueryNode;
}

/** `left NEAR/n right`: one of the left alternatives and one of the right ones at most `distance` words apart. */
export interface NearNode {
  kind: 'near';
  left: TextNode[];
  right: TextNode[];
  distance: number;
  /** ONEAR: left must come first. */
  ordered: boolean;
}

export interface HashtagNode {
  kind: 'hashtag';
  /** Folded, without `#`; may hold wildcards. */
  tag: string;
}

export interface MentionNode {
  kind: 'mention';
  /** Lower case, without `@`. */
  handle: string;
}

/** `author:` matches words of the author's handle or name, in sequence. */
export interface AuthorNode {
  kind: 'author';
  words: string[];
}

/**
 * `"a b c"~n` or `(a b c)~n` (Lucene, Talkwalker, Brandwatch): every operand, one of its alternatives, with at
 * most `distance` other words among them, in any order. Two operands are `a NEAR/n b`.
 */
export interface ProximityNode {
  kind: 'proximity';
  operands: TextNode[][];
  distance: number;
}

export type FieldName = 'site' | 'url' | 'lang' | 'source';

/** Fields compared as whole values rather than words: a domain, a URL fragment, a language, a source. */
export interface FieldNode {
  kind: 'field';
  field: FieldName;
  value: string;
}

export type QueryNode =
  TextNode | AndNode | OrNode | NotNode | NearNode | ProximityNode | HashtagNode | MentionNode | AuthorNode | FieldNode;

function printWords(words: string[]): string {
  return words.length === 1 ? (words[0] as string) : `"${words.join(' ')}"`;
}

function printAlternatives(nodes: TextNode[]): string {
  return nodes.length === 1 ? printQuery(nodes[0] as TextNode) : `(or ${nodes.map(printQuery).join(' ')})`;
}

/** An S-expression: `(and (or velo "pistes cyclables") (not site:leboncoin.fr))`. */
export function printQuery(node: QueryNode): string {
  switch (node.kind) {
    case 'text':
      return node.raw ? `raw:${printWords(node.words)}` : printWords(node.words);
    case 'and':
    case 'or':
      return `(${node.kind} ${node.children.map(printQuery).join(' ')})`;
    case 'not':
      return `(not ${printQuery(node.child)})`;
    case 'near':
      return `(${node.ordered ? 'onear' : 'near'}/${node.distance} ${printAlternatives(node.left)} ${printAlternatives(node.right)})`;
    case 'proximity':
      return `(within/${node.distance} ${node.operands.map(printAlternatives).join(' ')})`;
    case 'hashtag':
      return `#${node.tag}`;
    case 'mention':
      return `@${node.handle}`;
    case 'author':
      return `author:${printWords(node.words)}`;
    case 'field':
      return `${node.field}:${node.value}`;
  }
}
