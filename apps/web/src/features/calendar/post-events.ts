// Posts as calendar events: placed at their date in the workspace's zone, coloured by theme,
// filtered the way the toolbar says.
import type { EventInput } from '@fullcalendar/core';
import { POST_STATUSES, type Post, type PostStatus, type Theme } from '../../api/types';
import { toCalendarDate } from '../../ui/zoned-time';
import { summarizePostText } from '../posts/post-summary';

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

/** Black or white, whichever reads better on `hex` (WCAG relative luminance). */
export function readableTextColor(hex: string): string {
  const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!match) return '#ffffff';
  const [r, g, b] = match.slice(1).map((part) => {
    const channel = parseInt(part, 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
  // Contrast with white beats contrast with black below this luminance.
  return luminance > 0.179 ? '#000000' : '#ffffff';
}

export interface PostEventProps {
  post: Post;
}

export function toCalendarEvents(
  posts: Post[],
  themes: Map<string, Theme>,
  timeZone: string,
  options: { untitled: string; canMove: (post: Post) => boolean },
): EventInput[] {
  return posts.flatMap((post) => {
    if (!post.scheduledAt) return [];
    const color = (post.themeId && themes.get(post.themeId)?.color) || UNTHEMED_COLOR;
    const extendedProps: PostEventProps = { post };
    return [
      {
        id: post.id,
        title: summarizePostText(post.text) || options.untitled,
        start: toCalendarDate(post.scheduledAt, timeZone),
        allDay: false,
        display: 'block',
        backgroundColor: color,
        borderColor: color,
        textColor: readableTextColor(color),
        startEditable: options.canMove(post),
        durationEditable: false,
        classNames: [`rostra-post-${post.status}`],
        extendedProps,
      },
    ];
  });
}
