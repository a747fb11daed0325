// Bluesky's rules for a post, counted Bluesky's way (graphemes and UTF-8 bytes), plus Rostra's own
// accessibility rule on alternative text. Limits come from the app.bsky.feed.post and embed lexicons.
import type { PublishRequest, RuleViolation } from '../connector.js';
import { countGraphemes, countUtf8Bytes } from './facets.js';

export const NETWORK = 'bluesky';

export const LIMITS = {
  // app.bsky.feed.post#text: maxGraphemes 300, maxLength 3000 (bytes).
  // https://docs.bsky.app/docs/advanced-guides/posts
  graphemes: 300,
  textBytes: 3000,
  // app.bsky.embed.images: at most 4 images. The lexicon raised the size limit to 2 MB in 2025
  // (@atproto/api 0.19.7), but PDSs released before still refuse more than 1,000,000 bytes at
  // createRecord (the 0.4 PDS we test against does): the lower limit works everywhere.
  images: 4,
  imageBytes: 1_000_000,
  imageTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
  // app.bsky.feed.post#langs: maxLength 3.
  languages: 3,
} as const;

// BCP 47 as the `language` lexicon format checks it, simplified: a 2–3 letter primary subtag (or i-/x-)
// and alphanumeric subtags. A tag the PDS refuses would fail the whole post.
const LANGUAGE_TAG = /^(?:[a-z]{2,3}|[ix])(?:-[a-z0-9]{1,8})*$/i;

type Draft = Omit<PublishRequest, 'idempotencyKey'>;

export function validatePost(post: Draft): RuleViolation[] {
  return [
    ...checkText(post),
    ...checkMedia(post),
    ...checkLink(post),
    ...checkLanguages(post),
    ...checkReply(post),
    ...checkOptions(post),
  ];
}

export function isBlocking(violation: RuleViolation): boolean {
  return (violation.severity ?? 'error') === 'error';
}

function violation(rule: string, message: string, extra: Partial<RuleViolation> = {}): RuleViolation {
  return { network: NETWORK, rule, message, ...extra };
}

function checkText(post: Draft): RuleViolation[] {
  const found: RuleViolation[] = [];
  if (post.text.trim() === '' && !post.media?.length && !post.link) {
    found.push(violation('empty_post', 'A post needs text, an image or a link'));
  }
  const graphemes = countGraphemes(post.text);
  if (graphemes > LIMITS.graphemes) {
    found.push(
      violation('text_too_long', `Bluesky allows ${LIMITS.graphemes} characters; this text has ${graphemes}`, {
        excess: graphemes - LIMITS.graphemes,
      }),
    );
  }
  const bytes = countUtf8Bytes(post.text);
  if (bytes > LIMITS.textBytes) {
    found.push(
      violation('text_too_many_bytes', `Bluesky allows ${LIMITS.textBytes} bytes of text; this text has ${bytes}`, {
        excess: bytes - LIMITS.textBytes,
      }),
    );
  }
  return found;
}

function checkMedia(post: Draft): RuleViolation[] {
  const media = post.media ?? [];
  const found: RuleViolation[] = [];
  if (media.length > LIMITS.images) {
    found.push(
      violation('too_many_images', `Bluesky allows ${LIMITS.images} images per post; this post has ${media.length}`, {
        excess: media.length - LIMITS.images,
      }),
    );
  }
  media.forEach((item, index) => {
    const label = `Image ${index + 1}`;
    if (!(LIMITS.imageTypes as readonly string[]).includes(item.mimeType)) {
      found.push(
        violation('image_type_unsupported', `${label}: Bluesky takes JPEG, PNG, WebP or GIF, not ${item.mimeType}`),
      );
    }
    if (item.data.byteLength > LIMITS.imageBytes) {
      found.push(
        violation(
          'image_too_large',
          `${label}: Bluesky allows ${LIMITS.imageBytes} bytes; it has ${item.data.byteLength}`,
          {
            excess: item.data.byteLength - LIMITS.imageBytes,
          },
        ),
      );
    }
    // Bluesky accepts an empty alt; Rostra warns, because public bodies owe accessible posts.
    if (item.alt.trim() === '') {
      found.push(violation('alt_text_missing', `${label} has no alternative text`, { severity: 'warning' }));
    }
  });
  return found;
}

function checkLink(post: Draft): RuleViolation[] {
  if (!post.link) return [];
  if (!isHttpUrl(post.link.url)) {
    return [violation('link_invalid', `The link card needs an http(s) address, not "${post.link.url}"`)];
  }
  return [];
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function checkLanguages(post: Draft): RuleViolation[] {
  const languages = post.languages ?? [];
  const found: RuleViolation[] = [];
  if (languages.length > LIMITS.languages) {
    found.push(
      violation('too_many_languages', `Bluesky allows ${LIMITS.languages} languages per post`, {
        excess: languages.length - LIMITS.languages,
      }),
    );
  }
  for (const tag of languages.filter((l) => !LANGUAGE_TAG.test(l))) {
    found.push(violation('language_invalid', `"${tag}" is not a BCP 47 language tag (e.g. "fr", "fr-CA")`));
  }
  return found;
}

// A reply names its parent and the thread's first post, each by URI and CID:
// https://docs.bsky.app/docs/advanced-guides/posts (replies)
function checkReply(post: Draft): RuleViolation[] {
  const target = post.replyTo;
  if (!target) return [];
  const complete =
    target.id.startsWith('at://') &&
    Boolean(target.extra?.cid) &&
    Boolean(target.extra?.rootUri?.startsWith('at://')) &&
    Boolean(target.extra?.rootCid);
  return complete
    ? []
    : [violation('reply_target_incomplete', 'The post to answer lacks its Bluesky URI, CID or thread root')];
}

// No Bluesky-specific option is supported yet: refusing unknown ones beats ignoring a setting silently.
function checkOptions(post: Draft): RuleViolation[] {
  return Object.keys(post.options ?? {}).map((key) =>
    violation('unsupported_option', `Bluesky has no "${key}" setting in Rostra`),
  );
}
