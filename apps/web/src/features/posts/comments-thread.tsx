// The discussion on a post between its author and reviewers.
import { Avatar, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { PostComment } from '../../api/types';
import { ErrorAlert } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { commentsKey, useComments } from './use-posts';

interface CommentsThreadProps {
  workspaceId: string;
  postId: string;
  canComment: boolean;
}

export function CommentsThread({ workspaceId, postId, canComment }: CommentsThreadProps) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const formatDateTime = useFormatDateTime();
  const comments = useComments(workspaceId, postId);
  const [text, setText] = useState('');

  const add = useMutation({
    mutationFn: () =>
      api.post<PostComment>(`/api/workspaces/${workspaceId}/posts/${postId}/comments`, { text: text.trim() }),
    onSuccess: async () => {
      setText('');
      await queryClient.invalidateQueries({ queryKey: commentsKey(workspaceId, postId) });
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) add.mutate();
  };

  return (
    <Stack gap="sm">
      {comments.isPending && <PageLoader />}
      {comments.isError && <ErrorAlert error={comments.error} onRetry={() => void comments.refetch()} />}
      {comments.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('composer.commentsEmpty')}
        </Text>
      )}
      {comments.data?.items.map((comment) => (
        <Group key={comment.id} gap="sm" align="flex-start" wrap="nowrap" data-testid="post-comment">
          <Avatar size={28} radius="xl" color="blue">
            {comment.authorName.slice(0, 1).toUpperCase()}
          </Avatar>
          <div style={{ minWidth: 0 }}>
            <Group gap={6}>
              <Text size="sm" fw={600}>
                {comment.authorName}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(comment.createdAt)}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {comment.text}
            </Text>
          </div>
        </Group>
      ))}
      {canComment && (
        <form onSubmit={submit} noValidate>
          <Stack gap="xs">
            {add.error && <ErrorAlert error={add.error} />}
            <Textarea
              aria-label={t('composer.commentPlaceholder')}
              placeholder={t('composer.commentPlaceholder')}
              value={text}
              onChange={(event) => setText(event.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={5000}
              data-testid="write-comment-text"
            />
            <Group justify="flex-end">
              <Button
                type="submit"
                variant="light"
                loading={add.isPending}
                disabled={!text.trim()}
                data-testid="write-comment-submit"
              >
                {t('composer.commentSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
