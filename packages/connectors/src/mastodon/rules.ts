// Mastodon's rules for a status, counted Mastodon's way, against one instance's own limits (each server sets
// them; /api/v2/instance publishes them), plus Rostra's own accessibility rule on alternative text.
// https://docs.joinmastodon.org/user/posting/#text and https://docs.joinmastodon.org/entities/Instance/#configuration
import type { PublishRequest, RuleViolation } from '../connector.js';

export const NETWORK = 'mastodon';

/** What one instance allows, as its /api/v2/instance `configuration` says. */
export interface MastodonLimits {
  /** configuration.statuses.max_characters: 500 on a stock server, more on many others. */
  maxCharacters: number;
  /** configuration.statuses.characters_reserved_per_url: what any http(s) URL counts for. */
  charactersReservedPerUrl: number;
  /** configuration.statuses.max_media_attachments. */
  maxMediaAttachments: number;
  /** configuration.media_attachments.supported_mime_types. */
  supportedMimeTypes: readonly string[];
  /** configuration.media_attachments.image_size_limit, in bytes. */
  imageSizeLimit: number;
  /** configuration.media_attachments.video_size_limit, in bytes (audio shares it). */
  videoSizeLimit: number;
  /** configuration.media_attachments.description_limit (Mastodon 4.4+; 1,500 before, hard-coded). */
  descriptionLimit: number;
}

/** A stock Mastodon 4.x server. `validate` counts against these unless told the instance's own limit. */
export const DEFAULT_LIMITS: MastodonLimits = {
  maxCharacters: 500,
  charactersReservedPerUrl: 23,
  maxMediaAttachments: 4,
  // MediaAttachment::IMAGE_MIME_TYPES + VIDEO_MIME_TYPES + AUDIO_MIME_TYPES of Mastodon 4.3.
  supportedMimeTypes: [
    'image/jpeg',
    'image/png',
    'image/gif',
    'image/heic',
    'image/heif',
    'image/webp',
    'image/avif',
    'video/webm',
    'video/mp4',
    'video/quicktime',
    'video/ogg',
    'audio/wave',
    'audio/wav',
    'audio/x-wav',
    'audio/x-pn-wave',
    'audio/vnd.wave',
    'audio/ogg',
    'audio/vorbis',
    'audio/mpeg',
    'audio/mp3',
    'audio/webm',
    'audio/flac',
    'audio/aac',
    'audio/m4a',
    'audio/x-m4a',
    'audio/mp4',
    'audio/3gpp',
    'video/x-ms-asf',
  ],
  imageSizeLimit: 16 * 1024 * 1024,
  videoSizeLimit: 99 * 1024 * 1024,
  descriptionLimit: 1500,
};

