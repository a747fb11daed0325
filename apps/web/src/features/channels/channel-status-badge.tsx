// A channel's health, as a badge.
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ChannelStatus } from '../../api/types';

const CHANNEL_COLORS: Record<ChannelStatus, string> = {
  active: 'green',
  needs_reconnect: 'red',
  disabled: 'gray',
};

export function ChannelStatusBadge({ status }: { status: ChannelStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={CHANNEL_COLORS[status]} variant="light" size="sm" tt="none" data-status={status}>
      {t(`channelStatus.${status}`)}
    </Badge>
  );
}
