// X's rules for a post, counted X's way: the weighted length of twitter-text (X's own library, config v3),
// the media a post may carry, and Rostra's accessibility rule on alternative text.
// https://docs.x.com/fundamentals/counting-characters and https://docs.x.com/x-api/media/quickstart/best-practices
import twitterText from 'twitter-text';
import type { MediaAttachment, PublishRequest, RuleViolation } from '../connector.js';

export const NETWORK = 'x';

/** The weighted length of a post for an account without X Premium. */
export const MAX_WEIGHTED_LENGTH = 280;
/** What every URL counts for, whatever its length (t.co wraps it). */
export const URL_WEIGHT = 23;
/** "up to 4 photos, 1 animated GIF or 1 video" per post. */
export const MAX_IMAGES = 4;
export const IMAGE_SIZE_LIMIT = 5 * 1024 * 1024;
export const GIF_SIZE_LIMIT = 15 * 1024 * 1024;
export const VIDEO_SIZE_LIMIT = 512 * 1024 * 1024;
/** POST /2/media/metadata: "Must be <= 1000 chars". */
export const ALT_TEXT_LIMIT = 1000;

/** How X files a medium: each kind has its own upload category, size limit and count. */
export type MediaKind = 'image' | 'gif' | 'video';

// JPG, PNG, WEBP photos; animated GIFs; MP4 and MOV videos.
// https://docs.x.com/x-api/media/quickstart/best-practices
const KINDS: Record<string, MediaKind> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  // A GIF is uploaded as tweet_gif, even a still one: X then plays it as an animation, alone in its post.
  'image/gif': 'gif',
  'video/mp4': 'video',
  'video/quicktime': 'video',
};

export function mediaKindOf(mimeType: string): MediaKind | undefined {
  return KINDS[mimeType];
}

const SIZE_LIMITS: Record<MediaKind, number> = {
  image: IMAGE_SIZE_LIMIT,
  gif: GIF_SIZE_LIMIT,
  video: VIDEO_SIZE_LIMIT,
};

const KIND_NAMES: Record<MediaKind, string> = { image: 'an image', gif: 'a GIF', video: 'a video' };

/** https://docs.x.com/x-api/posts/manage-tweets/introduction (reply_settings of POST /2/tweets) */
export const REPLY_SETTINGS = ['following', 'mentionedUsers', 'subscribers', 'verified'] as const;
export type ReplySettings = (typeof REPLY_SETTINGS)[number];

/** `options` an X post may carry, after validation. */
export interface XOptions {
  /** Who may reply; absent, everyone. */
  replySettings?: ReplySettings;
}

type Draft = Omit<PublishRequest, 'idempotencyKey'>;

export interface WeightedCount {
  /** As X counts: most characters 1, CJK and emoji 2, any URL 23, after NFC normalisation. */
  weightedLength: number;
  /** False when the text holds a character X refuses (U+FFFE, U+FEFF, U+FFFF) or is empty. */
  valid: boolean;
}

export function countWeighted(text: string): WeightedCount {
  const parsed = twitterText.parseTweet(text);
  return { weightedLength: parsed.weightedLength, valid: parsed.valid };
}

export function validatePost(post: Draft): RuleViolation[] {
  const { violations: optionViolations } = readOptions(post.options);
  return [
    ...checkText(post),
    ...checkMedia(post.media ?? []),
    ...checkLink(post),
    ...checkReply(post),
    ...optionViolations,
  ];
}

export function isBlocking(violation: RuleViolation): boolean {
  return (violation.severity ?? 'error') === 'error';
}

function violation(rule: string, message: string, extra: Partial<RuleViolation> = {}): RuleViolation {
  return { network: NETWORK, rule, message, ...extra };
}

function checkText(post: Draft): RuleViolation[] {
  const hasMedia = (post.media ?? []).length > 0;
  if (post.text.trim() === '') {
    // POST /2/tweets needs text unless media is attached.
    return hasMedia ? [] : [violation('empty_post', 'An X post needs text or media')];
  }
  const { weightedLength, valid } = countWeighted(post.text);
  const found: RuleViolation[] = [];
  if (weightedLength > MAX_WEIGHTED_LENGTH) {
    found.push(
      violation(
        'text_too_long',
        `X allows ${MAX_WEIGHTED_LENGTH} characters (links count ${URL_WEIGHT}, emoji and CJK 2); this text counts ${weightedLength}, ${weightedLength - MAX_WEIGHTED_LENGTH} too many`,
        { excess: weightedLength - MAX_WEIGHTED_LENGTH },
      ),
    );
  } else if (!valid) {
    // twitter-text's other reason for `valid: false`: characters X refuses outright.
    found.push(violation('invalid_characters', 'This text holds characters X refuses (U+FFFE, U+FEFF or U+FFFF)'));
  }
  return found;
}

