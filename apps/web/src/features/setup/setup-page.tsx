// First-run form: creates the organisation, its first workspace and the owner account.
import { Button, SegmentedControl, Stack, Text, TextInput, Title, Input } from '@mantine/core';
import { PasswordInput } from '../../ui/password-input';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Locale, User } from '../../api/types';
import { applyLocale, getCurrentLocale, isLocale } from '../../i18n';
import { ErrorAlert, readFieldErrors } from '../../ui/api-errors';
import { startSession } from '../auth/session';
import { PublicLayout } from '../shell/public-layout';
import { setupQueryKey } from './setup-status';
import { MIN_PASSWORD_LENGTH, isEmail } from '../auth/validation';

interface SetupResponse {
  user: User;
  workspace: { id: string; name: string };
  csrfToken: string;
}

type SetupField = 'organisation' | 'workspace' | 'name' | 'email' | 'password';

export function SetupPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<Record<SetupField, string>>({
    organisation: '',
    workspace: '',
    name: '',
    email: '',
    password: '',
  });
  const [locale, setLocale] = useState<Locale>(getCurrentLocale());
  const [localErrors, setLocalErrors] = useState<Partial<Record<SetupField, string>>>({});

  const setup = useMutation({
    mutationFn: () =>
      api.post<SetupResponse>('/api/setup', {
        organisation: values.organisation.trim(),
        workspace: values.workspace.trim(),
        name: values.name.trim(),
        email: values.email.trim(),
        password: values.password,
        locale,
      }),
    onSuccess: async (result) => {
      queryClient.setQueryData(setupQueryKey, { needed: false });
      await startSession(queryClient, result.csrfToken);
      void navigate(`/w/${result.workspace.id}/today`, { replace: true });
    },
  });

  const serverErrors = readFieldErrors(setup.error);
  const errorFor = (field: SetupField) => localErrors[field] ?? serverErrors[field];
  const bind = (field: SetupField) => ({
    value: values[field],
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const value = event.currentTarget.value;
      setValues((current) => ({ ...current, [field]: value }));
    },
    error: errorFor(field),
    'data-testid': `setup-${field}`,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const errors: Partial<Record<SetupField, string>> = {};
    for (const field of ['organisation', 'workspace', 'name', 'email'] as const) {
      if (values[field].trim() === '') errors[field] = t('validation.required');
    }
    if (!errors.email && !isEmail(values.email)) errors.email = t('validation.email');
    if (values.password.length < MIN_PASSWORD_LENGTH) errors.password = t('validation.passwordLength');
    setLocalErrors(errors);
    if (Object.keys(errors).length === 0) setup.mutate();
  };

  const chooseLocale = (value: string) => {
    if (!isLocale(value)) return;
    setLocale(value);
    // The form itself switches language right away so the choice is obvious.
    void applyLocale(value);
  };

  return (
    <PublicLayout>
      <form onSubmit={submit} noValidate data-testid="setup-form">
        <Stack>
          <div>
            <Title order={2}>{t('setup.title')}</Title>
            <Text c="dimmed" size="sm" mt={4}>
              {t('setup.intro')}
            </Text>
          </div>
          {setup.error && <ErrorAlert error={setup.error} />}
          <TextInput
            label={t('setup.organisation')}
            placeholder={t('setup.organisationPlaceholder')}
            {...bind('organisation')}
            autoFocus
          />
          <TextInput
            label={t('setup.workspace')}
            placeholder={t('setup.workspacePlaceholder')}
            {...bind('workspace')}
          />
          <TextInput label={t('setup.name')} autoComplete="name" {...bind('name')} />
          <TextInput label={t('setup.email')} type="email" autoComplete="email" {...bind('email')} />
          <PasswordInput
            label={t('setup.password')}
            description={t('setup.passwordHint')}
            autoComplete="new-password"
            {...bind('password')}
          />
          <Input.Wrapper label={t('setup.language')}>
            <SegmentedControl
              fullWidth
              mt={4}
              value={locale}
              onChange={chooseLocale}
              data={[
                { value: 'fr', label: t('language.fr') },
                { value: 'en', label: t('language.en') },
              ]}
              data-testid="setup-locale"
            />
          </Input.Wrapper>
          <Button type="submit" loading={setup.isPending} data-testid="setup-submit">
            {t('setup.submit')}
          </Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}
