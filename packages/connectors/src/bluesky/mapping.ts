// A Rostra post as an app.bsky.feed.post record, and a stored record as the PublishedRef Rostra keeps.
// Record shapes: https://docs.bsky.app/docs/advanced-guides/posts
import { AtUri, type AppBskyFeedPost, type AppBskyRichtextFacet, type BlobRef } from '@atproto/api';
import type { PublishRequest, PublishedRef } from '../connector.js';
import { POST_COLLECTION } from './api.js';

export interface RecordParts {
  facets: AppBskyRichtextFacet.Main[];
  /** Uploaded images, in the order of `request.media`. */
  images: BlobRef[];
  createdAt: Date;
}

export function buildPostRecord(request: PublishRequest, parts: RecordParts): AppBskyFeedPost.Record {
  const record: AppBskyFeedPost.Record = {
    $type: POST_COLLECTION,
    text: request.text,
    createdAt: parts.createdAt.toISOString(),
  };
  if (parts.facets.length > 0) record.facets = parts.facets;
  if (request.languages?.length) record.langs = request.languages;
  if (request.replyTo) record.reply = buildReplyRef(request.replyTo);

  const media = request.media ?? [];
  if (media.length > 0) {
    record.embed = {
      $type: 'app.bsky.embed.images',
      images: parts.images.map((image, index) => ({ image, alt: media[index]?.alt ?? '' })),
    };
  } else if (request.link) {
    // A post holds one embed: images win over the link card, whose URL can still sit in the text.
    // title and description are required by app.bsky.embed.external, empty when unknown.
    // https://docs.bsky.app/docs/advanced-guides/posts (website card embeds)
    record.embed = {
      $type: 'app.bsky.embed.external',
      external: { uri: request.link.url, title: request.link.title ?? '', description: request.link.description ?? '' },
    };
  }
  return record;
}

// A reply names its parent and the thread's first post, each as a strong ref (URI + CID), so the thread
// holds even if the parent is deleted. https://docs.bsky.app/docs/advanced-guides/posts (replies)
function buildReplyRef(parent: PublishedRef): AppBskyFeedPost.ReplyRef {
  const extra = parent.extra ?? {};
  return {
    root: { uri: extra.rootUri ?? parent.id, cid: extra.rootCid ?? extra.cid ?? '' },
    parent: { uri: parent.id, cid: extra.cid ?? '' },
  };
}

/** `handle` makes the link people open; bsky.app also accepts the DID, should the handle be unknown. */
export function toPublishedRef(
  stored: { uri: string; cid: string; value: AppBskyFeedPost.Record },
  handle: string,
): PublishedRef {
  const uri = new AtUri(stored.uri);
  const root = stored.value.reply?.root ?? { uri: stored.uri, cid: stored.cid };
  return {
    id: stored.uri,
    url: `https://bsky.app/profile/${handle}/post/${uri.rkey}`,
    extra: { cid: stored.cid, rootUri: root.uri, rootCid: root.cid },
  };
}
