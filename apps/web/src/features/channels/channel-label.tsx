// How a channel is named on screen: its network's icon, then the account name.
import { Group, Text, Tooltip } from '@mantine/core';
import type { Channel } from '../../api/types';
import { describeNetwork } from './networks';

export function NetworkIcon({ network, size = 16 }: { network: string; size?: number }) {
  const profile = describeNetwork(network);
  return <profile.icon size={size} aria-label={profile.label} role="img" style={{ flexShrink: 0 }} />;
}

export function ChannelLabel({ channel, size = 'sm' }: { channel: Channel; size?: 'xs' | 'sm' }) {
  return (
    <Group gap={6} wrap="nowrap">
      <NetworkIcon network={channel.network} size={size === 'xs' ? 14 : 16} />
      <Text size={size} truncate>
        {channel.name}
      </Text>
    </Group>
  );
}

/** A row of network icons, e.g. the channels of a post in a table or on the calendar. */
export function ChannelIcons({ channels, size = 14 }: { channels: Channel[]; size?: number }) {
  return (
    <Group gap={4} wrap="nowrap">
      {channels.map((channel) => (
        <Tooltip key={channel.id} label={`${describeNetwork(channel.network).label} · ${channel.name}`} withArrow>
          <span style={{ display: 'inline-flex' }}>
            <NetworkIcon network={channel.network} size={size} />
          </span>
        </Tooltip>
      ))}
    </Group>
  );
}
