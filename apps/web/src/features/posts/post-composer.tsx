// The composer: one text for every channel with per-channel adaptations, live counts, the
// server's rule checks, tags, owners and date; then, once saved, the workflow buttons. Its state lives in
// use-composer-form.ts, what it sends in use-composer-actions.ts.
import { Alert, Grid, Paper, Stack, Text, Title } from '@mantine/core';
import { canEditPost } from '@rostra/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, ContentType, Member, PostDetail, Theme, Violation } from '../../api/types';
import { ErrorAlert, readFieldErrors } from '../../ui/api-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { describeNetwork } from '../channels/networks';
import { useWorkspace } from '../workspaces/workspace-context';
import { ChannelPicker } from './channel-picker';
import { ChannelTextTabs } from './channel-text-tabs';
import { CommentsThread } from './comments-thread';
import { ComposerDetails } from './composer-details';
import { ComposerHeader } from './composer-header';
import { effectiveText, toPostBody, type ComposerValues } from './composer-values';
import { DeliveriesTable } from './deliveries-table';
import { PostPreview } from './post-preview';
import { PublishNow } from './publish-now';
import { MediaPicker } from './media-picker';
import { threadPartsFor } from './thread-preview';
import { useComposerActions } from './use-composer-actions';
import { useComposerForm } from './use-composer-form';
import { ViolationsList } from './violations-list';
import { ComposerCharterFindings } from './composer-charter-findings';

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

/** What the preview shows: each selected channel's text as it will go out (split into a thread where asked, then its
 * first comment). */
function previewItems(values: ComposerValues, channelsById: Map<string, Channel>) {
  if (values.channels.length === 0) return [{ channel: null, text: values.text, media: values.media }];
  return values.channels.map((choice) => {
    const channel = channelsById.get(choice.channelId) ?? null;
    const [first = '', ...replies] = threadPartsFor(choice, effectiveText(values, choice), channel?.network ?? '');
    const warning = channel?.network === 'mastodon' ? choice.options?.spoilerText : undefined;
    return {
      channel,
      text: first,
      media: values.media,
      replies,
      firstComment: describeNetwork(channel?.network ?? '').firstComment ? choice.firstComment : undefined,
      contentWarning: typeof warning === 'string' ? warning : undefined,
    };
  });
}

/** Saving: the text is required; the server's field errors come back beside their fields. */
function useComposerSubmit(
  form: ReturnType<typeof useComposerForm>,
  save: ReturnType<typeof useComposerActions>['save'],
  timeZone: string,
) {
  const { t } = useTranslation();
  const [textMissing, setTextMissing] = useState(false);
  const fieldErrors = readFieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const missing = form.values.text.trim() === '';
    setTextMissing(missing);
    if (missing) return;
    form.markSubmitted(form.values);
    save.mutate(toPostBody(form.values, timeZone));
  };
  return { submit, fieldErrors, textError: textMissing ? t('validation.required') : fieldErrors.text };
}

export function PostComposer({ post, data }: PostComposerProps) {
  const { t } = useTranslation();
  const { workspace, session, permissions } = useWorkspace();
  const timeZone = workspace.timezone;
  const userId = session.user.id;
  const form = useComposerForm(post, timeZone, userId);
  const { values, dirty, update } = form;
  const actions = useComposerActions(workspace.id, post);
  const { save, actionViolations } = actions;
  const [deleting, setDeleting] = useState(false);
  const editable = post ? canEditPost(post, { role: workspace.role, userId }) : permissions.writePosts;
  const channelsById = new Map(data.channels.map((channel) => [channel.id, channel]));
  const selectedIds = values.channels.map((choice) => choice.channelId);
  const violations = (actionViolations ?? post?.violations ?? []).filter((violation) =>
    selectedIds.includes(violation.channelId),
  );
  const { submit, textError, fieldErrors } = useComposerSubmit(form, save, timeZone);

  return (
    <Stack>
      <ComposerTop
        post={post}
        approvalRequired={data.approvalRequired}
        dirty={dirty}
        actions={actions}
        channelsById={channelsById}
        onDelete={() => setDeleting(true)}
      />

      {post && !editable && <ReadOnlyNotice post={post} />}

      <form onSubmit={submit} noValidate data-testid="post-form">
        <Grid gap="md">
          <Grid.Col span={{ base: 12, lg: 7 }}>
            <Stack>
              {save.error && <ErrorAlert error={save.error} />}
              <ComposerText
                form={form}
                channels={data.channels}
                channelsById={channelsById}
                violations={violations}
                editable={editable}
                textError={textError}
              />
              <ComposerDetails
                data={data}
                values={values}
                update={update}
                fieldErrors={fieldErrors}
                channels={selectedIds.flatMap((id) => channelsById.get(id) ?? [])}
                workspaceId={workspace.id}
                timeZone={timeZone}
                editable={editable}
                isNew={post === undefined}
                dirty={dirty}
                saving={save.isPending}
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 5 }}>
            <ComposerPreview values={values} channelsById={channelsById} />
          </Grid.Col>
        </Grid>
      </form>

      {post && <PostActivity post={post} channelsById={channelsById} timeZone={timeZone} />}

      <ConfirmModal
        opened={deleting}
        title={t('composer.deleteTitle')}
        message={t('composer.deleteConfirm')}
        confirmLabel={t('composer.delete')}
        loading={actions.remove.isPending}
        onConfirm={() => actions.remove.mutate(undefined, { onSuccess: () => setDeleting(false) })}
        onClose={() => setDeleting(false)}
      />
    </Stack>
  );
}

