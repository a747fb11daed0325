// The composer's form values: read from a post, compared to spot unsaved changes, written back as
// the body of POST/PATCH …/posts. The date is kept as the workspace's wall time while editing.
import type { MediaFile, PostDetail } from '../../api/types';
import { fromDateTimeLocalValue, toDateTimeLocalValue } from '../../ui/zoned-time';

export interface ChannelChoice {
  channelId: string;
  /** This channel's own text, or null to publish the shared text. */
  text: string | null;
  /** Network settings (visibility, content warning, title…); absent keys are the network's defaults. */
  options?: Record<string, unknown>;
  firstComment?: string;
  /** Split the text into a thread at sentence boundaries, for this network. */
  thread?: boolean;
  threadNumbering?: boolean;
  /** Parts written one by one (in the composer or through the API); kept as they are. */
  threadParts?: string[];
}

/** A file of the post, with this post's alternative text. */
export interface MediaChoice {
  mediaId: string;
  alt: string;
  file: MediaFile;
}

export interface ComposerValues {
  text: string;
  channels: ChannelChoice[];
  media: MediaChoice[];
  themeId: string | null;
  contentTypeId: string | null;
  ownerId: string | null;
  backupOwnerId: string | null;
  /** `datetime-local` value in the workspace's zone; empty when not planned. */
  scheduledLocal: string;
}

export interface PostBody {
  text: string;
  channels: Array<{
    channelId: string;
    text: string | null;
    options: Record<string, unknown>;
    firstComment: string | null;
    thread: boolean | string[];
    threadNumbering: boolean;
  }>;
  media: Array<{ mediaId: string; alt: string }>;
  themeId: string | null;
  contentTypeId: string | null;
  ownerId: string | null;
  backupOwnerId: string | null;
  scheduledAt: string | null;
}

/** A new post's values; `start` pre-fills its date (a click on an empty day or hour of the calendar). */
export function emptyValues(ownerId: string, start?: { at: string; timeZone: string }): ComposerValues {
  return {
    text: '',
    channels: [],
    media: [],
    themeId: null,
    contentTypeId: null,
    ownerId,
    backupOwnerId: null,
    scheduledLocal: start ? toDateTimeLocalValue(start.at, start.timeZone) : '',
  };
}

export function valuesFromPost(post: PostDetail, timeZone: string): ComposerValues {
  return {
    text: post.text,
    channels: post.targets.map((target) => ({
      channelId: target.channelId,
      text: target.text,
      options: target.options,
      firstComment: target.firstComment ?? '',
      thread: target.thread?.mode === 'split',
      threadNumbering: target.thread?.numbering === true,
      ...(target.thread?.mode === 'parts' ? { threadParts: target.thread.parts } : {}),
    })),
    media: (post.media ?? []).map((item) => ({ mediaId: item.mediaId, alt: item.alt, file: item.file })),
    themeId: post.themeId,
    contentTypeId: post.contentTypeId,
    ownerId: post.ownerId,
    backupOwnerId: post.backupOwnerId,
    scheduledLocal: toDateTimeLocalValue(post.scheduledAt, timeZone),
  };
}

export function toPostBody(values: ComposerValues, timeZone: string): PostBody {
  return {
    text: values.text,
    channels: values.channels.map((choice) => ({
      channelId: choice.channelId,
      text: choice.text,
      options: withoutEmpty(choice.options ?? {}),
      firstComment: choice.firstComment?.trim() ? choice.firstComment : null,
      thread: choice.threadParts ?? choice.thread === true,
      threadNumbering: choice.threadNumbering === true,
    })),
    media: values.media.map(({ mediaId, alt }) => ({ mediaId, alt })),
    themeId: values.themeId,
    contentTypeId: values.contentTypeId,
    ownerId: values.ownerId,
    backupOwnerId: values.backupOwnerId,
    scheduledAt: fromDateTimeLocalValue(values.scheduledLocal, timeZone),
  };
}

export function sameValues(a: ComposerValues, b: ComposerValues): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The text a channel will publish. */
export function effectiveText(values: Pick<ComposerValues, 'text'>, choice: ChannelChoice): string {
  return choice.text ?? values.text;
}

/** Options left blank are not sent: the network's default applies. */
function withoutEmpty(options: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(options).filter(
      ([, value]) => value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0),
    ),
  );
}
