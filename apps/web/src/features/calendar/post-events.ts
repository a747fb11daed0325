// Posts as calendar events: placed at their date in the workspace's zone, coloured by status (see
// status-colors.ts; the theme shows as a dot inside the entry), filtered the way the toolbar says.
import type { EventInput } from '@fullcalendar/core';
import { POST_STATUSES, type Post, type PostStatus, type Theme } from '../../api/types';
import { toCalendarDate } from '../../ui/zoned-time';
import { summarizePostText } from '../posts/post-summary';
import { STATUS_COLORS } from './status-colors';

/** Each filter keeps posts matching any of its values; an empty list keeps everything. */
export interface CalendarFilters {
  channelIds: string[];
  themeIds: string[];
  contentTypeIds: string[];
  statuses: PostStatus[];
  ownerIds: string[];
}

export const NO_FILTERS: CalendarFilters = {
  channelIds: [],
  themeIds: [],
  contentTypeIds: [],
  statuses: [],
  ownerIds: [],
};

/** Posts without a theme: Mantine's gray 6, neutral beside any theme colour. */
export const UNTHEMED_COLOR = '#868e96';

/** URL search parameter of each filter: a filtered calendar can be bookmarked and shared. */
const SEARCH_KEYS: Record<keyof CalendarFilters, string> = {
  channelIds: 'channel',
  themeIds: 'theme',
  contentTypeIds: 'type',
  statuses: 'status',
  ownerIds: 'owner',
};

export function filtersFromSearch(search: URLSearchParams): CalendarFilters {
  const read = (key: keyof CalendarFilters) =>
    (search.get(SEARCH_KEYS[key]) ?? '')
      .split(',')
      .map((value) => value.trim())
      .filter((value) => value !== '');
  return {
    channelIds: read('channelIds'),
    themeIds: read('themeIds'),
    contentTypeIds: read('contentTypeIds'),
    // A hand-edited URL may carry anything: only real statuses are kept.
    statuses: read('statuses').filter((value): value is PostStatus =>
      (POST_STATUSES as readonly string[]).includes(value),
    ),
    ownerIds: read('ownerIds'),
  };
}

/** `search` with the filters written in (empty ones removed); other parameters are kept. */
export function filtersToSearch(filters: CalendarFilters, search: URLSearchParams): URLSearchParams {
  const next = new URLSearchParams(search);
  for (const key of Object.keys(SEARCH_KEYS) as Array<keyof CalendarFilters>) {
    const values = filters[key];
    if (values.length > 0) next.set(SEARCH_KEYS[key], values.join(','));
    else next.delete(SEARCH_KEYS[key]);
  }
  return next;
}

const keeps = <T>(selected: readonly T[], value: T) => selected.length === 0 || selected.includes(value);

export function matchesFilters(post: Post, filters: CalendarFilters): boolean {
  return (
    (filters.channelIds.length === 0 || post.targets.some((target) => filters.channelIds.includes(target.channelId))) &&
    (filters.themeIds.length === 0 || (post.themeId !== null && filters.themeIds.includes(post.themeId))) &&
    (filters.contentTypeIds.length === 0 ||
      (post.contentTypeId !== null && filters.contentTypeIds.includes(post.contentTypeId))) &&
    keeps(filters.statuses, post.status) &&
    (filters.ownerIds.length === 0 ||
      (post.ownerId !== null && filters.ownerIds.includes(post.ownerId)) ||
      (post.backupOwnerId !== null && filters.ownerIds.includes(post.backupOwnerId)))
  );
}

export interface PostEventProps {
  post: Post;
  /** The post's theme colour, shown as a dot in the entry; null without a theme. */
  themeColor: string | null;
}

export function toCalendarEvents(
  posts: Post[],
  themes: Map<string, Theme>,
  timeZone: string,
  options: { untitled: string; canMove: (post: Post) => boolean },
): EventInput[] {
  return posts.flatMap((post) => {
    if (!post.scheduledAt) return [];
    const { background, text } = STATUS_COLORS[post.status];
    const extendedProps: PostEventProps = {
      post,
      themeColor: (post.themeId && themes.get(post.themeId)?.color) || null,
    };
    return [
      {
        id: post.id,
        title: summarizePostText(post.text) || options.untitled,
        start: toCalendarDate(post.scheduledAt, timeZone),
        allDay: false,
        display: 'block',
        backgroundColor: background,
        borderColor: background,
        textColor: text,
        startEditable: options.canMove(post),
        durationEditable: false,
        classNames: [`rostra-post-${post.status}`],
        extendedProps,
      },
    ];
  });
}
