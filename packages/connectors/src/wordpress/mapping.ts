// Rostra's post as WordPress receives it: plain text turned into safe HTML, a title, and the slug that carries
// the idempotency key; and WordPress's answers as PublishedRefs.
import { decodeHTML } from 'entities';
import { createHash } from 'node:crypto';
import type { PublishedRef } from '../connector.js';

/** How long a title taken from the text may be before it is cut at a word. */
const DERIVED_TITLE_CHARACTERS = 100;

/**
 * The slug every post published under `idempotencyKey` gets: derived from the key alone, so a retry (and
 * `findPublished`, which only has the key) can look the post up with `GET /wp/v2/posts?slug=`. Lowercase
 * ASCII, so `sanitize_title` keeps it as is. https://developer.wordpress.org/reference/functions/sanitize_title/
 */
export function toSlug(idempotencyKey: string): string {
  return `rostra-${hashKey(idempotencyKey)}`;
}

/** The featured image's slug: a retry finds the upload made the first time instead of leaving a copy. */
export function toMediaSlug(idempotencyKey: string): string {
  return `rostra-${hashKey(idempotencyKey)}-image`;
}

/**
 * Comments have no slug: a reply carries the key's hash in its `author_user_agent`, which only editors read
 * (context=edit), so a retry can find it among the author's latest comments.
 * https://developer.wordpress.org/rest-api/reference/comments/#schema-author_user_agent
 */
export function toCommentMarker(idempotencyKey: string): string {
  return `Rostra (${hashKey(idempotencyKey)})`;
}

function hashKey(idempotencyKey: string): string {
  // 64 bits: a clash among one site's posts is out of reach, and the slug stays short.
  return createHash('sha256').update(idempotencyKey, 'utf8').digest('hex').slice(0, 16);
}

/**
 * The title and the body of a post. An explicit title wins. Otherwise a short first line followed by a blank
 * line reads as a headline: it becomes the title and leaves the body. Else the title is the first sentence
 * (cut at a word past 100 characters) and the body keeps the whole text, so nothing written is lost.
 */
export function splitTitle(text: string, title: string | undefined): { title: string; body: string } {
  const trimmed = text.trim();
  if (title !== undefined) return { title, body: trimmed };
  const headline = /^([^\n]+)\n[ \t]*\n([\s\S]*\S[\s\S]*)$/.exec(trimmed);
  if (headline?.[1] && headline[2] && [...headline[1].trim()].length <= DERIVED_TITLE_CHARACTERS) {
    return { title: headline[1].trim(), body: headline[2].trim() };
  }
  const firstLine = trimmed.split('\n', 1)[0] ?? '';
  const sentence = /^(.+?[.!?…])(?:\s|$)/u.exec(firstLine)?.[1] ?? firstLine;
  return { title: shorten(sentence.trim(), DERIVED_TITLE_CHARACTERS), body: trimmed };
}

function shorten(text: string, max: number): string {
  const characters = [...text];
  if (characters.length <= max) return text;
  const cut = characters.slice(0, max).join('');
  const atWord = cut.replace(/\s+\S*$/u, '');
  return `${atWord.length > max / 2 ? atWord : cut}…`;
}

// http(s) addresses in running text; trailing punctuation belongs to the sentence, not the address.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"]+/giu;
const TRAILING_PUNCTUATION = /[.,;:!?…»)\]'"]+$/u;

/**
 * Plain text as HTML WordPress stores and shows: every character escaped (untrusted text stays text, a
 * `<script>` included), a paragraph per blank-line-separated block, `<br />` for a single line break, and
 * http(s) addresses made links. The markup is what `wpautop` would produce, so the block editor shows it
 * as a Classic block. https://developer.wordpress.org/reference/functions/wpautop/
 */
export function toHtml(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    .map((block) => block.trim())
    .filter((block) => block !== '')
    .map(
      (block) =>
        `<p>${block
          .split('\n')
          .map((line) => linkify(line.trim()))
          .join('<br />\n')}</p>`,
    )
    .join('\n\n');
}

function linkify(line: string): string {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING_PUNCTUATION, '');
    const start = match.index;
    html += escapeHtml(line.slice(last, start));
    html += `<a href="${escapeHtml(url)}">${escapeHtml(url)}</a>`;
    last = start + url.length;
  }
  return html + escapeHtml(line.slice(last));
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}

/**
 * What a comment says, to recognise one made before from its text: letters and digits only, because WordPress
 * shows a comment through its typography (wptexturize's curly quotes and dashes, make_clickable's links,
 * wpautop's paragraphs) and, for users without `unfiltered_html`, strips the markup it does not allow.
 * https://developer.wordpress.org/reference/functions/wptexturize/
 */
export function toCommentWords(textOrHtml: string): string {
  const text = decodeEntities(textOrHtml.replace(/<[^>]*>/g, ' ')).replace(/&[a-z]+;/gi, ' ');
  return (
    text
      .normalize('NFC')
      .toLocaleLowerCase('fr')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  ).join(' ');
}

/**
 * Term names come back HTML-escaped (`Culture &amp; loisirs`): WordPress stores them through
 * `sanitize_term_field`, so names are compared once decoded.
 */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}

/** A post's ref: its id, and its post id again in `extra` so a reply (a comment) knows which post it is on. */
export function toPostRef(post: { id: number; link: string }): PublishedRef {
  return { id: String(post.id), url: post.link, extra: { postId: String(post.id) } };
}

/** A comment's ref: ids are per type in WordPress, hence the prefix that keeps them apart from posts'. */
export function toCommentRef(comment: { id: number; post: number; link: string }): PublishedRef {
  return {
    id: `comment-${comment.id}`,
    url: comment.link,
    extra: { postId: String(comment.post), commentId: String(comment.id) },
  };
}
