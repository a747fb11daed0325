// The posts list's search box and filters (status, channel, theme, author or owner, period). The search is sent
// once typing pauses; every value lives in the URL (use-post-filters.ts).
import { Button, Group, Select, SimpleGrid, TextInput } from '@mantine/core';
import { DateInput, DatesProvider } from '@mantine/dates';
import '@mantine/dates/styles.css';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconFilterOff, IconSearch } from '@tabler/icons-react';
import 'dayjs/locale/fr';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { POST_STATUSES, type Channel, type Member, type Theme } from '../../api/types';
import type { FilterKey, PostFilters } from './use-post-filters';

interface PostsFiltersProps {
  filters: PostFilters;
  setFilter: (key: FilterKey, value: string | null) => void;
  clearFilters: () => void;
  active: boolean;
  channels: Channel[];
  themes: Theme[];
  members: Member[];
}

/** The search box: what is typed shows at once, the URL (and the query) follows when typing pauses. */
function SearchBox({ value, onSearch }: { value: string; onSearch: (value: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const send = useDebouncedCallback((next: string) => onSearch(next.trim()), 350);
  // Cleared or changed from outside (the "clear filters" button, back and forward): show it.
  useEffect(() => setText((current) => (current.trim() === value ? current : value)), [value]);
  return (
    <TextInput
      label={t('posts.search')}
      placeholder={t('posts.searchPlaceholder')}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        send(event.currentTarget.value);
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          send.flush();
        }
      }}
      type="search"
      maxLength={200}
      data-testid="posts-search"
    />
  );
}

/** The period: days of the workspace's calendar, typed or picked the person's way. */
function PeriodInputs(props: {
  from: string;
  to: string;
  dayFormat: string;
  setFilter: (key: FilterKey, value: string | null) => void;
}) {
  const { t } = useTranslation();
  const { from, to, dayFormat, setFilter } = props;
  return (
    <>
      <DateInput
        label={t('posts.from')}
        placeholder={dayFormat}
        valueFormat={dayFormat}
        value={from || null}
        onChange={(value) => setFilter('from', value)}
        clearable
        data-testid="posts-filter-from"
      />
      <DateInput
        label={t('posts.to')}
        placeholder={dayFormat}
        valueFormat={dayFormat}
        value={to || null}
        minDate={from || undefined}
        onChange={(value) => setFilter('to', value)}
        clearable
        data-testid="posts-filter-to"
      />
    </>
  );
}

export function PostsFilters(props: PostsFiltersProps) {
  const { filters, setFilter, clearFilters, active, channels, themes, members } = props;
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fr';
  const dayFormat = locale === 'fr' ? 'DD/MM/YYYY' : 'MM/DD/YYYY';
  const select = (
    key: FilterKey,
    label: string,
    placeholder: string,
    data: Array<{ value: string; label: string }>,
  ) => (
    <Select
      label={label}
      placeholder={placeholder}
      data={data}
      value={filters[key] || null}
      onChange={(value) => setFilter(key, value)}
      clearable
      searchable={data.length > 8}
      nothingFoundMessage={t('posts.nothingFound')}
      // The status filter keeps the test id it had before the other filters came.
      data-testid={key === 'status' ? 'posts-status-filter' : `posts-filter-${key}`}
    />
  );
  return (
    <DatesProvider settings={{ locale, firstDayOfWeek: locale === 'fr' ? 1 : 0 }}>
      <SearchBox value={filters.q} onSearch={(value) => setFilter('q', value)} />
      {/* Two a row on a phone, so the list stays near the top of the screen. */}
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="sm" data-testid="posts-filters">
        {select(
          'status',
          t('posts.status'),
          t('posts.allStatuses'),
          POST_STATUSES.map((value) => ({ value, label: t(`postStatus.${value}`) })),
        )}
        {select(
          'channel',
          t('posts.channel'),
          t('posts.allChannels'),
          channels.map((channel) => ({ value: channel.id, label: channel.name })),
        )}
        {select(
          'theme',
          t('posts.theme'),
          t('posts.allThemes'),
          themes.map((theme) => ({ value: theme.id, label: theme.name })),
        )}
        {select(
          'author',
          t('posts.author'),
          t('posts.allAuthors'),
          members.map((member) => ({ value: member.userId, label: member.name })),
        )}
        <PeriodInputs from={filters.from} to={filters.to} dayFormat={dayFormat} setFilter={setFilter} />
      </SimpleGrid>
      <Group justify="flex-end">
        <Button
          variant="subtle"
          size="compact-sm"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={clearFilters}
          disabled={!active}
          data-testid="posts-filters-clear"
        >
          {t('posts.clearFilters')}
        </Button>
      </Group>
    </DatesProvider>
  );
}
