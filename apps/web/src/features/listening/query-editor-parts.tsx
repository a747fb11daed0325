// Around the query field: the fault of a broken query (underlined, with its column and a hint), and the help —
// a cheat sheet whose examples add themselves to the query, and the full grammar from docs/QUERY.md.
import { Alert, Anchor, Code, Collapse, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueryCheck } from './query-check';
import queryDoc from '../../../../../docs/QUERY.md?raw';

type QueryProblem = Extract<QueryCheck, { ok: false }>;

export function QueryFault({ problem, parts }: { problem: QueryProblem; parts: [string, string, string] }) {
  const { t } = useTranslation();
  const [before, fault, after] = parts;
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle size={18} />}
      p="xs"
      data-testid="topic-query-error"
      data-code={problem.code}
    >
      <Stack gap={4}>
        <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="topic-query-underline">
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
  );
}

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

export function QueryHelp({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const [helpOpen, setHelpOpen] = useState(false);
  const [grammarOpen, setGrammarOpen] = useState(false);
  return (
    <>
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
    </>
  );
}
