// A rough picture of the post on each network: the account, the text as it will read, the
// highlighted links and tags. Not a pixel copy of any network; enough to catch a wrong version.
import { Box, Group, Paper, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../api/types';
import { NetworkIcon } from '../channels/channel-label';
import { describeNetwork } from '../channels/networks';
import { PostText } from './post-text';

interface PreviewItem {
  channel: Channel | null;
  text: string;
}

export function PostPreview({ items }: { items: PreviewItem[] }) {
  return (
    <Stack gap="sm" data-testid="post-preview">
      {items.map((item, index) => (
        <PreviewCard key={item.channel?.id ?? index} channel={item.channel} text={item.text} />
      ))}
    </Stack>
  );
}

function PreviewCard({ channel, text }: PreviewItem) {
  const { t } = useTranslation();
  const profile = channel ? describeNetwork(channel.network) : null;
  const accent = profile?.color ?? 'var(--mantine-primary-color-filled)';
  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      style={{ borderLeft: `4px solid ${accent}` }}
      data-network={channel?.network ?? 'generic'}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon radius="xl" size={36} color={profile ? accent : 'gray'} variant={profile ? 'filled' : 'light'}>
          {channel ? <NetworkIcon network={channel.network} size={18} /> : <IconUser size={18} />}
        </ThemeIcon>
        <Box style={{ minWidth: 0, flex: 1 }}>
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600} truncate>
              {channel?.name ?? t('composer.preview')}
            </Text>
            {profile && (
              <Text size="xs" c="dimmed">
                · {profile.label}
              </Text>
            )}
          </Group>
          {text.trim() ? (
            <PostText text={text} accent={accent} />
          ) : (
            <Text size="sm" c="dimmed" fs="italic">
              {t('composer.previewEmpty')}
            </Text>
          )}
        </Box>
      </Group>
    </Paper>
  );
}