interface ComposerTopProps {
  post: PostDetail | undefined;
  approvalRequired: boolean;
  dirty: boolean;
  actions: ReturnType<typeof useComposerActions>;
  channelsById: Map<string, Channel>;
  onDelete: () => void;
}

/** The title, the post's status and its workflow buttons, with "Publier maintenant" for a saved post. */
function ComposerTop({ post, approvalRequired, dirty, actions, channelsById, onDelete }: ComposerTopProps) {
  const { workspace, session } = useWorkspace();
  const { act, publishNow, pendingAction } = actions;
  return (
    <ComposerHeader
      post={post}
      role={workspace.role}
      userId={session.user.id}
      approvalRequired={approvalRequired}
      dirty={dirty}
      pendingAction={pendingAction}
      onAction={(action) => act.mutate(action)}
      onDelete={onDelete}
      publishNow={
        post && (
          <PublishNow
            post={post}
            role={workspace.role}
            approvalRequired={approvalRequired}
            dirty={dirty}
            channelsById={channelsById}
            busy={pendingAction !== null}
            loading={publishNow.isPending}
            onConfirm={(action) => publishNow.mutate(action)}
          />
        )
      }
    />
  );
}

function ComposerPreview({ values, channelsById }: { values: ComposerValues; channelsById: Map<string, Channel> }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="sm">
        <Title order={4}>{t('composer.preview')}</Title>
        <PostPreview items={previewItems(values, channelsById)} />
      </Stack>
    </Paper>
  );
}

/** Why a saved post cannot be edited here: scheduled (unschedule it first), or the person's role. */
function ReadOnlyNotice({ post }: { post: PostDetail }) {
  const { t } = useTranslation();
  const { permissions } = useWorkspace();
  return (
    <Alert color="gray" icon={<IconInfoCircle size={18} />} data-testid="post-read-only">
      {t('composer.readOnly')}{' '}
      {post.status === 'scheduled' && permissions.schedulePosts
        ? t('composer.readOnlyScheduled')
        : permissions.writePosts && !permissions.schedulePosts
          ? t('composer.readOnlyRole')
          : ''}
    </Alert>
  );
}

interface ComposerTextProps {
  form: ReturnType<typeof useComposerForm>;
  channels: Channel[];
  channelsById: Map<string, Channel>;
  violations: Violation[];
  editable: boolean;
  textError: string | undefined;
}

/** The channels, the shared text with each channel's adaptation, the media and what the rules found. */
function ComposerText({ form, channels, channelsById, violations, editable, textError }: ComposerTextProps) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const { values, update } = form;
  return (
    <Paper withBorder p="md" radius="md">
      <Stack>
        <ChannelPicker
          channels={channels}
          value={values.channels.map((choice) => choice.channelId)}
          onChange={form.setChannelIds}
          disabled={!editable}
          testId={editable ? 'write-post-channels' : 'post-channels'}
        />
        {channels.length === 0 && (
          <Text size="sm" c="dimmed" data-testid="post-no-channels">
            {t('composer.noChannels')}
          </Text>
        )}
        <ChannelTextTabs
          text={values.text}
          onTextChange={(text) => update({ text })}
          choices={values.channels}
          onChoiceChange={form.updateChoice}
          channels={channelsById}
          violations={violations}
          editable={editable}
          textError={textError}
        />
        <MediaPicker
          workspaceId={workspace.id}
          value={values.media}
          onChange={(media) => update({ media })}
          editable={editable}
        />
        <ViolationsList violations={violations} channels={channelsById} />
        <ComposerCharterFindings
          workspaceId={workspace.id}
          values={values}
          channels={channelsById}
          editable={editable}
          onTextChange={(text) => update({ text })}
          onChoiceChange={form.updateChoice}
        />
      </Stack>
    </Paper>
  );
}

/** A saved post's deliveries (per channel: status, link, error) and the team's comments. */
function PostActivity({
  post,
  channelsById,
  timeZone,
}: {
  post: PostDetail;
  channelsById: Map<string, Channel>;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  return (
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
  );
}
