// « Réponses enregistrées »: answers the team writes once with variables ({prénom}, {lien}…). A mistake shows with
// its line and column; the preview fills the variables for a sample person and counts the answer as Bluesky does.
import { Alert, Button, Group, Paper, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedReply } from '../../api/types';
import { ErrorAlert, readFieldErrors } from '../../ui/api-errors';
import { useConfirmAction } from '../../ui/confirm-action';
import { IconAction } from '../../ui/icon-action';
import { PageLoader } from '../../ui/page-loader';
import { describeIssue } from '../../ui/server-text';
import { hasRoleAtLeast } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';
import {
  useDeleteSavedReply,
  usePreviewSavedReply,
  useSavedReplies,
  useSaveSavedReply,
  type SavedReplyInput,
} from './automation-api';

const SAMPLE_AUTHOR = { name: 'Camille Martin', handle: 'camille.bsky.social' };

function SavedReplyForm({ reply, onDone }: { reply: SavedReply | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<SavedReplyInput>(reply ?? { name: '', text: '', link: null });
  const save = useSaveSavedReply();
  const preview = usePreviewSavedReply();
  const errors = readFieldErrors(save.error);
  const { mutate } = preview;
  useEffect(() => {
    if (draft.text.trim() === '') return;
    const timer = window.setTimeout(
      () => mutate({ text: draft.text, link: draft.link, network: 'bluesky', author: SAMPLE_AUTHOR }),
      300,
    );
    return () => window.clearTimeout(timer);
  }, [draft.text, draft.link, mutate]);
  return (
    <Paper withBorder p="md" data-testid="saved-reply-form">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate({ id: reply?.id ?? null, input: draft }, { onSuccess: onDone });
        }}
      >
        <Stack>
          <Title order={3}>{reply ? t('inboxAutomation.replies.edit') : t('inboxAutomation.replies.new')}</Title>
          <TextInput
            label={t('inboxAutomation.replies.name')}
            value={draft.name}
            onChange={(event) => setDraft({ ...draft, name: event.currentTarget.value })}
            error={errors.name}
          />
          <Textarea
            label={t('inboxAutomation.replies.text')}
            description={t('inboxAutomation.replies.variables')}
            autosize
            minRows={3}
            value={draft.text}
            onChange={(event) => setDraft({ ...draft, text: event.currentTarget.value })}
            error={errors.text}
            data-testid="saved-reply-text"
          />
          <TextInput
            label={t('inboxAutomation.replies.link')}
            value={draft.link ?? ''}
            onChange={(event) => setDraft({ ...draft, link: event.currentTarget.value || null })}
            error={errors.link}
          />
          {preview.data && draft.text.trim() !== '' && (
            <Alert
              color={preview.data.ok ? 'blue' : 'orange'}
              title={t('inboxAutomation.replies.preview')}
              data-testid="saved-reply-preview"
            >
              {preview.data.ok ? (
                <Stack gap={4}>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {preview.data.text}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('inboxAutomation.replies.length', { length: preview.data.length, limit: preview.data.limit })}
                  </Text>
                </Stack>
              ) : (
                preview.data.issues.map((issue, index) => (
                  <Text key={index} size="sm">
                    {describeIssue(issue as Parameters<typeof describeIssue>[0], t)}
                  </Text>
                ))
              )}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="saved-reply-save">
              {t('inboxAutomation.save')}
            </Button>
            <Button variant="subtle" onClick={onDone}>
              {t('inboxAutomation.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function SavedRepliesPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const replies = useSavedReplies();
  const remove = useDeleteSavedReply();
  const [editing, setEditing] = useState<SavedReply | 'new' | null>(null);
  const canWrite = hasRoleAtLeast(workspace.role, 'community_manager');
  const confirm = useConfirmAction<SavedReply>({
    title: t('inboxAutomation.replies.deleteTitle'),
    describe: (reply) => t('inboxAutomation.replies.deleteQuestion', { name: reply.name }),
    confirmLabel: t('inboxAutomation.delete'),
    mutation: remove,
  });
  if (replies.isPending) return <PageLoader />;
  if (replies.isError) return <ErrorAlert error={replies.error} onRetry={() => void replies.refetch()} />;
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('inboxAutomation.replies.intro')}
      </Text>
      {canWrite && editing === null && (
        <Group>
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('inboxAutomation.replies.new')}
          </Button>
        </Group>
      )}
      {editing !== null && (
        <SavedReplyForm
          key={editing === 'new' ? 'new' : editing.id}
          reply={editing === 'new' ? null : editing}
          onDone={() => setEditing(null)}
        />
      )}
      {replies.data.length === 0 ? (
        <Text>{t('inboxAutomation.replies.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={520}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('inboxAutomation.replies.name')}</Table.Th>
                <Table.Th>{t('inboxAutomation.replies.text')}</Table.Th>
                {canWrite && <Table.Th>{t('inboxAutomation.rules.manage')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {replies.data.map((reply) => (
                <Table.Tr key={reply.id}>
                  <Table.Td>{reply.name}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {reply.text}
                    </Text>
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <IconAction
                          label={t('inboxAutomation.edit')}
                          ariaLabel={`${t('inboxAutomation.edit')} : ${reply.name}`}
                          icon={<IconPencil size={16} />}
                          onClick={() => setEditing(reply)}
                        />
                        <IconAction
                          label={t('inboxAutomation.delete')}
                          ariaLabel={`${t('inboxAutomation.delete')} : ${reply.name}`}
                          icon={<IconTrash size={16} />}
                          color="red"
                          onClick={() => confirm.ask(reply)}
                        />
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {confirm.modal}
    </Stack>
  );
}
