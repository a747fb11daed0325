// Side panel of posts without a date (draft, in review, approved). Each one the user may edit can
// be dragged onto the calendar (FullCalendar's external Draggable), or planned with M from the keyboard
// (keyboard-move.tsx); a click opens the composer.
import { Draggable } from '@fullcalendar/interaction';
import { Box, Group, Paper, ScrollArea, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconGripVertical } from '@tabler/icons-react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, Post, Theme } from '../../api/types';
import { ChannelIcons } from '../channels/channel-label';
import { PostStatusBadge } from '../posts/post-status-badge';
import { summarizePostText } from '../posts/post-summary';
import { MOVE_HINT_ID, MOVE_SHORTCUT } from './keyboard-move';
import { UNTHEMED_COLOR } from './post-events';

interface DraftsPanelProps {
  posts: Post[];
  themes: Map<string, Theme>;
  channels: Map<string, Channel>;
  canMove: (post: Post) => boolean;
  onOpen: (post: Post) => void;
}

export function DraftsPanel({ posts, themes, channels, canMove, onOpen }: DraftsPanelProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!container.current) return;
    const draggable = new Draggable(container.current, {
      itemSelector: '.rostra-draft[data-movable="true"]',
      // The calendar does not create the event itself: the drop handler saves the date, then the
      // refreshed list shows the post at its place.
      eventData: (element) => ({ title: element.dataset.title ?? '', create: false, duration: '01:00' }),
    });
    return () => draggable.destroy();
  }, []);

  return (
    <Paper withBorder p="sm" radius="md" data-testid="drafts-panel">
      <Stack gap="xs">
        <div>
          <Title order={4}>{t('calendar.drafts')}</Title>
          <Text size="xs" c="dimmed">
            {t('calendar.draftsHint')}
          </Text>
        </div>
        <ScrollArea.Autosize mah={640} type="auto" offsetScrollbars>
          <Stack gap="xs" ref={container}>
            {posts.length === 0 && (
              <Text size="sm" c="dimmed" data-testid="drafts-empty">
                {t('calendar.draftsEmpty')}
              </Text>
            )}
            {posts.map((post) => {
              const theme = post.themeId ? themes.get(post.themeId) : undefined;
              const movable = canMove(post);
              const title = summarizePostText(post.text, 12, 90) || t('calendar.untitled');
              return (
                <UnstyledButton
                  key={post.id}
                  className="rostra-draft"
                  data-movable={movable}
                  aria-keyshortcuts={movable ? MOVE_SHORTCUT : undefined}
                  aria-describedby={movable ? MOVE_HINT_ID : undefined}
                  data-post-id={post.id}
                  data-title={title}
                  onClick={() => onOpen(post)}
                  data-testid="draft-item"
                >
                  <Paper
                    withBorder
                    radius="sm"
                    p="xs"
                    style={{ borderLeft: `4px solid ${theme?.color ?? UNTHEMED_COLOR}` }}
                  >
                    <Group gap={6} wrap="nowrap" align="flex-start">
                      {movable && (
                        <Box c="dimmed" pt={2}>
                          <IconGripVertical size={14} />
                        </Box>
                      )}
                      <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
                        <Text size="sm" lineClamp={3} style={{ overflowWrap: 'anywhere' }}>
                          {title}
                        </Text>
                        <Group gap={6} justify="space-between" wrap="nowrap">
                          <PostStatusBadge status={post.status} size="xs" />
                          <ChannelIcons
                            channels={post.targets.flatMap((target) => channels.get(target.channelId) ?? [])}
                            size={12}
                          />
                        </Group>
                        {theme && (
                          <Text size="xs" c="dimmed">
                            {theme.name}
                          </Text>
                        )}
                      </Stack>
                    </Group>
                  </Paper>
                </UnstyledButton>
              );
            })}
          </Stack>
        </ScrollArea.Autosize>
      </Stack>
    </Paper>
  );
}
