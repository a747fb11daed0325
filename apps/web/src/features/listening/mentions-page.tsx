// The mention stream: newest first, filtered by topic, source, network, language, sentiment, author, dates and
// handled state, searched in full text; the filters live in the address, pages load as the person scrolls,
// and each mention can be opened, its sentiment corrected, tagged and marked handled.
import { languageName } from '../../ui/language-name';
import { Button, Grid, Group, Loader, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
  type InfiniteData,
} from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Mention, MentionPage, Sentiment } from '../../api/types';
import { ErrorAlert, notifyError } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { useWorkspace } from '../workspaces/workspace-context';
import { listeningKeys, listeningPath, useListeningRights, useSources, useTopics } from './listening-api';
import { MentionCard, SENTIMENTS, type MentionActions } from './mention-card';
import { readFilters, toApiQuery, writeFilter, type MentionFilterValues } from './mention-filters';

const PAGE_SIZE = 30;
const LANGUAGES = ['fr', 'en', 'es', 'de', 'it', 'pt', 'nl', 'ar'];

export function MentionsPage() {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspace();
  const rights = useListeningRights();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const apiQuery = toApiQuery(filters).toString();
  const topics = useTopics();
  const sources = useSources();
  const topicsById = useMemo(
    () => new Map((topics.data?.items ?? []).map((topic) => [topic.id, topic])),
    [topics.data],
  );
  const key = listeningKeys.mentions(workspace.id, apiQuery);

  const setFilter = (name: keyof MentionFilterValues, value: string | null | undefined) =>
    setParams((current) => writeFilter(current, name, value), { replace: true });

  const mentions = useInfiniteQuery({
    queryKey: key,
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams(apiQuery);
      query.set('limit', String(PAGE_SIZE));
      if (pageParam) query.set('cursor', pageParam);
      return api.get<MentionPage>(`${listeningPath(workspace.id, 'mentions')}?${query}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // Changing a filter keeps the current list on screen until the new one arrives, rather than a blank page.
    placeholderData: keepPreviousData,
  });

  // Replace one mention in every loaded page after an action, without refetching the stream (which would
  // jump the scroll position and could drop the mention from a filtered view under the person's eyes).
  const replaceMention = (updated: Mention) =>
    queryClient.setQueryData<InfiniteData<MentionPage>>(key, (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((item) => (item.id === updated.id ? updated : item)),
            })),
          }
        : data,
    );

  const act = useMutation({
    mutationFn: (action: { mention: Mention; path: string; method: 'post' | 'put'; body: unknown }) => {
      const path = listeningPath(workspace.id, `mentions/${action.mention.id}/${action.path}`);
      return action.method === 'post' ? api.post<Mention>(path, action.body) : api.put<Mention>(path, action.body);
    },
    onSuccess: (mention) => {
      replaceMention(mention);
      // Figures changed: let the dashboard recount next time it is opened.
      void queryClient.invalidateQueries({ queryKey: [...listeningKeys.all(workspace.id), 'dashboard'] });
    },
    onError: (error) => notifyError(error, t),
  });

  const actions: MentionActions | undefined = rights.actOnMentions
    ? {
        busy: act.isPending,
        correctSentiment: (mention, label) =>
          act.mutate({ mention, path: 'sentiment', method: 'post', body: { label } }),
        setTags: (mention, tags) => act.mutate({ mention, path: 'tags', method: 'put', body: { tags } }),
        setHandled: (mention, handled) => act.mutate({ mention, path: 'handled', method: 'post', body: { handled } }),
      }
    : undefined;

  // Infinite scroll: load the next page when the end of the list comes into view.
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = mentions;
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !hasNextPage) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !isFetchingNextPage) void fetchNextPage();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  const items = mentions.data?.pages.flatMap((page) => page.items) ?? [];
  const networks = [...new Set((sources.data?.networks ?? []).map((n) => n.network))].map((network) => ({
    value: network,
    label: t(`listening.sources.networks.${network}`, { defaultValue: network }),
  }));

  return (
    <Stack>
      <div>
        <Title order={2}>{t('listening.mentions.title')}</Title>
        <Text c="dimmed" size="sm" mt={4} maw={720}>
          {t('listening.mentions.intro')}
        </Text>
      </div>

      <SearchBox value={filters.q ?? ''} onSearch={(q) => setFilter('q', q)} />
      <Grid gap="xs" data-testid="mention-filters">
        <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
          <Select
            label={t('listening.mentions.filters.topic')}
            placeholder={t('listening.mentions.filters.any')}
            data={(topics.data?.items ?? []).map((topic) => ({ value: topic.id, label: topic.name }))}
            value={filters.topic ?? null}
            onChange={(value) => setFilter('topic', value)}
            clearable
            searchable
            data-testid="filter-topic"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
          <Select
            label={t('listening.mentions.filters.sentiment')}
            placeholder={t('listening.mentions.filters.any')}
            data={SENTIMENTS.map((value) => ({ value, label: t(`listening.sentiment.${value}`) }))}
            value={filters.sentiment ?? null}
            onChange={(value) => setFilter('sentiment', value as Sentiment | null)}
            clearable
            data-testid="filter-sentiment"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
          <Select
            label={t('listening.mentions.filters.handled')}
            placeholder={t('listening.mentions.filters.any')}
            data={[
              { value: 'false', label: t('listening.mentions.filters.toHandle') },
              { value: 'true', label: t('listening.mentions.filters.handledOnly') },
            ]}
            value={filters.handled ?? null}
            onChange={(value) => setFilter('handled', value)}
            clearable
            data-testid="filter-handled"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 3 }}>
          <Select
            label={t('listening.mentions.filters.source')}
            placeholder={t('listening.mentions.filters.any')}
            data={(sources.data?.items ?? []).map((source) => ({ value: source.id, label: source.label }))}
            value={filters.source ?? null}
            onChange={(value) => setFilter('source', value)}
            clearable
            searchable
            data-testid="filter-source"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
          <Select
            label={t('listening.mentions.filters.network')}
            placeholder={t('listening.mentions.filters.any')}
            data={networks}
            value={filters.network ?? null}
            onChange={(value) => setFilter('network', value)}
            clearable
            data-testid="filter-network"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6, md: 2 }}>
          <Select
            label={t('listening.mentions.filters.language')}
            placeholder={t('listening.mentions.filters.any')}
            data={LANGUAGES.map((code) => ({ value: code, label: languageName(code, i18n.language) }))}
            value={filters.lang ?? null}
            onChange={(value) => setFilter('lang', value)}
            clearable
            searchable
            data-testid="filter-language"
          />
        </Grid.Col>
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
      </Grid>
      {params.toString() !== '' && (
        <Group>
          <Button
            size="xs"
            variant="subtle"
            onClick={() => setParams(new URLSearchParams(), { replace: true })}
            data-testid="filter-clear"
          >
            {t('listening.mentions.filters.clear')}
          </Button>
        </Group>
      )}

      {mentions.isPending && <PageLoader />}
      {mentions.isError && <ErrorAlert error={mentions.error} onRetry={() => void mentions.refetch()} />}
      {mentions.data && items.length === 0 && (
        <Text c="dimmed" data-testid="mentions-empty">
          {params.toString() ? t('listening.mentions.emptyFiltered') : t('listening.mentions.empty')}
        </Text>
      )}
      <Stack gap="xs" data-testid="mention-stream">
        {items.map((mention) => (
          <MentionCard key={mention.id} mention={mention} topics={topicsById} actions={actions} />
        ))}
      </Stack>
      <div ref={sentinel} />
      {hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            onClick={() => void fetchNextPage()}
            loading={isFetchingNextPage}
            data-testid="mentions-more"
          >
            {t('listening.mentions.more')}
          </Button>
        </Group>
      )}
      {mentions.isFetching && !mentions.isPending && !isFetchingNextPage && (
        <Group justify="center">
          <Loader size="sm" />
        </Group>
      )}
    </Stack>
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
