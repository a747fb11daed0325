// What the composer sends: save (create or update), a workflow action (the server may refuse it with the rule
// violations it found), publish now, delete. Each refreshes the post lists and says what happened.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api, isApiError } from '../../api/client';
import type { PostDetail, Violation } from '../../api/types';
import { notifyError, notifySuccess } from '../../ui/api-errors';
import type { toPostBody } from './composer-values';
import type { WorkflowAction } from './post-rules';
import { postKey, refreshPosts } from './use-posts';

/** Violations the server attached to a refused workflow action (422 post_invalid). */
function readViolations(error: unknown): Violation[] | null {
  if (!isApiError(error) || error.code !== 'post_invalid') return null;
  const violations = (error.details as { violations?: unknown } | undefined)?.violations;
  return Array.isArray(violations) ? (violations as Violation[]) : [];
}

export function useComposerActions(workspaceId: string, post: PostDetail | undefined) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [actionViolations, setActionViolations] = useState<Violation[] | null>(null);
  const [pendingAction, setPendingAction] = useState<WorkflowAction | null>(null);
  const postsUrl = `/api/workspaces/${workspaceId}/posts`;

  const save = useMutation({
    mutationFn: (body: ReturnType<typeof toPostBody>) =>
      post ? api.patch<PostDetail>(`${postsUrl}/${post.id}`, body) : api.post<PostDetail>(postsUrl, body),
    onSuccess: async (saved) => {
      setActionViolations(null);
      if (post) {
        notifySuccess(t('composer.saved'));
        await refreshPosts(queryClient, workspaceId, saved);
      } else {
        notifySuccess(t('composer.created'));
        queryClient.setQueryData(postKey(workspaceId, saved.id), saved);
        await refreshPosts(queryClient, workspaceId, saved);
        void navigate(`/w/${workspaceId}/posts/${saved.id}`, { replace: true });
      }
    },
  });

  const act = useMutation({
    mutationFn: (action: WorkflowAction) => api.post<PostDetail>(`${postsUrl}/${post?.id}/${action}`, {}),
    onMutate: (action) => setPendingAction(action),
    onSuccess: async (updated, action) => {
      setActionViolations(null);
      notifySuccess(t(`workflow.done.${action}`));
      await refreshPosts(queryClient, workspaceId, updated);
    },
    onError: async (error) => {
      const refused = readViolations(error);
      if (refused) setActionViolations(refused);
      notifyError(error, t);
      // The post may have moved meanwhile (another reviewer, the worker): show where it is now.
      await refreshPosts(queryClient, workspaceId);
    },
    onSettled: () => setPendingAction(null),
  });

  // Out now through the ordinary workflow: a schedule (or a reschedule) at this moment, which the server reads as
  // "due now" and hands to the publishing engine.
  const publishNow = useMutation({
    mutationFn: (action: 'schedule' | 'reschedule') =>
      api.post<PostDetail>(`${postsUrl}/${post?.id}/${action}`, { scheduledAt: new Date().toISOString() }),
    onSuccess: async (updated) => {
      setActionViolations(null);
      notifySuccess(t('publishNow.done'));
      await refreshPosts(queryClient, workspaceId, updated);
    },
    onError: async (error) => {
      const refused = readViolations(error);
      if (refused) setActionViolations(refused);
      notifyError(error, t);
      await refreshPosts(queryClient, workspaceId);
    },
  });

  const remove = useMutation({
    mutationFn: () => api.delete(`${postsUrl}/${post?.id}`),
    onSuccess: async () => {
      notifySuccess(t('composer.deleted'));
      void navigate(`/w/${workspaceId}/posts`, { replace: true });
      await refreshPosts(queryClient, workspaceId);
    },
    onError: (error) => notifyError(error, t),
  });

  return { save, act, publishNow, remove, pendingAction, actionViolations };
}
