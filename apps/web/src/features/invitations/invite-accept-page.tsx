// Public landing page of an invitation link: create an account or log in, then join.
import { Alert, Anchor, Button, Divider, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { PasswordInput } from '../../ui/password-input';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, isApiError, setCsrfToken } from '../../api/client';
import type { PublicInvitation, User } from '../../api/types';
import { getCurrentLocale } from '../../i18n';
import { ErrorAlert, readFieldErrors } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import type { LoginResponse } from '../auth/login-page';
import { startSession, useLogout, useSession } from '../auth/session';
import { MIN_PASSWORD_LENGTH } from '../auth/validation';
import { PublicLayout } from '../shell/public-layout';

interface AcceptResponse {
  user: User;
  workspaceId: string;
  csrfToken: string;
}

type AcceptBody = { name: string; password: string } | Record<string, never>;

export function InviteAcceptPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const session = useSession();
  const invitationPath = `/api/invitations/${encodeURIComponent(token)}`;

  const invitation = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<PublicInvitation>(invitationPath),
    retry: false,
  });

  if (invitation.isPending || session.isPending) {
    return (
      <PublicLayout>
        <PageLoader />
      </PublicLayout>
    );
  }

  if (invitation.isError) {
    return <InvitationLoadError error={invitation.error} onRetry={() => void invitation.refetch()} />;
  }

  const details = invitation.data;

  return (
    <PublicLayout>
      <Stack>
        <Title order={2}>{t('invite.title')}</Title>
        <Text data-testid="invite-intro">
          {t('invite.intro', { organisation: details.organisation.name, workspace: details.workspace.name })}
        </Text>
        <Stack gap={4}>
          <DetailLine label={t('invite.email')} value={details.email} testId="invite-email" />
          <DetailLine label={t('invite.role')} value={t(`roles.${details.role}`)} testId="invite-role" />
          {details.status === 'pending' && (
            <Text size="xs" c="dimmed">
              {t('invite.expires', { date: formatDateTime(details.expiresAt) })}
            </Text>
          )}
        </Stack>
        <Divider />
        <InvitationNextStep details={details} invitationPath={invitationPath} />
      </Stack>
    </PublicLayout>
  );
}

// A link that does not open: unknown (or malformed) token, or another error to retry.
function InvitationLoadError({ error, onRetry }: { error: Error; onRetry: () => void }) {
  const { t } = useTranslation();
  // A 400 here means the token is malformed (truncated link), which to the reader is the same as unknown.
  const notFound = isApiError(error) && [400, 404].includes(error.status);
  return (
    <PublicLayout>
      <Stack>
        <Title order={2}>{t('invite.title')}</Title>
        {notFound ? (
          <Alert color="orange" icon={<IconInfoCircle size={18} />} data-testid="invite-unavailable">
            {t('invite.notFound')}
          </Alert>
        ) : (
          <ErrorAlert error={error} onRetry={onRetry} />
        )}
        <LoginLink />
      </Stack>
    </PublicLayout>
  );
}

// What the reader does next, from the invitation's status, the account invited and who is logged in.
function InvitationNextStep({ details, invitationPath }: { details: PublicInvitation; invitationPath: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const currentUser = session.data?.user;
  return details.status !== 'pending' ? (
    <>
      <Alert color="orange" icon={<IconInfoCircle size={18} />} data-testid="invite-unavailable">
        {t(`invite.status.${details.status}`)}
      </Alert>
      <LoginLink />
    </>
  ) : currentUser && currentUser.email.toLowerCase() !== details.email.toLowerCase() ? (
    // The server refuses to attach an invitation to a different logged-in account.
    <WrongAccount current={currentUser.email} invited={details.email} />
  ) : !details.userExists ? (
    <NewAccountForm invitationPath={invitationPath} />
  ) : currentUser ? (
    <ExistingAccountAccept invitationPath={invitationPath} email={currentUser.email} />
  ) : (
    <LoginThenAccept invitationPath={invitationPath} email={details.email} />
  );
}

function DetailLine({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="sm" c="dimmed" miw={120}>
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId}>
        {value}
      </Text>
    </Group>
  );
}

function LoginLink() {
  const { t } = useTranslation();
  return (
    <Anchor component={Link} to="/login" size="sm">
      {t('invite.goToLogin')}
    </Anchor>
  );
}

