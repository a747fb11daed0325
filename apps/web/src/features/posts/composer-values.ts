// The composer's form values: read from a post, compared to spot unsaved changes, written back as
// the body of POST/PATCH …/posts. The date is kept as the workspace's wall time while editing.
import type { PostDetail } from '../../api/types';
import { fromDateTimeLocalValue, toDateTimeLocalValue } from '../../ui/zoned-time';

export interface ChannelChoice {
  channelId: string;
  /** This channel's own text, or null to publish the shared text. */
  text: string | null;
}

export interface ComposerValues {
  text: string;
  channels: ChannelChoice[];
  themeId: string | null;
  contentTypeId: string | null;
  ownerId: string | null;
  backupOwnerId: string | null;
  /** `datetime-local` value in the workspace's zone; empty when not planned. */
  scheduledLocal: string;
}

export interface PostBody {
  text: string;
  channels: ChannelChoice[];
  themeId: string | null;
  contentTypeId: string | null;
  ownerId: string | null;
  backupOwnerId: string | null;
  scheduledAt: string | null;
}

export function emptyValues(ownerId: string): ComposerValues {
  return {
    text: '',
    channels: [],
    themeId: null,
    contentTypeId: null,
    ownerId,
    backupOwnerId: null,
    scheduledLocal: '',
  };
}

export function valuesFromPost(post: PostDetail, timeZone: string): ComposerValues {
  return {
    text: post.text,
    channels: post.targets.map((target) => ({ channelId: target.channelId, text: target.text })),
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
    channels: values.channels.map(({ channelId, text }) => ({ channelId, text })),
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
