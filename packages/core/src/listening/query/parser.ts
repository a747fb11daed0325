// Parses a listening query into its syntax tree by recursive descent. Precedence, loosest first: OR, then AND
// (explicit, or implicit between adjacent terms), then NOT and `-`, then NEAR/ONEAR, which binds tightest.
import type { FieldName, QueryNode, TextNode } from './ast.js';
import { MAX_QUERY_DEPTH, MIN_WILDCARD_LETTERS, QueryError } from './errors.js';
import type { FieldKeyword, ProximitySuffix, Token } from './lexer.js';
import { lexQuery } from './lexer.js';
import { isWildcard } from './word-pattern.js';
import {
  extractHost,
  foldHandle,
  foldHashtag,
  foldWord,
  normaliseRawWord,
  splitQueryWords,
  type QueryWord,
} from './normalise.js';

type TokenType = Token['type'];

const OPERAND_STARTS = new Set<TokenType>([
  'word',
  'phrase',
  'braced',
  'hashtag',
  'mention',
  'field',
  'field_group',
  'lparen',
  'not',
]);

/** One hyphen between two words joins them: "covid-19" is also "covid19", "e-mail" also "email". */
const HYPHENS = new Set(['-', '\u2010', '\u2011']);
/** Where letters meet digits inside a word: "covid19" is also "covid 19", "A380" also "A 380". */
const LETTER_DIGIT = /(?<=\p{L})(?=\p{N})|(?<=\p{N})(?=\p{L})/u;
/** Beyond this many spellings, a term keeps only its words apart and its words glued. */
const MAX_SPELLINGS = 8;

/** Rejects wildcards the matcher cannot honour or that would match nearly every word. */
function checkWildcards(word: string, column: number): void {
  if (!isWildcard(word)) return;
  const star = word.indexOf('*');
  if (star !== -1 && star !== word.length - 1) {
    throw new QueryError('misplaced_wildcard', column + star, 1, { token: word });
  }
  const letters = Array.from(word).filter((c) => c !== '*' && c !== '?').length;
  if (letters < MIN_WILDCARD_LETTERS) throw new QueryError('wildcard_too_short', column, word.length, { token: word });
}

/** The words of a term, phrase or `raw:` value, checked; symbols are kept as typed. */
function cutWords(text: string, column: number, token: Token): QueryWord[] {
  const words = splitQueryWords(text);
  if (words.length === 0) throw new QueryError('empty_term', token.column, token.text.length, { token: token.text });
  for (const word of words) if (!word.symbol) checkWildcards(word.text, column + word.offset);
  return words;
}

/** The words of an `author:` value, normalised as the author's name will be. */
function buildWords(text: string, column: number, token: Token, fold: (word: string) => string): string[] {
  return cutWords(text, column, token)
    .filter((word) => !word.symbol)
    .map((word) => fold(word.text));
}

/**
 * A word or symbol of a term, and whether it may be glued to the one before it: after a single hyphen
 * ("covid-19"), or where letters meet digits inside one word ("covid19").
 */
interface Piece {
  text: string;
  symbol: boolean;
  gluable: boolean;
}

function cutPieces(text: string, words: QueryWord[]): Piece[] {
  const pieces: Piece[] = [];
  words.forEach((word, i) => {
    const previous = words[i - 1];
    const between = previous ? text.slice(previous.offset + previous.text.length, word.offset) : '';
    const gluable =
      previous !== undefined &&
      !previous.symbol &&
      !word.symbol &&
      HYPHENS.has(between) &&
      !isWildcard(previous.text) &&
      !isWildcard(word.text);
    if (word.symbol || isWildcard(word.text)) {
      pieces.push({ text: word.text, symbol: word.symbol, gluable });
      return;
    }
    // One boundary only: "covid19", "A380", "4G"; "h1n1" is a name, not words glued together.
    const parts = word.text.split(LETTER_DIGIT);
    (parts.length === 2 ? parts : [word.text]).forEach((part, k) => {
      pieces.push({ text: part, symbol: false, gluable: k === 0 ? gluable : true });
    });
  });
  return pieces;
}

