// Turns ApiError instances into words people can act on, either as a toast,
// an inline alert, or messages attached to the form fields the server blamed.
import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import fr from '../i18n/fr.json';

type KnownErrorCode = keyof typeof fr.errors;

function isKnownErrorCode(code: string): code is KnownErrorCode {
  return Object.hasOwn(fr.errors, code);
}

export function describeError(error: unknown, t: TFunction): string {
  if (!isApiError(error)) {
    return error instanceof Error ? error.message : t('errors.unknown', { code: 'client' });
  }
  if (error.code === 'rate_limited') {
    const retryAfter = (error.details as { retryAfter?: unknown } | undefined)?.retryAfter;
    if (typeof retryAfter === 'number') {
      return t('login.rateLimited', { seconds: Math.ceil(retryAfter) });
    }
  }
  if (error.code === 'weak_password') {
    const reason = (error.details as { reason?: unknown } | undefined)?.reason;
    if (reason === 'too_short' || reason === 'common' || reason === 'personal') return t(`password.weak.${reason}`);
  }
  if (error.code === 'address_not_allowed') {
    const host = (error.details as { host?: unknown } | undefined)?.host;
    if (typeof host === 'string') return t('errors.address_not_allowed_host', { host });
  }
  if (isKnownErrorCode(error.code)) return t(`errors.${error.code}`, { code: error.code });
  if (error.issues.length > 0) return t('errors.validation_failed');
  // Unknown codes still carry the server's own message, which beats a generic one.
  return error.message || t('errors.unknown', { code: error.code });
}

export function notifyError(error: unknown, t: TFunction): void {
  notifications.show({
    color: 'red',
    title: t('errors.title'),
    message: describeError(error, t),
    icon: <IconAlertTriangle size={18} />,
  });
}

export function notifySuccess(message: string): void {
  notifications.show({ color: 'teal', message });
}

/**
 * Maps validation issues such as `{path: "body.email"}` to `{email: message}`
 * so forms can show them beside the matching input.
 */
export function readFieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.replace(/^body\./, '');
    fields[field] ??= issue.message;
  }
  return fields;
}

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
}

export function ErrorAlert({ error, onRetry }: ErrorAlertProps) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" icon={<IconAlertTriangle size={18} />} title={t('errors.title')} data-testid="error-alert">
      <Group justify="space-between" gap="sm">
        <Text size="sm">{describeError(error, t)}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        )}
      </Group>
    </Alert>
  );
}
