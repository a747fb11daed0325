// Admin page: invite people by email and follow up on sent invitations.
import { Alert, Badge, Button, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Invitation, InvitationStatus, Page } from '../../api/types';
import { useConfirmAction } from '../../ui/confirm-action';
import { CopyField } from '../../ui/copy-field';
import { ErrorAlert, notifyError, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { ListTable } from '../../ui/list-table';
import { useFormatDate, useFormatDateTime } from '../../ui/format';
import { isEmail } from '../auth/validation';
import { useRoleOptions } from '../workspaces/role-options';
import { isRole, type Role } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';
import { SmtpStatusPanel } from '../mail/smtp-status';

const EMAIL_COLORS = { queued: 'gray', sent: 'teal', failed: 'red' } as const;

const STATUS_COLORS: Record<InvitationStatus, string> = {
  pending: 'blue',
  accepted: 'teal',
  revoked: 'gray',
  expired: 'orange',
};

interface CreatedInvitation {
  invitation: Invitation;
  url: string;
}

export function InvitationsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const formatDateTime = useFormatDateTime();
  const roleOptions = useRoleOptions();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('contributor');
  const [emailError, setEmailError] = useState<string | undefined>();
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const invitationsKey = ['workspaces', workspace.id, 'invitations'];

  const invitations = useQuery({
    queryKey: invitationsKey,
    queryFn: () => api.get<Page<Invitation>>(`/api/workspaces/${workspace.id}/invitations`),
  });

  const invite = useMutation({
    mutationFn: () =>
      api.post<CreatedInvitation>(`/api/workspaces/${workspace.id}/invitations`, { email: email.trim(), role }),
    onSuccess: (result) => {
      setCreated(result);
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: invitationsKey });
    },
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

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const error = email.trim() === '' ? t('validation.required') : !isEmail(email) ? t('validation.email') : undefined;
    setEmailError(error);
    if (!error) {
      setCreated(null);
      invite.mutate();
    }
  };

  const fieldErrors = readFieldErrors(invite.error);
  return (
    <Stack>
      <Title order={2}>{t('invitations.title')}</Title>
      <SmtpStatusPanel usage={t('invitations.emailUsage')} />

      <Paper withBorder p="md" radius="md">
        <form onSubmit={submit} noValidate data-testid="invite-form">
          <Stack>
            <Title order={4}>{t('invitations.inviteTitle')}</Title>
            {invite.error && <ErrorAlert error={invite.error} />}
            <Group align="flex-start" grow preventGrowOverflow={false}>
              <TextInput
                label={t('invitations.email')}
                type="email"
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={emailError ?? fieldErrors.email}
                data-testid="write-invite-email"
              />
              <Select
                label={t('invitations.role')}
                data={roleOptions}
                value={role}
                onChange={(value) => isRole(value) && setRole(value)}
                allowDeselect={false}
                error={fieldErrors.role}
                data-testid="write-invite-role"
              />
            </Group>
            <Group justify="flex-end">
              <Button type="submit" loading={invite.isPending} data-testid="write-invite-submit">
                {t('invitations.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
        {created && (
          <Alert
            color="teal"
            icon={<IconCheck size={18} />}
            title={t('invitations.linkTitle')}
            mt="md"
            data-testid="invite-result"
          >
            <Stack gap="xs">
              <Text size="sm">
                {t(created.invitation.emailDelivery ? 'invitations.linkHintEmailed' : 'invitations.linkHint', {
                  email: created.invitation.email,
                })}
              </Text>
              <CopyField label={t('invitations.linkLabel')} value={created.url} testId="invite-link" />
            </Stack>
          </Alert>
        )}
      </Paper>

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
          <Table.Tr key={invitation.id} data-testid="invitation-row">
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
                  onClick={() => revocation.ask(invitation)}
                  data-testid={`write-invitation-revoke-${invitation.id}`}
                >
                  {t('invitations.revoke')}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        )}
      </ListTable>

      {revocation.modal}
    </Stack>
  );
}
