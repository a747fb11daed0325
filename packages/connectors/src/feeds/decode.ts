// Bytes to text, the way feeds need it: a byte order mark wins, then the zero bytes of UTF-16/UTF-32 around the
// first "<" (XML 1.0 Appendix F), then what the HTTP charset and the XML declaration say. Servers often send a
// default charset that is wrong, so a body that is valid UTF-8 is read as UTF-8 whenever either source claims UTF-8
// (or neither says anything). A body nothing describes and that is not UTF-8 goes to chardet's detector (KOI8-R,
// Shift_JIS, Big5, GB18030, Latin-2…), windows-1252 when it is unsure. Node's TextDecoder (full ICU) decodes all
// of these but UTF-32, which is four bytes a character and decoded here.
import { analyse } from 'chardet';

/** The text, and the encoding it was read with (a WHATWG label, e.g. "gbk" for GB2312). */
export function decodeFeedBody(body: Uint8Array, contentType: string | null): { text: string; encoding: string } {
  const unicode = readBom(body) ?? sniffWideUnicode(body);
  if (unicode) {
    const text = unicode.startsWith('utf-32') ? decodeUtf32(body, unicode === 'utf-32le') : decode(body, unicode);
    return { text, encoding: unicode };
  }
  const declared = [charsetOf(contentType), xmlDeclaredEncoding(body)]
    .map((label) => (label === null ? null : knownEncoding(label)))
    .filter((label): label is string => label !== null);
  if (declared.length === 0 || declared.includes('utf-8')) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
    } catch {
      // Not UTF-8 after all: the other declaration, or what the bytes look like.
    }
  }
  // A UTF-16 label without a byte order mark or zero bytes is nearly always a mislabelled single-byte document.
  const encoding = declared.find((label) => label !== 'utf-8' && !label.startsWith('utf-16')) ?? detectEncoding(body);
  return { text: decode(body, encoding), encoding };
}

/** Single- and multi-byte encodings chardet may name, as TextDecoder labels; others are not trusted. */
const DETECTABLE = new Set([
  'shift_jis',
  'euc-jp',
  'iso-2022-jp',
  'big5',
  'gb18030',
  'euc-kr',
  'koi8-r',
  'windows-1250',
  'windows-1251',
  'windows-1253',
  'windows-1254',
  'windows-1255',
  'windows-1256',
  'iso-8859-2',
  'iso-8859-5',
  'iso-8859-6',
  'iso-8859-7',
  'iso-8859-8',
  'iso-8859-9',
]);
/** chardet's confidence (0–100) a guess needs over windows-1252's to be taken instead of it. */
const MARGIN = 10;

/**
 * The encoding of a body that is not UTF-8 and says nothing: chardet's best guess when it is clearly ahead of
 * windows-1252 (the usual undeclared legacy encoding of Western feeds, Latin-1's superset), else windows-1252 —
 * unless windows-1252 puts symbols inside words ("žluťoučký" read as "¾lu»ouèký"), which means another
 * single-byte encoding chardet named (Latin-2, windows-1250…).
 */
function detectEncoding(body: Uint8Array): string {
  const guesses = analyse(body)
    .map((guess) => ({ label: knownEncoding(guess.name), confidence: guess.confidence }))
    .filter((guess): guess is { label: string; confidence: number } => guess.label !== null);
  const western = guesses.find((guess) => guess.label === 'windows-1252')?.confidence ?? 0;
  const fits = (label: string) => DETECTABLE.has(label) && !decode(body, label).includes('\uFFFD');
  for (const guess of guesses) {
    if (guess.label === 'windows-1252') break;
    // A guess whose decoding has replacement characters is wrong about the bytes.
    if (guess.confidence >= western + MARGIN && fits(guess.label)) return guess.label;
  }
  if (symbolsInsideWords(decode(body, 'windows-1252')) >= 2) {
    const other = guesses.find((guess) => guess.label !== 'windows-1252' && fits(guess.label));
    if (other && symbolsInsideWords(decode(body, other.label)) === 0) return other.label;
  }
  return 'windows-1252';
}

function symbolsInsideWords(text: string): number {
  return text.match(/\p{L}[\u00a1-\u00bf\u008a-\u009f]\p{L}/gu)?.length ?? 0;
}

function decode(body: Uint8Array, encoding: string): string {
  const text = new TextDecoder(encoding).decode(body);
  return encoding === 'windows-1252' ? fixWindows1252(text) : text;
}

// Node 20's TextDecoder decodes "windows-1252" (and "iso-8859-1", its WHATWG alias) as ISO-8859-1, leaving
// 0x80–0x9F as C1 control characters. Text never means those, so
// map them to the windows-1252 characters the WHATWG Encoding Standard assigns.
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80]!);
}

function readBom(body: Uint8Array): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0x00 && body[1] === 0x00 && body[2] === 0xfe && body[3] === 0xff) return 'utf-32be';
  if (body[0] === 0xff && body[1] === 0xfe && body[2] === 0x00 && body[3] === 0x00) return 'utf-32le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  return null;
}

/**
 * UTF-16 or UTF-32 without a byte order mark: a document starts with ASCII ("<", "{", whitespace), which these
 * encodings write with zero bytes in fixed places (XML 1.0 Appendix F).
 */
function sniffWideUnicode(body: Uint8Array): string | null {
  if (body.length < 4) return null;
  const zero = [0, 1, 2, 3].map((index) => body[index] === 0);
  const pattern = zero.map((isZero) => (isZero ? '0' : 'x')).join('');
  if (pattern === '000x') return 'utf-32be';
  if (pattern === 'x000') return 'utf-32le';
  if (pattern === '0x0x') return 'utf-16be';
  if (pattern === 'x0x0') return 'utf-16le';
  return null;
}

function decodeUtf32(body: Uint8Array, littleEndian: boolean): string {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const chars: string[] = [];
  for (let offset = 0; offset + 4 <= body.byteLength; offset += 4) {
    const code = view.getUint32(offset, littleEndian);
    chars.push(code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : '\uFFFD');
  }
  return chars.join('').replace(/^\uFEFF/, '');
}

function charsetOf(contentType: string | null): string | null {
  const match = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return match ? match[1]! : null;
}

function xmlDeclaredEncoding(body: Uint8Array): string | null {
  // The declaration is ASCII in every encoding a feed uses without a byte order mark.
  const head = new TextDecoder('latin1').decode(body.subarray(0, 256));
  const match = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return match ? match[1]! : null;
}

/** The WHATWG name of a charset label, or null when Node cannot decode it. */
function knownEncoding(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}
