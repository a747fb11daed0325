// The calendar outside Rostra, from the calendar and the posts list: export as CSV (what is on screen), import a CSV
// after a preview the server checked without writing (each line's post, or its problems with line and column), and
// the secret iCal address to subscribe to from Outlook, Google Agenda or Thunderbird.
import { Alert, Button, FileButton, Group, Modal, ScrollArea, Stack, Table, Text } from '@mantine/core';
import { hasRole } from '@rostra/core';
import { IconAlertTriangle, IconCalendarShare, IconDownload, IconRefresh, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { PostStatus } from '../../api/types';
import { ErrorAlert, notifyError, notifySuccess } from '../../ui/api-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { CopyField } from '../../ui/copy-field';
import { useFormatDateTime } from '../../ui/format';
import { describeIssue } from '../../ui/server-text';
import { indexChannels, useChannels } from '../channels/use-channels';
import { refreshPosts } from '../posts/use-posts';
import { useWorkspace } from '../workspaces/workspace-context';

interface PreviewPost {
  line: number;
  text: string;
  scheduledAt: string | null;
  channelIds: string[];
}
interface PreviewIssue {
  line: number;
  column: string;
  code: string;
  params: Record<string, unknown>;
}
interface Preview {
  posts: PreviewPost[];
  issues: PreviewIssue[];
}

/** What the export keeps: the range on screen (ISO instants) and a single status filter, when there are. */
export interface ExportFilters {
  range?: { from: string; to: string } | null;
  status?: PostStatus | undefined;
}

export function exportUrl(workspaceId: string, { range, status }: ExportFilters): string {
  const query = new URLSearchParams({ ...(range ?? {}), ...(status ? { status } : {}) }).toString();
  return `/api/workspaces/${workspaceId}/calendar.csv${query ? `?${query}` : ''}`;
}

export function CalendarIo(filters: ExportFilters) {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const [importing, setImporting] = useState(false);
  const [feedOpen, setFeedOpen] = useState(false);
  return (
    <Group gap="xs" data-testid="calendar-io">
      <Button
        component="a"
        href={exportUrl(workspace.id, filters)}
        download="rostra-calendar.csv"
        variant="default"
        size="sm"
        leftSection={<IconDownload size={16} />}
        data-testid="calendar-export"
      >
        {t('calendarTools.export')}
      </Button>
      {permissions.writePosts && (
        <Button
          variant="default"
          size="sm"
          leftSection={<IconUpload size={16} />}
          onClick={() => setImporting(true)}
          data-testid="calendar-import"
        >
          {t('calendarTools.import')}
        </Button>
      )}
      <Button
        variant="default"
        size="sm"
        leftSection={<IconCalendarShare size={16} />}
        onClick={() => setFeedOpen(true)}
        data-testid="calendar-feed"
      >
        {t('calendarTools.feed')}
      </Button>
      {importing && <ImportModal onClose={() => setImporting(false)} />}
      {feedOpen && <FeedModal onClose={() => setFeedOpen(false)} canRotate={hasRole(workspace.role, 'manager')} />}
    </Group>
  );
}

function ImportModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { workspace } = useWorkspace();
  // Fetched with the modal, so channel names are ready when the preview arrives.
  const channels = indexChannels(useChannels(workspace.id).data?.items);
  const [file, setFile] = useState<{ name: string; csv: string } | null>(null);
  const base = `/api/workspaces/${workspace.id}/calendar/import`;

  const preview = useMutation({
    mutationFn: (csv: string) => api.post<Preview>(`${base}/preview`, { csv }),
  });
  const commit = useMutation({
    mutationFn: (csv: string) => api.post<{ created: number }>(base, { csv }),
    onSuccess: async ({ created }) => {
      notifySuccess(t('calendarTools.imported', { count: created }));
      await refreshPosts(queryClient, workspace.id);
      onClose();
    },
    onError: (error) => notifyError(error, t),
  });

  const choose = async (chosen: File | null) => {
    if (!chosen) return;
    const csv = await chosen.text();
    setFile({ name: chosen.name, csv });
    preview.mutate(csv);
  };

  const result = preview.data;
  const issuesOf = (line: number) => result?.issues.filter((issue) => issue.line === line) ?? [];
  // Problems of the file as a whole (unreadable, no "text" column, too many lines) belong to no previewed line.
  const fileIssues = result?.issues.filter((issue) => !result.posts.some((post) => post.line === issue.line)) ?? [];
  const describe = (issue: PreviewIssue) =>
    describeIssue({ path: `body.csv.line${issue.line}`, code: issue.code, params: issue.params, message: '' }, t);

  return (
    <Modal opened onClose={onClose} title={t('calendarTools.importTitle')} size="xl">
      <Stack>
        <Text size="sm">{t('calendarTools.importHelp')}</Text>
        <Group>
          <FileButton onChange={(chosen) => void choose(chosen)} accept=".csv,text/csv">
            {(props) => (
              <Button {...props} variant="light" leftSection={<IconUpload size={16} />} data-testid="import-choose">
                {t('calendarTools.chooseFile')}
              </Button>
            )}
          </FileButton>
          {file && (
            <Text size="sm" c="dimmed">
              {file.name}
            </Text>
          )}
        </Group>
        {preview.error && <ErrorAlert error={preview.error} />}
        {result && result.issues.length > 0 && (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            title={t('calendarTools.problems', { count: result.issues.length })}
            data-testid="import-problems"
          >
            <Text size="sm">{t('calendarTools.nothingImported')}</Text>
            {fileIssues.map((issue, index) => (
              <Text size="sm" key={index}>
                {describe(issue)}
              </Text>
            ))}
          </Alert>
        )}
        {result && result.posts.length > 0 && (
          <ImportPreviewTable posts={result.posts} channels={channels} issuesOf={issuesOf} describe={describe} />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            disabled={!file || !result || result.issues.length > 0 || result.posts.length === 0}
            loading={preview.isPending || commit.isPending}
            onClick={() => file && commit.mutate(file.csv)}
            data-testid="import-commit"
          >
            {t('calendarTools.importN', { count: result?.posts.length ?? 0 })}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// The previewed lines: each line's post (date, channels, text), or its problems in place of them.
function ImportPreviewTable({
  posts,
  channels,
  issuesOf,
  describe,
}: {
  posts: PreviewPost[];
  channels: ReturnType<typeof indexChannels>;
  issuesOf: (line: number) => PreviewIssue[];
  describe: (issue: PreviewIssue) => string;
}) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const formatDateTime = useFormatDateTime(workspace.timezone);
  return (
    <ScrollArea.Autosize mah={360}>
      <Table striped data-testid="import-preview">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('calendarTools.line')}</Table.Th>
            <Table.Th>{t('calendarTools.date')}</Table.Th>
            <Table.Th>{t('calendarTools.channels')}</Table.Th>
            <Table.Th>{t('calendarTools.text')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {posts.map((post) => {
            const issues = issuesOf(post.line);
            return (
              <Table.Tr key={post.line} data-testid="import-line" data-line={post.line}>
                <Table.Td>{post.line}</Table.Td>
                {issues.length > 0 ? (
                  <Table.Td colSpan={3} c="red.8" data-testid="import-line-problems">
                    {issues.map((issue, index) => (
                      <Text size="sm" key={index}>
                        {describe(issue)}
                      </Text>
                    ))}
                  </Table.Td>
                ) : (
                  <>
                    <Table.Td>
                      {post.scheduledAt ? formatDateTime(post.scheduledAt) : t('calendarTools.noDate')}
                    </Table.Td>
                    <Table.Td>{post.channelIds.map((id) => channels.get(id)?.name ?? id).join(', ') || '—'}</Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2}>
                        {post.text}
                      </Text>
                    </Table.Td>
                  </>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </ScrollArea.Autosize>
  );
}

function FeedModal({ onClose, canRotate }: { onClose: () => void; canRotate: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { workspace } = useWorkspace();
  const [confirming, setConfirming] = useState(false);
  const key = ['workspaces', workspace.id, 'calendar-feed'];
  const feed = useQuery({
    queryKey: key,
    queryFn: () => api.get<{ url: string }>(`/api/workspaces/${workspace.id}/calendar/feed`),
  });
  const rotate = useMutation({
    mutationFn: () => api.post<{ url: string }>(`/api/workspaces/${workspace.id}/calendar/feed/rotate`),
    onSuccess: (data) => {
      queryClient.setQueryData(key, data);
      notifySuccess(t('calendarTools.feedRotated'));
      setConfirming(false);
    },
    onError: (error) => notifyError(error, t),
  });
  return (
    <Modal opened onClose={onClose} title={t('calendarTools.feedTitle')} size="lg">
      <Stack>
        <Text size="sm">{t('calendarTools.feedHelp')}</Text>
        <Text size="sm">{t('calendarTools.feedHow')}</Text>
        {feed.error && <ErrorAlert error={feed.error} onRetry={() => void feed.refetch()} />}
        {feed.data && <CopyField label={t('calendarTools.feedUrl')} value={feed.data.url} testId="calendar-feed-url" />}
        <Text size="xs" c="dimmed">
          {t('calendarTools.feedSecret')}
        </Text>
        {canRotate && (
          <Group>
            <Button
              variant="light"
              color="red"
              leftSection={<IconRefresh size={16} />}
              onClick={() => setConfirming(true)}
              data-testid="calendar-feed-rotate"
            >
              {t('calendarTools.feedRotate')}
            </Button>
          </Group>
        )}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title={t('calendarTools.feedRotate')}
        message={t('calendarTools.feedRotateConfirm')}
        confirmLabel={t('calendarTools.feedRotate')}
        loading={rotate.isPending}
        onConfirm={() => rotate.mutate()}
        onClose={() => setConfirming(false)}
      />
    </Modal>
  );
}
