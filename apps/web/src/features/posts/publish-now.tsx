// "Publier maintenant": the saved post goes out at once through the ordinary workflow — scheduled at the present
// moment (the server takes a past time as "now"), or a scheduled post rescheduled to now — after a confirmation
// naming the channels it will be published on. Only for members the workflow lets schedule this post; disabled,
// with the reason written beside it (not in a hover-only tooltip), while the server would refuse it.
import { Button, Group, List, Modal, Stack, Text } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, PostDetail } from '../../api/types';
import type { Role } from '../workspaces/roles';
import { NetworkIcon } from '../channels/channel-label';
import { canAct } from './post-rules';

/** The workflow move that takes this post out now, if the member may make it. */
export function publishNowAction(
  post: PostDetail,
  role: Role,
  approvalRequired: boolean,
): 'schedule' | 'reschedule' | null {
  if (post.status === 'scheduled')
    return canAct('reschedule', post.status, role, approvalRequired) ? 'reschedule' : null;
  return canAct('schedule', post.status, role, approvalRequired) ? 'schedule' : null;
}

/**
 * Whether the editorial charter stops this move, as the server decides it (publishing/posts.ts): its blocking
 * findings refuse scheduling a post not yet approved (an approved one passed the charter at approval).
 */
export function charterStops(post: PostDetail, action: 'schedule' | 'reschedule'): boolean {
  return (
    action === 'schedule' &&
    post.status !== 'approved' &&
    post.charterFindings.some((finding) => finding.level === 'blocking')
  );
}

interface PublishNowProps {
  post: PostDetail;
  role: Role;
  approvalRequired: boolean;
  dirty: boolean;
  channelsById: Map<string, Channel>;
  busy: boolean;
  loading: boolean;
  onConfirm(action: 'schedule' | 'reschedule'): void;
}

export function PublishNow({
  post,
  role,
  approvalRequired,
  dirty,
  channelsById,
  busy,
  loading,
  onConfirm,
}: PublishNowProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const reasonId = useId();
  const action = publishNowAction(post, role, approvalRequired);
  if (!action) return null;
  const blockedBy = dirty
    ? t('composer.saveFirst')
    : post.targets.length === 0
      ? t('composer.needsChannel')
      : charterStops(post, action)
        ? t('publishNowBlocked.charter')
        : null;
  const button = (
    <Button
      color="green"
      variant="light"
      leftSection={<IconSend size={16} />}
      disabled={blockedBy !== null || (busy && !loading)}
      loading={loading}
      onClick={() => setConfirming(true)}
      aria-describedby={blockedBy ? reasonId : undefined}
      data-testid="write-post-publish-now"
    >
      {t('publishNow.button')}
    </Button>
  );
  return (
    <>
      {blockedBy ? (
        <Stack gap={2} maw={320}>
          {button}
          <Text size="xs" c="dimmed" id={reasonId} data-testid="publish-now-blocked">
            {blockedBy}
          </Text>
        </Stack>
      ) : (
        button
      )}
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('publishNow.title')} centered>
        <Stack gap="sm" data-testid="publish-now-dialog">
          <Text size="sm">{t('publishNow.message', { count: post.targets.length })}</Text>
          <List spacing={4} size="sm" listStyleType="none" data-testid="publish-now-channels">
            {post.targets.map((target) => {
              const channel = channelsById.get(target.channelId);
              return (
                <List.Item key={target.channelId}>
                  <Group gap={6} wrap="nowrap">
                    <NetworkIcon network={channel?.network ?? 'unknown'} size={14} />
                    <Text size="sm">{channel?.name ?? t('composer.unknownChannel')}</Text>
                  </Group>
                </List.Item>
              );
            })}
          </List>
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={() => setConfirming(false)} data-testid="confirm-cancel">
              {t('common.cancel')}
            </Button>
            <Button
              color="green"
              loading={loading}
              onClick={() => {
                onConfirm(action);
                setConfirming(false);
              }}
              data-testid="confirm-submit"
            >
              {t('publishNow.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
