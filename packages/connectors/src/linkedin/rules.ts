// LinkedIn's rules for a post or a comment, counted on the text the person wrote (before the "little text"
// escaping, which LinkedIn undoes before counting), plus Rostra's own accessibility rule on alternative text.
// Posts: https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/posts-api
// Images: https://learn.microsoft.com/en-us/linkedin/marketing/community-management/shares/images-api
import type { PublishRequest, RuleViolation } from '../connector.js';
import { checkFirstComment, readFirstCommentOptions, type FirstCommentNetwork } from '../first-comment.js';

export const NETWORK = 'linkedin';

/** `commentary` of a post: "The user generated commentary for the post… 3000 characters". */
export const MAX_POST_CHARACTERS = 3000;
/** `message.text` of a comment: 1,250 characters. */
export const MAX_COMMENT_CHARACTERS = 1250;
/** A multiImage post holds 2 to 20 images. */
export const MAX_IMAGES = 20;
/** "altText — maximum length is 4086 characters." */
export const MAX_ALT_CHARACTERS = 4086;
/** The Images API takes JPG, GIF and PNG; videos and documents go through other APIs Rostra does not use. */
export const IMAGE_TYPES: readonly string[] = ['image/jpeg', 'image/png', 'image/gif'];

/** `options` a LinkedIn post may carry, after validation. */
export interface LinkedInOptions {
  /** Posted as a comment on the new post right after it (LinkedIn has no field for it in the post itself). */
  firstComment?: string;
}

type Draft = Omit<PublishRequest, 'idempotencyKey'>;

const FIRST_COMMENT: FirstCommentNetwork = {
  network: NETWORK,
  label: 'LinkedIn',
  maxCommentCharacters: MAX_COMMENT_CHARACTERS,
};

export function validatePost(post: Draft): RuleViolation[] {
  const { options, violations } = readOptions(post.options);
  const isComment = post.replyTo !== undefined;
  const found: RuleViolation[] = [...violations];
  const media = post.media ?? [];

  if (post.text.trim() === '' && (isComment || media.length === 0) && !post.link) {
    found.push(violation('empty_post', isComment ? 'A LinkedIn comment needs text' : 'A LinkedIn post needs text'));
  }
  const limit = isComment ? MAX_COMMENT_CHARACTERS : MAX_POST_CHARACTERS;
  const length = countCharacters(post.text);
  if (length > limit) {
    const what = isComment ? 'comment' : 'post';
    found.push(
      violation('text_too_long', `A LinkedIn ${what} allows ${limit} characters; this text has ${length}`, {
        excess: length - limit,
      }),
    );
  }
  if (isComment) {
    // Rostra answers on LinkedIn with comments, which carry text only.
    if (media.length > 0) found.push(violation('media_in_reply_unsupported', 'A LinkedIn comment carries no media'));
    if (options.firstComment !== undefined) {
      found.push(violation('first_comment_on_reply', 'A first comment goes with a post, not with a comment'));
    }
    if (!post.replyTo?.id.startsWith('urn:li:')) {
      found.push(violation('reply_target_invalid', 'The post to answer has no LinkedIn URN'));
    }
  }
  if (media.length > MAX_IMAGES) {
    found.push(
      violation('too_many_media', `LinkedIn allows ${MAX_IMAGES} images per post; this post has ${media.length}`, {
        excess: media.length - MAX_IMAGES,
      }),
    );
  }
  // A post has one `content`: an article (link card) or images, never both.
  if (media.length > 0 && post.link) {
    found.push(violation('media_and_link', 'A LinkedIn post shows either images or a link card, not both'));
  }
  media.forEach((item, index) => {
    const label = `Media ${index + 1}`;
    if (!IMAGE_TYPES.includes(item.mimeType)) {
      found.push(violation('media_type_unsupported', `${label}: LinkedIn takes JPEG, PNG or GIF images here`));
    }
    if (item.alt.trim() === '') {
      found.push(violation('alt_text_missing', `${label} has no alternative text`, { severity: 'warning' }));
    }
    const altLength = countCharacters(item.alt);
    if (altLength > MAX_ALT_CHARACTERS) {
      found.push(
        violation(
          'alt_text_too_long',
          `${label}: LinkedIn allows ${MAX_ALT_CHARACTERS} characters of alternative text`,
          {
            excess: altLength - MAX_ALT_CHARACTERS,
          },
        ),
      );
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

/** Characters as LinkedIn's composer counts them: code points (an emoji of two UTF-16 units is one). */
export function countCharacters(text: string): number {
  return [...text].length;
}

export function readOptions(raw: Record<string, unknown> | undefined): {
  options: LinkedInOptions;
  violations: RuleViolation[];
} {
  return readFirstCommentOptions(FIRST_COMMENT, raw);
}

function violation(rule: string, message: string, extra: Partial<RuleViolation> = {}): RuleViolation {
  return { network: NETWORK, rule, message, ...extra };
}
