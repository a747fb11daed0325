// The charter's versions, newest first: which version, when and by whom — so a team can tell when a rule changed
// and who to ask. The server keeps every version (GET …/charter/versions); a version saved from the command line
// has no author.
import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { useMembers } from '../members/use-members';
import { useWorkspace } from '../workspaces/workspace-context';
import { useCharterVersions } from './use-charter';

export function CharterHistory() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const formatDateTime = useFormatDateTime(workspace.timezone);
  const versions = useCharterVersions(workspace.id);
  const members = useMembers(workspace.id);
  const names = new Map((members.data?.items ?? []).map((m) => [m.userId, m.name]));
  const items = versions.data?.items ?? [];
  return (
    <Paper withBorder p="md" radius="md" data-testid="charter-history">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('charter.history.title')}
        </Title>
        {versions.isError && <ErrorAlert error={versions.error} onRetry={() => void versions.refetch()} />}
        {versions.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="charter-history-empty">
            {t('charter.history.empty')}
          </Text>
        )}
        {items.length > 0 && (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('charter.history.version')}</Table.Th>
                <Table.Th>{t('charter.history.savedAt')}</Table.Th>
                <Table.Th>{t('charter.history.savedBy')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((item) => (
                <Table.Tr key={item.version} data-testid="charter-history-row" data-version={item.version}>
                  <Table.Td>{t('charter.history.versionNumber', { version: item.version })}</Table.Td>
                  <Table.Td>{formatDateTime(item.updatedAt)}</Table.Td>
                  <Table.Td>
                    {item.updatedBy === null
                      ? t('charter.history.noAuthor')
                      : (names.get(item.updatedBy) ?? t('charter.history.formerMember'))}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Paper>
  );
}
