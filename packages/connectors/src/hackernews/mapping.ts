// A Hacker News hit as a mention: stories and comments, their HTML as plain text, links to the site.
import type { Mention } from '../connector.js';
import { htmlToLine, htmlToText } from '../feeds/html-to-text.js';
import { hostOf } from '../shared/http-get.js';
import { HACKERNEWS_NETWORK, type Hit } from './api.js';

/** Stories and comments, with their HTML (`story_text`, `comment_text`) as plain text. */
export function toMention(hit: Hit, siteUrl: string): Mention {
  const itemUrl = (id: string | number) => `${siteUrl}/item?id=${id}`;
  const isComment = hit._tags?.includes('comment') ?? typeof hit.comment_text === 'string';
  const html = (isComment ? hit.comment_text : hit.story_text) ?? '';
  const title = isComment ? '' : htmlToLine(hit.title ?? '');
  // A link story's words are its title and its link; "site" is where the link points, as for any article.
  const linked = isComment ? (hit.story_url ?? null) : (hit.url ?? null);
  const text = htmlToText(html);
  return {
    externalId: itemUrl(hit.objectID),
    network: HACKERNEWS_NETWORK,
    url: itemUrl(hit.objectID),
    title: title === '' ? null : title,
    text: text === '' && !isComment && hit.url ? hit.url : text,
    author: hit.author
      ? {
          id: hit.author,
          handle: hit.author,
          name: hit.author,
          url: `${siteUrl}/user?id=${encodeURIComponent(hit.author)}`,
        }
      : { id: null, handle: null, name: null, url: null },
    publishedAt: hit.created_at_i * 1000,
    language: null,
    site: hostOf(linked) ?? hostOf(siteUrl),
    repostOf: null,
    replyTo: isComment && typeof hit.parent_id === 'number' ? itemUrl(hit.parent_id) : null,
    hashtags: [],
    metrics: {
      ...(typeof hit.points === 'number' ? { likes: hit.points } : {}),
      ...(typeof hit.num_comments === 'number' ? { replies: hit.num_comments } : {}),
    },
  };
}