function checkMedia(media: MediaAttachment[]): RuleViolation[] {
  const found: RuleViolation[] = [];
  const kinds = media.map((item) => mediaKindOf(item.mimeType));
  const images = kinds.filter((kind) => kind === 'image').length;
  const exclusive = kinds.filter((kind) => kind === 'gif' || kind === 'video').length;
  if (exclusive > 0 && media.length > 1) {
    found.push(
      violation(
        'media_mix_unsupported',
        `An X post holds one GIF or one video alone, or up to ${MAX_IMAGES} images; this post has ${media.length} media`,
        { excess: media.length - 1 },
      ),
    );
  } else if (images > MAX_IMAGES) {
    found.push(
      violation('too_many_media', `X allows ${MAX_IMAGES} images per post; this post has ${images}`, {
        excess: images - MAX_IMAGES,
      }),
    );
  }
  media.forEach((item, index) => {
    const label = `Media ${index + 1}`;
    const kind = kinds[index];
    if (!kind) {
      found.push(
        violation(
          'media_type_unsupported',
          `${label}: X takes JPEG, PNG, WEBP and GIF images and MP4 or MOV videos, not ${item.mimeType}`,
        ),
      );
      return;
    }
    const limit = SIZE_LIMITS[kind];
    if (item.data.byteLength > limit) {
      found.push(
        violation(
          'media_too_large',
          `${label}: X allows ${formatMegabytes(limit)} for ${KIND_NAMES[kind]}; this one is ${formatMegabytes(item.data.byteLength)}, ${item.data.byteLength - limit} bytes too many`,
          { excess: item.data.byteLength - limit },
        ),
      );
    }
    if (item.data.byteLength === 0) found.push(violation('media_empty', `${label} is an empty file`));
    if (kind === 'video') {
      // POST /2/media/metadata takes alt text for images and GIFs only.
      // https://docs.x.com/x-api/media/create-media-metadata
      if (item.alt.trim() !== '') {
        found.push(
          violation(
            'alt_text_unsupported',
            `${label}: X's API takes no alternative text for a video; it will not be sent`,
            {
              severity: 'warning',
            },
          ),
        );
      }
      return;
    }
    // X accepts images without a description; Rostra warns, because public bodies owe accessible posts.
    if (item.alt.trim() === '') {
      found.push(violation('alt_text_missing', `${label} has no alternative text`, { severity: 'warning' }));
    }
    const altLength = [...item.alt].length;
    if (altLength > ALT_TEXT_LIMIT) {
      found.push(
        violation(
          'alt_text_too_long',
          `${label}: X allows ${ALT_TEXT_LIMIT} characters of alternative text; this one has ${altLength}`,
          { excess: altLength - ALT_TEXT_LIMIT },
        ),
      );
    }
  });
  return found;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
}

// X has no card parameter: it builds the card from the last link of the text.
// https://developer.x.com/en/docs/x-for-websites/cards/overview/abouts-cards
function checkLink(post: Draft): RuleViolation[] {
  if (!post.link || post.text.includes(post.link.url)) return [];
  return [
    violation('link_not_in_text', 'X makes its link card from a link in the text: add the link to it', {
      severity: 'warning',
    }),
  ];
}

// Post ids are 64-bit integers sent as strings ("^[0-9]{1,19}$" in the OpenAPI of POST /2/tweets).
const TWEET_ID = /^[0-9]{1,19}$/;

function checkReply(post: Draft): RuleViolation[] {
  if (!post.replyTo || TWEET_ID.test(post.replyTo.id)) return [];
  return [violation('reply_target_invalid', `The post to answer has no X post id ("${post.replyTo.id}")`)];
}

/** The options as typed values, and what is wrong with them; unknown ones are refused, not ignored. */
export function readOptions(raw: Record<string, unknown> | undefined): {
  options: XOptions;
  violations: RuleViolation[];
} {
  const options: XOptions = {};
  const violations: RuleViolation[] = [];
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (value === undefined) continue;
    if (key !== 'replySettings') {
      violations.push(violation('unsupported_option', `X has no "${key}" setting in Rostra`));
    } else if (typeof value === 'string' && (REPLY_SETTINGS as readonly string[]).includes(value)) {
      options.replySettings = value as ReplySettings;
    } else {
      violations.push(
        violation('reply_settings_invalid', `Who may reply (replySettings) is one of ${REPLY_SETTINGS.join(', ')}`),
      );
    }
  }
  return { options, violations };
}
