// Rich-text facets of a post: where links, mentions and hashtags sit in the text, as UTF-8 byte ranges.
// Follows https://docs.bsky.app/docs/advanced-guides/post-richtext (detection rules and byte offsets).
import type { AppBskyRichtextFacet } from '@atproto/api';

/** A facet as found in the text, before mentions are resolved to DIDs. */
export type FacetCandidate =
  | { kind: 'link'; byteStart: number; byteEnd: number; uri: string }
  | { kind: 'mention'; byteStart: number; byteEnd: number; handle: string }
  | { kind: 'tag'; byteStart: number; byteEnd: number; tag: string };

// Only explicit http(s) URLs become links: bare domains ("mairie.fr") would need the TLD list and guess
// wrong on French abbreviations ("p.ex."). A link starts the text or follows a space, a bracket or a quote.
const LINK_PATTERN = /(^|[\s(«“"'])(https?:\/\/[^\s]+)/giu;
// Trailing punctuation ends the sentence, not the URL ("voir https://exemple.fr."), per the guide above.
const LINK_TRAILING_PUNCTUATION = /[.,;:!?…'"’”»]$/u;

// A handle is a domain name: labels of letters, digits and hyphens, the last not starting with a digit.
// https://atproto.com/specs/handle
const MENTION_PATTERN =
  /(^|[\s(])@((?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)(?![a-zA-Z0-9-])/gu;
const MAX_HANDLE_LENGTH = 253;

// The guide's hashtag rule: after a space or the start, '#' (or the full-width '＃'), at least one character
// that is not a digit, space or punctuation (so "#2024" is no tag), not the keycap emoji "#️⃣", and no
// invisible separators.
/* eslint-disable no-misleading-character-class -- the classes list zero-width characters on purpose */
const TAG_PATTERN =
  /(^|\s)[#＃]((?!\ufe0f)[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*[^\d\s\p{P}\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]+[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*)?/gu;
/* eslint-enable no-misleading-character-class */
const TAG_TRAILING_PUNCTUATION = /\p{P}+$/u;
// app.bsky.richtext.facet#tag: maxGraphemes 64, maxLength 640 (bytes).
const MAX_TAG_GRAPHEMES = 64;
const MAX_TAG_BYTES = 640;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const utf8 = new TextEncoder();

export function countGraphemes(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count++;
  return count;
}

export function countUtf8Bytes(text: string): number {
  return utf8.encode(text).length;
}

/** Finds links, mentions and hashtags, in text order; where two would overlap, the first found wins. */
export function detectFacets(text: string): FacetCandidate[] {
  const byteOffset = (utf16Index: number) => countUtf8Bytes(text.slice(0, utf16Index));
  const found: FacetCandidate[] = [];

  for (const match of text.matchAll(LINK_PATTERN)) {
    const start = match.index + (match[1] ?? '').length;
    const uri = trimLink(match[2] ?? '');
    found.push({ kind: 'link', byteStart: byteOffset(start), byteEnd: byteOffset(start + uri.length), uri });
  }

  for (const match of text.matchAll(MENTION_PATTERN)) {
    const handle = match[2] ?? '';
    if (handle.length > MAX_HANDLE_LENGTH) continue;
    const start = match.index + (match[1] ?? '').length;
    found.push({
      kind: 'mention',
      byteStart: byteOffset(start),
      byteEnd: byteOffset(start + 1 + handle.length),
      handle: handle.toLowerCase(),
    });
  }

  for (const match of text.matchAll(TAG_PATTERN)) {
    const tag = (match[2] ?? '').replace(TAG_TRAILING_PUNCTUATION, '');
    if (tag === '' || countGraphemes(tag) > MAX_TAG_GRAPHEMES || countUtf8Bytes(tag) > MAX_TAG_BYTES) continue;
    const start = match.index + (match[1] ?? '').length;
    found.push({ kind: 'tag', byteStart: byteOffset(start), byteEnd: byteOffset(start + 1 + tag.length), tag });
  }

  const kept: FacetCandidate[] = [];
  for (const candidate of found) {
    if (!kept.some((k) => candidate.byteStart < k.byteEnd && k.byteStart < candidate.byteEnd)) kept.push(candidate);
  }
  return kept.sort((a, b) => a.byteStart - b.byteStart);
}

function trimLink(uri: string): string {
  let trimmed = uri;
  for (;;) {
    if (LINK_TRAILING_PUNCTUATION.test(trimmed)) trimmed = trimmed.slice(0, -1);
    // A closing bracket belongs to the URL only when the URL opened one: "(voir https://x.fr/a)".
    else if (trimmed.endsWith(')') && count(trimmed, '(') < count(trimmed, ')')) trimmed = trimmed.slice(0, -1);
    else return trimmed;
  }
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/**
 * Turns candidates into facets. Mentions need a DID: `resolveHandle` answers undefined for a handle that
 * does not exist, and that mention stays plain text (the guide's advice) rather than failing the post.
 */
export async function resolveFacets(
  candidates: FacetCandidate[],
  resolveHandle: (handle: string) => Promise<string | undefined>,
): Promise<AppBskyRichtextFacet.Main[]> {
  const dids = new Map<string, string | undefined>();
  for (const candidate of candidates) {
    if (candidate.kind === 'mention' && !dids.has(candidate.handle)) {
      dids.set(candidate.handle, await resolveHandle(candidate.handle));
    }
  }
  const facets: AppBskyRichtextFacet.Main[] = [];
  for (const candidate of candidates) {
    const index = { byteStart: candidate.byteStart, byteEnd: candidate.byteEnd };
    if (candidate.kind === 'link') {
      facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#link', uri: candidate.uri }] });
    } else if (candidate.kind === 'tag') {
      facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: candidate.tag }] });
    } else {
      const did = dids.get(candidate.handle);
      if (did) facets.push({ index, features: [{ $type: 'app.bsky.richtext.facet#mention', did }] });
    }
  }
  return facets;
}
