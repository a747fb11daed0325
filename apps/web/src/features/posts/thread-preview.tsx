// A channel's thread as it will go out: the text split at sentence boundaries with the same rules as
// the server (packages/core), each part counted the network's way against its limit. The server's split is final (an
// instance may allow more than the default limit shown here).
import { Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { splitThread } from '@rostra/core';
import { countForNetwork } from '@rostra/connectors/counting';
import { useTranslation } from 'react-i18next';
import { describeNetwork } from '../channels/networks';
import type { ChannelChoice } from './composer-values';
import { GraphemeCounter } from './grapheme-counter';
import { PostText } from './post-text';

/** The parts a channel will publish: written ones, a live split, or the text alone. */
export function threadPartsFor(choice: ChannelChoice, text: string, network: string): string[] {
  if (choice.threadParts?.length) return choice.threadParts;
  if (!choice.thread) return [text];
  const limit = describeNetwork(network).maxGraphemes;
  if (limit === undefined) return [text];
  return splitThread(text, {
    limit,
    count: (part) => countForNetwork(network, part),
    numbering: choice.threadNumbering === true,
  });
}

export function ThreadPreview({ parts, network, channelId }: { parts: string[]; network: string; channelId: string }) {
  const { t } = useTranslation();
  const profile = describeNetwork(network);
  return (
    <Stack gap={6} data-testid="post-thread-parts">
      <Text size="xs" c="dimmed">
        {t('postThread.parts', { count: parts.length })}
      </Text>
      {parts.map((part, index) => (
        <Paper key={index} withBorder p="xs" radius="sm" data-testid={`post-thread-part-${index}`}>
          <Group justify="space-between" mb={4}>
            <Badge size="xs" variant="light">
              {index + 1}/{parts.length}
            </Badge>
            <GraphemeCounter text={part} network={network} testId={`post-thread-part-count-${index}-${channelId}`} />
          </Group>
          <PostText text={part} accent={profile.color} />
        </Paper>
      ))}
    </Stack>
  );
}
