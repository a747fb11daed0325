// Rostra's post as LinkedIn's Posts API and Comments API take it, and LinkedIn's URNs as Rostra's refs.
import type { PublishRequest, PublishedRef } from '../connector.js';

/**
 * `commentary` is "little text": `| { } @ [ ] ( ) < > # \ * _ ~` are markup, and a post holding one
 * unescaped is cut at it or refused. Each is escaped with a backslash, except a hashtag (a `#` starting a
 * word), which becomes LinkedIn's hashtag template so that it stays a hashtag.
 * https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/little-text-format
 */
export function toLittleText(text: string): string {
  let out = '';
  let cursor = 0;
  for (const match of text.matchAll(HASHTAG)) {
    out += escapeLittleText(text.slice(cursor, match.index + match[1]!.length));
    out += `{hashtag|\\#|${escapeLittleText(match[2]!)}}`;
    cursor = match.index + match[0].length;
  }
  return out + escapeLittleText(text.slice(cursor));
}

// A hashtag: `#` at the start or after a space, then letters, digits or underscores (Unicode).
const HASHTAG = /(^|\s)#([\p{L}\p{M}\p{N}_]+)/gu;
const RESERVED = /[|{}@[\]()<>#\\*_~]/g;

export function escapeLittleText(text: string): string {
  return text.replace(RESERVED, (char) => `\\${char}`);
}

/** https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api#post-schema */
export function buildPostBody(
  author: string,
  request: Pick<PublishRequest, 'text' | 'link'>,
  images: { urn: string; alt: string }[],
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    author,
    commentary: toLittleText(request.text),
    visibility: 'PUBLIC',
    distribution: { feedDistribution: 'MAIN_FEED', targetEntities: [], thirdPartyDistributionChannels: [] },
    lifecycleState: 'PUBLISHED',
    isReshareDisabledByAuthor: false,
  };
  const [first] = images;
  if (images.length > 1) {
    // https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/multiimage-post-api
    body.content = { multiImage: { images: images.map((image) => ({ id: image.urn, altText: image.alt })) } };
  } else if (first) {
    body.content = { media: { id: first.urn, altText: first.alt } };
  } else if (request.link) {
    // An article's `title` is required; LinkedIn does not scrape one for API posts.
    body.content = {
      article: {
        source: request.link.url,
        title: request.link.title ?? request.link.url,
        ...(request.link.description ? { description: request.link.description } : {}),
      },
    };
  }
  return body;
}

/** https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/comments-api#create-a-comment */
export function buildCommentBody(actor: string, post: string, text: string, parentComment?: string) {
  return {
    actor,
    object: post,
    message: { text: toLittleText(text) },
    ...(parentComment ? { parentComment } : {}),
  };
}

export function toPostRef(urn: string): PublishedRef {
  return { id: urn, url: `https://www.linkedin.com/feed/update/${urn}/`, extra: { post: urn } };
}

/** A comment is opened on its post's page, scrolled to it. */
export function toCommentRef(urn: string, post: string, parentComment?: string): PublishedRef {
  const url = new URL(`https://www.linkedin.com/feed/update/${post}/`);
  url.searchParams.set('commentUrn', urn);
  return { id: urn, url: url.toString(), extra: { post, ...(parentComment ? { parentComment } : {}) } };
}