/** The spellings of pieces: each run of gluable pieces written apart or glued. */
function listSpellings(pieces: Piece[]): Piece[][][] {
  const runs: Piece[][] = [];
  for (const piece of pieces) {
    if (piece.gluable && runs.length > 0) (runs[runs.length - 1] as Piece[]).push(piece);
    else runs.push([piece]);
  }
  const joined = (run: Piece[]): Piece[][] =>
    run.length === 1 ? [run] : [run, [{ text: run.map((p) => p.text).join(''), symbol: false, gluable: false }]];
  let spellings: Piece[][][] = [[]];
  for (const run of runs) spellings = spellings.flatMap((spelling) => joined(run).map((form) => [...spelling, form]));
  if (spellings.length > MAX_SPELLINGS) {
    spellings = [runs, runs.map((run) => joined(run).at(-1) as Piece[])];
  }
  return spellings;
}

function toTextNode(pieces: Piece[], raw: boolean): TextNode {
  const fold = raw ? normaliseRawWord : foldWord;
  const words = pieces.map((piece) => (piece.symbol ? piece.text : fold(piece.text)));
  if (!pieces.some((piece) => piece.symbol)) return { kind: 'text', words, raw };
  // A symbol sits at the position of the word after it, as in a post.
  let position = 0;
  const positions = pieces.map((piece) => (piece.symbol ? position : position++));
  return { kind: 'text', words, raw, positions };
}

/** A term or phrase: its words in sequence, in each spelling hyphens and digits allow ("covid-19", "covid19"). */
function buildText(text: string, column: number, token: Token, raw: boolean): QueryNode {
  const words = cutWords(text, column, token);
  const spellings = listSpellings(cutPieces(text, words)).map((runs) => toTextNode(runs.flat(), raw));
  return spellings.length === 1 ? (spellings[0] as TextNode) : { kind: 'or', children: spellings };
}

/** `site:https://www.lemonde.fr/` and `site:*.lemonde.fr` both mean the domain lemonde.fr and its subdomains. */
function normaliseSite(value: string): string {
  return extractHost(value.replace(/^\*\./, ''));
}

type FieldToken = Extract<Token, { type: 'field' }>;
type OperandToken = Extract<Token, { type: 'word' | 'phrase' | 'braced' | 'hashtag' | 'mention' | 'field' }>;

/** A value compared whole; one that normalises to nothing (`site:https://`) would silently match nothing. */
function buildFieldValue(token: FieldToken, field: FieldName, value: string): QueryNode {
  if (!value) throw new QueryError('empty_field_value', token.column, token.text.length, { field });
  return { kind: 'field', field, value };
}

function buildField(token: FieldToken): QueryNode {
  switch (token.field) {
    case 'raw':
      return buildText(token.value, token.valueColumn, token, true);
    case 'author':
      return { kind: 'author', words: buildWords(token.value.replace(/^@/, ''), token.valueColumn, token, foldWord) };
    case 'site':
      return buildFieldValue(token, 'site', normaliseSite(token.value));
    case 'url':
    case 'lang':
    case 'source':
      return buildFieldValue(token, token.field, token.value.trim().toLowerCase());
  }
}

/** The operands of `"a b c"~n`: each whitespace-separated chunk of the phrase, in its spellings. */
function buildPhraseOperands(token: Extract<Token, { type: 'phrase' | 'braced' }>): QueryNode[] {
  const raw = token.type === 'braced';
  const operands: QueryNode[] = [];
  for (const chunk of token.value.matchAll(/\S+/gu)) {
    if (splitQueryWords(chunk[0]).length === 0) continue;
    operands.push(buildText(chunk[0], token.valueColumn + (chunk.index ?? 0), token, raw));
  }
  if (operands.length === 0) throw new QueryError('empty_term', token.column, token.text.length, { token: token.text });
  return operands;
}

