// Coming back from a network's OAuth consent screen. The server redirects to
// `/w/:ws/channels?connected=<channelId>` on success (handled by the Channels page) or to
// `/?oauthError=<code>` on failure: that one is announced on whatever page the user lands on.
import { notifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router-dom';

const KNOWN_CODES = ['not_found', 'forbidden', 'channel_refused', 'channel_unavailable', 'access_denied'] as const;
type KnownCode = (typeof KNOWN_CODES)[number];

function isKnownCode(code: string): code is KnownCode {
  return (KNOWN_CODES as readonly string[]).includes(code);
}

/** Shows `?oauthError=` as a notification once, then drops it from the address. */
export function useOAuthErrorNotice(): void {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const handled = useRef<string | null>(null);

  useEffect(() => {
    const params = new URLSearchParams(location.search);
    const code = params.get('oauthError');
    if (code === null) return;
    // StrictMode runs effects twice, and `/` redirects: announce each return only once.
    if (handled.current !== location.key) {
      handled.current = location.key;
      notifications.show({
        color: 'red',
        title: t('channels.oauthErrorTitle'),
        message: isKnownCode(code) ? t(`channels.oauthErrors.${code}`) : t('channels.oauthErrors.generic', { code }),
        autoClose: 10_000,
      });
    }
    params.delete('oauthError');
    const search = params.toString();
    void navigate({ pathname: location.pathname, search: search ? `?${search}` : '' }, { replace: true });
  }, [location, navigate, t]);
}
