// Rostra's post as the Graph API's Page feed takes it, and Graph ids as Rostra's refs.
import type { PublishRequest, PublishedRef } from '../connector.js';

/**
 * https://developers.facebook.com/docs/graph-api/reference/page/feed/#publish — `message`, `link`, and
 * `attached_media[n]={"media_fbid":"…"}` for photos uploaded unpublished first.
 */
export function buildFeedForm(request: Pick<PublishRequest, 'text' | 'link'>, photoIds: string[]): URLSearchParams {
  const form = new URLSearchParams();
  if (request.text !== '') form.set('message', request.text);
  if (photoIds.length > 0) {
    photoIds.forEach((id, index) => form.set(`attached_media[${index}]`, JSON.stringify({ media_fbid: id })));
  } else if (request.link) {
    form.set('link', request.link.url);
  }
  return form;
}

/** A Page post id is `{page-id}_{post-id}`. */
export function toPostRef(id: string): PublishedRef {
  const [pageId, postId] = id.split('_');
  const url =
    pageId && postId ? `https://www.facebook.com/${pageId}/posts/${postId}` : `https://www.facebook.com/${id}`;
  return { id, url, extra: { post: id } };
}

/** A comment is opened on its post, scrolled to it. */
export function toCommentRef(id: string, post: string, parentComment?: string): PublishedRef {
  const url = new URL(toPostRef(post).url);
  url.searchParams.set('comment_id', id.includes('_') ? id.slice(id.indexOf('_') + 1) : id);
  return { id, url: url.toString(), extra: { post, ...(parentComment ? { parentComment } : {}) } };
}