function buildOperand(token: OperandToken): QueryNode {
  switch (token.type) {
    case 'word':
    case 'phrase':
      return buildText(token.value, token.valueColumn, token, false);
    case 'braced':
      return buildText(token.value, token.valueColumn, token, true);
    case 'hashtag':
      checkWildcards(token.value, token.valueColumn);
      return { kind: 'hashtag', tag: foldHashtag(token.value) };
    case 'mention':
      return { kind: 'mention', handle: foldHandle(token.value) };
    case 'field':
      return buildField(token);
  }
}

/** Joins nodes of one kind, flattening `(a AND b) AND c` into one AND of three. */
function join(kind: 'and' | 'or', nodes: QueryNode[]): QueryNode {
  if (nodes.length === 1) return nodes[0] as QueryNode;
  return { kind, children: nodes.flatMap((n) => (n.kind === kind ? n.children : [n])) };
}

function isText(node: QueryNode): node is TextNode {
  return node.kind === 'text';
}

/** Text alternatives: a term, a phrase, or a group of those joined by OR; undefined for anything else. */
function listAlternatives(node: QueryNode): TextNode[] | undefined {
  if (isText(node)) return [node];
  if (node.kind !== 'or') return undefined;
  const alternatives: TextNode[] = [];
  for (const child of node.children) {
    const nested = listAlternatives(child);
    if (!nested) return undefined;
    alternatives.push(...nested);
  }
  return alternatives;
}

/** A NEAR operand: a term, a phrase, or a group of those joined by OR. */
function toAlternatives(node: QueryNode, token: Token): TextNode[] {
  const alternatives = listAlternatives(node);
  if (alternatives) return alternatives;
  throw new QueryError('invalid_near_operand', token.column, token.text.length, { token: token.text });
}

/** `(a b c)~n` or `"a b c"~n`: each operand of the AND within n words of the others. */
function buildProximity(
  operands: QueryNode[],
  suffix: ProximitySuffix,
  locate: (node: QueryNode) => Token | undefined,
): QueryNode {
  const alternatives = operands.map((operand) => {
    const found = listAlternatives(operand);
    if (found) return found;
    const token = locate(operand);
    const column = token?.column ?? suffix.column;
    throw new QueryError('invalid_proximity_group', column, token?.text.length ?? suffix.text.length, {
      token: token?.text ?? suffix.text,
    });
  });
  if (alternatives.length === 1) return operands[0] as QueryNode;
  return { kind: 'proximity', operands: alternatives, distance: suffix.distance };
}

