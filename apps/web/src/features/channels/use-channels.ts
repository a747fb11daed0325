// The workspace's channels and the networks the server can connect, shared by the header badge,
// the Channels page, the composer and the calendar.
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { Channel, ChannelList } from '../../api/types';

export function channelsKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'channels'] as const;
}

export function useChannels(workspaceId: string) {
  return useQuery({
    queryKey: channelsKey(workspaceId),
    queryFn: () => api.get<ChannelList>(`/api/workspaces/${workspaceId}/channels`),
    staleTime: 30_000,
    // Health must stay visible: a token can expire while the page sits open.
    refetchInterval: 60_000,
  });
}

/** Channels by id, for rendering targets and events without a search per row. */
export function indexChannels(channels: Channel[] | undefined): Map<string, Channel> {
  return new Map((channels ?? []).map((channel) => [channel.id, channel]));
}
