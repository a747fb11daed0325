// What a bulk action did, in the person's language: how many posts were done, and for each refused post its
// title and why (its status, the person's role, a rule of its networks…), never the server's English.
import { Alert, CloseButton, Group, List, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import type { Post } from '../../api/types';
import { describeError } from '../../ui/api-errors';
import { postTitle } from './posts-table';
import type { BulkAction, BulkResult } from './use-posts';

const REASONS = ['no_date', 'not_a_draft', 'in_the_past'] as const;
type Reason = (typeof REASONS)[number];

export interface BulkOutcome {
  action: BulkAction;
  results: BulkResult[];
  /** The posts as they were when the action was asked for, for their titles and statuses. */
  posts: Map<string, Post>;
}

function isReason(value: unknown): value is Reason {
  return typeof value === 'string' && (REASONS as readonly string[]).includes(value);
}

/** Why one post was refused: the bulk step's own reason, the workflow's rule for its status, else the error's words. */
export function describeRefusal(result: BulkResult, action: BulkAction, post: Post | undefined, t: TFunction): string {
  const error = result.error ?? { code: 'internal', message: '' };
  const reason = error.details?.reason;
  if (isReason(reason)) return t(`postsBulk.reason.${reason}`);
  if (
    error.code === 'invalid_transition' &&
    post &&
    action !== 'shift' &&
    action !== 'set_theme' &&
    action !== 'delete'
  ) {
    return t(`postsBulk.wrongStatus.${action}`, { status: t(`postStatus.${post.status}`) });
  }
  if (error.code === 'forbidden') return t('postsBulk.forbidden');
  return describeError(new ApiError(0, error.code, error.message, error.details), t);
}

export function BulkResultAlert({ outcome, onClose }: { outcome: BulkOutcome; onClose: () => void }) {
  const { t } = useTranslation();
  const refused = outcome.results.filter((result) => !result.ok);
  const done = outcome.results.length - refused.length;
  const title = t(refused.length > 0 ? 'postsBulk.resultWithRefusals' : 'postsBulk.result', {
    action: t(`postsBulk.actions.${outcome.action}`),
    done: t('postsBulk.doneCount', { count: done }),
    refused: t('postsBulk.refusedCount', { count: refused.length }),
  });
  return (
    <Alert
      color={refused.length > 0 ? 'orange' : 'teal'}
      icon={refused.length > 0 ? <IconAlertTriangle size={18} /> : <IconCheck size={18} />}
      data-testid="posts-bulk-result"
      data-done={done}
      data-refused={refused.length}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" fw={600}>
          {title}
        </Text>
        <CloseButton size="sm" aria-label={t('common.close')} onClick={onClose} />
      </Group>
      {refused.length > 0 && (
        <List size="sm" mt="xs" spacing={4}>
          {refused.map((result) => {
            const post = outcome.posts.get(result.postId);
            return (
              <List.Item key={result.postId} data-testid="posts-bulk-refused" data-post-id={result.postId}>
                {t('postsBulk.refusedPost', {
                  title: post ? postTitle(post, t('posts.untitled')) : t('posts.untitled'),
                  reason: describeRefusal(result, outcome.action, post, t),
                })}
              </List.Item>
            );
          })}
        </List>
      )}
    </Alert>
  );
}
