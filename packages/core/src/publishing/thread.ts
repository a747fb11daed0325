// Splits a long text into the parts of a thread, at sentence boundaries, counted the network's way.
// Sentences come from Intl.Segmenter (Unicode UAX #29), then French habits it does not know are mended:
// "M. Dupont", initials ("J. Martin"), "p. 12", URLs, numbers and ellipses never end a part.

export interface ThreadSplitOptions {
  /** The most a part may count (the network's limit, e.g. 300 for Bluesky, 500 for a stock Mastodon). */
  limit: number;
  /** How the network counts a text (graphemes, URLs as 23…). Defaults to grapheme clusters. */
  count?: (text: string) => number;
  /** Appends " 1/3", " 2/3"… to each part (counted within the limit). */
  numbering?: boolean;
  /** Locale of the sentence rules; French by default. */
  locale?: string;
}

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });
function countGraphemes(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

// Abbreviations after which French text goes on (Imprimerie nationale's list, the common ones).
const ABBREVIATIONS = new Set(
  [
    'm',
    'mm',
    'mme',
    'mmes',
    'mlle',
    'mlles',
    'me',
    'dr',
    'pr',
    'st',
    'ste',
    'mgr',
    'cf',
    'ex',
    'p',
    'pp',
    'env',
    'av',
    'bd',
    'fg',
    'art',
    'al',
    'etc',
    'vol',
    'chap',
    'no',
    'tél',
    'tel',
    'mr',
    'mrs',
    'ms',
    'vs',
    'e.g',
    'i.e',
  ].map((a) => `${a}.`),
);

/** True when the boundary after `before` is not a real sentence end. */
function continuesAfter(before: string, after: string): boolean {
  const trimmed = before.trimEnd();
  const lastWord = trimmed.split(/\s+/).at(-1) ?? '';
  const word = lastWord.replace(/^[«"“([]+/u, '').toLowerCase();
  if (ABBREVIATIONS.has(word)) return true;
  // An initial: one capital letter and a dot ("J. Martin").
  if (/^\p{Lu}\.$/u.test(lastWord)) return true;
  // No space at the boundary: inside a URL, a number ("3.5"), a domain or an ellipsis ("...").
  if (before === trimmed && after !== '' && !/^\s/u.test(after)) return true;
  // An ellipsis followed by more of the same sentence: "Attendez… et voilà".
  if (/^\s*[\p{Ll}\d]/u.test(after)) return true;
  return false;
}

/** The text's sentences, each with the spaces that follow it, so joining them gives back the text. */
export function splitSentences(text: string, locale = 'fr'): string[] {
  const segmenter = new Intl.Segmenter(locale, { granularity: 'sentence' });
  const sentences: string[] = [];
  for (const { segment } of segmenter.segment(text)) {
    const previous = sentences.at(-1);
    // A line break always ends a sentence: lists and paragraphs stay as they were written.
    if (previous !== undefined && !/\n\s*$/u.test(previous) && continuesAfter(previous, segment)) {
      sentences[sentences.length - 1] = previous + segment;
    } else {
      sentences.push(segment);
    }
  }
  return sentences;
}

/** Cuts an over-long piece at spaces; a single word longer than the limit is cut by graphemes. */
function splitWords(sentence: string, fits: (text: string) => boolean): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const word of sentence.split(/(?<=\s)/u)) {
    if (fits((current + word).trim())) {
      current += word;
      continue;
    }
    if (current.trim() !== '') pieces.push(current.trim());
    if (fits(word.trim())) {
      current = word;
      continue;
    }
    // A word (a long URL…) longer than a whole part: there is no good place, so cut where it fills up.
    let chunk = '';
    for (const { segment } of graphemes.segment(word.trim())) {
      if (!fits(chunk + segment) && chunk !== '') {
        pieces.push(chunk);
        chunk = '';
      }
      chunk += segment;
    }
    // Keep the space after the word, so the next one does not stick to it.
    current = chunk + word.slice(word.trimEnd().length);
  }
  if (current.trim() !== '') pieces.push(current.trim());
  return pieces;
}

function pack(sentences: string[], fits: (text: string) => boolean): string[] {
  const parts: string[] = [];
  let current = '';
  for (const sentence of sentences) {
    if (fits((current + sentence).trim())) {
      current += sentence;
      continue;
    }
    if (current.trim() !== '') parts.push(current.trim());
    if (fits(sentence.trim())) {
      current = sentence;
      continue;
    }
    const pieces = splitWords(sentence, fits);
    const last = pieces.pop() ?? '';
    parts.push(...pieces);
    // The end of the long sentence may share a part with the next one, after its space.
    current = last + sentence.slice(sentence.trimEnd().length);
  }
  if (current.trim() !== '') parts.push(current.trim());
  return parts;
}

export function numberingSuffix(index: number, total: number): string {
  return ` ${index + 1}/${total}`;
}

/**
 * The parts of the thread. A text that fits is one part (without numbering). With numbering, room is kept
 * for the widest suffix; when the number of parts gains a digit, the split is redone with more room.
 */
export function splitThread(text: string, options: ThreadSplitOptions): string[] {
  const count = options.count ?? countGraphemes;
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (count(trimmed) <= options.limit) return [trimmed];
  const sentences = splitSentences(trimmed, options.locale);
  if (!options.numbering) return pack(sentences, (t) => count(t) <= options.limit);
  for (let digits = 1; digits < 6; digits++) {
    const widest = 10 ** digits - 1;
    const reserve = numberingSuffix(widest - 1, widest);
    const parts = pack(sentences, (t) => count(t + reserve) <= options.limit);
    if (String(parts.length).length <= digits) {
      return parts.map((part, i) => part + numberingSuffix(i, parts.length));
    }
  }
  throw new Error('A thread cannot have 100,000 parts');
}
