// Word tokens, case and accent folding, French elisions, hashtags, handles and hosts. Queries and mentions go
// through these same functions, so a query word and a post word compare equal exactly when they fold alike.

/**
 * Elided words dropped before an apostrophe: "l'école" is the word "école". The list is Lucene's French
 * ElisionFilter's, which adds jusqu', lorsqu', puisqu' and quoiqu' to the one-letter forms and qu'.
 */
const ELIDED = new Set(['c', 'd', 'j', 'l', 'm', 'n', 's', 't', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);

/**
 * Whatever people and keyboards type for an apostrophe: ' ’ ʼ ‘, and the acute accent, grave accent and prime
 * that some keyboards and OCR put in its place ("l´école", "l`école", "l′école").
 */
const APOSTROPHES = /['’ʼ‘´`′]/;
const TYPOGRAPHIC_APOSTROPHES = /[’ʼ‘´`′]/g;
/** Printable ASCII but the backtick, an apostrophe to unify: such a word only needs lower-casing. */
const NOT_PLAIN_ASCII = /[^ -_a-~]/;
const MARKS = /\p{M}/gu;
/** Letters NFKD leaves whole; ς so that a folded prefix stays a prefix of the folded word. */
const EXPANSIONS: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', đ: 'd', ł: 'l', ı: 'i', ς: 'σ' };
const EXPANDED = /[œæßøđłıς]/g;
const SCHEME = /^[a-z][a-z0-9+.-]*:\/\/$/i;
/** `/`, `?` and `#` end the host. */
const HOST_END = new Set([0x2f, 0x3f, 0x23]);

/**
 * Folded forms of recent words outside ASCII. Word frequencies are Zipfian, so a small memo spares most of
 * the Unicode normalisation; it is emptied when full rather than kept in LRU order, which would cost more.
 */
const FOLDED = new Map<string, string>();
const MAX_FOLDED = 20_000;

/** Lower case, no accents, ligatures expanded, one apostrophe: "Œuvre" → "oeuvre", "Réseaux" → "reseaux". */
export function foldWord(word: string): string {
  if (!NOT_PLAIN_ASCII.test(word)) return word.toLowerCase();
  let folded = FOLDED.get(word);
  if (folded !== undefined) return folded;
  // Apostrophes first: NFKD would turn ´ into a space and an accent.
  folded = word
    .replace(TYPOGRAPHIC_APOSTROPHES, "'")
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(EXPANDED, (c) => EXPANSIONS[c] ?? c);
  if (FOLDED.size >= MAX_FOLDED) FOLDED.clear();
  FOLDED.set(word, folded);
  return folded;
}

/** The form `raw:` compares: exact case and accents, but one Unicode composition and one apostrophe. */
export function normaliseRawWord(word: string): string {
  if (!NOT_PLAIN_ASCII.test(word)) return word;
  return word.replace(TYPOGRAPHIC_APOSTROPHES, "'").normalize('NFC');
}

const LIGATURES = /[œæßŒÆ]/;
const OTHER_EXPANDED = /[øđłıς]/g;

/**
 * A word holding œ, æ or ß folded with them kept as one letter ("cœur" → "cœur", "CŒUR" → "cœur"), or undefined
 * for any other word. A post's word is indexed under this form too, so that `c?ur` finds "cœur", whose
 * folded form "coeur" has five letters.
 */
export function foldKeepingLigatures(word: string): string | undefined {
  if (!LIGATURES.test(word)) return undefined;
  return word
    .replace(TYPOGRAPHIC_APOSTROPHES, "'")
    .normalize('NFKD')
    .toLowerCase()
    .replace(MARKS, '')
    .replace(OTHER_EXPANDED, (c) => EXPANSIONS[c] ?? c);
}

// Character classes, as bits. A word is a letter or digit, then letters, digits and combining marks, possibly
// joined by apostrophes ("aujourd'hui"): /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*(?:'[\p{L}\p{N}][…]*)*/u, ʼ excepted
// from \p{L} (see normalise.test.ts, which checks the scanner against that definition).
// Hyphens, underscores, punctuation and emojis (and the variation selectors after them, marks that follow no
// letter) separate words, so "Saint-Étienne" is two words. Emojis and other symbols (Unicode So and Sc: 🚲, ❤,
// €, ©) are reported apart, one code point each, without a position of their own. The scan is hand-written because Unicode property
// regexes cost several microseconds per post, more than all the matching that follows.
const LETTER_OR_DIGIT = 1;
const MARK = 2;
const APOSTROPHE = 4;
const WILDCARD = 8;
const UNDERSCORE = 16;
const OTHER = 32;
const SYMBOL = 64 | OTHER;

const IS_LETTER_OR_DIGIT = /^[\p{L}\p{N}]$/u;
const IS_MARK = /^\p{M}$/u;
const IS_SYMBOL = /^[\p{So}\p{Sc}]$/u;

function computeClass(codePoint: number): number {
  const char = String.fromCodePoint(codePoint);
  // Before letters: ʼ (U+02BC) is a modifier letter to Unicode, but an apostrophe to whoever typed it.
  if (APOSTROPHES.test(char)) return APOSTROPHE;
  if (IS_LETTER_OR_DIGIT.test(char)) return LETTER_OR_DIGIT;
  if (IS_MARK.test(char)) return MARK;
  if (char === '*' || char === '?') return WILDCARD;
  if (char === '_') return UNDERSCORE;
  return IS_SYMBOL.test(char) ? SYMBOL : OTHER;
}

/** An emoji or symbol the scanner reports as one (🚲, €), as opposed to a word. */
export function isSymbolWord(word: string): boolean {
  return classifyCodePoint(word.codePointAt(0) ?? 0) === SYMBOL;
}

/** Classes of the Basic Multilingual Plane, computed on first sight; 0 means not computed yet. */
const BMP_CLASSES = new Uint8Array(0x10000);
const ASTRAL_CLASSES = new Map<number, number>();
for (let code = 0; code < 0x80; code++) BMP_CLASSES[code] = computeClass(code);

function classifyCodePoint(codePoint: number): number {
  if (codePoint < 0x10000) {
    let found = BMP_CLASSES[codePoint] as number;
    if (found === 0) BMP_CLASSES[codePoint] = found = computeClass(codePoint);
    return found;
  }
  let found = ASTRAL_CLASSES.get(codePoint);
  if (found === undefined) ASTRAL_CLASSES.set(codePoint, (found = computeClass(codePoint)));
  return found;
}

/** The class of the character at `i`, given its UTF-16 unit `unit`; ASCII and the BMP take one lookup. */
function classifyAt(text: string, i: number, unit: number): number {
  if (unit < 0xd800 || unit > 0xdbff) {
    const found = BMP_CLASSES[unit] as number;
    return found === 0 ? classifyCodePoint(unit) : found;
  }
  return classifyCodePoint(text.codePointAt(i) as number);
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

export interface TextVisitor {
  /** A word as written (elided article removed), folded, and the offset where it starts. */
  word(raw: string, folded: string, offset: number): void;
  /** A `#tag`, folded, without `#`, not glued to a preceding word. */
  hashtag?(tag: string): void;
  /** An `@handle`, lower case, without `@`, not glued to a preceding word: "contact@x.fr" is not one. */
  handle?(handle: string): void;
  /** An emoji or symbol (one code point, variation selectors and skin tones left out) and its offset. */
  symbol?(symbol: string, offset: number): void;
}

const HASH = 0x23;
const FULLWIDTH_HASH = 0xff03;
const AT = 0x40;
const AMPERSAND = 0x26;
const DOT = 0x2e;
const HYPHEN = 0x2d;
/** Beyond printable ASCII a word needs the full fold. */
const LAST_PLAIN = 0x7e;

/**
 * The end of a hashtag or handle body starting at `from`: a letter, digit or `_`, then also marks; a handle
 * also takes dots and hyphens inside ("lemonde.bsky.social", "jean-dupont") but not at its end.
 */
function findTagEnd(text: string, from: number, handle: boolean): number {
  let i = from;
  let end = from;
  while (i < text.length) {
    const unit = text.charCodeAt(i);
    const inside = handle && i > from && (unit === DOT || unit === HYPHEN);
    const allowed = i === from ? LETTER_OR_DIGIT | UNDERSCORE : LETTER_OR_DIGIT | MARK | UNDERSCORE;
    if (!inside && !(classifyAt(text, i, unit) & allowed)) break;
    i += isHighSurrogate(unit) ? 2 : 1;
    if (!inside) end = i;
  }
  return end;
}

/**
 * Visits the words, hashtags and handles of a text in one pass. With `wildcards`, `*` and `?` count as
 * letters: that is how query words are cut, exactly like a post's, wildcards kept.
 */
export function scanText(text: string, visitor: TextVisitor, wildcards = false): void {
  const starts = LETTER_OR_DIGIT | (wildcards ? WILDCARD : 0);
  const continues = starts | MARK;
  const length = text.length;
  let previous = OTHER;
  let previousUnit = 0;
  let i = 0;
  while (i < length) {
    const unit = text.charCodeAt(i);
    const kind = classifyAt(text, i, unit);
    if (!(kind & starts)) {
      const glued = previous & (LETTER_OR_DIGIT | MARK | UNDERSCORE);
      if ((unit === HASH || unit === FULLWIDTH_HASH) && visitor.hashtag && !glued && previousUnit !== AMPERSAND) {
        const end = findTagEnd(text, i + 1, false);
        if (end > i + 1) visitor.hashtag(foldWord(text.slice(i + 1, end)));
      } else if (unit === AT && visitor.handle && !glued && previousUnit !== DOT && previousUnit !== AT) {
        const end = findTagEnd(text, i + 1, true);
        if (end > i + 1) visitor.handle(text.slice(i + 1, end).toLowerCase());
      } else if (kind === SYMBOL && visitor.symbol) {
        visitor.symbol(text.slice(i, isHighSurrogate(unit) ? i + 2 : i + 1), i);
      }
      previous = kind;
      previousUnit = unit;
      i += isHighSurrogate(unit) ? 2 : 1;
      continue;
    }
    const start = i;
    let firstApostrophe = -1;
    let plain = true;
    let upper = false;
    while (i < length) {
      const u = text.charCodeAt(i);
      // Plain ASCII letters and digits, the bulk of French text, skip the class table.
      if ((u >= 0x61 && u <= 0x7a) || (u >= 0x30 && u <= 0x39)) {
        i++;
        continue;
      }
      if (u >= 0x41 && u <= 0x5a) {
        upper = true;
        i++;
        continue;
      }
      const k = classifyAt(text, i, u);
      if (!(k & continues)) {
        const joins = k & APOSTROPHE && i + 1 < length && classifyAt(text, i + 1, text.charCodeAt(i + 1)) & starts;
        if (!joins) break;
        if (firstApostrophe === -1) firstApostrophe = i;
        // A backtick is ASCII but still needs the full fold, which unifies apostrophes.
        if (u !== 0x27) plain = false;
      }
      if (u > LAST_PLAIN) plain = false;
      i += isHighSurrogate(u) ? 2 : 1;
    }
    const elided = firstApostrophe !== -1 && ELIDED.has(text.slice(start, firstApostrophe).toLowerCase());
    const from = elided ? firstApostrophe + 1 : start;
    const raw = text.slice(from, i);
    visitor.word(raw, plain ? (upper ? raw.toLowerCase() : raw) : foldWord(raw), from);
    previous = LETTER_OR_DIGIT;
    previousUnit = 0;
  }
}

/** The folded words of a short text, e.g. an author's name or handle. */
export function listFoldedWords(text: string): string[] {
  const words: string[] = [];
  scanText(text, { word: (_raw, folded) => words.push(folded) });
  return words;
}

export interface QueryWord {
  /** As typed, elided article removed, wildcards kept. */
  text: string;
  /** Offset of the word in the text it was cut from, for error columns. */
  offset: number;
  /** An emoji or symbol rather than a word. */
  symbol: boolean;
}

/** The words and symbols of a query term or phrase, cut exactly as a post's words are, wildcards kept. */
export function splitQueryWords(text: string): QueryWord[] {
  const words: QueryWord[] = [];
  scanText(
    text,
    {
      word: (raw, _folded, offset) => words.push({ text: raw, offset, symbol: false }),
      symbol: (symbol, offset) => words.push({ text: symbol, offset, symbol: true }),
    },
    true,
  );
  return words;
}

/** Folded hashtags found in a text, without the `#`. */
export function extractHashtags(text: string): string[] {
  const tags: string[] = [];
  scanText(text, { word: () => {}, hashtag: (tag) => tags.push(tag) });
  return tags;
}

/** Handles mentioned in a text, lower case, without the `@`. */
export function extractHandles(text: string): string[] {
  const handles: string[] = [];
  scanText(text, { word: () => {}, handle: (handle) => handles.push(handle) });
  return handles;
}

export function foldHashtag(tag: string): string {
  return foldWord(tag.replace(/^[#＃]/, ''));
}

export function foldHandle(handle: string): string {
  return handle.replace(/^@/, '').toLowerCase();
}

/**
 * The host of a URL, lower case, without port or trailing dot; accepts a bare host or a URL without scheme.
 * Hand-written because core has no DOM or Node types, hence no `URL`, and because it runs on every post.
 */
export function extractHost(url: string): string {
  const text = url.trim();
  const scheme = text.indexOf('://');
  let start = 0;
  if (scheme > 0 && SCHEME.test(text.slice(0, scheme + 3))) start = scheme + 3;
  else if (text.startsWith('//')) start = 2;
  let end = start;
  while (end < text.length && !HOST_END.has(text.charCodeAt(end))) end++;
  const userinfo = text.lastIndexOf('@', end);
  let host = text.slice(userinfo >= start ? userinfo + 1 : start, end);
  const port = host.lastIndexOf(':');
  if (port !== -1 && /^\d*$/.test(host.slice(port + 1))) host = host.slice(0, port);
  if (host.endsWith('.')) host = host.slice(0, -1);
  return host.toLowerCase();
}

/** "www.lemonde.fr" → ["www.lemonde.fr", "lemonde.fr", "fr"]: what `site:` may name to match this host. */
export function listDomainSuffixes(host: string): string[] {
  const suffixes = host ? [host] : [];
  for (let dot = host.indexOf('.'); dot !== -1; dot = host.indexOf('.', dot + 1)) {
    if (dot + 1 < host.length) suffixes.push(host.slice(dot + 1));
  }
  return suffixes;
}