/** Shared accept call; on success the server has set the session cookie for the invited user. */
function useAcceptInvitation(invitationPath: string) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: async ({ body, login }: { body: AcceptBody; login?: { email: string; password: string } }) => {
      if (login) {
        const loggedIn = await api.post<LoginResponse>('/api/auth/login', login);
        setCsrfToken(loggedIn.csrfToken);
      }
      return api.post<AcceptResponse>(`${invitationPath}/accept`, body);
    },
    onSuccess: async (result, { login }) => {
      setCsrfToken(result.csrfToken);
      const locale = getCurrentLocale();
      if (!login && result.user.locale !== locale) {
        // A brand-new account starts with the server default; keep the language used on this page instead.
        await api.patch<unknown>('/api/me', { locale }).catch(() => undefined);
      }
      await startSession(queryClient, result.csrfToken);
      void navigate(`/w/${result.workspaceId}/today`, { replace: true });
    },
    onError: (error) => {
      // Expired/revoked/used: reload the invitation so the page explains its new status.
      if (isApiError(error) && error.status === 410) {
        void queryClient.invalidateQueries({ queryKey: ['invitation'] });
      }
    },
  });
}

function NewAccountForm({ invitationPath }: { invitationPath: string }) {
  const { t } = useTranslation();
  const accept = useAcceptInvitation(invitationPath);
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ name?: string; password?: string }>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next: { name?: string; password?: string } = {};
    if (name.trim() === '') next.name = t('validation.required');
    if (password.length < MIN_PASSWORD_LENGTH) next.password = t('validation.passwordLength');
    setErrors(next);
    if (!next.name && !next.password) accept.mutate({ body: { name: name.trim(), password } });
  };

  const serverErrors = readFieldErrors(accept.error);
  return (
    <form onSubmit={submit} noValidate data-testid="invite-new-account-form">
      <Stack>
        <Text size="sm">{t('invite.createAccount')}</Text>
        {accept.error && <ErrorAlert error={accept.error} />}
        <TextInput
          label={t('invite.name')}
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.currentTarget.value)}
          error={errors.name ?? serverErrors.name}
          data-testid="invite-name"
        />
        <PasswordInput
          label={t('invite.password')}
          description={t('setup.passwordHint')}
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={errors.password ?? serverErrors.password}
          data-testid="invite-password"
        />
        <Button type="submit" loading={accept.isPending} data-testid="invite-submit">
          {t('invite.submitNew')}
        </Button>
      </Stack>
    </form>
  );
}

function ExistingAccountAccept({ invitationPath, email }: { invitationPath: string; email: string }) {
  const { t } = useTranslation();
  const accept = useAcceptInvitation(invitationPath);
  return (
    <Stack>
      <Text size="sm">{t('invite.loggedInAs', { email })}</Text>
      {accept.error && <ErrorAlert error={accept.error} />}
      <Button onClick={() => accept.mutate({ body: {} })} loading={accept.isPending} data-testid="invite-accept">
        {t('invite.accept')}
      </Button>
    </Stack>
  );
}

function WrongAccount({ current, invited }: { current: string; invited: string }) {
  const { t } = useTranslation();
  const logout = useLogout();
  return (
    <Stack>
      <Alert color="orange" icon={<IconInfoCircle size={18} />}>
        {t('invite.wrongAccount', { current, email: invited })}
      </Alert>
      <Group>
        <Button
          variant="default"
          loading={logout.isPending}
          onClick={() => logout.mutate()}
          data-testid="invite-logout"
        >
          {t('header.logout')}
        </Button>
      </Group>
    </Stack>
  );
}

function LoginThenAccept({ invitationPath, email }: { invitationPath: string; email: string }) {
  const { t } = useTranslation();
  const accept = useAcceptInvitation(invitationPath);
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMissing(password === '');
    if (password !== '') accept.mutate({ body: {}, login: { email, password } });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="invite-login-form">
      <Stack>
        <Text size="sm">{t('invite.existingAccount')}</Text>
        {accept.error && <ErrorAlert error={accept.error} />}
        <TextInput
          label={t('login.email')}
          value={email}
          readOnly
          autoComplete="username"
          data-testid="invite-login-email"
        />
        <PasswordInput
          label={t('login.password')}
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          error={missing ? t('validation.required') : undefined}
          data-testid="invite-login-password"
          autoFocus
        />
        <Button type="submit" loading={accept.isPending} data-testid="invite-login-submit">
          {t('invite.submitLogin')}
        </Button>
      </Stack>
    </form>
  );
}
