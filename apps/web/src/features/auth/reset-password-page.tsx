// Landing page of a password reset link (by email or from an admin): choose a new password, then log in.
import { Alert, Anchor, Button, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, isApiError } from '../../api/client';
import { describeError, ErrorAlert } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { PublicLayout } from '../shell/public-layout';
import { checkNewPassword, NewPasswordFields, type NewPassword } from './new-password-fields';

export function ResetPasswordPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation();
  const path = `/api/password-resets/${encodeURIComponent(token)}`;
  const [value, setValue] = useState<NewPassword>({ password: '', confirm: '' });
  const [local, setLocal] = useState<ReturnType<typeof checkNewPassword>>({});

  const link = useQuery({
    queryKey: ['password-reset', token],
    queryFn: () => api.get<{ email: string; expiresAt: string }>(path),
    retry: false,
  });
  const reset = useMutation({ mutationFn: () => api.post<null>(path, { password: value.password }) });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = checkNewPassword(value);
    setLocal(problems);
    if (!problems.password && !problems.confirm) reset.mutate();
  };

  const toLogin = (email?: string) => (
    <Anchor
      component={Link}
      to={email ? `/login?email=${encodeURIComponent(email)}` : '/login'}
      size="sm"
      data-testid="reset-to-login"
    >
      {t('password.backToLogin')}
    </Anchor>
  );

  // The server's verdict on the password shows under the field; other errors above the form.
  const weak = isApiError(reset.error) && reset.error.code === 'weak_password';
  const unusable = isApiError(link.error) && [400, 410].includes(link.error.status);

  return (
    <PublicLayout>
      <Stack>
        <Title order={2}>{t('password.resetTitle')}</Title>
        {link.isPending && <PageLoader />}
        {link.isError &&
          (unusable ? (
            <Alert color="orange" icon={<IconInfoCircle size={18} />} data-testid="reset-invalid">
              {t('errors.reset_link_invalid')}
            </Alert>
          ) : (
            <ErrorAlert error={link.error} onRetry={() => void link.refetch()} />
          ))}
        {link.data && reset.isSuccess && (
          <Alert color="teal" icon={<IconCircleCheck size={18} />} data-testid="reset-done">
            {t('password.resetDone')}
          </Alert>
        )}
        {link.data && !reset.isSuccess && (
          <form onSubmit={submit} noValidate data-testid="reset-form">
            <Stack>
              <Text size="sm" c="dimmed" data-testid="reset-email">
                {t('password.resetFor', { email: link.data.email })}
              </Text>
              {reset.error && !weak && <ErrorAlert error={reset.error} />}
              <NewPasswordFields
                value={value}
                onChange={setValue}
                errors={{
                  password: local.password ? t(local.password) : weak ? describeError(reset.error, t) : undefined,
                  confirm: local.confirm && t(local.confirm),
                }}
                testId="reset"
              />
              <Button type="submit" loading={reset.isPending} data-testid="reset-submit">
                {t('password.submit')}
              </Button>
            </Stack>
          </form>
        )}
        {toLogin(link.data?.email)}
      </Stack>
    </PublicLayout>
  );
}
