// Using an idea for a plan slot, however it is chosen (dropped on the slot, or « Utiliser pour un créneau… »): the
// server creates the slot's draft with the idea's text and marks the idea used; the composer then opens it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import { notifyError } from '../../ui/api-errors';
import { planKey, type SlotPostResult } from './plan-api';

/** The drag payload's type: an idea's id, dropped on an open slot. */
export const IDEA_DRAG_TYPE = 'application/x-rostra-idea';

export function useIdeaForSlot(workspaceId: string) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ ideaId, slotId }: { ideaId: string; slotId: string }) =>
      api.post<SlotPostResult>(`/api/workspaces/${workspaceId}/plan/ideas/${ideaId}/use`, { slotId }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: planKey(workspaceId) });
      void navigate(`/w/${workspaceId}/posts/${result.postId}`);
    },
    onError: (error) => notifyError(error, t),
  });
}
