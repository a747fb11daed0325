// Turns a social-media post into the tokens every other sentiment module reads: lower-cased, accents folded,
// links and user names replaced by placeholders, elongations shortened, emojis and emoticons kept as tokens.
// One pass over the characters, no per-token regular expressions: this runs on every mention.

export type TokenKind = 'word' | 'emoji' | 'emoticon' | 'punct' | 'url' | 'user';

export interface Token {
  /** Folded form: lower case, no accents, "trooop" → "trop", numbers → "0", emoticons canonical (":)"). */
  text: string;
  kind: TokenKind;
  /** The word had a letter repeated three times or more ("trooop"), a mark of intensity. */
  elongated: boolean;
}

const URL_TOKEN = 'http';
const USER_TOKEN = '@user';

// French elisions split off as their own token so "n'aime" yields the negation particle "n'" and "aime".
const ELISIONS = new Set(['l', 'd', 'j', 'n', 'c', 's', 'm', 't', 'qu', 'jusqu', 'lorsqu', 'puisqu', 'quoiqu']);

// Emoticons as typed (already lower-cased), mapped to a canonical form the lexicon knows. Longest first.
const EMOTICONS: ReadonlyArray<readonly [string, string]> = [
  [":'-(", ":'("],
  [":'(", ":'("],
  [':-))', ':)'],
  [':-)', ':)'],
  [':))', ':)'],
  [':-(', ':('],
  [':((', ':('],
  [':-d', ':d'],
  [':-p', ':p'],
  [':-/', ':/'],
  [';-)', ';)'],
  ['^_^', '^^'],
  ['</3', '</3'],
  [':)', ':)'],
  [':(', ':('],
  [':d', ':d'],
  [':p', ':p'],
  [':/', ':/'],
  [':|', ':|'],
  [':o', ':o'],
  [':s', ':s'],
  [';)', ';)'],
  ['=)', ':)'],
  ['=(', ':('],
  ['^^', '^^'],
  ['<3', '<3'],
  ['xd', 'xd'],
];

const HTML_ENTITIES: Readonly<Record<string, string>> = { amp: '&', gt: '>', lt: '<', quot: '"', apos: "'" };

/** Splits `text` into folded tokens. */
export function tokenize(text: string): Token[] {
  const folded = foldText(text);
  const tokens: Token[] = [];
  const n = folded.length;
  let i = 0;
  while (i < n) {
    const c = folded.charCodeAt(i);
    if (c <= 32 || c === 0xa0 || c === 0x202f || c === 0x200b) {
      i++;
      continue;
    }
    const emoticon = matchEmoticon(folded, i);
    if (emoticon !== undefined) {
      tokens.push({ text: emoticon[1], kind: 'emoticon', elongated: false });
      i += emoticon[0].length;
      continue;
    }
    if (isWordChar(c)) {
      i = readWord(folded, i, tokens);
      continue;
    }
    if (c === 0x40 /* @ */ && i + 1 < n && isWordChar(folded.charCodeAt(i + 1))) {
      tokens.push({ text: USER_TOKEN, kind: 'user', elongated: false });
      i = skipHandle(folded, i + 1);
      continue;
    }
    const punct = PUNCTUATION.get(c);
    if (punct !== undefined) {
      // A run of the same mark ("!!!", "...") is one token: the run is emphasis, not several clauses.
      tokens.push({ text: punct, kind: 'punct', elongated: false });
      i = skipWhile(folded, i + 1, (d) => d === c);
      continue;
    }
    const codePoint = folded.codePointAt(i) as number;
    if (isEmoji(codePoint)) {
      tokens.push({ text: String.fromCodePoint(codePoint), kind: 'emoji', elongated: false });
      i += codePoint > 0xffff ? 2 : 1;
      // Skin tones, variation selectors and zero-width-joined parts refine the same emoji.
      i = skipEmojiModifiers(folded, i);
      continue;
    }
    i += codePoint > 0xffff ? 2 : 1;
  }
  return tokens;
}

/** Lower case, accents removed, typographic apostrophes straightened, HTML entities decoded. */
export function foldText(text: string): string {
  let folded = text.toLowerCase();
  if (folded.includes('&'))
    folded = folded.replace(/&(amp|gt|lt|quot|apos);/g, (_, name: string) => HTML_ENTITIES[name] ?? '');
  // NFD splits "é" into "e" + U+0301; dropping the combining marks folds accents in one pass.
  folded = folded.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (folded.includes('\u2019') || folded.includes('\u2018')) folded = folded.replace(/[\u2018\u2019]/g, "'");
  if (folded.includes('\u0153')) folded = folded.replace(/\u0153/g, 'oe');
  if (folded.includes('\u00e6')) folded = folded.replace(/\u00e6/g, 'ae');
  return folded;
}

const PUNCTUATION = new Map<number, string>([
  [0x2e, '.'],
  [0x2c, ','],
  [0x21, '!'],
  [0x3f, '?'],
  [0x3b, ';'],
  [0x3a, ':'],
  [0x2026, '.'],
  [0x28, '('],
  [0x29, ')'],
]);

