// Members of the open workspace; admins can change roles and remove people.
import { Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Member } from '../../api/types';
import { ConfirmModal } from '../../ui/confirm-modal';
import { ErrorAlert, notifyError, notifySuccess } from '../../ui/api-errors';
import { useFormatDate } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
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
  const [removing, setRemoving] = useState<Member | null>(null);
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
      setRemoving(null);
      if (member.userId === session.user.id) void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
    onError: (error) => notifyError(error, t),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKey }),
  });

  return (
    <Stack>
      <Title order={2}>{t('members.title')}</Title>
      {members.isPending && <PageLoader />}
      {members.isError && <ErrorAlert error={members.error} onRetry={() => void members.refetch()} />}
      {members.data && (
        <Table.ScrollContainer minWidth={640}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="members-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('members.name')}</Table.Th>
                <Table.Th>{t('members.email')}</Table.Th>
                <Table.Th>{t('members.role')}</Table.Th>
                <Table.Th>{t('members.joined')}</Table.Th>
                {permissions.manageMembers && <Table.Th aria-label={t('common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {members.data.items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{t('members.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {members.data.items.map((member) => (
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
                        onClick={() => setRemoving(member)}
                        data-testid={`write-member-remove-${member.userId}`}
                      >
                        {t('members.remove')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ConfirmModal
        opened={removing !== null}
        title={t('members.removeTitle')}
        message={t('members.removeConfirm', { name: removing?.name ?? '', workspace: workspace.name })}
        confirmLabel={t('members.remove')}
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}
