// A Rostra post as the form of POST /api/v1/statuses, a status as the PublishedRef Rostra keeps, and an
// instance's configuration as the limits the rules count against.
// https://docs.joinmastodon.org/methods/statuses/#create and https://docs.joinmastodon.org/entities/Instance/
import { createHash } from 'node:crypto';
import type { PublishRequest, PublishedRef } from '../connector.js';
import type { MastodonStatus } from './api.js';
import { readField } from '../shared/network-json.js';
import { DEFAULT_LIMITS, readOptions, type MastodonLimits } from './rules.js';

/** `mediaIds`: the uploaded attachments, in the order of `request.media`. */
export function buildStatusForm(request: PublishRequest, mediaIds: string[]): URLSearchParams {
  const { options } = readOptions(request.options);
  const form = new URLSearchParams();
  // `status` may be left out when media is attached, not sent empty.
  if (request.text.trim() !== '') form.set('status', request.text);
  for (const id of mediaIds) form.append('media_ids[]', id);
  if (request.replyTo) form.set('in_reply_to_id', request.replyTo.id);
  if (options.visibility) form.set('visibility', options.visibility);
  if (options.spoilerText) form.set('spoiler_text', options.spoilerText);
  if (options.sensitive !== undefined) form.set('sensitive', String(options.sensitive));
  // One language per status: the first, as the rules warn.
  const language = request.languages?.[0];
  if (language) form.set('language', language);
  return form;
}

/**
 * The Idempotency-Key header. Mastodon keeps any string (per account, for an hour); a header value must be
 * visible ASCII, so a key that is not is replaced by its SHA-256, which is as stable.
 */
export function toIdempotencyKey(key: string): string {
  return /^[\x21-\x7e]{1,200}$/.test(key) ? key : `sha256-${createHash('sha256').update(key).digest('hex')}`;
}

/** `url` is where people open it; `uri` its ActivityPub id, which other servers know it by. */
export function toPublishedRef(status: MastodonStatus): PublishedRef {
  return { id: status.id, url: status.url ?? status.uri, extra: { uri: status.uri } };
}

/** What Rostra needs from GET /api/v2/instance: the handle domain, and the limits. */
export interface InstanceProfile {
  /** The domain in handles (`@user@domain`), which may differ from the host serving the API. */
  domain: string;
  limits: MastodonLimits;
}

/** A missing or odd field keeps the stock value: a partial answer must not make every post fail. */
export function toInstanceProfile(instance: unknown, fallbackDomain: string): InstanceProfile {
  const configuration = readField(instance, 'configuration');
  const statuses = (name: string) => positive(readField(readField(configuration, 'statuses'), name));
  const media = (name: string) => positive(readField(readField(configuration, 'media_attachments'), name));
  const domain = readField(instance, 'domain');
  const types = readField(readField(configuration, 'media_attachments'), 'supported_mime_types');
  return {
    domain: typeof domain === 'string' && domain !== '' ? domain : fallbackDomain,
    limits: {
      maxCharacters: statuses('max_characters') ?? DEFAULT_LIMITS.maxCharacters,
      charactersReservedPerUrl: statuses('characters_reserved_per_url') ?? DEFAULT_LIMITS.charactersReservedPerUrl,
      maxMediaAttachments: statuses('max_media_attachments') ?? DEFAULT_LIMITS.maxMediaAttachments,
      supportedMimeTypes:
        Array.isArray(types) && types.every((type) => typeof type === 'string')
          ? types
          : DEFAULT_LIMITS.supportedMimeTypes,
      imageSizeLimit: media('image_size_limit') ?? DEFAULT_LIMITS.imageSizeLimit,
      videoSizeLimit: media('video_size_limit') ?? DEFAULT_LIMITS.videoSizeLimit,
      descriptionLimit: media('description_limit') ?? DEFAULT_LIMITS.descriptionLimit,
    },
  };
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}