/** https://docs.joinmastodon.org/methods/statuses/#create (visibility) */
export const VISIBILITIES = ['public', 'unlisted', 'private', 'direct'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** `options` a Mastodon post may carry, after validation. */
export interface MastodonOptions {
  visibility?: Visibility;
  /** The content warning, shown instead of the text until opened. */
  spoilerText?: string;
  /** Hides the media behind a warning (implied by a content warning). */
  sensitive?: boolean;
  /**
   * The instance's own text limit, for `validate`, which is synchronous and knows no instance. `publish`
   * ignores it and counts against the limit the instance publishes.
   */
  maxCharacters?: number;
}

type Draft = Omit<PublishRequest, 'idempotencyKey'>;

/**
 * Every broken rule. `limits` are the instance's; without them, a stock server's, with `options.maxCharacters`
 * (when given) as the text limit.
 */
export function validatePost(post: Draft, limits?: MastodonLimits): RuleViolation[] {
  const { options, violations: optionViolations } = readOptions(post.options);
  const effective = limits ?? {
    ...DEFAULT_LIMITS,
    maxCharacters: options.maxCharacters ?? DEFAULT_LIMITS.maxCharacters,
  };
  return [
    ...checkText(post, options, effective),
    ...checkMedia(post, effective),
    ...checkLink(post),
    ...checkLanguages(post),
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

function checkText(post: Draft, options: MastodonOptions, limits: MastodonLimits): RuleViolation[] {
  const found: RuleViolation[] = [];
  // `status` may only be left out when media is attached; a content warning alone is not a post.
  if (post.text.trim() === '' && !post.media?.length) {
    found.push(violation('empty_post', 'A Mastodon post needs text or media'));
  }
  const length = countCharacters(post.text, options.spoilerText ?? '', limits.charactersReservedPerUrl);
  if (length > limits.maxCharacters) {
    const counted = options.spoilerText ? 'this text and its content warning have' : 'this text has';
    found.push(
      violation(
        'text_too_long',
        `This Mastodon server allows ${limits.maxCharacters} characters; ${counted} ${length}`,
        {
          excess: length - limits.maxCharacters,
        },
      ),
    );
  }
  return found;
}

function checkMedia(post: Draft, limits: MastodonLimits): RuleViolation[] {
  const media = post.media ?? [];
  const found: RuleViolation[] = [];
  if (media.length > limits.maxMediaAttachments) {
    found.push(
      violation(
        'too_many_media',
        `Mastodon allows ${limits.maxMediaAttachments} media per post; this post has ${media.length}`,
        { excess: media.length - limits.maxMediaAttachments },
      ),
    );
  }
  // "Cannot attach a video to a post that already contains images" (PostStatusService#validate_media!).
  if (media.length > 1 && media.some((item) => isTimeBased(item.mimeType))) {
    found.push(violation('media_mix_unsupported', 'A Mastodon post holds one video or audio file alone, or images'));
  }
  media.forEach((item, index) => {
    const label = `Media ${index + 1}`;
    if (!limits.supportedMimeTypes.includes(item.mimeType)) {
      found.push(violation('media_type_unsupported', `${label}: this Mastodon server does not take ${item.mimeType}`));
    }
    const sizeLimit = isTimeBased(item.mimeType) ? limits.videoSizeLimit : limits.imageSizeLimit;
    if (item.data.byteLength > sizeLimit) {
      found.push(
        violation(
          'media_too_large',
          `${label}: this Mastodon server allows ${sizeLimit} bytes; it has ${item.data.byteLength}`,
          {
            excess: item.data.byteLength - sizeLimit,
          },
        ),
      );
    }
    // Mastodon accepts media without a description; Rostra warns, because public bodies owe accessible posts.
    if (item.alt.trim() === '') {
      found.push(violation('alt_text_missing', `${label} has no alternative text`, { severity: 'warning' }));
    }
    // The description is validated in code points (Rails `length`), not graphemes.
    const altLength = [...item.alt].length;
    if (altLength > limits.descriptionLimit) {
      found.push(
        violation(
          'alt_text_too_long',
          `${label}: Mastodon allows ${limits.descriptionLimit} characters of alternative text`,
          {
            excess: altLength - limits.descriptionLimit,
          },
        ),
      );
    }
  });
  return found;
}

function isTimeBased(mimeType: string): boolean {
  return mimeType.startsWith('video/') || mimeType.startsWith('audio/');
}

// Mastodon has no card parameter: it builds the card from the first link of the text, later, on its own.
// https://docs.joinmastodon.org/entities/PreviewCard/
function checkLink(post: Draft): RuleViolation[] {
  if (!post.link || post.text.includes(post.link.url)) return [];
  return [
    violation('link_not_in_text', 'Mastodon makes its link card from the first link in the text: add the link to it', {
      severity: 'warning',
    }),
  ];
}

// One ISO 639 language per status; a tag the server does not know is silently replaced by the account's default.
// https://docs.joinmastodon.org/methods/statuses/#create (language)
const LANGUAGE_TAG = /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i;

function checkLanguages(post: Draft): RuleViolation[] {
  const [first, ...others] = post.languages ?? [];
  const found: RuleViolation[] = [];
  for (const tag of (post.languages ?? []).filter((l) => !LANGUAGE_TAG.test(l))) {
    found.push(violation('language_invalid', `"${tag}" is not an ISO 639 language code (e.g. "fr")`));
  }
  if (first && others.length > 0) {
    found.push(
      violation('languages_reduced', `A Mastodon post has one language: only "${first}" will be sent`, {
        severity: 'warning',
      }),
    );
  }
  return found;
}

function checkReply(post: Draft): RuleViolation[] {
  if (!post.replyTo || post.replyTo.id.trim() !== '') return [];
  return [violation('reply_target_invalid', 'The post to answer has no Mastodon status id')];
}

const KNOWN_OPTIONS = new Set(['visibility', 'spoilerText', 'sensitive', 'maxCharacters']);

/** The options as typed values, and what is wrong with them; unknown ones are refused, not ignored. */
export function readOptions(raw: Record<string, unknown> | undefined): {
  options: MastodonOptions;
  violations: RuleViolation[];
} {
  const options: MastodonOptions = {};
  const violations: RuleViolation[] = [];
  for (const [key, value] of Object.entries(raw ?? {})) {
    if (value === undefined) continue;
    if (!KNOWN_OPTIONS.has(key)) {
      violations.push(violation('unsupported_option', `Mastodon has no "${key}" setting in Rostra`));
    } else if (key === 'visibility') {
      if (typeof value === 'string' && (VISIBILITIES as readonly string[]).includes(value)) {
        options.visibility = value as Visibility;
      } else {
        violations.push(violation('visibility_invalid', `Visibility is one of ${VISIBILITIES.join(', ')}`));
      }
    } else if (key === 'spoilerText') {
      if (typeof value === 'string') options.spoilerText = value;
      else violations.push(violation('option_invalid', 'The content warning (spoilerText) must be text'));
    } else if (key === 'sensitive') {
      if (typeof value === 'boolean') options.sensitive = value;
      else violations.push(violation('option_invalid', '"sensitive" must be true or false'));
    } else if (typeof value === 'number' && Number.isInteger(value) && value > 0) {
      options.maxCharacters = value;
    } else {
      violations.push(violation('option_invalid', '"maxCharacters" must be a positive whole number'));
    }
  }
  return { options, violations };
}

// --- Counting, as StatusLengthValidator does -------------------------------------------------------------
// The content warning and the text are counted together, in grapheme clusters, after two rewrites: each
// http(s) URL becomes `characters_reserved_per_url` characters, and `@user@domain` becomes `@user`.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export function countGraphemes(text: string): number {
  let count = 0;
  for (const _ of segmenter.segment(text)) count++;
  return count;
}

export function countCharacters(text: string, spoilerText = '', charactersReservedPerUrl = 23): number {
  if (text.trim() === '') return countGraphemes(spoilerText);
  let counted = 0;
  let cursor = 0;
  for (const entity of findCountedEntities(text)) {
    counted += countGraphemes(text.slice(cursor, entity.start));
    counted += entity.kind === 'url' ? charactersReservedPerUrl : countGraphemes(entity.countsAs);
    cursor = entity.end;
  }
  return countGraphemes(spoilerText) + counted + countGraphemes(text.slice(cursor));
}

interface Entity {
  kind: 'url' | 'mention';
  start: number;
  end: number;
  /** For a mention, what it counts as: `@user`. */
  countsAs: string;
}

const WORD = '\\p{L}\\p{M}\\p{N}\\p{Pc}'; // Ruby's [[:word:]] on Unicode strings
// Account::MENTION_RE: (?<![=/[:word:]])@((USERNAME_RE)(?:@[[:word:].-]+[[:word:]]+)?)
const MENTION = new RegExp(`(?<![=/${WORD}])@([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(@[${WORD}.-]+[${WORD}]+)?`, 'giu');
// twitter-text ends a mention before another @, a Latin accented letter or "://".
const MENTION_CANNOT_END_BEFORE = /^(?:[@＠]|[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]|:\/\/)/u;
// twitter-text's valid_url with the protocol required (extract_url_without_protocol: false), simplified: a
// host with a dotted name ending in letters (or punycode), an optional port, then anything up to a space.
const URL = new RegExp(
  `(?<![A-Za-z0-9@＠$#＃])https?://(?:[${WORD}-]+\\.)+(?:\\p{L}{2,63}|xn--[a-z0-9-]+)(?::\\d{1,5})?(?:[/?#][^\\s]*)?`,
  'giu',
);
// Punctuation that ends a sentence rather than a URL.
const URL_TRAILING = /[.,;:!?'"’”»…)\]}]$/u;

export function findCountedEntities(text: string): Entity[] {
  const entities: Entity[] = [];
  for (const match of text.matchAll(URL)) {
    const url = trimUrl(match[0]);
    entities.push({ kind: 'url', start: match.index, end: match.index + url.length, countsAs: url });
  }
  for (const match of text.matchAll(MENTION)) {
    const after = text.slice(match.index + match[0].length);
    if (MENTION_CANNOT_END_BEFORE.test(after)) continue;
    entities.push({
      kind: 'mention',
      start: match.index,
      end: match.index + match[0].length,
      countsAs: `@${match[1]}`,
    });
  }
  // Extractor.remove_overlapping_entities: by position, the first one wins.
  entities.sort((a, b) => a.start - b.start);
  const kept: Entity[] = [];
  for (const entity of entities) {
    const last = kept.at(-1);
    if (!last || entity.start >= last.end) kept.push(entity);
  }
  return kept;
}

function trimUrl(url: string): string {
  let trimmed = url;
  while (URL_TRAILING.test(trimmed)) {
    const last = trimmed.at(-1);
    // Keep a closing bracket that closes one opened in the URL (Wikipedia's "Lyon_(ville)").
    if (last === ')' && count(trimmed, '(') >= count(trimmed, ')')) break;
    trimmed = trimmed.slice(0, -1);
  }
  return trimmed;
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
