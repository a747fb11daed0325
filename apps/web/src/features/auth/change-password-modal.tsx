// Changing one's own password from the user menu: the current one, then the new one twice. The server ends
// the person's other sessions; this one stays.
import { Button, Group, Modal, Stack } from '@mantine/core';
import { PasswordInput } from '../../ui/password-input';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import { describeError, ErrorAlert, notifySuccess } from '../../ui/api-errors';
import { checkNewPassword, NewPasswordFields, type NewPassword } from './new-password-fields';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [value, setValue] = useState<NewPassword>({ password: '', confirm: '' });
  const [local, setLocal] = useState<ReturnType<typeof checkNewPassword> & { current?: boolean }>({});

  const close = () => {
    setCurrent('');
    setValue({ password: '', confirm: '' });
    setLocal({});
    change.reset();
    onClose();
  };
  const change = useMutation({
    mutationFn: () => api.post<null>('/api/me/password', { currentPassword: current, newPassword: value.password }),
    onSuccess: () => {
      notifySuccess(t('password.changed'));
      close();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problems = { ...checkNewPassword(value), ...(current === '' ? { current: true } : {}) };
    setLocal(problems);
    if (!problems.password && !problems.confirm && !problems.current) change.mutate();
  };

  const code = isApiError(change.error) ? change.error.code : undefined;
  return (
    <Modal opened={opened} onClose={close} title={t('password.change')} centered>
      <form onSubmit={submit} noValidate data-testid="change-password-form">
        <Stack>
          {change.error && code !== 'weak_password' && code !== 'wrong_password' && <ErrorAlert error={change.error} />}
          <PasswordInput
            label={t('password.current')}
            autoComplete="current-password"
            value={current}
            onChange={(event) => setCurrent(event.currentTarget.value)}
            error={
              local.current
                ? t('validation.required')
                : code === 'wrong_password'
                  ? t('errors.wrong_password')
                  : undefined
            }
            data-testid="change-password-current"
            data-autofocus
          />
          <NewPasswordFields
            value={value}
            onChange={setValue}
            errors={{
              password: local.password
                ? t(local.password)
                : code === 'weak_password'
                  ? describeError(change.error, t)
                  : undefined,
              confirm: local.confirm && t(local.confirm),
            }}
            testId="change-password"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={change.isPending} data-testid="change-password-submit">
              {t('password.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
