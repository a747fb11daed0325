// "Forgot your password?": asks for a reset email when the server can send one, otherwise says to ask an admin.
import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconInfoCircle, IconMailCheck } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorAlert } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { PublicLayout } from '../shell/public-layout';
import { isEmail } from './validation';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [invalid, setInvalid] = useState(false);
  const availability = useQuery({
    queryKey: ['password-reset', 'availability'],
    queryFn: () => api.get<{ byEmail: boolean }>('/api/auth/password-reset'),
  });
  const request = useMutation({
    mutationFn: () => api.post<null>('/api/auth/password-reset', { email: email.trim() }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const wrong = !isEmail(email);
    setInvalid(wrong);
    if (!wrong) request.mutate();
  };

  const backToLogin = (
    <Anchor component={Link} to="/login" size="sm" data-testid="forgot-back">
      {t('password.backToLogin')}
    </Anchor>
  );

  return (
    <PublicLayout>
      <Stack>
        <Title order={2}>{t('password.forgotTitle')}</Title>
        {availability.isPending && <PageLoader />}
        {availability.isError && <ErrorAlert error={availability.error} onRetry={() => void availability.refetch()} />}
        {availability.data?.byEmail === false && (
          <Alert color="blue" icon={<IconInfoCircle size={18} />} data-testid="forgot-ask-admin">
            {t('password.askAdmin')}
          </Alert>
        )}
        {availability.data?.byEmail === true && request.isSuccess && (
          <Alert color="teal" icon={<IconMailCheck size={18} />} data-testid="forgot-sent">
            {t('password.sent')}
          </Alert>
        )}
        {availability.data?.byEmail === true && !request.isSuccess && (
          <form onSubmit={submit} noValidate data-testid="forgot-form">
            <Stack>
              <Text size="sm" c="dimmed">
                {t('password.forgotIntro')}
              </Text>
              {request.error && <ErrorAlert error={request.error} />}
              <TextInput
                label={t('password.email')}
                type="email"
                autoComplete="username"
                value={email}
                onChange={(event) => setEmail(event.currentTarget.value)}
                error={invalid ? t('validation.email') : undefined}
                data-testid="forgot-email"
                autoFocus
              />
              <Button type="submit" loading={request.isPending} data-testid="forgot-submit">
                {t('password.send')}
              </Button>
            </Stack>
          </form>
        )}
        {backToLogin}
      </Stack>
    </PublicLayout>
  );
}
