// Cuts query text into tokens with their columns. Lexical errors are raised here: open quotes, NEAR without a
// number, unknown or empty fields, a `-` that excludes nothing, a hashtag or mention with stray characters, and
// the syntax of other tools Rostra does not read (comments, fuzzy terms, ranges).
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
  language: 'lang',
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

/** `~n` after a phrase, `{…}` or a group: its operands within n words of each other. */
export interface ProximitySuffix {
  distance: number;
  column: number;
  text: string;
}

export type Token =
  | (TokenBase & { type: 'lparen' | 'and' | 'or' | 'not' | 'eof' })
  | (TokenBase & { type: 'rparen'; proximity?: ProximitySuffix })
  | (TokenBase & { type: 'near'; distance: number; ordered: boolean })
  | (TokenBase & { type: 'word' | 'hashtag' | 'mention'; value: string; valueColumn: number })
  | (TokenBase & {
      type: 'phrase' | 'braced';
      value: string;
      valueColumn: number;
      proximity?: ProximitySuffix;
    })
  | (TokenBase & { type: 'field'; field: FieldKeyword; value: string; valueColumn: number })
  /** `url:(`: the group that follows holds values of this field. */
  | (TokenBase & { type: 'field_group'; field: FieldKeyword });

const FIELD_PREFIX = /([A-Za-z]+):/y;
const NEAR_OPERATOR = /^(O?NEAR)(?:\/(.*))?$/;
/** Brandwatch's NEAR/3f is ONEAR/3: the left operand first. */
const NEAR_DISTANCE = /^(\d{1,4})([fF]?)$/;
const BOOST = /^\^\d+(?:\.\d+)?/;
const TILDE_DISTANCE = /^~(\d{1,4})/;
/** Lucene ranges, `[2020 TO 2024]` or `{A TO C}`; Brandwatch's `{BT}` holds no TO. */
const RANGE = /^[[{][^\]}]*\sTO\s[^\]}]*[\]}]/;
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

/** Brandwatch's case-sensitive `{BT}`, read like a `raw:` value. */
function readBraced(source: string, start: number): { value: string; end: number } {
  const close = source.indexOf('}', start + 1);
  if (close === -1) throw new QueryError('unclosed_quote', start + 1, 1, { closer: '}' });
  return { value: source.slice(start + 1, close), end: close + 1 };
}

function readOperator(text: string, column: number): Token | undefined {
  if (text === 'AND') return { type: 'and', column, text };
  if (text === 'OR') return { type: 'or', column, text };
  if (text === 'NOT') return { type: 'not', column, text };
  if (text === '&&') return { type: 'and', column, text };
  if (text === '||') return { type: 'or', column, text };
  const near = NEAR_OPERATOR.exec(text);
  if (!near) return undefined;
  const digits = NEAR_DISTANCE.exec(near[2] ?? '');
  const distance = Number(digits?.[1]);
  if (!digits || distance > MAX_NEAR_DISTANCE) {
    throw new QueryError('near_needs_number', column, text.length, { operator: text });
  }
  return { type: 'near', column, text, distance, ordered: near[1] === 'ONEAR' || digits[2] !== '' };
}

/**
 * `~n` and `^n` right after a phrase, braces or a group, in either order: the proximity is kept, the boost
 * (a ranking weight in Lucene and Talkwalker) read and dropped, since Rostra does not rank. Returns the
 * proximity, if any, and the index after the suffixes.
 */
