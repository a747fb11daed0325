// Instagram's rules for a post (an image, a carousel or a Reel, with its caption) and for a comment, plus
// Rostra's own accessibility rule on alternative text. Counted as Instagram counts, with no Node dependency:
// the composer bundles this file through counting.ts.
// Limits: https://developers.facebook.com/docs/instagram-platform/instagram-graph-api/reference/ig-user/media#limitations
// Content publishing: https://developers.facebook.com/docs/instagram-platform/content-publishing/
import type { MediaAttachment, PublishRequest, RuleViolation } from '../connector.js';
import { checkFirstComment, readFirstCommentOptions, type FirstCommentNetwork } from '../first-comment.js';

export const NETWORK = 'instagram';

/** "Maximum 2200 characters, 30 hashtags, and 20 @ tags" for a caption. */
export const MAX_CAPTION_CHARACTERS = 2200;
export const MAX_HASHTAGS = 30;
export const MAX_MENTIONS = 20;
/** A comment: the same 2,200 characters (IG Comment `text`). */
export const MAX_COMMENT_CHARACTERS = 2200;
/** "Carousels are limited to 10 images, videos, or a mix of the two." */
export const MAX_CAROUSEL_ITEMS = 10;
/** Images: "JPEG is the only image format supported", at most 8 MB. */
export const IMAGE_TYPES: readonly string[] = ['image/jpeg'];
export const MAX_IMAGE_BYTES = 8 * 1024 * 1024;
/** Reels: MOV or MP4 (MPEG-4 Part 14), at most 300 MB. Carousel videos follow the same specification. */
export const VIDEO_TYPES: readonly string[] = ['video/mp4', 'video/quicktime'];
export const MAX_VIDEO_BYTES = 300 * 1024 * 1024;

export interface InstagramOptions {
  /** Posted with POST /{ig-media-id}/comments right after the post. */
  firstComment?: string;
}

type Draft = Omit<PublishRequest, 'idempotencyKey'>;

const FIRST_COMMENT: FirstCommentNetwork = {
  network: NETWORK,
  label: 'Instagram',
  maxCommentCharacters: MAX_COMMENT_CHARACTERS,
};

export type MediaKind = 'image' | 'video';

export function mediaKind(item: Pick<MediaAttachment, 'mimeType'>): MediaKind | undefined {
  if (IMAGE_TYPES.includes(item.mimeType)) return 'image';
  if (VIDEO_TYPES.includes(item.mimeType)) return 'video';
  return undefined;
}

