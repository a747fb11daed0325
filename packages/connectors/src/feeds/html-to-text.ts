// Turns the untrusted HTML of a feed (description, content:encoded, Atom content, content_html) into plain text:
// scripts and styles dropped with their content, tags removed, entities decoded, paragraph breaks kept.
// The result is only ever rendered as text, so it needs no sanitiser — only no markup left behind.

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

// Latin-1 (U+00A0–U+00FF) in code point order, then the typographic entities French and English text uses.
const LATIN1 =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute ' +
  'micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml Aring AElig ' +
  'Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash ' +
  'Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc ' +
  'euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml ' +
  'yacute thorn yuml';
const ENTITIES = new Map<string, string>([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ...LATIN1.split(' ').map((name, index) => [name, String.fromCodePoint(0xa0 + index)] as [string, string]),
  ['OElig', 'Œ'],
  ['oelig', 'œ'],
  ['Scaron', 'Š'],
  ['scaron', 'š'],
  ['Yuml', 'Ÿ'],
  ['fnof', 'ƒ'],
  ['circ', 'ˆ'],
  ['tilde', '˜'],
  ['ensp', ' '],
  ['emsp', ' '],
  ['thinsp', ' '],
  ['zwnj', ''],
  ['zwj', ''],
  ['lrm', ''],
  ['rlm', ''],
  ['ndash', '–'],
  ['mdash', '—'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['sbquo', '‚'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['bdquo', '„'],
  ['dagger', '†'],
  ['Dagger', '‡'],
  ['bull', '•'],
  ['hellip', '…'],
  ['permil', '‰'],
  ['prime', '′'],
  ['lsaquo', '‹'],
  ['rsaquo', '›'],
  ['euro', '€'],
  ['trade', '™'],
  ['larr', '←'],
  ['rarr', '→'],
  ['uarr', '↑'],
  ['darr', '↓'],
  ['hearts', '♥'],
  ['minus', '−'],
  ['le', '≤'],
  ['ge', '≥'],
  ['ne', '≠'],
  ['infin', '∞'],
]);

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
  return decodeEntities(
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

function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z][a-z0-9]{1,31}));?/gi, (match, dec, hex, name) => {
    if (name !== undefined) return ENTITIES.get(name as string) ?? match;
    const code = dec !== undefined ? parseInt(dec as string, 10) : parseInt(hex as string, 16);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return valid ? String.fromCodePoint(code) : '\uFFFD';
  });
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
