// Members of the open workspace; admins can change roles, remove people and create password reset links;
// the organisation owner can hand ownership over. Only owners change an owner's role or remove them.
import { Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Member } from '../../api/types';
import { useConfirmAction } from '../../ui/confirm-action';
import { notifyError, notifySuccess } from '../../ui/api-errors';
import { ListTable } from '../../ui/list-table';
import { useFormatDateTime } from '../../ui/format';
import { SecretOnceModal } from '../../ui/secret-once-modal';
import { sessionQueryKey } from '../auth/session';
import type { Role } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';
import { MemberRow } from './member-row';
import { membersKey as membersQueryKey, useMembers } from './use-members';

/** What admins and the owner do to members: each mutation, its confirmation and the reset link just created. */
function useMemberActions() {
  const { t } = useTranslation();
  const { workspace, session } = useWorkspace();
  const queryClient = useQueryClient();
  const membersKey = membersQueryKey(workspace.id);
  const [resetLink, setResetLink] = useState<{ member: Member; url: string; expiresAt: string } | null>(null);
  // The server refuses anyway; the page does not offer what would be refused.
  const mayChange = (member: Member) => !member.isOwner || session.user.isOwner || member.userId === session.user.id;

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

  const createResetLink = useMutation({
    mutationFn: (member: Member) =>
      api.post<{ url: string; expiresAt: string }>(
        `/api/workspaces/${workspace.id}/members/${member.userId}/password-reset`,
      ),
    onSuccess: (link, member) => setResetLink({ member, ...link }),
    onError: (error) => notifyError(error, t),
  });

  const transfer = useMutation({
    mutationFn: (member: Member) => api.post(`/api/workspaces/${workspace.id}/members/${member.userId}/ownership`),
    onSuccess: (_result, member) => {
      notifySuccess(t('members.transferred', { name: member.name }));
      void queryClient.invalidateQueries({ queryKey: sessionQueryKey });
    },
    onError: (error) => notifyError(error, t),
    onSettled: () => queryClient.invalidateQueries({ queryKey: membersKey }),
  });

  const transferral = useConfirmAction<Member>({
    title: t('members.transferTitle'),
    describe: (target) => t('members.transferConfirm', { name: target.name }),
    confirmLabel: t('members.transfer'),
    mutation: transfer,
  });

  const removal = useConfirmAction<Member>({
    title: t('members.removeTitle'),
    describe: (target) => t('members.removeConfirm', { name: target.name, workspace: workspace.name }),
    confirmLabel: t('members.remove'),
    mutation: remove,
  });

  return { mayChange, changeRole, createResetLink, transferral, removal, resetLink, setResetLink };
}

export function MembersPage() {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const members = useMembers(workspace.id);
  const formatDateTime = useFormatDateTime();
  const { mayChange, changeRole, createResetLink, transferral, removal, resetLink, setResetLink } = useMemberActions();

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
          <MemberRow
            key={member.userId}
            member={member}
            mayChange={mayChange(member)}
            roleChanging={changeRole.isPending}
            onRole={(role) => changeRole.mutate({ member, role })}
            onReset={() => createResetLink.mutate(member)}
            onTransfer={() => transferral.ask(member)}
            onRemove={() => removal.ask(member)}
          />
        )}
      </ListTable>
      {removal.modal}
      {transferral.modal}
      <SecretOnceModal
        secret={resetLink?.url ?? null}
        onClose={() => setResetLink(null)}
        title={t('members.resetLinkTitle')}
        warning={t('members.resetLinkWarning')}
        label={t('members.resetLinkLabel')}
        done={t('members.resetLinkDone')}
        subject={
          resetLink && (
            <Text size="sm">
              {t('members.resetLinkFor', {
                name: resetLink.member.name,
                email: resetLink.member.email,
                date: formatDateTime(resetLink.expiresAt),
              })}
            </Text>
          )
        }
        testId="reset-link"
      />
    </Stack>
  );
}
