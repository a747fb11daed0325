// WordPress's rules for a post, as the REST API and a stock PHP install enforce them, plus Rostra's own
// accessibility rule on alternative text. WordPress has no character limit of its own: the limits below come
// from the database columns and PHP's defaults, which is where a too-large post really fails.
import type { PublishRequest, RuleViolation } from '../connector.js';

export const NETWORK = 'wordpress';

export const STATUSES = ['publish', 'draft', 'pending'] as const;
export type PostStatus = (typeof STATUSES)[number];

export const LIMITS = {
  // PHP drops a request body over post_max_size (8 MB by default, https://www.php.net/manual/en/ini.core.php#ini.post-max-size)
  // and WordPress then sees an empty post. Escaping to HTML and JSON can double the text: half of it is safe.
  textBytes: 4_000_000,
  // wp_posts.post_title and post_excerpt are MySQL TEXT columns (65,535 bytes); longer fails the insert with
  // "Could not insert post into the database". https://codex.wordpress.org/Database_Description#Table:_wp_posts
  titleBytes: 65_535,
  excerptBytes: 65_535,
  // Search engines cut titles around 60–70 characters: advice, not a WordPress rule.
  titleAdvisedCharacters: 70,
  // A post has one featured image (the `featured_media` field): https://developer.wordpress.org/rest-api/reference/posts/
  images: 1,
  // Image types a stock WordPress accepts (WebP since 5.8): https://make.wordpress.org/core/2021/06/07/wordpress-5-8-adds-webp-support/
  imageTypes: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'],
  // PHP's default upload_max_filesize is 2 MB; hosts often raise it, so past it Rostra only warns.
  // https://www.php.net/manual/en/ini.core.php#ini.upload-max-filesize
  imageAdvisedBytes: 2 * 1024 * 1024,
  // A term name is stored in wp_terms.name, VARCHAR(200).
  termCharacters: 200,
} as const;

type Draft = Omit<PublishRequest, 'idempotencyKey'>;

/** The settings a WordPress post takes in `options`, read and checked. */
export interface PostOptions {
  title?: string;
  excerpt?: string;
  status: PostStatus;
  categories: string[];
  tags: string[];
}

export function validatePost(post: Draft): RuleViolation[] {
  const { options, violations } = readOptions(post.options);
  return [...checkText(post, options), ...checkMedia(post), ...checkLink(post), ...checkReply(post), ...violations];
}

export function isBlocking(violation: RuleViolation): boolean {
  return (violation.severity ?? 'error') === 'error';
}

function violation(rule: string, message: string, extra: Partial<RuleViolation> = {}): RuleViolation {
  return { network: NETWORK, rule, message: `WordPress: ${message}`, ...extra };
}

const byteLength = (text: string) => new TextEncoder().encode(text).byteLength;

function checkText(post: Draft, options: PostOptions | undefined): RuleViolation[] {
  const found: RuleViolation[] = [];
  if (post.text.trim() === '' && !post.media?.length) {
    found.push(violation('empty_post', 'a post needs text (or a featured image); this one is empty'));
  }
  const bytes = byteLength(post.text);
  if (bytes > LIMITS.textBytes) {
    found.push(
      violation('text_too_long', `a post may hold ${LIMITS.textBytes} bytes of text; this one has ${bytes}`, {
        excess: bytes - LIMITS.textBytes,
      }),
    );
  }
  const title = options?.title;
  if (title !== undefined) {
    const titleBytes = byteLength(title);
    if (titleBytes > LIMITS.titleBytes) {
      found.push(
        violation('title_too_long', `a title may hold ${LIMITS.titleBytes} bytes; this one has ${titleBytes}`, {
          excess: titleBytes - LIMITS.titleBytes,
        }),
      );
    } else if ([...title].length > LIMITS.titleAdvisedCharacters) {
      const length = [...title].length;
      found.push(
        violation(
          'title_long',
          `search engines show about ${LIMITS.titleAdvisedCharacters} characters of a title; this one has ${length}`,
          { excess: length - LIMITS.titleAdvisedCharacters, severity: 'warning' },
        ),
      );
    }
  }
  const excerpt = options?.excerpt;
  if (excerpt !== undefined && byteLength(excerpt) > LIMITS.excerptBytes) {
    const excerptBytes = byteLength(excerpt);
    found.push(
      violation('excerpt_too_long', `an excerpt may hold ${LIMITS.excerptBytes} bytes; this one has ${excerptBytes}`, {
        excess: excerptBytes - LIMITS.excerptBytes,
      }),
    );
  }
  return found;
}