function readSuffixes(source: string, start: number): { proximity?: ProximitySuffix; end: number } {
  let i = start;
  let proximity: ProximitySuffix | undefined;
  for (;;) {
    const c = source[i];
    if (c === '^') {
      const boost = BOOST.exec(source.slice(i));
      if (!boost) throw new QueryError('unsupported_operator', i + 1, 1, { operator: '^', feature: 'boost' });
      i += boost[0].length;
    } else if (c === '~' && !proximity) {
      const tilde = TILDE_DISTANCE.exec(source.slice(i));
      const distance = Number(tilde?.[1]);
      const after = source[i + (tilde?.[0].length ?? 1)];
      if (!tilde || distance > MAX_NEAR_DISTANCE || (after !== undefined && !endsLexeme(after) && after !== '^')) {
        const text = source.slice(i, findLexemeEnd(source, i));
        throw new QueryError('near_needs_number', i + 1, text.length, { operator: text });
      }
      proximity = { distance, column: i + 1, text: tilde[0] };
      i += tilde[0].length;
    } else {
      return { proximity, end: i };
    }
  }
}

/** A word as typed: a trailing boost (`apple^9`) dropped; a fuzzy `~` or a stray `^` refused at its column. */
function readWord(text: string, column: number): Token {
  const tilde = text.indexOf('~');
  if (tilde !== -1) {
    const feature = tilde === 0 ? 'tilde' : 'fuzzy';
    throw new QueryError('unsupported_operator', column + tilde, text.length - tilde, { operator: text, feature });
  }
  const caret = text.indexOf('^');
  let value = text;
  if (caret !== -1) {
    const boost = BOOST.exec(text.slice(caret));
    if (caret === 0 || !boost || caret + boost[0].length !== text.length) {
      throw new QueryError('unsupported_operator', column + caret, text.length - caret, {
        operator: text,
        feature: 'boost',
      });
    }
    value = text.slice(0, caret);
  }
  return { type: 'word', column, text, value, valueColumn: column };
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
  if (next === '(') {
    if (!field) throw new QueryError('unknown_field', column, name.length, { field: name });
    return { token: { type: 'field_group', column, text: prefix[0], field }, end: valueStart };
  }
  if (next === undefined || isSpace(next) || next === ')') {
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
    } else if (c === '(') {
      tokens.push({ type: 'lparen', column, text: c });
      i++;
    } else if (c === ')') {
      const { proximity, end } = readSuffixes(source, i + 1);
      tokens.push({ type: 'rparen', column, text: c, proximity });
      i = end;
    } else if (source.startsWith('<<<', i)) {
      throw new QueryError('unsupported_operator', column, findLexemeEnd(source, i) - i, {
        operator: '<<<',
        feature: 'comment',
      });
    } else if ((c === '[' || c === '{') && RANGE.test(source.slice(i))) {
      const range = RANGE.exec(source.slice(i))?.[0] as string;
      throw new QueryError('unsupported_operator', column, range.length, { operator: range, feature: 'range' });
    } else if (c === '+' && (source[i + 1] === '+' || QUOTES.has(source[i + 1] as string))) {
      // Talkwalker: +"…" searches the words as written (Rostra always does), ++"ABC" or ++ABC also their case.
      const strict = source[i + 1] === '+';
      const start = strict ? i + 2 : i + 1;
      const quoted = QUOTES.has(source[start] as string)
        ? readQuoted(source, start)
        : { value: source.slice(start, findLexemeEnd(source, start)), end: findLexemeEnd(source, start) };
      const { proximity, end } = readSuffixes(source, quoted.end);
      tokens.push({
        type: strict ? 'braced' : 'phrase',
        column,
        text: source.slice(i, quoted.end),
        value: quoted.value,
        valueColumn: start + (QUOTES.has(source[start] as string) ? 2 : 1),
        proximity,
      });
      i = end;
    } else if (QUOTES.has(c) || c === '{') {
      const braced = c === '{';
      const quoted = braced ? readBraced(source, i) : readQuoted(source, i);
      const { proximity, end } = readSuffixes(source, quoted.end);
      tokens.push({
        type: braced ? 'braced' : 'phrase',
        column,
        text: source.slice(i, quoted.end),
        value: quoted.value,
        valueColumn: column + 1,
        proximity,
      });
      i = end;
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
      else tokens.push(readOperator(text, column) ?? readWord(text, column));
      i = end;
    }
  }
  tokens.push({ type: 'eof', column: source.length + 1, text: '' });
  return tokens;
}
