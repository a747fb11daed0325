// Mantine's PasswordInput with its show/hide button named in the person's language (Mantine's own label is
// the English "Toggle password visibility").
import { PasswordInput as MantinePasswordInput, type PasswordInputProps } from '@mantine/core';
import { forwardRef } from 'react';
import { useTranslation } from 'react-i18next';

export const PasswordInput = forwardRef<HTMLInputElement, PasswordInputProps>(function PasswordInput(props, ref) {
  const { t } = useTranslation();
  return (
    <MantinePasswordInput
      ref={ref}
      {...props}
      visibilityToggleButtonProps={{ 'aria-label': t('common.togglePassword'), ...props.visibilityToggleButtonProps }}
    />
  );
});
