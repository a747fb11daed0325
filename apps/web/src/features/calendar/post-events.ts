// Posts as calendar events: placed at their date in the workspace's zone, coloured by theme,
// filtered the way the toolbar says.
import type { EventInput } from '@fullcalendar/core';
import type { Post, PostStatus, Theme } from '../../api/types';
import { toCalendarDate } from '../../ui/zoned-time';
import { summarizePostText } from '../posts/post-summary';

export interface CalendarFilters {
  channelId: string | null;
  themeId: string | null;
  contentTypeId: string | null;
  status: PostStatus | null;
  ownerId: string | null;
}

export const NO_FILTERS: CalendarFilters = {
  channelId: null,
  themeId: null,
  contentTypeId: null,
  status: null,
  ownerId: null,
};

/** Posts without a theme: Mantine's gray 6, neutral beside any theme colour. */
export const UNTHEMED_COLOR = '#868e96';

export function matchesFilters(post: Post, filters: CalendarFilters): boolean {
  return (
    (!filters.channelId || post.targets.some((target) => target.channelId === filters.channelId)) &&
    (!filters.themeId || post.themeId === filters.themeId) &&
    (!filters.contentTypeId || post.contentTypeId === filters.contentTypeId) &&
    (!filters.status || post.status === filters.status) &&
    (!filters.ownerId || post.ownerId === filters.ownerId || post.backupOwnerId === filters.ownerId)
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
