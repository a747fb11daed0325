// All posts of the workspace, by planned date: searched and filtered (in the URL, so a filtered list can be
// shared or reloaded), with a selection for bulk actions whose result is told post by post.
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Post } from '../../api/types';
import { ErrorAlert, notifyError } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { CalendarIo } from '../calendar/calendar-io';
import { indexChannels, useChannels } from '../channels/use-channels';
import { useThemes } from '../editorial/use-editorial';
import { useMembers } from '../members/use-members';
import { useWorkspace } from '../workspaces/workspace-context';
import { BulkResultAlert, type BulkOutcome } from './bulk-result';
import { PostsBulkBar } from './posts-bulk-bar';
import { PostsFilters } from './posts-filters';
import { PostsTable } from './posts-table';
import { toPostQuery, usePostFilters } from './use-post-filters';
import { POST_LIST_LIMIT, useBulkPosts, usePosts, type BulkRequest } from './use-posts';

/** The selection, kept to the posts on screen: a post the filters hide is never acted on. */
function useSelection(items: Post[]) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const visible = new Set(items.filter((post) => chosen.has(post.id)).map((post) => post.id));
  const toggle = (postId: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(postId)) next.delete(postId);
      else next.add(postId);
      return next;
    });
  const toggleAll = () => setChosen(visible.size === items.length ? new Set() : new Set(items.map((post) => post.id)));
  return { selected: visible, toggle, toggleAll, replace: setChosen };
}

/** Runs a bulk action on the selected posts; done posts leave the selection, refused ones stay to be looked at. */
function useBulkRun(workspaceId: string, items: Post[], selection: ReturnType<typeof useSelection>) {
  const { t } = useTranslation();
  const bulk = useBulkPosts(workspaceId);
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const run = (request: Omit<BulkRequest, 'postIds'>) => {
    const chosen = items.filter((post) => selection.selected.has(post.id));
    setOutcome(null);
    bulk.mutate({ ...request, postIds: chosen.map((post) => post.id) } as BulkRequest, {
      onSuccess: (answer) => {
        setOutcome({ action: request.action, results: answer.results, posts: new Map(chosen.map((p) => [p.id, p])) });
        selection.replace(new Set(answer.results.filter((result) => !result.ok).map((result) => result.postId)));
      },
      onError: (error) => notifyError(error, t),
    });
  };
  return { run, outcome, dismiss: () => setOutcome(null), pending: bulk.isPending };
}

export function PostsPage() {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const formatDateTime = useFormatDateTime(workspace.timezone);
  const { filters, setFilter, clearFilters, active } = usePostFilters();
  const posts = usePosts(workspace.id, toPostQuery(filters, workspace.timezone), { keepPrevious: true });
  const channelList = useChannels(workspace.id).data?.items ?? [];
  const themeList = useThemes(workspace.id).data?.items ?? [];
  const memberList = useMembers(workspace.id).data?.items ?? [];
  const items = posts.data?.items ?? [];
  const selection = useSelection(items);
  const bulk = useBulkRun(workspace.id, items, selection);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('posts.title')}</Title>
        <Group gap="xs">
          <CalendarIo status={toPostQuery(filters, workspace.timezone).status} />
          {permissions.writePosts && (
            <Button component={Link} to="new" leftSection={<IconPlus size={18} />} data-testid="write-post-new">
              {t('posts.new')}
            </Button>
          )}
        </Group>
      </Group>
      <PostsFilters
        {...{ filters, setFilter, clearFilters, active }}
        channels={channelList}
        themes={themeList}
        members={memberList}
      />
      {bulk.outcome && <BulkResultAlert outcome={bulk.outcome} onClose={bulk.dismiss} />}
      {posts.isPending && <PageLoader />}
      {posts.isError && <ErrorAlert error={posts.error} onRetry={() => void posts.refetch()} />}
      {posts.data && (
        <>
          <Text size="sm" c="dimmed" aria-live="polite" data-testid="posts-count">
            {t('posts.count', { count: items.length })}
          </Text>
          <PostsTable
            items={items}
            channels={indexChannels(channelList)}
            themes={new Map(themeList.map((theme) => [theme.id, theme]))}
            members={new Map(memberList.map((member) => [member.userId, member]))}
            formatDateTime={formatDateTime}
            selectable={permissions.writePosts}
            selected={selection.selected}
            onToggle={selection.toggle}
            onToggleAll={selection.toggleAll}
          />
        </>
      )}
      {items.length >= POST_LIST_LIMIT && (
        <Text size="sm" c="dimmed">
          {t('posts.limitReached', { count: POST_LIST_LIMIT })}
        </Text>
      )}
      {permissions.writePosts && selection.selected.size > 0 && (
        <PostsBulkBar
          count={selection.selected.size}
          permissions={permissions}
          themes={themeList}
          pending={bulk.pending}
          onRun={bulk.run}
          onClear={() => selection.replace(new Set())}
        />
      )}
    </Stack>
  );
}
