// The text of a mention as Rostra stores it: one Unicode composition, no control characters, tidy whitespace,
// bounded length. Sources already give plain text; this makes every source's text compare and index alike.

/** Longer texts (a whole article from a feed) are cut: listening needs the gist, not a copy of the web. */
export const MAX_MENTION_TEXT = 20_000;
export const MAX_MENTION_TITLE = 500;

// C0/C1 controls except tab and line feed, the BOM, bidirectional overrides (which can disguise text) and
// the object replacement character.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufeff\u202a-\u202e\u2066-\u2069\ufffc]/g;
const LINE_BREAKS = /\r\n?|[\u2028\u2029\u0085]/g;
const SPACES = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000 ]+/g;
const BLANK_LINES = /\n{3,}/g;

/** Cuts at `max` code units without splitting a surrogate pair, marking the cut with an ellipsis. */
function cap(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}…`;
}

/** Paragraphs (blank-line separated) survive; runs of spaces, stray line breaks at the ends and controls do not. */
export function normaliseMentionText(text: string, max = MAX_MENTION_TEXT): string {
  const tidy = text
    .normalize('NFC')
    .replace(LINE_BREAKS, '\n')
    .replace(CONTROL, '')
    .split('\n')
    .map((line) => line.replace(SPACES, ' ').trim())
    .join('\n')
    .replace(BLANK_LINES, '\n\n')
    .trim();
  return cap(tidy, max);
}

/** A title is one line. Empty titles become null so that "no title" has one representation. */
export function normaliseMentionTitle(title: string | null, max = MAX_MENTION_TITLE): string | null {
  if (title === null) return null;
  const line = normaliseMentionText(title, max).replace(/\n+/g, ' ');
  return line === '' ? null : line;
}
