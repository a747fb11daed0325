// The posts list's search and filters, kept in the URL (?q=…&status=…&channel=…&theme=…&author=…&from=…&to=…) so a
// filtered list survives a reload and can be shared; dates are days of the workspace's calendar.
import { useSearchParams } from 'react-router-dom';
import { POST_STATUSES, type PostStatus } from '../../api/types';
import { fromDateTimeLocalValue } from '../../ui/zoned-time';
import type { PostQuery } from './use-posts';

export type FilterKey = 'q' | 'status' | 'channel' | 'theme' | 'author' | 'from' | 'to';

export type PostFilters = Record<FilterKey, string>;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isPostStatus(value: string): value is PostStatus {
  return (POST_STATUSES as readonly string[]).includes(value);
}

/** The day after `day` (YYYY-MM-DD), so that "to" includes its whole day. */
function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** The server's query for these filters: days become the instants they start at in the workspace's zone. */
export function toPostQuery(filters: PostFilters, timeZone: string): PostQuery {
  const startOf = (day: string) =>
    DAY.test(day) ? (fromDateTimeLocalValue(`${day}T00:00`, timeZone) ?? undefined) : undefined;
  return {
    q: filters.q.trim() || undefined,
    status: isPostStatus(filters.status) ? filters.status : undefined,
    channelId: filters.channel || undefined,
    themeId: filters.theme || undefined,
    authorId: filters.author || undefined,
    from: startOf(filters.from),
    to: DAY.test(filters.to) ? startOf(nextDay(filters.to)) : undefined,
  };
}

export function usePostFilters(): {
  filters: PostFilters;
  setFilter: (key: FilterKey, value: string | null) => void;
  clearFilters: () => void;
  active: boolean;
} {
  const [params, setParams] = useSearchParams();
  const read = (key: FilterKey) => params.get(key) ?? '';
  const filters: PostFilters = {
    q: read('q'),
    status: isPostStatus(read('status')) ? read('status') : '',
    channel: read('channel'),
    theme: read('theme'),
    author: read('author'),
    from: DAY.test(read('from')) ? read('from') : '',
    to: DAY.test(read('to')) ? read('to') : '',
  };
  const setFilter = (key: FilterKey, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  return {
    filters,
    setFilter,
    clearFilters: () => setParams(new URLSearchParams(), { replace: true }),
    active: Object.values(filters).some(Boolean),
  };
}
