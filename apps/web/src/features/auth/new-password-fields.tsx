// A new password typed twice, with the length checked before sending; the server judges the rest.

import { PasswordInput } from '../../ui/password-input';
import { useTranslation } from 'react-i18next';
import { MIN_PASSWORD_LENGTH } from './validation';

export interface NewPassword {
  password: string;
  confirm: string;
}

/** The message for the first problem of each field, or nothing when both look right. */
export function checkNewPassword(value: NewPassword): {
  password?: 'validation.passwordLength';
  confirm?: 'validation.passwordMismatch';
} {
  if ([...value.password].length < MIN_PASSWORD_LENGTH) return { password: 'validation.passwordLength' };
  if (value.password !== value.confirm) return { confirm: 'validation.passwordMismatch' };
  return {};
}

interface NewPasswordFieldsProps {
  value: NewPassword;
  onChange: (value: NewPassword) => void;
  /** i18n keys from checkNewPassword, or a message from the server for the password. */
  errors: { password?: string | undefined; confirm?: string | undefined };
  testId: string;
}

export function NewPasswordFields({ value, onChange, errors, testId }: NewPasswordFieldsProps) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordInput
        label={t('password.newPassword')}
        description={t('setup.passwordHint')}
        autoComplete="new-password"
        value={value.password}
        onChange={(event) => onChange({ ...value, password: event.currentTarget.value })}
        error={errors.password}
        data-testid={`${testId}-password`}
      />
      <PasswordInput
        label={t('password.confirm')}
        autoComplete="new-password"
        value={value.confirm}
        onChange={(event) => onChange({ ...value, confirm: event.currentTarget.value })}
        error={errors.confirm}
        data-testid={`${testId}-confirm`}
      />
    </>
  );
}
