// Turns ApiError instances into words people can act on, either as a toast,
// an inline alert, or messages attached to the form fields the server blamed.
import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import i18next, { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import fr from '../i18n/fr.json';
import { describeIssue } from './server-text';

type KnownErrorCode = keyof typeof fr.errors;

function isKnownErrorCode(code: string): code is KnownErrorCode {
  return Object.hasOwn(fr.errors, code);
}

export function describeError(error: unknown, t: TFunction): string {
  // Not from the server: the app's own words (pages pass `new Error(t(…))`), already translated.
  if (!isApiError(error)) return error instanceof Error ? error.message : t('errors.unknown', { code: 'client' });
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
  const [issue] = error.issues;
  // A refused field says which problem, in the person's language (the form may also show it beside the field).
  if (error.code === 'validation_failed' && issue) return describeIssue(issue, t);
  if (isKnownErrorCode(error.code)) return t(`errors.${error.code}`, { code: error.code });
  // The server's `message` is English for API users: an unknown code is named, never its text shown.
  return t('errors.unknown', { code: error.code });
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
 * Maps validation issues such as `{path: "body.email", code: "invalid_format"}` to `{email: "Adresse e-mail
 * invalide."}` so forms can show them beside the matching input, in the current language.
 */
export function readFieldErrors(error: unknown): Record<string, string> {
  if (!isApiError(error)) return {};
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.replace(/^body\./, '');
    // The app's i18next instance (i18n/index.ts initialises it): the current language.
    fields[field] ??= describeIssue(issue, i18next.t);
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
