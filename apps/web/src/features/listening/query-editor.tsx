// The query field of a topic: checked at each keystroke by the same parser the server runs, the part at fault
// underlined with its column and a hint, and a preview of the stored mentions the query would catch.
import { Badge, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Topic, TopicPreview } from '../../api/types';
import { getCurrentLocale } from '../../i18n';
import { ErrorAlert } from '../../ui/api-errors';
import { useWorkspace } from '../workspaces/workspace-context';
import { listeningKeys, listeningPath } from './listening-api';
import { MentionCard } from './mention-card';
import { checkQuery, splitAtError } from './query-check';
import { QueryFault, QueryHelp } from './query-editor-parts';

interface QueryEditorProps {
  value: string;
  onChange: (value: string) => void;
  topics: ReadonlyMap<string, Topic>;
  serverError?: string | undefined;
}

export function QueryEditor({ value, onChange, topics, serverError }: QueryEditorProps) {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspace();
  const locale = getCurrentLocale();
  const check = useMemo(() => checkQuery(value, locale), [value, locale]);
  // The preview reads stored mentions on the server: wait for a pause in the typing.
  const [settled] = useDebouncedValue(value.trim(), 500);
  const settledValid = settled !== '' && checkQuery(settled, locale).ok;

  const preview = useQuery({
    queryKey: [...listeningKeys.all(workspace.id), 'preview', settled, i18n.language],
    queryFn: () =>
      api.get<TopicPreview>(
        `${listeningPath(workspace.id, 'topics/preview')}?${new URLSearchParams({ query: settled, days: '7', limit: '10', locale })}`,
      ),
    enabled: settledValid,
    staleTime: 30_000,
  });

  const problem = !check.ok && value.trim() !== '' ? check : null;

  return (
    <Stack gap="xs">
      <Textarea
        label={t('listening.topics.query')}
        description={t('listening.topics.queryHelp')}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        autosize
        minRows={3}
        maxRows={10}
        withAsterisk
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        error={problem ? t('listening.topics.queryInvalid') : serverError}
        data-testid="write-topic-query"
      />
      {problem && <QueryFault problem={problem} parts={splitAtError(value, problem.column, problem.length)} />}

      <QueryHelp value={value} onChange={onChange} />

      <Paper withBorder p="sm" radius="md" data-testid="topic-preview">
        <Group justify="space-between" mb="xs">
          <Text size="sm" fw={600}>
            {t('listening.topics.preview')}
          </Text>
          {preview.data && settledValid && (
            <Badge variant="light" tt="none" data-testid="topic-preview-count">
              {t('listening.topics.previewCount', { matched: preview.data.matched, scanned: preview.data.scanned })}
            </Badge>
          )}
        </Group>
        {!settledValid && (
          <Text size="sm" c="dimmed">
            {t('listening.topics.previewIdle')}
          </Text>
        )}
        {settledValid && preview.isError && <ErrorAlert error={preview.error} />}
        {settledValid && preview.isFetching && !preview.data && (
          <Text size="sm" c="dimmed">
            {t('listening.topics.previewLoading')}
          </Text>
        )}
        {settledValid && preview.data && preview.data.items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('listening.topics.previewEmpty')}
          </Text>
        )}
        {settledValid && (
          <Stack gap="xs">
            {preview.data?.items.map((mention) => (
              <MentionCard key={mention.id} mention={mention} topics={topics} />
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}
