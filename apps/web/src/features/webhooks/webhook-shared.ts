// What the webhook screens share: the cache keys of the webhook list and of an endpoint's deliveries, the check of
// an endpoint's address, and the label of an event.
import { useTranslation } from 'react-i18next';

export function webhooksKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'webhooks'] as const;
}

export function deliveriesKey(workspaceId: string, webhookId: string) {
  return ['workspaces', workspaceId, 'webhooks', webhookId, 'deliveries'] as const;
}

export function isHttpUrl(value: string): boolean {
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

export /** French/English label of an event, falling back to its technical name for newer events. */
function useEventLabel(): (event: string) => string {
  const { t } = useTranslation();
  return (event) =>
    t(`webhooks.eventLabels.${event.replace(/\./g, '__')}` as 'webhooks.eventLabels.ping', { defaultValue: event });
}
