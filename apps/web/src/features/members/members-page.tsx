// Members of the open workspace; admins can change roles and remove people.
import { Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Member } from '../../api/types';
import { useConfirmAction } from '../../ui/confirm-action';
import { notifyError, notifySuccess } from '../../ui/api-errors';
import { ListTable } from '../../ui/list-table';
import { useFormatDate } from '../../ui/format';
import { sessionQueryKey } from '../auth/session';
import { useRoleOptions } from '../workspaces/role-options';
import { isRole, type Role } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';
import { membersKey as membersQueryKey, useMembers } from './use-members';

export function MembersPage() {
  const { t } = useTranslation();
  const { workspace, permissions, session } = useWorkspace();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const roleOptions = useRoleOptions();
  const membersKey = membersQueryKey(workspace.id);
  const members = useMembers(workspace.id);

  const changeRole = useMutation({
    mutationFn: ({ member, role }: { member: Member; role: Role }) =>
      api.patch<Member>(`/api/workspaces/${workspace.id}/members/${member.userId}`, { role }),
    onSuccess: (_updated, { member }) => {
      notifySuccess(t('members.roleChanged', { name: member.name }));
      // Our own role may have changed, which changes what the shell shows.
      if (member.userId === session.user.id) void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
    onError: (error) => notifyError(error, t),
    // Refetch either way so a refused change snaps the select back to the real role.
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKey }),
  });

  const remove = useMutation({
    mutationFn: (member: Member) => api.delete(`/api/workspaces/${workspace.id}/members/${member.userId}`),
    onSuccess: (_result, member) => {
      notifySuccess(t('members.removed', { name: member.name }));
      if (member.userId === session.user.id) void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
    onError: (error) => notifyError(error, t),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKey }),
  });

  const removal = useConfirmAction<Member>({
    title: t('members.removeTitle'),
    describe: (target) => t('members.removeConfirm', { name: target.name, workspace: workspace.name }),
    confirmLabel: t('members.remove'),
    mutation: remove,
  });

  return (
    <Stack>
      <Title order={2}>{t('members.title')}</Title>
      <ListTable
        query={members}
        columns={[t('members.name'), t('members.email'), t('members.role'), t('members.joined')]}
        actions={permissions.manageMembers}
        empty={t('members.empty')}
        minWidth={640}
        testId="members-table"
        highlightOnHover
      >
        {(member) => (
          <Table.Tr key={member.userId} data-testid="member-row">
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm">{member.name}</Text>
                {member.userId === session.user.id && (
                  <Badge size="xs" variant="light">
                    {t('common.you')}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{member.email}</Text>
            </Table.Td>
            <Table.Td>
              {permissions.manageMembers ? (
                <Select
                  aria-label={t('members.role')}
                  data={roleOptions}
                  value={member.role}
                  onChange={(role) => {
                    if (isRole(role) && role !== member.role) changeRole.mutate({ member, role });
                  }}
                  allowDeselect={false}
                  disabled={changeRole.isPending}
                  w={230}
                  size="xs"
                  data-testid={`write-member-role-${member.userId}`}
                />
              ) : (
                <Text size="sm" data-testid="member-role">
                  {t(`roles.${member.role}`)}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Text size="sm">{formatDate(member.joinedAt)}</Text>
            </Table.Td>
            {permissions.manageMembers && (
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => removal.ask(member)}
                  data-testid={`write-member-remove-${member.userId}`}
                >
                  {t('members.remove')}
                </Button>
              </Table.Td>
            )}
          </Table.Tr>
        )}
      </ListTable>
      {removal.modal}
    </Stack>
  );
}
