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

/** A tag still present after decoding. */
const LEFTOVER_TAG = /<\/?[a-z][a-z0-9:-]*\b[^<>]*>/i;

/** Plain text from an HTML fragment; paragraphs separated by a blank line, lines by a newline. */
export function htmlToText(html: string): string {
  let text = stripMarkup(html);
  // Feeds that escape their HTML twice (or post code samples) leave tags behind after decoding: strip again, a
  // bounded number of times, and finally drop whatever still looks like a tag — no markup leaves this function.
  for (let pass = 0; pass < 2 && LEFTOVER_TAG.test(text); pass += 1) text = stripMarkup(text);
  text = text.replace(TAG, '');
  return tidyWhitespace(text);
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
    text
      // eslint-disable-next-line no-control-regex -- control characters are what this removes
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
      .replace(/\r\n?/g, '\n')
      .replace(/[^\S\n]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  );
}
