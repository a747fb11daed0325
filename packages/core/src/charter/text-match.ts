// French-aware word search for the charter: accents and case aside, apostrophe variants as one (’ ' ´ ʼ `),
// whole words only, where an elision (l'…, d'…, qu'…) and a hyphen end a word but a point médian (citoyen·nes)
// does not. Matches come back as offsets into the original text, so the composer can point at them.

/** A span of the original text, in UTF-16 code units (what JavaScript strings and textarea selections use). */
export interface TextRange {
  start: number;
  end: number;
}

/** Characters that join the halves of an inclusive form: point médian and the look-alikes people type. */
export const MEDIAN_DOTS = '·•⋅‧';
const APOSTROPHES = /[’'´ʼ`‘]/g;
const WORD_CHAR = `\\p{L}\\p{N}${MEDIAN_DOTS}`;

export interface FoldedText {
  /** Lower case, without accents, apostrophes as "'", œ/æ spelt out. */
  folded: string;
  /** For each code unit of `folded`, where it came from in the original text (plus one entry for the end). */
  origin: number[];
}

function foldChar(char: string): string {
  return char
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');
}

export function foldText(text: string): FoldedText {
  let folded = '';
  const origin: number[] = [];
  let index = 0;
  for (const char of text) {
    const piece = foldChar(char);
    folded += piece;
    for (let i = 0; i < piece.length; i++) origin.push(index);
    index += char.length;
  }
  origin.push(text.length);
  return { folded, origin };
}

/** The folded form of a word or expression typed in the charter, spaces collapsed. */
export function foldTerm(term: string): string {
  return foldText(term.trim().replace(/\s+/g, ' ')).folded;
}

function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The end in the original text of a match ending at folded offset `end` (a char folded to two ends after both). */
function originalEnd(origin: number[], end: number): number {
  const last = origin[end - 1];
  const next = origin[end];
  if (last === undefined || next === undefined) return origin[origin.length - 1] ?? 0;
  return next > last ? next : last + 1;
}

export interface TermMatch extends TextRange {
  /** The text as written, e.g. "Administrés". */
  written: string;
  /** The plural ending found after the term ("s", "x") or "". */
  plural: string;
}

/**
 * Every whole-word occurrence of `term` in `text`, accents, case and apostrophe variants aside; a regular plural
 * in -s or -x counts too. Spaces in the term match any run of spaces.
 */
export function findTerm(text: string, term: string, source: FoldedText = foldText(text)): TermMatch[] {
  const needle = foldTerm(term);
  if (needle === '') return [];
  const body = needle.split(' ').map(escapeRegExp).join('\\s+');
  const pattern = new RegExp(`(?<![${WORD_CHAR}])${body}([sx]?)(?![${WORD_CHAR}])`, 'gu');
  const matches: TermMatch[] = [];
  for (const match of source.folded.matchAll(pattern)) {
    const start = source.origin[match.index] ?? 0;
    const end = originalEnd(source.origin, match.index + match[0].length);
    matches.push({ start, end, written: text.slice(start, end), plural: match[1] ?? '' });
  }
  return matches;
}

/** `replacement` written the way `written` was: capitalised or in capitals, with the same plural ending. */
export function matchCase(written: string, replacement: string, plural = ''): string {
  const withPlural = plural && !/[sx]$/i.test(replacement) ? replacement + plural : replacement;
  const letters = written.replace(/[^\p{L}]/gu, '');
  if (letters.length > 1 && letters === letters.toUpperCase()) return withPlural.toUpperCase();
  const first = written.charAt(0);
  if (first !== first.toLowerCase()) return withPlural.charAt(0).toUpperCase() + withPlural.slice(1);
  return withPlural;
}
