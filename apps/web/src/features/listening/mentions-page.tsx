// The mention stream: newest first, filtered by topic, source, network, language, sentiment, author, dates and
// handled state, searched in full text; the filters live in the address, pages load as the person scrolls,
// and each mention can be opened, its sentiment corrected, tagged and marked handled.
import { Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { useTopics } from './listening-api';
import { MentionCard } from './mention-card';
import { MentionFilterBar } from './mention-filter-bar';
import { readFilters, toApiQuery, writeFilter, type MentionFilterValues } from './mention-filters';
import { useMentions } from './use-mentions';

export function MentionsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);
  const apiQuery = toApiQuery(filters).toString();
  const topics = useTopics();
  const topicsById = useMemo(
    () => new Map((topics.data?.items ?? []).map((topic) => [topic.id, topic])),
    [topics.data],
  );
  const { mentions, actions, sentinel } = useMentions(apiQuery);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = mentions;

  const setFilter = (name: keyof MentionFilterValues, value: string | null | undefined) =>
    setParams((current) => writeFilter(current, name, value), { replace: true });

  const items = mentions.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <div>
        <Title order={2}>{t('listening.mentions.title')}</Title>
        <Text c="dimmed" size="sm" mt={4} maw={720}>
          {t('listening.mentions.intro')}
        </Text>
      </div>

      <MentionFilterBar
        filters={filters}
        setFilter={setFilter}
        filtered={params.toString() !== ''}
        onClear={() => setParams(new URLSearchParams(), { replace: true })}
      />

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
