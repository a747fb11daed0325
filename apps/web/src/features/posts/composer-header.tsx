// The composer's heading: new or editing, the post's status, unsaved changes, who created it and when; for a saved
// post, the workflow buttons its state and the member's role allow, and delete.
import { Button, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { canDeletePost } from '@rostra/core';
import { useTranslation } from 'react-i18next';
import type { PostDetail } from '../../api/types';
import type { Role } from '../workspaces/roles';
import { useFormatDateTime } from '../../ui/format';
import type { WorkflowAction } from './post-rules';
import { PostStatusBadge } from './post-status-badge';
import { WorkflowActions } from './workflow-actions';

interface ComposerHeaderProps {
  post: PostDetail | undefined;
  role: Role;
  userId: string;
  approvalRequired: boolean;
  dirty: boolean;
  pendingAction: WorkflowAction | null;
  onAction(action: WorkflowAction): void;
  onDelete(): void;
  /** "Publier maintenant", when the member may. */
  publishNow?: ReactNode;
}

export function ComposerHeader({ post, role, userId, dirty, ...props }: ComposerHeaderProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
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
            role={role}
            approvalRequired={props.approvalRequired}
            dirty={dirty}
            pending={props.pendingAction}
            onAction={props.onAction}
          />
          {props.publishNow}
          {canDeletePost(post, { role, userId }) && (
            <Button variant="subtle" color="red" onClick={props.onDelete} data-testid="write-post-delete">
              {t('composer.delete')}
            </Button>
          )}
        </Group>
      )}
    </Group>
  );
}