function readWord(text: string, start: number, tokens: Token[]): number {
  const n = text.length;
  let end = start;
  while (end < n) {
    const c = text.charCodeAt(end);
    if (isWordChar(c)) {
      end++;
      continue;
    }
    if (c === 0x27 /* ' */ && end + 1 < n && isWordChar(text.charCodeAt(end + 1))) {
      const head = text.slice(start, end);
      if (ELISIONS.has(head)) {
        tokens.push({ text: `${head}'`, kind: 'word', elongated: false });
        return end + 1;
      }
      // English "don't", "isn't": the negation is its own token so it opens a negation scope.
      if (head.endsWith('n') && text.charCodeAt(end + 1) === 0x74 /* t */ && !isWordChar(text.charCodeAt(end + 2))) {
        pushWord(head.slice(0, -1), tokens);
        tokens.push({ text: "n't", kind: 'word', elongated: false });
        return end + 2;
      }
      end++;
      continue;
    }
    break;
  }
  // A raw link: skip everything up to the next space.
  if (text.startsWith('://', end) || (text.startsWith('www', start) && text.charCodeAt(end) === 0x2e)) {
    tokens.push({ text: URL_TOKEN, kind: 'url', elongated: false });
    return skipWhile(text, end, (c) => c > 32);
  }
  pushWord(text.slice(start, end), tokens);
  return end;
}

function pushWord(raw: string, tokens: Token[]): void {
  if (raw === '') return;
  if (raw === 'http' || raw === 'https') {
    tokens.push({ text: URL_TOKEN, kind: 'url', elongated: false });
    return;
  }
  const first = raw.charCodeAt(0);
  if (first >= 0x30 && first <= 0x39 && isNumber(raw)) {
    tokens.push({ text: '0', kind: 'word', elongated: false });
    return;
  }
  const shortened = shortenElongation(raw);
  tokens.push({ text: shortened, kind: 'word', elongated: shortened !== raw });
}

/** "trooop" → "trop", "nooooon" → "non": a letter repeated three times or more is kept once. */
export function shortenElongation(word: string): string {
  let run = 1;
  let found = false;
  for (let i = 1; i < word.length; i++) {
    run = word.charCodeAt(i) === word.charCodeAt(i - 1) ? run + 1 : 1;
    if (run === 3) {
      found = true;
      break;
    }
  }
  if (!found) return word;
  let out = '';
  for (let i = 0; i < word.length; i++) {
    const c = word[i] as string;
    let j = i;
    while (j + 1 < word.length && word[j + 1] === c) j++;
    out += j - i >= 2 ? c : word.slice(i, j + 1);
    i = j;
  }
  return out;
}

function isNumber(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

function matchEmoticon(text: string, i: number): readonly [string, string] | undefined {
  const c = text.charCodeAt(i);
  // Only characters that can open an emoticon are tried; "12:30" is a time, not ":3".
  if (c !== 0x3a && c !== 0x3b && c !== 0x3d && c !== 0x5e && c !== 0x3c && c !== 0x78) return undefined;
  if (i > 0 && isWordChar(text.charCodeAt(i - 1)) && (c === 0x78 || isDigit(text.charCodeAt(i - 1)))) return undefined;
  for (const entry of EMOTICONS) {
    if (!text.startsWith(entry[0], i)) continue;
    const last = entry[0].charCodeAt(entry[0].length - 1);
    // ":p" must not eat the start of ":pourquoi"; "xd" must stand alone.
    if (isLetter(last) && isWordChar(text.charCodeAt(i + entry[0].length))) continue;
    return entry;
  }
  return undefined;
}

function skipWhile(text: string, i: number, test: (c: number) => boolean): number {
  while (i < text.length && test(text.charCodeAt(i))) i++;
  return i;
}

/** A handle: "marie_l" on most networks, "marie@mastodon.social" on the fediverse. */
function skipHandle(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    const joins = c === 0x5f || ((c === 0x40 || c === 0x2e || c === 0x2d) && isWordChar(text.charCodeAt(i + 1)));
    if (!isWordChar(c) && !joins) break;
    i++;
  }
  return i;
}

function skipEmojiModifiers(text: string, i: number): number {
  while (i < text.length) {
    const cp = text.codePointAt(i) as number;
    if (cp === 0xfe0f || cp === 0xfe0e || (cp >= 0x1f3fb && cp <= 0x1f3ff)) {
      i += cp > 0xffff ? 2 : 1;
    } else if (cp === 0x200d && i + 1 < text.length) {
      const next = text.codePointAt(i + 1) as number;
      i += 1 + (next > 0xffff ? 2 : 1);
    } else {
      break;
    }
  }
  return i;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}

/** Letters and digits of any script; symbols, punctuation and emojis are not word characters. */
export function isWordChar(c: number): boolean {
  if (c < 0x80) return (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a);
  if (c < 0xc0) return c === 0xaa || c === 0xb5 || c === 0xba;
  if (c === 0xd7 || c === 0xf7) return false;
  if (c < 0x2000) return true;
  return (c >= 0x3040 && c <= 0x9fff) || (c >= 0xac00 && c <= 0xd7af);
}

function isEmoji(cp: number): boolean {
  return (
    (cp >= 0x1f000 && cp <= 0x1faff) ||
    (cp >= 0x2600 && cp <= 0x27bf) ||
    cp === 0x2b50 ||
    cp === 0x2b55 ||
    cp === 0x2b06 ||
    cp === 0x2b07 ||
    cp === 0x203c ||
    cp === 0x2049
  );
}
