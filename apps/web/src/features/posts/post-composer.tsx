// The composer: one text for every channel with per-channel adaptations, live counts, the
// server's rule checks, tags, owners and date; then, once saved, the workflow buttons.
import { Alert, Button, Grid, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { canDeletePost, canEditPost } from '@rostra/core';
import { IconDeviceFloppy, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../api/client';
import type { Channel, ContentType, Member, PostDetail, Theme, Violation } from '../../api/types';
import { ErrorAlert, notifyError, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { useFormatDateTime } from '../../ui/format';
import { useWorkspace } from '../workspaces/workspace-context';
import { ChannelPicker } from './channel-picker';
import { ChannelTextTabs } from './channel-text-tabs';
import { CommentsThread } from './comments-thread';
import {
  effectiveText,
  emptyValues,
  sameValues,
  toPostBody,
  valuesFromPost,
  type ChannelChoice,
  type ComposerValues,
} from './composer-values';
import { DeliveriesTable } from './deliveries-table';
import { PostPreview } from './post-preview';
import { MediaPicker } from './media-picker';
import { threadPartsFor } from './thread-preview';
import type { WorkflowAction } from './post-rules';
import { PostStatusBadge } from './post-status-badge';
import { ScheduleInput } from './schedule-input';
import { postKey, refreshPosts } from './use-posts';
import { ViolationsList } from './violations-list';
import { WorkflowActions } from './workflow-actions';

export interface ComposerData {
  channels: Channel[];
  themes: Theme[];
  contentTypes: ContentType[];
  members: Member[];
  approvalRequired: boolean;
}

interface PostComposerProps {
  /** Absent while composing a new post. */
  post: PostDetail | undefined;
  data: ComposerData;
}

/** Violations the server attached to a refused workflow action (422 post_invalid). */
function readViolations(error: unknown): Violation[] | null {
  if (!isApiError(error) || error.code !== 'post_invalid') return null;
  const violations = (error.details as { violations?: unknown } | undefined)?.violations;
  return Array.isArray(violations) ? (violations as Violation[]) : [];
}

export function PostComposer({ post, data }: PostComposerProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { workspace, session, permissions } = useWorkspace();
  const timeZone = workspace.timezone;
  const formatDateTime = useFormatDateTime();
  const userId = session.user.id;

  const initial = post ? valuesFromPost(post, timeZone) : emptyValues(userId);
  const [values, setValues] = useState<ComposerValues>(initial);
  // The saved version the form started from; unsaved changes are the difference.
  const [synced, setSynced] = useState({ version: post?.updatedAt, baseline: initial });
  const [submitted, setSubmitted] = useState<ComposerValues | null>(null);
  const [textMissing, setTextMissing] = useState(false);
  const [actionViolations, setActionViolations] = useState<Violation[] | null>(null);
  const [deleting, setDeleting] = useState(false);

  // A newer version arrived (our own save, a workflow action, a poll): adopt it unless it would
  // overwrite edits the user is still making.
  if (post && post.updatedAt !== synced.version) {
    const next = valuesFromPost(post, timeZone);
    const untouched = sameValues(values, synced.baseline) || (submitted !== null && sameValues(values, submitted));
    setSynced({ version: post.updatedAt, baseline: next });
    setSubmitted(null);
    if (untouched) setValues(next);
  }

  const dirty = !sameValues(values, synced.baseline);

  // Closing the tab or reloading with unsaved text asks first (in-app links don't: BrowserRouter has no blocker).
  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  const editable = post ? canEditPost(post, { role: workspace.role, userId }) : permissions.writePosts;
  const tid = (name: string) => (editable ? `write-${name}` : name);
  const channelsById = new Map(data.channels.map((channel) => [channel.id, channel]));
  const selectedIds = values.channels.map((choice) => choice.channelId);
  const violations = (actionViolations ?? post?.violations ?? []).filter((violation) =>
    selectedIds.includes(violation.channelId),
  );

  const save = useMutation({
    mutationFn: (body: ReturnType<typeof toPostBody>) =>
      post
        ? api.patch<PostDetail>(`/api/workspaces/${workspace.id}/posts/${post.id}`, body)
        : api.post<PostDetail>(`/api/workspaces/${workspace.id}/posts`, body),
    onSuccess: async (saved) => {
      setActionViolations(null);
      if (post) {
        notifySuccess(t('composer.saved'));
        await refreshPosts(queryClient, workspace.id, saved);
      } else {
        notifySuccess(t('composer.created'));
        queryClient.setQueryData(postKey(workspace.id, saved.id), saved);
        await refreshPosts(queryClient, workspace.id, saved);
        void navigate(`/w/${workspace.id}/posts/${saved.id}`, { replace: true });
      }
    },
  });

  const [pendingAction, setPendingAction] = useState<WorkflowAction | null>(null);
  const act = useMutation({
    mutationFn: (action: WorkflowAction) =>
      api.post<PostDetail>(`/api/workspaces/${workspace.id}/posts/${post?.id}/${action}`, {}),
    onMutate: (action) => setPendingAction(action),
    onSuccess: async (updated, action) => {
      setActionViolations(null);
      notifySuccess(t(`workflow.done.${action}`));
      await refreshPosts(queryClient, workspace.id, updated);
    },
    onError: async (error) => {
      const refused = readViolations(error);
      if (refused) setActionViolations(refused);
      notifyError(error, t);
      // The post may have moved meanwhile (another reviewer, the worker): show where it is now.
      await refreshPosts(queryClient, workspace.id);
    },
    onSettled: () => setPendingAction(null),
  });

  const remove = useMutation({
    mutationFn: () => api.delete(`/api/workspaces/${workspace.id}/posts/${post?.id}`),
    onSuccess: async () => {
      notifySuccess(t('composer.deleted'));
      setDeleting(false);
      void navigate(`/w/${workspace.id}/posts`, { replace: true });
      await refreshPosts(queryClient, workspace.id);
    },
    onError: (error) => notifyError(error, t),
  });

  const update = (patch: Partial<ComposerValues>) => setValues((current) => ({ ...current, ...patch }));

  const setChannelIds = (ids: string[]) => {
    const previous = new Map(values.channels.map((choice) => [choice.channelId, choice]));
    update({ channels: ids.map((channelId) => previous.get(channelId) ?? { channelId, text: null }) });
  };

  const updateChoice = (choice: ChannelChoice) =>
    update({
      channels: values.channels.map((current) => (current.channelId === choice.channelId ? choice : current)),
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = values.text.trim() === '';
    setTextMissing(missing);
    if (missing) return;
    setSubmitted(values);
    save.mutate(toPostBody(values, timeZone));
  };

  const fieldErrors = readFieldErrors(save.error);
  const memberOptions = data.members.map((member) => ({ value: member.userId, label: member.name }));
  const previewItems =
    values.channels.length > 0
      ? values.channels.map((choice) => {
          const channel = channelsById.get(choice.channelId) ?? null;
          const [first = '', ...replies] = threadPartsFor(
            choice,
            effectiveText(values, choice),
            channel?.network ?? '',
          );
          return { channel, text: first, media: values.media, replies };
        })
      : [{ channel: null, text: values.text, media: values.media }];

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Group gap="sm">
            <Title order={2}>{post ? t('composer.editTitle') : t('composer.newTitle')}</Title>
            {post && <PostStatusBadge status={post.status} size="lg" />}
            {dirty && post && (
              <Text size="sm" c="orange.7" data-testid="post-unsaved">
                {t('composer.unsaved')}
              </Text>
            )}
          </Group>
          {post && (
            <Text size="xs" c="dimmed" mt={4}>
              {t('composer.createdBy', { date: formatDateTime(post.createdAt) })}
            </Text>
          )}
        </div>
        {post && (
          <Group gap="xs">
            <WorkflowActions
              post={post}
              role={workspace.role}
              approvalRequired={data.approvalRequired}
              dirty={dirty}
              pending={pendingAction}
              onAction={(action) => act.mutate(action)}
            />
            {canDeletePost(post, { role: workspace.role, userId }) && (
              <Button variant="subtle" color="red" onClick={() => setDeleting(true)} data-testid="write-post-delete">
                {t('composer.delete')}
              </Button>
            )}
          </Group>
        )}
      </Group>

      {post && !editable && (
        <Alert color="gray" icon={<IconInfoCircle size={18} />} data-testid="post-read-only">
          {t('composer.readOnly')}{' '}
          {post.status === 'scheduled' && permissions.schedulePosts
            ? t('composer.readOnlyScheduled')
            : permissions.writePosts && !permissions.schedulePosts
              ? t('composer.readOnlyRole')
              : ''}
        </Alert>
      )}

      <form onSubmit={submit} noValidate data-testid="post-form">
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack>
              {save.error && <ErrorAlert error={save.error} />}
              <Paper withBorder p="md" radius="md">
                <Stack>
                  <ChannelPicker
                    channels={data.channels}
                    value={selectedIds}
                    onChange={setChannelIds}
                    disabled={!editable}
                    testId={tid('post-channels')}
                  />
                  {data.channels.length === 0 && (
                    <Text size="sm" c="dimmed" data-testid="post-no-channels">
                      {t('composer.noChannels')}
                    </Text>
                  )}
                  <ChannelTextTabs
                    text={values.text}
                    onTextChange={(text) => update({ text })}
                    choices={values.channels}
                    onChoiceChange={updateChoice}
                    channels={channelsById}
                    violations={violations}
                    editable={editable}
                    textError={textMissing ? t('validation.required') : fieldErrors.text}
                  />
                  <MediaPicker
                    workspaceId={workspace.id}
                    value={values.media}
                    onChange={(media) => update({ media })}
                    editable={editable}
                  />
                  <ViolationsList violations={violations} channels={channelsById} />
                </Stack>
              </Paper>

              <Paper withBorder p="md" radius="md">
                <Stack>
                  <Title order={4}>{t('composer.details')}</Title>
                  <Grid gap="sm">
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <Select
                        label={t('composer.theme')}
                        placeholder={t('common.none')}
                        data={data.themes.map((theme) => ({ value: theme.id, label: theme.name }))}
                        value={values.themeId}
                        onChange={(themeId) => update({ themeId })}
                        clearable
                        readOnly={!editable}
                        error={fieldErrors.themeId}
                        data-testid={tid('post-theme')}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <Select
                        label={t('composer.contentType')}
                        placeholder={t('common.none')}
                        data={data.contentTypes.map((type) => ({ value: type.id, label: type.name }))}
                        value={values.contentTypeId}
                        onChange={(contentTypeId) => update({ contentTypeId })}
                        clearable
                        readOnly={!editable}
                        error={fieldErrors.contentTypeId}
                        data-testid={tid('post-content-type')}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <Select
                        label={t('composer.owner')}
                        placeholder={t('common.none')}
                        data={memberOptions}
                        value={values.ownerId}
                        onChange={(ownerId) => update({ ownerId })}
                        clearable
                        searchable
                        readOnly={!editable}
                        error={fieldErrors.ownerId}
                        data-testid={tid('post-owner')}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <Select
                        label={t('composer.backupOwner')}
                        placeholder={t('common.none')}
                        data={memberOptions}
                        value={values.backupOwnerId}
                        onChange={(backupOwnerId) => update({ backupOwnerId })}
                        clearable
                        searchable
                        readOnly={!editable}
                        error={fieldErrors.backupOwnerId}
                        data-testid={tid('post-backup-owner')}
                      />
                    </Grid.Col>
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <ScheduleInput
                        value={values.scheduledLocal}
                        onChange={(scheduledLocal) => update({ scheduledLocal })}
                        timeZone={timeZone}
                        readOnly={!editable}
                        testId={tid('post-scheduled-at')}
                        workspaceId={workspace.id}
                        channels={selectedIds.flatMap((id) => channelsById.get(id) ?? [])}
                      />
                    </Grid.Col>
                  </Grid>
                  {editable && (
                    <Group justify="flex-end">
                      <Button
                        type="submit"
                        leftSection={<IconDeviceFloppy size={18} />}
                        loading={save.isPending}
                        disabled={post !== undefined && !dirty}
                        data-testid={post ? 'write-post-save' : 'write-post-create'}
                      >
                        {post ? t('composer.save') : t('composer.create')}
                      </Button>
                    </Group>
                  )}
                </Stack>
              </Paper>
            </Stack>
          </Grid.Col>

          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Paper withBorder p="md" radius="md">
              <Stack gap="sm">
                <Title order={4}>{t('composer.preview')}</Title>
                <PostPreview items={previewItems} />
              </Stack>
            </Paper>
          </Grid.Col>
        </Grid>
      </form>

      {post && (
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Paper withBorder p="md" radius="md">
              <Stack gap="sm">
                <Title order={4}>{t('composer.deliveries')}</Title>
                <DeliveriesTable targets={post.targets} channels={channelsById} timeZone={timeZone} />
              </Stack>
            </Paper>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <Paper withBorder p="md" radius="md">
              <Stack gap="sm">
                <Title order={4}>{t('composer.comments')}</Title>
                <CommentsThread workspaceId={workspace.id} postId={post.id} canComment={permissions.writePosts} />
              </Stack>
            </Paper>
          </Grid.Col>
        </Grid>
      )}

      <ConfirmModal
        opened={deleting}
        title={t('composer.deleteTitle')}
        message={t('composer.deleteConfirm')}
        confirmLabel={t('composer.delete')}
        loading={remove.isPending}
        onConfirm={() => remove.mutate()}
        onClose={() => setDeleting(false)}
      />
    </Stack>
  );
}
