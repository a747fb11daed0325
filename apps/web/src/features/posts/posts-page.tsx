// All posts of the workspace, by planned date, filtered by status.
import { Anchor, Button, ColorSwatch, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { POST_STATUSES, type PostStatus } from '../../api/types';
import { ErrorAlert } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { ChannelIcons } from '../channels/channel-label';
import { indexChannels, useChannels } from '../channels/use-channels';
import { CalendarIo } from '../calendar/calendar-io';
import { useThemes } from '../editorial/use-editorial';
import { useMembers } from '../members/use-members';
import { useWorkspace } from '../workspaces/workspace-context';
import { PostStatusBadge } from './post-status-badge';
import { summarizePostText } from './post-summary';
import { POST_LIST_LIMIT, usePosts } from './use-posts';

function isPostStatus(value: string | null): value is PostStatus {
  return value !== null && (POST_STATUSES as readonly string[]).includes(value);
}

export function PostsPage() {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const formatDateTime = useFormatDateTime(workspace.timezone);
  // The filter lives in the URL so a filtered list can be shared or reloaded.
  const [searchParams, setSearchParams] = useSearchParams();
  const statusParam = searchParams.get('status');
  const status = isPostStatus(statusParam) ? statusParam : undefined;

  const posts = usePosts(workspace.id, { status });
  const channels = indexChannels(useChannels(workspace.id).data?.items);
  const themes = new Map((useThemes(workspace.id).data?.items ?? []).map((theme) => [theme.id, theme]));
  const members = new Map((useMembers(workspace.id).data?.items ?? []).map((member) => [member.userId, member]));

  const statusOptions = POST_STATUSES.map((value) => ({ value, label: t(`postStatus.${value}`) }));
  const items = posts.data?.items ?? [];

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('posts.title')}</Title>
        <Group gap="xs">
          <CalendarIo status={status} />
          {permissions.writePosts && (
            <Button component={Link} to="new" leftSection={<IconPlus size={18} />} data-testid="write-post-new">
              {t('posts.new')}
            </Button>
          )}
        </Group>
      </Group>
      <Select
        label={t('posts.status')}
        placeholder={t('posts.allStatuses')}
        data={statusOptions}
        value={status ?? null}
        onChange={(value) => setSearchParams(value ? { status: value } : {}, { replace: true })}
        clearable
        maw={280}
        data-testid="posts-status-filter"
      />
      {posts.isPending && <PageLoader />}
      {posts.isError && <ErrorAlert error={posts.error} onRetry={() => void posts.refetch()} />}
      {posts.data && (
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover verticalSpacing="sm" data-testid="posts-table">
            <Table.Thead>
              <Table.Tr>
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
                  <Table.Td colSpan={6}>
                    <Text c="dimmed" size="sm">
                      {t('posts.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((post) => {
                const theme = post.themeId ? themes.get(post.themeId) : undefined;
                const postChannels = post.targets.flatMap((target) => channels.get(target.channelId) ?? []);
                return (
                  <Table.Tr key={post.id} data-testid="post-row" data-post-id={post.id}>
                    <Table.Td maw={360}>
                      <Anchor component={Link} to={post.id} size="sm" lineClamp={2}>
                        {summarizePostText(post.text, 16, 120) || t('posts.untitled')}
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
                      {theme ? (
                        <Group gap={6} wrap="nowrap">
                          <ColorSwatch color={theme.color} size={12} />
                          <Text size="sm">{theme.name}</Text>
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{(post.ownerId && members.get(post.ownerId)?.name) || '—'}</Text>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {items.length >= POST_LIST_LIMIT && (
        <Text size="sm" c="dimmed">
          {t('posts.limitReached', { count: POST_LIST_LIMIT })}
        </Text>
      )}
    </Stack>
  );
}
