// Facebook's rules for a Page post or comment, plus Rostra's own accessibility rule on alternative text.
// Page feed: https://developers.facebook.com/docs/graph-api/reference/page/feed/
// Photos: https://developers.facebook.com/docs/graph-api/reference/page/photos/
import type { PublishRequest, RuleViolation } from '../connector.js';
import { checkFirstComment, readFirstCommentOptions, type FirstCommentNetwork } from '../first-comment.js';

export const NETWORK = 'facebook';

/** A status update holds at most 63,206 characters (Facebook's long-standing limit). */
export const MAX_POST_CHARACTERS = 63_206;
/** A comment holds at most 8,000 characters. */
export const MAX_COMMENT_CHARACTERS = 8000;
/** "Photos should be less than 4 MB" — https://developers.facebook.com/docs/graph-api/reference/page/photos/#requirements */
export const MAX_PHOTO_BYTES = 4 * 1024 * 1024;
/** "JPEG, BMP, PNG, GIF, TIFF" (+ HEIF and WebP since); videos go through /videos, which Rostra does not use. */
export const PHOTO_TYPES: readonly string[] = [
  'image/jpeg',
  'image/png',
  'image/gif',
  'image/bmp',
  'image/tiff',
  'image/heif',
  'image/webp',
];

export interface FacebookOptions {
  /** Posted with POST /{post-id}/comments right after the post. */
  firstComment?: string;
}

type Draft = Omit<PublishRequest, 'idempotencyKey'>;

const FIRST_COMMENT: FirstCommentNetwork = {
  network: NETWORK,
  label: 'Facebook',
  maxCommentCharacters: MAX_COMMENT_CHARACTERS,
};

export function validatePost(post: Draft): RuleViolation[] {
  const { options, violations } = readOptions(post.options);
  const found = [...violations];
  const isComment = post.replyTo !== undefined;
  const media = post.media ?? [];
  if (post.text.trim() === '' && media.length === 0 && !post.link) {
    found.push(
      violation(
        'empty_post',
        isComment ? 'A Facebook comment needs text' : 'A Facebook post needs text, photos or a link',
      ),
    );
  }
  const limit = isComment ? MAX_COMMENT_CHARACTERS : MAX_POST_CHARACTERS;
  const length = countCharacters(post.text);
  if (length > limit) {
    const what = isComment ? 'comment' : 'post';
    found.push(
      violation('text_too_long', `A Facebook ${what} allows ${limit} characters; this text has ${length}`, {
        excess: length - limit,
      }),
    );
  }
  if (isComment) {
    if (media.length > 0)
      found.push(violation('media_in_reply_unsupported', 'Rostra answers on Facebook with text only'));
    if (options.firstComment !== undefined) {
      found.push(violation('first_comment_on_reply', 'A first comment goes with a post, not with a comment'));
    }
    if (!/^\d+(_\d+)?$/.test(post.replyTo?.id ?? '')) {
      found.push(violation('reply_target_invalid', 'The post to answer has no Facebook id'));
    }
  }
  // With attached_media, Facebook ignores `link`: a post shows photos or a link preview.
  if (media.length > 0 && post.link) {
    found.push(violation('media_and_link', 'A Facebook post shows either photos or a link preview, not both'));
  }
  media.forEach((item, index) => {
    const label = `Media ${index + 1}`;
    if (!PHOTO_TYPES.includes(item.mimeType)) {
      found.push(
        violation('media_type_unsupported', `${label}: Rostra publishes photos to Facebook, not ${item.mimeType}`),
      );
    }
    if (item.data.byteLength > MAX_PHOTO_BYTES) {
      found.push(
        violation(
          'media_too_large',
          `${label}: Facebook takes photos under 4 MB; it has ${item.data.byteLength} bytes`,
          {
            excess: item.data.byteLength - MAX_PHOTO_BYTES,
          },
        ),
      );
    }
    if (item.alt.trim() === '') {
      found.push(violation('alt_text_missing', `${label} has no alternative text`, { severity: 'warning' }));
    }
  });
  if (post.link && !/^https?:\/\//i.test(post.link.url)) {
    found.push(violation('link_invalid', 'The link must start with http:// or https://'));
  }
  found.push(...checkFirstComment(FIRST_COMMENT, options.firstComment));
  return found;
}

export function isBlocking(violation: RuleViolation): boolean {
  return (violation.severity ?? 'error') === 'error';
}

/** Code points, as Facebook counts. */
export function countCharacters(text: string): number {
  return [...text].length;
}

export function readOptions(raw: Record<string, unknown> | undefined): {
  options: FacebookOptions;
  violations: RuleViolation[];
} {
  return readFirstCommentOptions(FIRST_COMMENT, raw);
}

function violation(rule: string, message: string, extra: Partial<RuleViolation> = {}): RuleViolation {
  return { network: NETWORK, rule, message, ...extra };
}