export function parseQuery(source: string): QueryNode {
  const tokens = lexQuery(source);
  let at = 0;
  let depth = 0;
  /** Inside `url:( … )`: the field its words are values of. */
  let fieldContext: FieldKeyword | undefined;
  /** The token each operand was read from, to point at it in a later error. */
  const origins = new WeakMap<QueryNode, Token>();
  const locate = (node: QueryNode): Token | undefined => origins.get(node);
  const remember = (node: QueryNode, token: Token): QueryNode => {
    if (!origins.has(node)) origins.set(node, token);
    return node;
  };

  const peek = (): Token => tokens[at] as Token;
  const next = (): Token => tokens[at++] as Token;
  const startsOperand = (token: Token): boolean => OPERAND_STARTS.has(token.type);

  /** After an operator, the next token must begin an operand, else the operator dangles. */
  const expectOperandAfter = (operator: Token): void => {
    if (!startsOperand(peek()))
      throw new QueryError('dangling_operator', operator.column, operator.text.length, { operator: operator.text });
  };

  const enter = (token: Token): void => {
    if (++depth > MAX_QUERY_DEPTH) throw new QueryError('too_deep', token.column, token.text.length);
  };

  function parseOr(): QueryNode {
    const children = [parseAnd()];
    while (peek().type === 'or') {
      expectOperandAfter(next());
      children.push(parseAnd());
    }
    return join('or', children);
  }

  function parseAnd(): QueryNode {
    const children = [parseUnary()];
    for (;;) {
      const token = peek();
      if (token.type === 'and') {
        expectOperandAfter(next());
        children.push(parseUnary());
      } else if (startsOperand(token)) {
        children.push(parseUnary());
      } else {
        return join('and', children);
      }
    }
  }

  function parseUnary(): QueryNode {
    const token = peek();
    if (token.type !== 'not') return parseProximity();
    next();
    expectOperandAfter(token);
    enter(token);
    const child = parseUnary();
    depth--;
    return remember({ kind: 'not', child }, token);
  }

  function parseProximity(): QueryNode {
    const leftToken = peek();
    const left = parsePrimary();
    const operator = peek();
    if (operator.type !== 'near') return left;
    next();
    expectOperandAfter(operator);
    const rightToken = peek();
    if (rightToken.type === 'not') {
      throw new QueryError('invalid_near_operand', rightToken.column, rightToken.text.length, {
        token: rightToken.text,
      });
    }
    const right = parsePrimary();
    const node: QueryNode = {
      kind: 'near',
      left: toAlternatives(left, leftToken),
      right: toAlternatives(right, rightToken),
      distance: operator.distance,
      ordered: operator.ordered,
    };
    const chained = peek();
    if (chained.type === 'near') {
      throw new QueryError('invalid_near_operand', chained.column, chained.text.length, { token: chained.text });
    }
    return node;
  }

  function parseGroup(token: Token): QueryNode {
    if (peek().type === 'rparen') throw new QueryError('empty_group', token.column, peek().column - token.column + 1);
    if (peek().type === 'eof') throw new QueryError('unclosed_paren', token.column, 1);
    enter(token);
    const inner = parseOr();
    depth--;
    const close = peek();
    if (close.type !== 'rparen') throw new QueryError('unclosed_paren', token.column, 1);
    next();
    if (!close.proximity) return remember(inner, token);
    const operands = inner.kind === 'and' ? inner.children : [inner];
    return remember(buildProximity(operands, close.proximity, locate), token);
  }

  /** A word, phrase, tag or handle inside `field:( … )`, read as that field's value. */
  function buildFieldValueOperand(token: OperandToken, field: FieldKeyword): QueryNode {
    if (token.type === 'field' || token.type === 'braced') {
      throw new QueryError('unexpected_token', token.column, token.text.length, { token: token.text });
    }
    if (token.type === 'phrase' && token.proximity) {
      const { column, text } = token.proximity;
      throw new QueryError('invalid_proximity_group', column, text.length, { token: text });
    }
    const value = token.type === 'phrase' ? token.value : token.text;
    const valueColumn = token.type === 'phrase' ? token.valueColumn : token.column;
    return buildField({ type: 'field', column: token.column, text: token.text, field, value, valueColumn });
  }

  function parsePrimary(): QueryNode {
    const token = next();
    switch (token.type) {
      case 'lparen':
        return parseGroup(token);
      case 'field_group': {
        if (fieldContext)
          throw new QueryError('unexpected_token', token.column, token.text.length, { token: token.text });
        fieldContext = token.field;
        const group = parseGroup(next());
        fieldContext = undefined;
        return remember(group, token);
      }
      case 'and':
      case 'or':
      case 'near':
        throw new QueryError('dangling_operator', token.column, token.text.length, { operator: token.text });
      case 'eof':
        throw new QueryError('empty_query', 1, 0);
      case 'rparen':
      case 'not':
        throw new QueryError('unexpected_token', token.column, token.text.length, { token: token.text });
      default: {
        if (fieldContext) return remember(buildFieldValueOperand(token, fieldContext), token);
        if ((token.type === 'phrase' || token.type === 'braced') && token.proximity) {
          return remember(buildProximity(buildPhraseOperands(token), token.proximity, locate), token);
        }
        return remember(buildOperand(token), token);
      }
    }
  }

  const query = parseOr();
  const rest = peek();
  if (rest.type !== 'eof')
    throw new QueryError('unexpected_token', rest.column, rest.text.length, { token: rest.text });
  return query;
}
