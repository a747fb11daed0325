// Admin page: invite people by email and follow up on sent invitations.
import { Badge, Button, Stack, Table, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Invitation, InvitationStatus, Page } from '../../api/types';
import { useConfirmAction } from '../../ui/confirm-action';
import { notifyError, notifySuccess } from '../../ui/api-errors';
import { ListTable } from '../../ui/list-table';
import { useFormatDate, useFormatDateTime } from '../../ui/format';
import { useWorkspace } from '../workspaces/workspace-context';
import { SmtpStatusPanel } from '../mail/smtp-status';
import { InviteForm } from './invite-form';

const EMAIL_COLORS = { queued: 'gray', sent: 'teal', failed: 'red' } as const;

const STATUS_COLORS: Record<InvitationStatus, string> = {
  pending: 'blue',
  accepted: 'teal',
  revoked: 'gray',
  expired: 'orange',
};

/** The invitations, and revoking a pending one after a confirmation. */
function useInvitations(invitationsKey: readonly unknown[]) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const invitations = useQuery({
    queryKey: invitationsKey,
    queryFn: () => api.get<Page<Invitation>>(`/api/workspaces/${workspace.id}/invitations`),
  });
  const revoke = useMutation({
    mutationFn: (invitation: Invitation) => api.delete(`/api/workspaces/${workspace.id}/invitations/${invitation.id}`),
    onSuccess: () => {
      notifySuccess(t('invitations.revoked'));
    },
    onError: (error) => notifyError(error, t),
    onSettled: () => queryClient.invalidateQueries({ queryKey: invitationsKey }),
  });
  const revocation = useConfirmAction<Invitation>({
    title: t('invitations.revokeTitle'),
    describe: (target) => t('invitations.revokeConfirm', { email: target.email }),
    confirmLabel: t('invitations.revoke'),
    mutation: revoke,
  });
  return { invitations, revocation };
}

export function InvitationsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const invitationsKey = ['workspaces', workspace.id, 'invitations'];
  const { invitations, revocation } = useInvitations(invitationsKey);

  return (
    <Stack>
      <Title order={2}>{t('invitations.title')}</Title>
      <SmtpStatusPanel usage={t('invitations.emailUsage')} />
      <InviteForm invitationsKey={invitationsKey} />

      <Title order={4}>{t('invitations.listTitle')}</Title>
      <ListTable
        query={invitations}
        columns={[
          t('invitations.email'),
          t('invitations.role'),
          t('invitations.status'),
          t('invitations.emailColumn'),
          t('invitations.invitedBy'),
          t('invitations.expires'),
        ]}
        actions
        empty={t('invitations.empty')}
        minWidth={720}
        testId="invitations-table"
      >
        {(invitation) => (
          <InvitationRow key={invitation.id} invitation={invitation} onRevoke={() => revocation.ask(invitation)} />
        )}
      </ListTable>

      {revocation.modal}
    </Stack>
  );
}

function InvitationRow({ invitation, onRevoke }: { invitation: Invitation; onRevoke: () => void }) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const formatDateTime = useFormatDateTime();
  return (
    <Table.Tr data-testid="invitation-row">
      <Table.Td>{invitation.email}</Table.Td>
      <Table.Td>{t(`roles.${invitation.role}`)}</Table.Td>
      <Table.Td>
        <Badge color={STATUS_COLORS[invitation.status]} variant="light">
          {t(`invitations.statuses.${invitation.status}`)}
        </Badge>
      </Table.Td>
      <Table.Td>
        {invitation.emailDelivery ? (
          <Badge
            color={EMAIL_COLORS[invitation.emailDelivery.status]}
            variant="light"
            data-testid={`invitation-email-${invitation.emailDelivery.status}`}
          >
            {t(`invitations.emailStatuses.${invitation.emailDelivery.status}`, {
              code: invitation.emailDelivery.error ?? '',
            })}
          </Badge>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>{invitation.invitedBy?.name ?? '—'}</Table.Td>
      <Table.Td title={formatDateTime(invitation.expiresAt)}>{formatDate(invitation.expiresAt)}</Table.Td>
      <Table.Td>
        {invitation.status === 'pending' && (
          <Button
            size="xs"
            variant="subtle"
            color="red"
            onClick={onRevoke}
            data-testid={`write-invitation-revoke-${invitation.id}`}
          >
            {t('invitations.revoke')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
