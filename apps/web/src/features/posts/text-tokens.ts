// Splits a post's text into plain runs, links, hashtags and mentions so previews can highlight them.
// The result is data rendered as React text nodes: the text is never interpreted as HTML.

export type TokenKind = 'text' | 'link' | 'hashtag' | 'mention';

export interface TextToken {
  kind: TokenKind;
  value: string;
}

// Links first so "#anchor" or "@user" inside a URL stay part of the link. A mention is a Bluesky handle
// (@mairie.bsky.social) or a Mastodon account, local (@mairie) or remote with its instance (@mairie@mastodon.social).
const PATTERN =
  /(https?:\/\/[^\s<>"]+)|((?<![\p{L}\p{N}_&])#[\p{L}\p{N}_]*\p{L}[\p{L}\p{N}_]*)|((?<![\p{L}\p{N}_])@[\p{L}\p{N}_-]+(?:\.[\p{L}\p{N}_-]+)*(?:@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)?)/gu;
// Punctuation that ends a sentence rather than a URL: "voir https://example.org/page."
const TRAILING = /[.,;:!?…)\]}'"»]+$/u;

export function tokenizePostText(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  const pushText = (value: string) => {
    if (!value) return;
    const last = tokens.at(-1);
    if (last?.kind === 'text') last.value += value;
    else tokens.push({ kind: 'text', value });
  };
  let cursor = 0;
  for (const match of text.matchAll(PATTERN)) {
    const start = match.index;
    let value = match[0];
    let kind: TokenKind = match[1] ? 'link' : match[2] ? 'hashtag' : 'mention';
    if (kind === 'link') {
      const trailing = TRAILING.exec(value)?.[0] ?? '';
      value = value.slice(0, value.length - trailing.length);
      if (value.length <= 'https://'.length) kind = 'text';
    } else if (kind === 'mention') {
      // A sentence may end right after a handle: "merci @mairie.fr."
      value = value.replace(/[.-]+$/u, '');
    }
    pushText(text.slice(cursor, start));
    if (kind === 'text') pushText(value);
    else tokens.push({ kind, value });
    cursor = start + value.length;
  }
  pushText(text.slice(cursor));
  return tokens;
}
