// A Reddit post (a t3 link) as a mention: its title and self text unescaped, the link a link post points to.
import type { Mention } from '../connector.js';
import { toLine } from '../feeds/html-to-text.js';
import { hostOf } from '../shared/http-get.js';
import { REDDIT_NETWORK, type Link } from './api.js';

/**
 * "All JSON response bodies currently have <, > and & replaced with &lt;, &gt; and &amp;" unless raw_json=1
 * (https://www.reddit.com/dev/api#response_body_encoding): one pass, so "&amp;lt;" stays the "&lt;" typed.
 */
export function unescapeRedditJson(text: string): string {
  return text.replace(/&(lt|gt|amp);/g, (_match, name: string) => (name === 'lt' ? '<' : name === 'gt' ? '>' : '&'));
}

/**
 * What a post was handed on as: its fullname, and its edit when it has one, so a post edited while still within
 * the overlap window is handed on again with its new text (the pipeline then stores it in place).
 */
export function seenKey(link: Link): string {
  const editedAt = readEdited(link);
  return editedAt === null ? link.name : `${link.name}@${editedAt}`;
}

function readEdited(link: Link): number | null {
  return typeof link.edited === 'number' && Number.isFinite(link.edited) && link.edited > 0
    ? Math.round(link.edited * 1000)
    : null;
}

export function toMention(link: Link, siteUrl: string): Mention {
  const permalink = link.permalink ? new URL(unescapeRedditJson(link.permalink), siteUrl).toString() : null;
  const target = link.url ? unescapeRedditJson(link.url) : null;
  const selftext = unescapeRedditJson(link.selftext ?? '')
    .replace(/\r\n?/g, '\n')
    .trim();
  // A link post's words are its title and its link; "site" is where the link points, as for an article.
  const linkPost = link.is_self === false && target !== null && target !== permalink;
  const author = link.author && link.author !== '[deleted]' ? link.author : null;
  const title = toLine(unescapeRedditJson(link.title ?? ''));
  return {
    externalId: link.name,
    network: REDDIT_NETWORK,
    url: permalink,
    title: title === '' ? null : title,
    text: selftext === '' && linkPost ? target : selftext,
    author: author
      ? { id: link.author_fullname ?? author, handle: author, name: author, url: `${siteUrl}/user/${author}` }
      : { id: null, handle: null, name: null, url: null },
    publishedAt: Math.round(link.created_utc * 1000),
    editedAt: readEdited(link),
    language: null,
    site: (linkPost ? hostOf(target) : null) ?? hostOf(siteUrl),
    repostOf: null,
    replyTo: null,
    hashtags: [],
    metrics: {
      ...(typeof link.subreddit_subscribers === 'number' ? { reach: link.subreddit_subscribers } : {}),
      ...(typeof link.score === 'number' ? { likes: link.score } : {}),
      ...(typeof link.num_comments === 'number' ? { replies: link.num_comments } : {}),
    },
  };
}
