// Login screen (POST /api/auth/login).
import { Anchor, Button, Stack, TextInput, Title } from '@mantine/core';
import { PasswordInput } from '../../ui/password-input';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { ErrorAlert, readFieldErrors } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { PublicLayout } from '../shell/public-layout';
import { readSafeNext } from './require-session';
import { startSession, useSession } from './session';

export interface LoginResponse {
  user: User;
  csrfToken: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [searchParams] = useSearchParams();
  const next = readSafeNext(searchParams.get('next'));
  const [email, setEmail] = useState(searchParams.get('email') ?? '');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<{ email?: boolean; password?: boolean }>({});

  const login = useMutation({
    mutationFn: () => api.post<LoginResponse>('/api/auth/login', { email: email.trim(), password }),
    onSuccess: async (result) => {
      await startSession(queryClient, result.csrfToken);
      void navigate(next, { replace: true });
    },
  });

  if (session.isPending) return <PageLoader />;
  if (session.data && !login.isPending) return <Navigate to={next} replace />;

  const fieldErrors = readFieldErrors(login.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const nextMissing = { email: email.trim() === '', password: password === '' };
    setMissing(nextMissing);
    if (nextMissing.email || nextMissing.password) return;
    login.mutate();
  };

  return (
    <PublicLayout>
      <form onSubmit={submit} noValidate data-testid="login-form">
        <Stack>
          <Title order={2}>{t('login.title')}</Title>
          {login.error && <ErrorAlert error={login.error} />}
          <TextInput
            label={t('login.email')}
            type="email"
            autoComplete="username"
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={missing.email ? t('validation.required') : fieldErrors.email}
            data-testid="login-email"
            autoFocus
          />
          <PasswordInput
            label={t('login.password')}
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={missing.password ? t('validation.required') : fieldErrors.password}
            data-testid="login-password"
          />
          <Anchor component={Link} to="/forgot-password" size="sm" data-testid="login-forgot">
            {t('login.forgot')}
          </Anchor>
          <Button type="submit" loading={login.isPending} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
