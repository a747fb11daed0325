// What a name may hold, wherever it comes from: one line of real text. People's names are refused when they
// break this (the HTTP schemas); names a network sends (an account's display name) are cleaned instead, since
// nobody can retype them.

/** C0 and C1 control characters: NUL (which PostgreSQL cannot store), tab, line breaks, escape… */
export const CONTROL_CHARACTER = /\p{Cc}/u;
/** A UTF-16 surrogate without its other half: not a character, and dropped or mangled by every encoder. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A name from elsewhere made storable: controls become spaces, lone surrogates U+FFFD, trimmed, cut to `max`. */
export function cleanName(value: string, max = 120): string {
  const cleaned = value
    .replace(/\p{Cc}+/gu, ' ')
    .replace(new RegExp(LONE_SURROGATE.source, 'g'), '\uFFFD')
    .trim();
  // Cut by code points so an emoji is never split into a lone surrogate.
  return [...cleaned].slice(0, max).join('').trim();
}