export function validatePost(post: Draft): RuleViolation[] {
  const { options, violations } = readOptions(post.options);
  const found = [...violations];
  const isComment = post.replyTo !== undefined;
  const media = post.media ?? [];
  const length = countCharacters(post.text);
  const limit = isComment ? MAX_COMMENT_CHARACTERS : MAX_CAPTION_CHARACTERS;
  if (length > limit) {
    const what = isComment ? 'comment' : 'caption';
    found.push(
      violation('text_too_long', `An Instagram ${what} allows ${limit} characters; this text has ${length}`, {
        excess: length - limit,
      }),
    );
  }
  const hashtags = countHashtags(post.text);
  if (hashtags > MAX_HASHTAGS) {
    found.push(
      violation('too_many_hashtags', `Instagram allows ${MAX_HASHTAGS} hashtags; this text has ${hashtags}`, {
        excess: hashtags - MAX_HASHTAGS,
      }),
    );
  }
  const mentions = countMentions(post.text);
  if (mentions > MAX_MENTIONS) {
    found.push(
      violation('too_many_mentions', `Instagram allows ${MAX_MENTIONS} @mentions; this text has ${mentions}`, {
        excess: mentions - MAX_MENTIONS,
      }),
    );
  }
  if (isComment) {
    if (post.text.trim() === '') found.push(violation('empty_post', 'An Instagram comment needs text'));
    if (media.length > 0) found.push(violation('media_in_reply_unsupported', 'Instagram comments take text only'));
    if (options.firstComment !== undefined) {
      found.push(violation('first_comment_on_reply', 'A first comment goes with a post, not with a comment'));
    }
    if (!/^\d+$/.test(post.replyTo?.id ?? '')) {
      found.push(violation('reply_target_invalid', 'The post to answer has no Instagram id'));
    }
    return found;
  }
  // Instagram has no text-only post: the caption goes with an image, a carousel or a Reel.
  if (media.length === 0) {
    found.push(violation('media_required', 'An Instagram post needs an image or a video'));
  }
  if (media.length > MAX_CAROUSEL_ITEMS) {
    found.push(
      violation('too_many_media', `An Instagram carousel holds at most ${MAX_CAROUSEL_ITEMS} images or videos`, {
        excess: media.length - MAX_CAROUSEL_ITEMS,
      }),
    );
  }
  if (post.link) {
    found.push(
      violation('link_unsupported', 'Instagram shows no link preview; put the address in the caption instead', {
        severity: 'warning',
      }),
    );
  }
  media.forEach((item, index) => {
    const label = `Media ${index + 1}`;
    const kind = mediaKind(item);
    if (!kind) {
      found.push(
        violation(
          'media_type_unsupported',
          `${label}: Instagram takes JPEG images and MP4 or MOV videos, not ${item.mimeType}`,
        ),
      );
      return;
    }
    const max = kind === 'image' ? MAX_IMAGE_BYTES : MAX_VIDEO_BYTES;
    if (item.data.byteLength > max) {
      found.push(
        violation(
          'media_too_large',
          `${label}: Instagram takes ${kind === 'image' ? 'images up to 8 MB' : 'videos up to 300 MB'}; it has ${item.data.byteLength} bytes`,
          { excess: item.data.byteLength - max },
        ),
      );
    }
    // Instagram keeps alternative text for images only (not Reels): https://developers.facebook.com/docs/instagram-platform/content-publishing/
    if (kind === 'image' && item.alt.trim() === '') {
      found.push(violation('alt_text_missing', `${label} has no alternative text`, { severity: 'warning' }));
    }
    if (kind === 'video' && item.alt.trim() !== '') {
      found.push(
        violation('alt_text_ignored', `${label}: Instagram keeps no alternative text for videos`, {
          severity: 'warning',
        }),
      );
    }
  });
  found.push(...checkFirstComment(FIRST_COMMENT, options.firstComment));
  return found;
}

export function isBlocking(violation: RuleViolation): boolean {
  return (violation.severity ?? 'error') === 'error';
}

/** Code points, as Meta's Graph API counts a caption. */
export function countCharacters(text: string): number {
  return [...text].length;
}

/**
 * Hashtags as Instagram links them: `#` then letters, digits or underscores (any script), not inside a word
 * (`a#b` is no hashtag). https://help.instagram.com/351460621611097
 */
export function countHashtags(text: string): number {
  return text.match(/(?<![\p{L}\p{N}_&#])#(?=[\p{L}\p{M}\p{N}_]*[\p{L}\p{M}_])[\p{L}\p{M}\p{N}_]+/gu)?.length ?? 0;
}

/** @mentions: `@` then a username (letters, digits, periods, underscores; at most 30), not inside an address. */
export function countMentions(text: string): number {
  return text.match(/(?<![\p{L}\p{N}_.@])@[A-Za-z0-9._]{1,30}/gu)?.length ?? 0;
}

export function readOptions(raw: Record<string, unknown> | undefined): {
  options: InstagramOptions;
  violations: RuleViolation[];
} {
  return readFirstCommentOptions(FIRST_COMMENT, raw);
}

function violation(rule: string, message: string, extra: Partial<RuleViolation> = {}): RuleViolation {
  return { network: NETWORK, rule, message, ...extra };
}
