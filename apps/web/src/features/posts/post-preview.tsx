// A rough picture of the post on each network: the account, the text as it will read, the
// highlighted links, tags and mentions (remote ones whole: @user@instance, @handle.bsky.social), Mastodon's
// content warning, then what follows it on the network — each further part of a thread and the first comment as
// replies from the same account. Not a pixel copy of any network; enough to catch a wrong version.
import { Box, Group, Image, Paper, SimpleGrid, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconArrowBackUp, IconMovie, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../api/types';
import { NetworkIcon } from '../channels/channel-label';
import { describeNetwork } from '../channels/networks';
import { PostText } from './post-text';
import type { MediaChoice } from './composer-values';

interface PreviewItem {
  channel: Channel | null;
  text: string;
  media?: MediaChoice[];
  /** The thread's parts after the first (the first is `text`). */
  replies?: string[];
  /** Published right after, as a reply (or a comment on networks with comments). */
  firstComment?: string;
  /** Mastodon's content warning: the text sits behind it. */
  contentWarning?: string;
}

export function PostPreview({ items }: { items: PreviewItem[] }) {
  return (
    <Stack gap="sm" data-testid="post-preview">
      {items.map((item, index) => (
        <PreviewCard key={item.channel?.id ?? index} {...item} />
      ))}
    </Stack>
  );
}

function PreviewCard({ channel, text, media = [], replies = [], firstComment, contentWarning }: PreviewItem) {
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
          {contentWarning?.trim() && (
            <Text size="sm" fw={600} mt={4} p={6} bg="gray.1" style={{ borderRadius: 4 }} data-testid="post-preview-cw">
              {contentWarning}
            </Text>
          )}
          {text.trim() ? (
            <PostText text={text} accent={accent} />
          ) : (
            <Text size="sm" c="dimmed" fs="italic">
              {t('composer.previewEmpty')}
            </Text>
          )}
          {media.length > 0 && <PreviewMedia media={media} />}
          {replies.map((reply, index) => (
            <PreviewReply
              key={index}
              channel={channel}
              accent={accent}
              text={reply}
              label={t('postThread.position', { index: index + 2, count: replies.length + 1 })}
              testId="post-preview-reply"
            />
          ))}
          {firstComment?.trim() && (
            <PreviewReply
              channel={channel}
              accent={accent}
              text={firstComment}
              label={t('postOptions.firstComment')}
              testId="post-preview-first-comment"
            />
          )}
        </Box>
      </Group>
    </Paper>
  );
}

/** What the same account posts under the post: a thread's next part, or the first comment. */
function PreviewReply(props: { channel: Channel | null; accent: string; text: string; label: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      align="flex-start"
      mt="xs"
      pl="xs"
      style={{ borderLeft: '2px solid var(--mantine-color-gray-4)' }}
      data-testid={props.testId}
    >
      <ThemeIcon radius="xl" size={24} color={props.channel ? props.accent : 'gray'} variant="light">
        <IconArrowBackUp size={14} />
      </ThemeIcon>
      <Box style={{ minWidth: 0, flex: 1 }}>
        <Text size="xs" c="dimmed" truncate>
          {props.channel?.name ?? t('composer.preview')} · {props.label}
        </Text>
        <PostText text={props.text} accent={props.accent} />
      </Box>
    </Group>
  );
}

/** The images as a grid, each with its alternative text as the image's own (what screen readers say). */
function PreviewMedia({ media }: { media: MediaChoice[] }) {
  return (
    <SimpleGrid cols={media.length === 1 ? 1 : 2} spacing={4} mt="xs" data-testid="post-preview-media">
      {media.map((item) =>
        item.file.mimeType.startsWith('image/') ? (
          <Image key={item.mediaId} src={item.file.url} alt={item.alt} radius="sm" fit="cover" mah={220} />
        ) : (
          <Group key={item.mediaId} justify="center" h={120} bg="gray.1" style={{ borderRadius: 4 }}>
            <IconMovie size={32} aria-label={item.alt} />
          </Group>
        ),
      )}
    </SimpleGrid>
  );
}
