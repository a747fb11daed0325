// Rostra's post as Instagram's media containers take it, and Instagram ids as Rostra's refs.
// https://developers.facebook.com/docs/instagram-platform/content-publishing/
import type { MediaAttachment, PublishedRef } from '../connector.js';
import type { ContainerParams } from './api.js';
import { mediaKind } from './rules.js';

/**
 * One image (`image_url`, `alt_text`) or one Reel (`media_type=REELS`, `video_url`; "all single feed videos
 * are shared as reels"), with the caption.
 */
export function singleContainer(item: MediaAttachment, url: string, caption: string): ContainerParams {
  const params: ContainerParams =
    mediaKind(item) === 'video' ? { media_type: 'REELS', video_url: url } : { image_url: url, ...altText(item) };
  if (caption !== '') params.caption = caption;
  return params;
}

/** A carousel item: `is_carousel_item=true`, an image or a `VIDEO`; the caption goes on the carousel. */
export function carouselItem(item: MediaAttachment, url: string): ContainerParams {
  return mediaKind(item) === 'video'
    ? { media_type: 'VIDEO', video_url: url, is_carousel_item: 'true' }
    : { image_url: url, is_carousel_item: 'true', ...altText(item) };
}

/** The carousel itself: `media_type=CAROUSEL` and its children's container ids, comma-separated, in order. */
export function carouselContainer(children: string[], caption: string): ContainerParams {
  return { media_type: 'CAROUSEL', children: children.join(','), ...(caption !== '' ? { caption } : {}) };
}

/** `alt_text` (since March 24, 2025): images only, single or in a carousel; never for Reels. */
function altText(item: MediaAttachment): ContainerParams {
  return item.alt.trim() !== '' ? { alt_text: item.alt } : {};
}

/** A published media: its permalink is kept, so answers and comments can point at it. */
export function toMediaRef(id: string, permalink: string): PublishedRef {
  return { id, url: permalink, extra: { post: id, permalink } };
}

/** Comments have no address of their own: they open on their post. */
export function toCommentRef(id: string, on: PublishedRef, parentComment?: string): PublishedRef {
  const post = on.extra?.post ?? on.id;
  const permalink = on.extra?.permalink ?? on.url;
  return { id, url: permalink, extra: { post, permalink, ...(parentComment ? { parentComment } : {}) } };
}
