// The query field of a topic: checked at each keystroke by the same parser the server runs, the part at fault
// underlined with its column and a hint, and a preview of the stored mentions the query would catch.
import { Alert, Anchor, Badge, Code, Collapse, Group, Modal, Paper, Stack, Table, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Topic, TopicPreview } from '../../api/types';
import { getCurrentLocale } from '../../i18n';
import { ErrorAlert } from '../../ui/api-errors';
import { useWorkspace } from '../workspaces/workspace-context';
import { listeningKeys, listeningPath } from './listening-api';
import { MentionCard } from './mention-card';
import { checkQuery, splitAtError } from './query-check';
import queryDoc from '../../../../../docs/QUERY.md?raw';

/** The grammar section of docs/QUERY.md, shipped with the UI so it is there on any self-hosted instance. */
function readGrammar(): string {
  const start = queryDoc.indexOf('## Grammar');
  const end = queryDoc.indexOf('\n## ', start + 1);
  return start < 0 ? queryDoc : queryDoc.slice(start, end < 0 ? undefined : end).trim();
}

const CHEAT_SHEET = [
  ['mairie lyon', 'and'],
  ['vélo OR trottinette', 'or'],
  ['vélo -électrique', 'not'],
  ['"pistes cyclables"', 'phrase'],
  ['maire NEAR/3 lyon', 'near'],
  ['munici*', 'wildcard'],
  ['#municipales @mairiedelyon', 'tags'],
  ['site:lemonde.fr lang:fr', 'fields'],
  ['author:"Le Monde"', 'author'],
  ['raw:EDF', 'raw'],
] as const;

interface QueryEditorProps {
  value: string;
  onChange: (value: string) => void;
  topics: ReadonlyMap<string, Topic>;
  serverError?: string | undefined;
}

export function QueryEditor({ value, onChange, topics, serverError }: QueryEditorProps) {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspace();
  const [helpOpen, setHelpOpen] = useState(false);
  const [grammarOpen, setGrammarOpen] = useState(false);
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
  const [before, fault, after] = problem ? splitAtError(value, problem.column, problem.length) : ['', '', ''];

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
      {problem && (
        <Alert
          color="red"
          icon={<IconAlertTriangle size={18} />}
          p="xs"
          data-testid="topic-query-error"
          data-code={problem.code}
        >
          <Stack gap={4}>
            <Code
              block
              style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
              data-testid="topic-query-underline"
            >
              {before}
              <mark
                style={{
                  background: 'var(--mantine-color-red-light)',
                  textDecoration: 'underline wavy var(--mantine-color-red-filled)',
                }}
              >
                {fault}
              </mark>
              {after}
            </Code>
            <Text size="sm" fw={600} data-testid="topic-query-error-message">
              {t('listening.topics.errorAt', { column: problem.column, message: problem.message })}
            </Text>
            <Text size="sm">{problem.hint}</Text>
          </Stack>
        </Alert>
      )}

      <Group gap="md">
        <Anchor
          component="button"
          type="button"
          size="sm"
          onClick={() => setHelpOpen((open) => !open)}
          data-testid="topic-cheat-sheet-toggle"
        >
          {helpOpen ? t('listening.topics.hideCheatSheet') : t('listening.topics.showCheatSheet')}
        </Anchor>
        <Anchor component="button" type="button" size="sm" onClick={() => setGrammarOpen(true)}>
          {t('listening.topics.fullGrammar')}
        </Anchor>
      </Group>
      <Collapse expanded={helpOpen}>
        <Table withTableBorder fz="sm" data-testid="topic-cheat-sheet">
          <Table.Tbody>
            {CHEAT_SHEET.map(([example, key]) => (
              <Table.Tr key={key}>
                <Table.Td>
                  <Anchor
                    component="button"
                    type="button"
                    ff="monospace"
                    size="sm"
                    onClick={() => onChange(value ? `${value} ${example}` : example)}
                  >
                    {example}
                  </Anchor>
                </Table.Td>
                <Table.Td>{t(`listening.cheatSheet.${key}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed" mt={4}>
          {t('listening.cheatSheet.precedence')}
        </Text>
      </Collapse>
      <Modal
        opened={grammarOpen}
        onClose={() => setGrammarOpen(false)}
        title={t('listening.topics.fullGrammar')}
        size="xl"
      >
        <Text size="sm" mb="xs">
          {t('listening.topics.grammarIntro')}
        </Text>
        <Code block style={{ whiteSpace: 'pre-wrap' }}>
          {readGrammar()}
        </Code>
      </Modal>

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
