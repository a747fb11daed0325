// Shown while any channel needs reconnecting, in the header and beside "Canaux": its scheduled
// posts would otherwise fail without anyone looking at the Channels page.
import { Badge, Box } from '@mantine/core';
import { IconPlugConnectedX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { useChannels } from './use-channels';

function useBrokenChannelCount(workspaceId: string): number {
  const channels = useChannels(workspaceId);
  return channels.data?.items.filter((channel) => channel.status === 'needs_reconnect').length ?? 0;
}

export function ChannelHealthBadge({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const broken = useBrokenChannelCount(workspaceId);
  if (broken === 0) return null;
  const label = t('header.channelsNeedReconnect', { count: broken });
  return (
    <Badge
      component={Link}
      to={`/w/${workspaceId}/channels`}
      color="red"
      variant="filled"
      size="lg"
      tt="none"
      leftSection={<IconPlugConnectedX size={14} />}
      style={{ cursor: 'pointer' }}
      aria-label={label}
      data-testid="channel-health-badge"
    >
      {/* On a phone the header has room for the number only; the label above still says it all. */}
      <Box component="span" visibleFrom="sm">
        {label}
      </Box>
      <Box component="span" hiddenFrom="sm" aria-hidden>
        {broken}
      </Box>
    </Badge>
  );
}

export function ChannelHealthCount({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const broken = useBrokenChannelCount(workspaceId);
  if (broken === 0) return null;
  return (
    <Badge color="red" size="xs" circle aria-label={t('header.channelsNeedReconnect', { count: broken })}>
      {broken}
    </Badge>
  );
}
