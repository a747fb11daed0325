// The posts list's table: one row per post (text, status, date, channels, theme, owner), each with a checkbox for
// the bulk actions and one in the header for every post the filters show. Texts are rendered as text, never HTML.
import { Anchor, Checkbox, ColorSwatch, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Channel, Member, Post, Theme } from '../../api/types';
import { ChannelIcons } from '../channels/channel-label';
import { PostStatusBadge } from './post-status-badge';
import { summarizePostText } from './post-summary';

interface PostsTableProps {
  items: Post[];
  channels: Map<string, Channel>;
  themes: Map<string, Theme>;
  members: Map<string, Member>;
  formatDateTime: (iso: string) => string;
  /** Without write rights there is nothing to act on: no checkboxes. */
  selectable: boolean;
  selected: ReadonlySet<string>;
  onToggle: (postId: string) => void;
  onToggleAll: () => void;
}

export function postTitle(post: Pick<Post, 'text'>, untitled: string): string {
  return summarizePostText(post.text, 16, 120) || untitled;
}

function ThemeCell({ theme }: { theme: Theme | undefined }) {
  if (!theme) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  return (
    <Group gap={6} wrap="nowrap">
      <ColorSwatch color={theme.color} size={12} aria-hidden />
      <Text size="sm">{theme.name}</Text>
    </Group>
  );
}

type PostRowProps = Pick<PostsTableProps, 'channels' | 'themes' | 'members' | 'formatDateTime' | 'selectable'> & {
  post: Post;
  selected: boolean;
  onToggle: () => void;
};

function PostRow({ post, channels, themes, members, formatDateTime, selectable, selected, onToggle }: PostRowProps) {
  const { t } = useTranslation();
  const title = postTitle(post, t('posts.untitled'));
  const postChannels = post.targets.flatMap((target) => channels.get(target.channelId) ?? []);
  return (
    <Table.Tr
      data-testid="post-row"
      data-post-id={post.id}
      bg={selected ? 'var(--mantine-primary-color-light)' : undefined}
    >
      {selectable && (
        <Table.Td>
          <Checkbox
            aria-label={t('posts.select', { title })}
            checked={selected}
            onChange={onToggle}
            data-testid="post-select"
          />
        </Table.Td>
      )}
      <Table.Td maw={360}>
        <Anchor component={Link} to={post.id} size="sm" lineClamp={2}>
          {title}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <PostStatusBadge status={post.status} />
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        <Text size="sm" c={post.scheduledAt ? undefined : 'dimmed'}>
          {post.scheduledAt ? formatDateTime(post.scheduledAt) : t('posts.notScheduled')}
        </Text>
      </Table.Td>
      <Table.Td>
        <ChannelIcons channels={postChannels} />
      </Table.Td>
      <Table.Td>
        <ThemeCell theme={post.themeId ? themes.get(post.themeId) : undefined} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{(post.ownerId && members.get(post.ownerId)?.name) || '—'}</Text>
      </Table.Td>
    </Table.Tr>
  );
}

export function PostsTable(props: PostsTableProps) {
  const { items, channels, themes, members, formatDateTime, selectable, selected, onToggle, onToggleAll } = props;
  const { t } = useTranslation();
  const chosen = items.filter((post) => selected.has(post.id)).length;
  const columns = selectable ? 7 : 6;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid="posts-table">
        <Table.Thead>
          <Table.Tr>
            {selectable && (
              <Table.Th w={40}>
                <Checkbox
                  aria-label={t('posts.selectAll')}
                  checked={items.length > 0 && chosen === items.length}
                  indeterminate={chosen > 0 && chosen < items.length}
                  disabled={items.length === 0}
                  onChange={onToggleAll}
                  data-testid="posts-select-all"
                />
              </Table.Th>
            )}
            <Table.Th>{t('posts.text')}</Table.Th>
            <Table.Th>{t('posts.status')}</Table.Th>
            <Table.Th>{t('posts.scheduledAt')}</Table.Th>
            <Table.Th>{t('posts.channels')}</Table.Th>
            <Table.Th>{t('posts.theme')}</Table.Th>
            <Table.Th>{t('posts.owner')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={columns}>
                <Text c="dimmed" size="sm">
                  {t('posts.empty')}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {items.map((post) => (
            <PostRow
              key={post.id}
              post={post}
              {...{ channels, themes, members, formatDateTime, selectable }}
              selected={selected.has(post.id)}
              onToggle={() => onToggle(post.id)}
            />
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
