// Cuts query text into tokens with their columns. Lexical errors are raised here: open quotes, NEAR without a
// number, unknown or empty fields, a `-` that excludes nothing, a hashtag or mention with stray characters.
import { MAX_NEAR_DISTANCE, QueryError } from './errors.js';

export type FieldKeyword = 'author' | 'site' | 'url' | 'lang' | 'source' | 'raw';

/** French aliases are accepted because the people writing queries are French-speaking. */
const FIELD_KEYWORDS: Record<string, FieldKeyword> = {
  author: 'author',
  auteur: 'author',
  site: 'site',
  url: 'url',
  lang: 'lang',
  langue: 'lang',
  source: 'source',
  raw: 'raw',
};

/** Opening quote → the quotes that may close it; French guillemets and curly quotes come from word processors. */
const QUOTES = new Map<string, string>([
  ['"', '"'],
  ['“', '”"'],
  ['«', '»'],
  ['„', '“”"'],
]);

interface TokenBase {
  /** 1-based. */
  column: number;
  /** The source text of the token, for error messages and underlining. */
  text: string;
}

export type Token =
  | (TokenBase & { type: 'lparen' | 'rparen' | 'and' | 'or' | 'not' | 'eof' })
  | (TokenBase & { type: 'near'; distance: number; ordered: boolean })
  | (TokenBase & { type: 'word' | 'phrase' | 'hashtag' | 'mention'; value: string; valueColumn: number })
  | (TokenBase & { type: 'field'; field: FieldKeyword; value: string; valueColumn: number });

const FIELD_PREFIX = /([A-Za-z]+):/y;
const NEAR_OPERATOR = /^(O?NEAR)(?:\/(.*))?$/;
// Bodies as the post scanner reads them (normalise.ts), where ʼ is an apostrophe, not a letter; plus wildcards
// in hashtags.
const TAG_BODY = /^(?!ʼ)[\p{L}\p{N}_*?](?:(?!ʼ)[\p{L}\p{N}\p{M}_*?])*/u;
const HANDLE_BODY = /^(?!ʼ)[\p{L}\p{N}_](?:(?:(?!ʼ)[\p{L}\p{N}\p{M}_.-])*(?!ʼ)[\p{L}\p{N}\p{M}_])?/u;
const WORD_CHARACTER = /[\p{L}\p{N}]/u;

function isSpace(c: string | undefined): boolean {
  return c !== undefined && /\s/.test(c);
}

function endsLexeme(c: string | undefined): boolean {
  return c === undefined || isSpace(c) || c === '(' || c === ')' || QUOTES.has(c);
}

function findLexemeEnd(source: string, start: number): number {
  let end = start;
  while (!endsLexeme(source[end])) end++;
  return end;
}

/** Reads a quoted phrase opening at `start`; returns its content and the index after the closing quote. */
function readQuoted(source: string, start: number): { value: string; end: number } {
  const closers = QUOTES.get(source[start] as string) as string;
  for (let i = start + 1; i < source.length; i++) {
    if (closers.includes(source[i] as string)) return { value: source.slice(start + 1, i), end: i + 1 };
  }
  throw new QueryError('unclosed_quote', start + 1, 1, { closer: closers[0] });
}

function readOperator(text: string, column: number): Token | undefined {
  if (text === 'AND') return { type: 'and', column, text };
  if (text === 'OR') return { type: 'or', column, text };
  if (text === 'NOT') return { type: 'not', column, text };
  const near = NEAR_OPERATOR.exec(text);
  if (!near) return undefined;
  const digits = near[2] ?? '';
  const distance = Number(digits);
  if (!/^\d{1,4}$/.test(digits) || distance > MAX_NEAR_DISTANCE) {
    throw new QueryError('near_needs_number', column, text.length, { operator: text });
  }
  return { type: 'near', column, text, distance, ordered: near[1] === 'ONEAR' };
}

/** `#tag` or `@handle`: the body, then only punctuation ("#lyon," is #lyon), never more word characters. */
function readTagged(text: string, column: number, type: 'hashtag' | 'mention'): Token {
  const body = (type === 'hashtag' ? TAG_BODY : HANDLE_BODY).exec(text.slice(1))?.[0];
  if (!body) throw new QueryError('empty_term', column, text.length, { token: text });
  const rest = text.slice(1 + body.length);
  const stray = rest.search(WORD_CHARACTER);
  if (stray !== -1) {
    throw new QueryError('unexpected_token', column + 1 + body.length + stray, rest.length - stray, {
      token: rest.slice(stray),
    });
  }
  return { type, column, text, value: body, valueColumn: column + 1 };
}

/** A field keyword at `start`, or undefined when the text there is not one (then it is read as a word). */
function readField(source: string, start: number): { token: Token; end: number } | undefined {
  FIELD_PREFIX.lastIndex = start;
  const prefix = FIELD_PREFIX.exec(source);
  if (!prefix) return undefined;
  const name = prefix[1] as string;
  const field = FIELD_KEYWORDS[name.toLowerCase()];
  const valueStart = start + prefix[0].length;
  const next = source[valueStart];
  const column = start + 1;
  if (next === undefined || isSpace(next) || next === '(' || next === ')') {
    // "Note:" before a space is a word with a colon; only a known field is missing its value.
    if (!field) return undefined;
    throw new QueryError('empty_field_value', column, prefix[0].length, { field: name });
  }
  if (!field) throw new QueryError('unknown_field', column, name.length, { field: name });
  if (QUOTES.has(next)) {
    const quoted = readQuoted(source, valueStart);
    const text = source.slice(start, quoted.end);
    return {
      token: { type: 'field', column, text, field, value: quoted.value, valueColumn: valueStart + 2 },
      end: quoted.end,
    };
  }
  const end = findLexemeEnd(source, valueStart);
  const value = source.slice(valueStart, end);
  return {
    token: { type: 'field', column, text: source.slice(start, end), field, value, valueColumn: valueStart + 1 },
    end,
  };
}

export function lexQuery(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    const column = i + 1;
    if (isSpace(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ type: c === '(' ? 'lparen' : 'rparen', column, text: c });
      i++;
    } else if (QUOTES.has(c)) {
      const quoted = readQuoted(source, i);
      tokens.push({
        type: 'phrase',
        column,
        text: source.slice(i, quoted.end),
        value: quoted.value,
        valueColumn: column + 1,
      });
      i = quoted.end;
    } else if (c === '-') {
      const next = source[i + 1];
      if (next === undefined || isSpace(next) || next === ')') {
        throw new QueryError('dangling_operator', column, 1, { operator: '-' });
      }
      tokens.push({ type: 'not', column, text: c });
      i++;
    } else {
      const field = readField(source, i);
      if (field) {
        tokens.push(field.token);
        i = field.end;
        continue;
      }
      const end = findLexemeEnd(source, i);
      const text = source.slice(i, end);
      if (c === '#' || c === '＃') tokens.push(readTagged(text, column, 'hashtag'));
      else if (c === '@') tokens.push(readTagged(text, column, 'mention'));
      else tokens.push(readOperator(text, column) ?? { type: 'word', column, text, value: text, valueColumn: column });
      i = end;
    }
  }
  tokens.push({ type: 'eof', column: source.length + 1, text: '' });
  return tokens;
}
