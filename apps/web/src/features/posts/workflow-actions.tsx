// The workflow buttons a post's status and the user's role allow: submit, approve, reject,
// schedule, unschedule, retry. Each acts on the saved post, so unsaved edits block them.
import { Button, Group, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PostDetail } from '../../api/types';
import type { Role } from '../workspaces/roles';
import { allowedActions, type WorkflowAction } from './post-rules';

const STYLE: Record<WorkflowAction, { color?: string; variant: 'filled' | 'light' | 'default' }> = {
  submit: { variant: 'filled' },
  approve: { color: 'teal', variant: 'filled' },
  reject: { color: 'orange', variant: 'light' },
  schedule: { color: 'blue', variant: 'filled' },
  unschedule: { variant: 'default' },
  retry: { color: 'orange', variant: 'filled' },
};

interface WorkflowActionsProps {
  post: PostDetail;
  role: Role;
  approvalRequired: boolean;
  dirty: boolean;
  pending: WorkflowAction | null;
  onAction: (action: WorkflowAction) => void;
}

export function WorkflowActions({ post, role, approvalRequired, dirty, pending, onAction }: WorkflowActionsProps) {
  const { t } = useTranslation();
  const actions = allowedActions(post.status, role, approvalRequired);
  if (actions.length === 0) return null;
  return (
    <Group gap="xs" data-testid="post-workflow">
      {actions.map((action) => {
        // Unscheduling and retrying don't touch the content, so pending edits don't matter to them.
        const needsSave = dirty && (action === 'submit' || action === 'approve' || action === 'schedule');
        const needsDate = action === 'schedule' && !post.scheduledAt;
        // The server refuses these without a channel; say why before the click rather than after.
        const needsChannel = (action === 'submit' || action === 'schedule') && post.targets.length === 0;
        const blockedBy = needsSave
          ? t('composer.saveFirst')
          : needsChannel
            ? t('composer.needsChannel')
            : needsDate
              ? t('composer.scheduleNeedsDate')
              : null;
        const button = (
          <Button
            color={STYLE[action].color}
            variant={STYLE[action].variant}
            disabled={blockedBy !== null || (pending !== null && pending !== action)}
            loading={pending === action}
            onClick={() => onAction(action)}
            data-testid={`write-post-action-${action}`}
          >
            {t(`workflow.${action}`)}
          </Button>
        );
        return blockedBy ? (
          <Tooltip key={action} label={blockedBy} withArrow>
            <span>{button}</span>
          </Tooltip>
        ) : (
          <span key={action}>{button}</span>
        );
      })}
    </Group>
  );
}
