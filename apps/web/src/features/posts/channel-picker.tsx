// Multi-select of the channels a post goes to, with each one's network and health.
import { Group, MultiSelect, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../api/types';
import { NetworkIcon } from '../channels/channel-label';
import { ChannelStatusBadge } from '../channels/channel-status-badge';
import { describeNetwork } from '../channels/networks';

interface ChannelPickerProps {
  channels: Channel[];
  value: string[];
  onChange: (channelIds: string[]) => void;
  disabled: boolean;
  testId: string;
}

export function ChannelPicker({ channels, value, onChange, disabled, testId }: ChannelPickerProps) {
  const { t } = useTranslation();
  const byId = new Map(channels.map((channel) => [channel.id, channel]));
  const data = channels
    // A disconnected channel cannot be picked again, but stays visible where a post already uses it.
    .filter((channel) => channel.status !== 'disabled' || value.includes(channel.id))
    .map((channel) => ({
      value: channel.id,
      label: `${describeNetwork(channel.network).label} · ${channel.name}`,
      disabled: channel.status === 'disabled',
    }));

  return (
    <MultiSelect
      label={t('composer.channels')}
      placeholder={value.length === 0 ? t('composer.channelsPlaceholder') : undefined}
      data={data}
      value={value}
      onChange={onChange}
      disabled={disabled}
      searchable
      hidePickedOptions={false}
      nothingFoundMessage={t('composer.noChannels')}
      renderOption={({ option }) => {
        const channel = byId.get(option.value);
        if (!channel) return option.label;
        return (
          <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
            <Group gap={6} wrap="nowrap">
              <NetworkIcon network={channel.network} />
              <Text size="sm">{channel.name}</Text>
            </Group>
            {channel.status !== 'active' && <ChannelStatusBadge status={channel.status} />}
          </Group>
        );
      }}
      data-testid={testId}
    />
  );
}
