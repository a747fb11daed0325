// The form that invites someone by email with a role, and the invitation link it gives back (to send by hand
// when no email goes out).
import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Invitation } from '../../api/types';
import { ErrorAlert, readFieldErrors } from '../../ui/api-errors';
import { CopyField } from '../../ui/copy-field';
import { isEmail } from '../auth/validation';
import { useRoleOptions } from '../workspaces/role-options';
import { isRole, type Role } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';

interface CreatedInvitation {
  invitation: Invitation;
  url: string;
}

/** The email and role typed, the address checked here, and the invitation created. */
function useInvite(invitationsKey: readonly unknown[]) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('contributor');
  const [emailError, setEmailError] = useState<string | undefined>();
  const [created, setCreated] = useState<CreatedInvitation | null>(null);

  const invite = useMutation({
    mutationFn: () =>
      api.post<CreatedInvitation>(`/api/workspaces/${workspace.id}/invitations`, { email: email.trim(), role }),
    onSuccess: (result) => {
      setCreated(result);
      setEmail('');
      void queryClient.invalidateQueries({ queryKey: invitationsKey });
    },
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
  return { email, setEmail, role, setRole, emailError, created, invite, submit };
}

export function InviteForm({ invitationsKey }: { invitationsKey: readonly unknown[] }) {
  const { t } = useTranslation();
  const roleOptions = useRoleOptions();
  const { email, setEmail, role, setRole, emailError, created, invite, submit } = useInvite(invitationsKey);
  const fieldErrors = readFieldErrors(invite.error);
  return (
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
      {created && <InviteResult created={created} />}
    </Paper>
  );
}

/** The link of the invitation just made, and whether it was emailed. */
function InviteResult({ created }: { created: CreatedInvitation }) {
  const { t } = useTranslation();
  return (
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
  );
}
