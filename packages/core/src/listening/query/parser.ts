// Parses a listening query into its syntax tree by recursive descent. Precedence, loosest first: OR, then AND
// (explicit, or implicit between adjacent terms), then NOT and `-`, then NEAR/ONEAR, which binds tightest.
import type { FieldName, QueryNode, TextNode } from './ast.js';
import { MAX_QUERY_DEPTH, MIN_WILDCARD_LETTERS, QueryError } from './errors.js';
import type { Token } from './lexer.js';
import { lexQuery } from './lexer.js';
import { isWildcard } from './word-pattern.js';
import { extractHost, foldHandle, foldHashtag, foldWord, normaliseRawWord, splitQueryWords } from './normalise.js';

type TokenType = Token['type'];

const OPERAND_STARTS = new Set<TokenType>(['word', 'phrase', 'hashtag', 'mention', 'field', 'lparen', 'not']);

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

/** The words of a term, phrase or `raw:` value, checked and normalised as a post's words will be. */
function buildWords(text: string, column: number, token: Token, fold: (word: string) => string): string[] {
  const words = splitQueryWords(text);
  if (words.length === 0) throw new QueryError('empty_term', token.column, token.text.length, { token: token.text });
  return words.map((word) => {
    checkWildcards(word.text, column + word.offset);
    return fold(word.text);
  });
}

function buildText(text: string, column: number, token: Token, raw: boolean): TextNode {
  return { kind: 'text', words: buildWords(text, column, token, raw ? normaliseRawWord : foldWord), raw };
}

/** `site:https://www.lemonde.fr/` and `site:*.lemonde.fr` both mean the domain lemonde.fr and its subdomains. */
function normaliseSite(value: string): string {
  return extractHost(value.replace(/^\*\./, ''));
}

type FieldToken = Extract<Token, { type: 'field' }>;
type OperandToken = Extract<Token, { type: 'word' | 'phrase' | 'hashtag' | 'mention' | 'field' }>;

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

function buildOperand(token: OperandToken): QueryNode {
  switch (token.type) {
    case 'word':
    case 'phrase':
      return buildText(token.value, token.valueColumn, token, false);
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

/** A NEAR operand: a term, a phrase, or a group of those joined by OR. */
function toAlternatives(node: QueryNode, token: Token): TextNode[] {
  if (isText(node)) return [node];
  if (node.kind === 'or' && node.children.every(isText)) return node.children;
  throw new QueryError('invalid_near_operand', token.column, token.text.length, { token: token.text });
}

export function parseQuery(source: string): QueryNode {
  const tokens = lexQuery(source);
  let at = 0;
  let depth = 0;

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
    return { kind: 'not', child };
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

  function parsePrimary(): QueryNode {
    const token = next();
    switch (token.type) {
      case 'lparen': {
        if (peek().type === 'rparen')
          throw new QueryError('empty_group', token.column, peek().column - token.column + 1);
        if (peek().type === 'eof') throw new QueryError('unclosed_paren', token.column, 1);
        enter(token);
        const inner = parseOr();
        depth--;
        if (peek().type !== 'rparen') throw new QueryError('unclosed_paren', token.column, 1);
        next();
        return inner;
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
      default:
        return buildOperand(token);
    }
  }

  const query = parseOr();
  const rest = peek();
  if (rest.type !== 'eof')
    throw new QueryError('unexpected_token', rest.column, rest.text.length, { token: rest.text });
  return query;
}
