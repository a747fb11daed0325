// The inbox's right pane: the conversation as the network threads it, under the post of ours it answers, with the
// selected item's status and assignee and the team's notes. Everything from the network is React text; only http(s)
// addresses become links.
import { Anchor, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../../api/types';
import { ErrorAlert } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { useMembers } from '../members/use-members';
import { EXTERNAL_LINK, toSafeHttpUrl } from '../listening/safe-url';
import { useWorkspace } from '../workspaces/workspace-context';
import { INBOX_STATUSES, useConversation, useUpdateInboxItem } from './inbox-api';

interface ConversationPaneProps {
  item: InboxItem;
  /** Community managers and up change statuses and assignees. */
  canAct: boolean;
}

export function ConversationPane({ item, canAct }: ConversationPaneProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const conversation = useConversation(item.conversationId);
  if (conversation.isPending) return <PageLoader />;
  if (conversation.isError)
    return <ErrorAlert error={conversation.error} onRetry={() => void conversation.refetch()} />;
  const { conversation: thread, items, notes } = conversation.data;
  const subjectUrl = toSafeHttpUrl(thread.subject?.url);
  return (
    <Stack gap="sm" data-testid="inbox-conversation">
      <Title order={3} size="h4">
        {t('inbox.conversation')}
      </Title>
      {thread.subject && (
        <Paper withBorder p="xs" radius="sm" data-testid="inbox-subject">
          <Text size="xs" c="dimmed">
            {t('inbox.answersPost')}
          </Text>
          <Text size="sm">{thread.subject.text ?? thread.subject.remoteId}</Text>
          {subjectUrl && (
            <Anchor size="xs" href={subjectUrl} {...EXTERNAL_LINK}>
              {t('inbox.openOnNetwork')}
            </Anchor>
          )}
        </Paper>
      )}
      {items.map((entry) => (
        <Paper key={entry.id} withBorder={entry.id === item.id} p="xs" radius="sm" data-testid="inbox-thread-item">
          <Text size="xs" c="dimmed">
            {entry.author.name ?? entry.author.handle ?? t('inbox.unknownAuthor')}
            {entry.author.handle ? ` (@${entry.author.handle})` : ''} · {formatDateTime(entry.createdAt)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {entry.text}
          </Text>
        </Paper>
      ))}
      {canAct && <ItemControls item={item} />}
      <Title order={4} size="h5">
        {t('inbox.notes')}
      </Title>
      {notes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('inbox.noNotes')}
        </Text>
      ) : (
        notes.map((note) => (
          <Text key={note.id} size="sm">
            {note.text}
          </Text>
        ))
      )}
    </Stack>
  );
}

function ItemControls({ item }: { item: InboxItem }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const members = useMembers(workspace.id);
  const update = useUpdateInboxItem();
  const assignable = (members.data?.items ?? []).filter((member) => member.role !== 'ambassador');
  return (
    <Group grow align="flex-end">
      <Select
        label={t('inbox.setStatus')}
        value={item.status}
        allowDeselect={false}
        data={INBOX_STATUSES.map((status) => ({ value: status, label: t(`inbox.status.${status}`) }))}
        onChange={(status) =>
          status && update.mutate({ id: item.id, patch: { status: status as InboxItem['status'] } })
        }
        data-testid="inbox-set-status"
      />
      <Select
        label={t('inbox.assignTo')}
        value={item.assigneeId ?? ''}
        allowDeselect={false}
        data={[
          { value: '', label: t('inbox.nobody') },
          ...assignable.map((member) => ({ value: member.userId, label: member.name })),
        ]}
        onChange={(value) => update.mutate({ id: item.id, patch: { assigneeId: value ? value : null } })}
        data-testid="inbox-assign"
      />
    </Group>
  );
}
