// Locale-aware formatting so dates follow the language the user picked, not the
// browser default.
import { useTranslation } from 'react-i18next';

/** Pass the workspace's zone for times that belong to it (a post's schedule); omit for the browser's. */
export function useFormatDateTime(timeZone?: string): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const formatter = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  });
  return (iso) => {
    if (!iso) return '—';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
  };
}

export function useFormatDate(): (iso: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const formatter = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  return (iso) => {
    if (!iso) return '—';
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
  };
}
