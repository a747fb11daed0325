// The mention stream's filter bar: the full-text search, one field per filter (topic, sentiment, handled, source,
// network, language, author, tag, dates) and "clear filters"; each change is written to the address by the page.
import { Button, Grid, Group, Select, TextInput } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languageName } from '../../ui/language-name';
import { useSources, useTopics } from './listening-api';
import { SENTIMENTS } from './sentiments';
import type { MentionFilterValues } from './mention-filters';

const LANGUAGES = ['fr', 'en', 'es', 'de', 'it', 'pt', 'nl', 'ar'];

export function MentionFilterBar({
  filters,
  setFilter,
  filtered,
  onClear,
}: FilterProps & {
  /** Whether the address holds any filter (shows "clear filters"). */
  filtered: boolean;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  return (
    <>
      <SearchBox value={filters.q ?? ''} onSearch={(q) => setFilter('q', q)} />
      <Grid gap="xs" data-testid="mention-filters">
        <ChoiceFilters filters={filters} setFilter={setFilter} />
        <TextFilters filters={filters} setFilter={setFilter} />
      </Grid>
      {filtered && (
        <Group>
          <Button size="xs" variant="subtle" onClick={onClear} data-testid="filter-clear">
            {t('listening.mentions.filters.clear')}
          </Button>
        </Group>
      )}
    </>
  );
}

interface FilterProps {
  filters: MentionFilterValues;
  setFilter: (name: keyof MentionFilterValues, value: string | null | undefined) => void;
}

/** The filters picked from a list: topic, sentiment, handled, source, network, language. */
function ChoiceFilters(props: FilterProps) {
  const { t, i18n } = useTranslation();
  const topics = useTopics();
  const sources = useSources();
  const networks = [...new Set((sources.data?.networks ?? []).map((n) => n.network))].map((network) => ({
    value: network,
    label: t(`listening.sources.networks.${network}`, { defaultValue: network }),
  }));
  return (
    <>
      <FilterSelect
        name="topic"
        label={t('listening.mentions.filters.topic')}
        data={(topics.data?.items ?? []).map((topic) => ({ value: topic.id, label: topic.name }))}
        searchable
        testId="filter-topic"
        {...props}
      />
      <FilterSelect
        name="sentiment"
        label={t('listening.mentions.filters.sentiment')}
        data={SENTIMENTS.map((value) => ({ value, label: t(`listening.sentiment.${value}`) }))}
        testId="filter-sentiment"
        {...props}
      />
      <FilterSelect
        name="handled"
        label={t('listening.mentions.filters.handled')}
        data={[
          { value: 'false', label: t('listening.mentions.filters.toHandle') },
          { value: 'true', label: t('listening.mentions.filters.handledOnly') },
        ]}
        testId="filter-handled"
        {...props}
      />
      <FilterSelect
        name="source"
        label={t('listening.mentions.filters.source')}
        data={(sources.data?.items ?? []).map((source) => ({ value: source.id, label: source.label }))}
        searchable
        testId="filter-source"
        {...props}
      />
      <FilterSelect
        name="network"
        label={t('listening.mentions.filters.network')}
        data={networks}
        narrow
        testId="filter-network"
        {...props}
      />
      <FilterSelect
        name="lang"
        label={t('listening.mentions.filters.language')}
        data={LANGUAGES.map((code) => ({ value: code, label: languageName(code, i18n.language) }))}
        searchable
        narrow
        testId="filter-language"
        {...props}
      />
    </>
  );
}

/** One filter picked from a list, in its grid column; clearing it drops the filter from the address. */
function FilterSelect({
  name,
  label,
  data,
  searchable = false,
  narrow = false,
  testId,
  filters,
  setFilter,
}: FilterProps & {
  name: 'topic' | 'sentiment' | 'handled' | 'source' | 'network' | 'lang';
  label: string;
  data: { value: string; label: string }[];
  searchable?: boolean;
  /** Two columns of twelve rather than three, on wide screens. */
  narrow?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Grid.Col span={{ base: 12, sm: 6, md: narrow ? 2 : 3 }}>
      <Select
        label={label}
        placeholder={t('listening.mentions.filters.any')}
        data={data}
        value={filters[name] ?? null}
        onChange={(value) => setFilter(name, value)}
        clearable
        searchable={searchable}
        data-testid={testId}
      />
    </Grid.Col>
  );
}

/** The filters typed in: author, tag, and the dates. */
function TextFilters({ filters, setFilter }: FilterProps) {
  const { t } = useTranslation();
  return (
    <>
      <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
        <FilterText
          label={t('listening.mentions.filters.author')}
          placeholder="@handle"
          value={filters.author ?? ''}
          onCommit={(value) => setFilter('author', value)}
          testId="filter-author"
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
        <FilterText
          label={t('listening.mentions.filters.tag')}
          value={filters.tag ?? ''}
          onCommit={(value) => setFilter('tag', value)}
          testId="filter-tag"
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 2 }}>
        <TextInput
          type="date"
          label={t('listening.mentions.filters.from')}
          value={filters.from ?? ''}
          max={filters.to}
          onChange={(event) => setFilter('from', event.currentTarget.value)}
          data-testid="filter-from"
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 2 }}>
        <TextInput
          type="date"
          label={t('listening.mentions.filters.to')}
          value={filters.to ?? ''}
          min={filters.from}
          onChange={(event) => setFilter('to', event.currentTarget.value)}
          data-testid="filter-to"
        />
      </Grid.Col>
    </>
  );
}

function SearchBox({ value, onSearch }: { value: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  // Follow the address when it changes from elsewhere (back button, "clear filters").
  useEffect(() => setText(value), [value]);
  const debounced = useDebouncedCallback(onSearch, 400);
  return (
    <TextInput
      leftSection={<IconSearch size={16} />}
      placeholder={t('listening.mentions.searchPlaceholder')}
      aria-label={t('listening.mentions.search')}
      description={t('listening.mentions.searchHelp')}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        debounced(event.currentTarget.value);
      }}
      data-testid="mention-search"
    />
  );
}

/** A text filter applied on Enter or when leaving the field, not at each keystroke (exact author names). */
function FilterText(props: {
  label: string;
  placeholder?: string;
  value: string;
  onCommit: (value: string) => void;
  testId: string;
}) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  return (
    <TextInput
      label={props.label}
      placeholder={props.placeholder}
      value={text}
      onChange={(event) => setText(event.currentTarget.value)}
      onBlur={() => text !== props.value && props.onCommit(text)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') props.onCommit(text);
      }}
      data-testid={props.testId}
    />
  );
}
