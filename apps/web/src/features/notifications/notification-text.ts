// A notification as a sentence in the reader's language, from its kind and plain params. The params
// (post excerpts, names, error messages) come from people and networks: they are only ever
// interpolated into text nodes, never into HTML.
import type { TFunction } from 'i18next';

export interface AppNotification {
  id: string;
  workspaceId: string;
  kind: string;
  params: Record<string, string | number | null>;
  link: string | null;
  actorId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: AppNotification[];
  nextCursor: string | null;
  unread: number;
}

/** Kinds the UI has a sentence for; others (a newer server) get a generic one rather than a raw key. */
const KINDS = {
  'post.commented': 'notifications.kinds.postCommented',
  'post.submitted': 'notifications.kinds.postSubmitted',
  'post.approved': 'notifications.kinds.postApproved',
  'post.rejected': 'notifications.kinds.postRejected',
  'post.published': 'notifications.kinds.postPublished',
  'post.failed': 'notifications.kinds.postFailed',
  'post.unconfirmed': 'notifications.kinds.postUnconfirmed',
  'channel.needs_reconnect': 'notifications.kinds.channelNeedsReconnect',
  'alert.volume_spike': 'notifications.kinds.alertVolumeSpike',
  'alert.negative_share': 'notifications.kinds.alertNegativeShare',
  'alert.watched_author': 'notifications.kinds.alertWatchedAuthor',
  'alert.new_source': 'notifications.kinds.alertNewSource',
} as const;

/** Figures of listening alerts stay numbers: the sentences format them in the reader's language. */
function figure(params: AppNotification['params'], name: string): number | string {
  const value = params[name];
  return typeof value === 'number' ? value : param(params, name);
}

function param(params: AppNotification['params'], name: string): string {
  const value = params[name];
  return value === null || value === undefined ? '' : String(value);
}

export function describeNotification(notification: AppNotification, t: TFunction): string {
  const { params } = notification;
  const values = {
    post: param(params, 'post'),
    actor: param(params, 'actor') || t('notifications.someone'),
    channel: param(params, 'channel'),
    network: param(params, 'network'),
    topic: param(params, 'topic'),
    author: param(params, 'author') || t('notifications.someone'),
    count: figure(params, 'count'),
    mean: figure(params, 'mean'),
    threshold: figure(params, 'threshold'),
    negative: figure(params, 'negative'),
    total: figure(params, 'total'),
    share: figure(params, 'share'),
  };
  const key = KINDS[notification.kind as keyof typeof KINDS];
  return key ? t(key, values) : t('notifications.kinds.other');
}

/** A second line with details worth reading (the network's error), when there is one. */
export function notificationDetail(notification: AppNotification): string | null {
  const error = notification.params.error;
  return typeof error === 'string' && error !== '' ? error : null;
}

/** Links point inside the app; anything else (a tampered row) is not followed. */
export function safeLink(link: string | null): string | null {
  return link !== null && link.startsWith('/') && !link.startsWith('//') ? link : null;
}