function checkMedia(post: Draft): RuleViolation[] {
  const media = post.media ?? [];
  const found: RuleViolation[] = [];
  // Only one image can be featured, and Rostra does not slip the others into the body unasked: publishing
  // without them would lose what the person composed, so more than one blocks.
  if (media.length > LIMITS.images) {
    found.push(
      violation(
        'too_many_images',
        `a post has one featured image; this one has ${media.length} images (${media.length - LIMITS.images} too many)`,
        { excess: media.length - LIMITS.images },
      ),
    );
  }
  media.forEach((item, index) => {
    const label = `image ${index + 1}`;
    if (!(LIMITS.imageTypes as readonly string[]).includes(item.mimeType)) {
      found.push(
        violation(
          'image_type_unsupported',
          `${label}: WordPress takes JPEG, PNG, GIF or WebP as a featured image, not ${item.mimeType}`,
        ),
      );
    }
    if (item.data.byteLength > LIMITS.imageAdvisedBytes) {
      found.push(
        violation(
          'image_large',
          `${label} has ${item.data.byteLength} bytes; sites left at PHP's default accept ${LIMITS.imageAdvisedBytes}`,
          { excess: item.data.byteLength - LIMITS.imageAdvisedBytes, severity: 'warning' },
        ),
      );
    }
    // WordPress accepts an empty alt; Rostra warns, because public bodies owe accessible posts.
    if (item.alt.trim() === '') {
      found.push(violation('alt_text_missing', `${label} has no alternative text`, { severity: 'warning' }));
    }
  });
  return found;
}

function checkLink(post: Draft): RuleViolation[] {
  if (!post.link) return [];
  try {
    const url = new URL(post.link.url);
    if (url.protocol === 'https:' || url.protocol === 'http:') return [];
  } catch {
    // Reported below.
  }
  return [violation('link_invalid', `the link needs an http(s) address, not "${post.link.url}"`)];
}

// A reply becomes a comment on the post it answers (WordPress posts have no replies of their own); it needs a
// WordPress post or comment Rostra published, whose ref carries the post id.
function checkReply(post: Draft): RuleViolation[] {
  if (!post.replyTo) return [];
  if (!/^\d+$/.test(post.replyTo.extra?.postId ?? '')) {
    return [violation('reply_target_invalid', 'a reply must answer a WordPress post or comment published by Rostra')];
  }
  const postOnly = ['title', 'excerpt', 'status', 'categories', 'tags'].filter(
    (key) => post.options?.[key] !== undefined,
  );
  const found: RuleViolation[] = [];
  if (postOnly.length > 0) {
    found.push(
      violation(
        'reply_options_ignored',
        `a reply is a comment, which has no ${postOnly.join(', ')}: they are ignored`,
        {
          severity: 'warning',
        },
      ),
    );
  }
  if (post.media?.length) {
    found.push(violation('reply_media', 'a reply is a comment, which takes no images'));
  }
  return found;
}

/**
 * Reads `options` (title, excerpt, status, categories, tags), with one violation per bad field. `options` is
 * undefined when any field is unusable, so `publish` never guesses.
 */
export function readOptions(raw: Record<string, unknown> | undefined): {
  options: PostOptions | undefined;
  violations: RuleViolation[];
} {
  const violations: RuleViolation[] = [];
  const input = raw ?? {};
  const known = new Set(['title', 'excerpt', 'status', 'categories', 'tags']);
  for (const key of Object.keys(input).filter((key) => !known.has(key))) {
    violations.push(
      violation('option_unknown', `"${key}" is not a WordPress setting (known: ${[...known].join(', ')})`),
    );
  }
  const readText = (field: 'title' | 'excerpt'): string | undefined => {
    const value = input[field];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') {
      violations.push(violation('option_invalid', `options.${field} must be text, not ${describe(value)}`));
      return undefined;
    }
    return value.trim() === '' ? undefined : value.trim();
  };
  const title = readText('title');
  const excerpt = readText('excerpt');

  let status: PostStatus = 'publish';
  if (input.status !== undefined) {
    if (typeof input.status === 'string' && (STATUSES as readonly string[]).includes(input.status)) {
      status = input.status as PostStatus;
    } else {
      violations.push(
        violation(
          'option_invalid',
          `options.status must be one of ${STATUSES.join(', ')}, not ${describe(input.status)}`,
        ),
      );
    }
  }
  const categories = readNames(input, 'categories', violations);
  const tags = readNames(input, 'tags', violations);
  const options = { title, excerpt, status, categories, tags };
  return { options: violations.some(isBlocking) ? undefined : options, violations };
}

function readNames(
  input: Record<string, unknown>,
  field: 'categories' | 'tags',
  violations: RuleViolation[],
): string[] {
  const value = input[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    violations.push(violation('option_invalid', `options.${field} must be a list of names, not ${describe(value)}`));
    return [];
  }
  const names: string[] = [];
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'string' || item.trim() === '') {
      violations.push(
        violation('option_invalid', `options.${field}[${index}] must be a non-empty name, not ${describe(item)}`),
      );
      return;
    }
    const name = item.trim();
    if ([...name].length > LIMITS.termCharacters) {
      violations.push(
        violation(
          'term_too_long',
          `options.${field}[${index}] has ${[...name].length} characters; a name may have ${LIMITS.termCharacters}`,
          { excess: [...name].length - LIMITS.termCharacters },
        ),
      );
      return;
    }
    // WordPress matches names without regard to case: "Culture" and "culture" are one term.
    if (!names.some((known) => known.toLocaleLowerCase() === name.toLocaleLowerCase())) names.push(name);
  });
  return names;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `"${value}"`;
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
