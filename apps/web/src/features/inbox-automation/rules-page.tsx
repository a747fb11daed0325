// « Règles de modération »: the workspace's rules in the order they run, each with what it does and how many items
// it matched as they came in over the last 30 days; managers write, move and delete them.
import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { hasRoleAtLeast } from '../workspaces/roles';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRule } from '../../api/types';
import { ErrorAlert, notifyError } from '../../ui/api-errors';
import { useConfirmAction } from '../../ui/confirm-action';
import { IconAction } from '../../ui/icon-action';
import { PageLoader } from '../../ui/page-loader';
import { useWorkspace } from '../workspaces/workspace-context';
import { useDeleteRule, useMoveRule, useRules } from './automation-api';
import { RuleForm } from './rule-form';
import { useDescribeAction } from './rule-trial';

export function RulesPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const rules = useRules();
  const move = useMoveRule();
  const remove = useDeleteRule();
  const describe = useDescribeAction();
  const [editing, setEditing] = useState<InboxRule | 'new' | null>(null);
  const canWrite = hasRoleAtLeast(workspace.role, 'manager');
  const confirm = useConfirmAction<InboxRule>({
    title: t('inboxAutomation.rules.deleteTitle'),
    describe: (rule) => t('inboxAutomation.rules.deleteQuestion', { name: rule.name }),
    confirmLabel: t('inboxAutomation.delete'),
    mutation: remove,
  });
  if (rules.isPending) return <PageLoader />;
  if (rules.isError) return <ErrorAlert error={rules.error} onRetry={() => void rules.refetch()} />;
  const list = rules.data;
  const moveTo = (rule: InboxRule, position: number) =>
    move.mutate({ id: rule.id, position }, { onError: (error) => notifyError(error, t) });

  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('inboxAutomation.rules.intro')}
      </Text>
      {canWrite && editing === null && (
        <Group>
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing('new')}
            data-testid="rule-new"
          >
            {t('inboxAutomation.rules.new')}
          </Button>
        </Group>
      )}
      {editing !== null && (
        <RuleForm
          key={editing === 'new' ? 'new' : editing.id}
          rule={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {list.length === 0 ? (
        <Text>{t('inboxAutomation.rules.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table data-testid="rules-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inboxAutomation.rules.order')}</Table.Th>
                <Table.Th>{t('inboxAutomation.rules.name')}</Table.Th>
                <Table.Th>{t('inboxAutomation.rules.does')}</Table.Th>
                <Table.Th>{t('inboxAutomation.rules.matched')}</Table.Th>
                {canWrite && <Table.Th>{t('inboxAutomation.rules.manage')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((rule, index) => (
                <Table.Tr key={rule.id} data-testid="rule-row">
                  <Table.Td>{index + 1}</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <Text size="sm" fw={500}>
                        {rule.name}
                      </Text>
                      {!rule.enabled && <Badge color="gray">{t('inboxAutomation.rules.disabled')}</Badge>}
                      {rule.stop && <Badge variant="outline">{t('inboxAutomation.rules.stops')}</Badge>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {rule.actions.map((action, i) => (
                        <Badge key={i} variant="light" tt="none">
                          {describe(action)}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td data-testid="rule-matched">
                    {t('inboxAutomation.rules.matchedCount', { count: rule.matchedLast30Days })}
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <IconAction
                          label={t('inboxAutomation.moveUp')}
                          ariaLabel={`${t('inboxAutomation.moveUp')} : ${rule.name}`}
                          icon={<IconArrowUp size={16} />}
                          disabled={index === 0 || move.isPending}
                          onClick={() => moveTo(rule, index - 1)}
                        />
                        <IconAction
                          label={t('inboxAutomation.moveDown')}
                          ariaLabel={`${t('inboxAutomation.moveDown')} : ${rule.name}`}
                          icon={<IconArrowDown size={16} />}
                          disabled={index === list.length - 1 || move.isPending}
                          onClick={() => moveTo(rule, index + 1)}
                        />
                        <IconAction
                          label={t('inboxAutomation.edit')}
                          ariaLabel={`${t('inboxAutomation.edit')} : ${rule.name}`}
                          icon={<IconPencil size={16} />}
                          onClick={() => setEditing(rule)}
                        />
                        <IconAction
                          label={t('inboxAutomation.delete')}
                          ariaLabel={`${t('inboxAutomation.delete')} : ${rule.name}`}
                          icon={<IconTrash size={16} />}
                          color="red"
                          onClick={() => confirm.ask(rule)}
                        />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {confirm.modal}
    </Stack>
  );
}
