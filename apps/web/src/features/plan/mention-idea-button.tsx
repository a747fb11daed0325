// « → idée » on a mention of the listening stream: the mention goes to the animation plan's idea bank, with its
// words and its link, for the team to write about later.
import { Button } from '@mantine/core';
import { IconBulb } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Mention } from '../../api/types';
import { notifyError, notifySuccess } from '../../ui/api-errors';
import { useWorkspace } from '../workspaces/workspace-context';
import { planKey, type Idea } from './plan-api';

export function MentionIdeaButton({ mention }: { mention: Mention }) {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const queryClient = useQueryClient();
  const toIdea = useMutation({
    mutationFn: () =>
      api.post<Idea>(`/api/workspaces/${workspace.id}/plan/ideas/from-mention`, { mentionId: mention.id }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKey(workspace.id) });
      notifySuccess(t('animationPlan.ideas.fromMentionDone'));
    },
    onError: (error) => notifyError(error, t),
  });
  if (!permissions.writePosts) return null;
  return (
    <Button
      size="compact-xs"
      variant="subtle"
      leftSection={<IconBulb size={14} aria-hidden />}
      loading={toIdea.isPending}
      disabled={toIdea.isSuccess}
      onClick={() => toIdea.mutate()}
      aria-label={t('animationPlan.ideas.fromMentionLabel')}
      data-testid="mention-to-idea"
    >
      {t('animationPlan.ideas.fromMentionButton')}
    </Button>
  );
}
