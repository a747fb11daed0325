// Turns the untrusted HTML of a feed (description, content:encoded, Atom content, content_html) into plain text:
// scripts and styles dropped with their content, tags removed, entities decoded, paragraph breaks kept.
// The result is only ever rendered as text, so it needs no sanitiser — only no markup left behind.
import { decodeHTML } from 'entities';

/** Elements whose content is never text a person reads. */
const DROPPED = /<(script|style|template|noscript|iframe|object|svg|math|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
/** Elements that end a paragraph; their tags become a blank line. */
const BLOCK =
  /<\/?(?:p|div|h[1-6]|ul|ol|dl|table|tbody|thead|tfoot|blockquote|pre|section|article|aside|header|footer|nav|figure|figcaption|hr|address|details|summary|main|center)\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
/** Elements that end a line. */
const LINE = /<(?:br|li|tr|dt|dd)\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
/** Table cells: a space, so neighbouring cells do not run together. */
const CELL = /<\/?t[dh]\b(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
/** Any other tag, comment, doctype or processing instruction; quoted attributes may contain ">". */
const TAG = /<\/?[a-z][a-z0-9:-]*(?:[^>"']|"[^"]*"|'[^']*')*>|<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\?[\s\S]*?\?>/gi;

/** Plain text from an HTML fragment; paragraphs separated by a blank line, lines by a newline. */
export function htmlToText(html: string): string {
  // Markup is removed once: what the HTML escaped ("x &lt; y et &lt;script&gt;") is text the author wrote, kept
  // as text — it is only ever rendered as text.
  return tidyWhitespace(stripMarkup(html));
}

/** Plain text as a feed gave it (JSON Feed's content_text): only whitespace and control characters tidied. */
export function plainText(text: string): string {
  return tidyWhitespace(text);
}

/** One line: titles and names. */
export function htmlToLine(html: string): string {
  return toLine(htmlToText(html));
}

/** One line of plain text (JSON Feed titles). */
export function toLine(text: string): string {
  return plainText(text).replace(/\s+/g, ' ').trim();
}

function stripMarkup(html: string): string {
  // Named and numeric references as a browser reads them (WHATWG HTML §13.2.5.72), legacy ones without ';' too.
  return decodeHTML(
    html
      .replace(/<!--[\s\S]*?(?:-->|$)/g, ' ')
      .replace(DROPPED, ' ')
      // Unclosed script or style (truncated content): drop everything after it.
      .replace(/<(script|style)\b[\s\S]*$/i, ' ')
      .replace(/\s+/g, ' ')
      .replace(BLOCK, '\n\n')
      .replace(LINE, '\n')
      .replace(CELL, ' ')
      .replace(TAG, ''),
  );
}

function tidyWhitespace(text: string): string {
  return (
    repairEncoding(text)
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\r\n?/g, '\n')
      .replace(/[^\S\n]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}

// Windows C1: text never means the C1 control characters U+0080–U+009F; a feed that has them (raw, or as &#146;
// through an XML parser) meant windows-1252's characters at those bytes, as the WHATWG Encoding Standard maps them.
const WINDOWS_1252_C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const BYTE_OF = new Map<string, number>([...WINDOWS_1252_C1].map((char, index) => [char, 0x80 + index]));

/** A UTF-8 sequence read as windows-1252 or Latin-1: a lead byte (Â–ô) then 1 to 3 continuation bytes. */
const MOJIBAKE = /[\u00c2-\u00f4][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]{1,3}/g;

/** Double-encoded UTF-8 ("Ã©tÃ©" for "été") decoded back, then Windows C1 characters mapped. */
export function repairEncoding(text: string): string {
  return text
    .replace(MOJIBAKE, repairSequence)
    .replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_C1[char.charCodeAt(0) - 0x80]!);
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

function repairSequence(sequence: string): string {
  const lead = sequence.charCodeAt(0);
  const length = lead < 0xe0 ? 2 : lead < 0xf0 ? 3 : 4;
  if (sequence.length < length) return sequence;
  // "é »" is French, not mojibake: a three- or four-byte sequence is only taken without no-break spaces or
  // guillemets, which follow accented letters in French text far more often than they occur inside mojibake.
  if (length > 2 && /[\u00a0\u00ab\u00bb]/.test(sequence.slice(1, length))) return sequence;
  const bytes = [...sequence.slice(0, length)].map((char) => BYTE_OF.get(char) ?? char.charCodeAt(0));
  try {
    return UTF8.decode(Uint8Array.from(bytes)) + sequence.slice(length);
  } catch {
    return sequence;
  }
}
