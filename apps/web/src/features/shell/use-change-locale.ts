// Language switching: applied at once in the browser, and saved on the account
// when someone is logged in so their other devices follow.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Locale, Session } from '../../api/types';
import { applyLocale, getCurrentLocale } from '../../i18n';
import { notifyError } from '../../ui/api-errors';
import { sessionQueryKey, updateSessionUser, useSession } from '../auth/session';

export function useChangeLocale() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (locale: Locale) => api.patch<unknown>('/api/me', { locale }),
    // The UI keeps the new language even if saving fails; only the account copy is stale.
    onError: (error) => notifyError(error, t),
  });

  return (locale: Locale) => {
    const session = queryClient.getQueryData<Session | null>(sessionQueryKey);
    if (session && session.user.locale !== locale) {
      updateSessionUser(queryClient, { locale });
      save.mutate(locale);
    }
    void applyLocale(locale);
  };
}

/** When a session appears (login, reload, other device changed it), follow the account's language. */
export function useFollowAccountLocale(): void {
  const session = useSession();
  const accountLocale = session.data?.user.locale;
  useEffect(() => {
    if (accountLocale && accountLocale !== getCurrentLocale()) void applyLocale(accountLocale);
  }, [accountLocale]);
}
