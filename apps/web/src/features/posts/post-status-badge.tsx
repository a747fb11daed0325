// Status badges of posts and of their deliveries, with the words and colours used everywhere.
import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PostStatus, TargetStatus } from '../../api/types';

const POST_COLORS: Record<PostStatus, string> = {
  draft: 'gray',
  in_review: 'yellow',
  approved: 'teal',
  scheduled: 'blue',
  publishing: 'indigo',
  published: 'green',
  failed: 'red',
  unconfirmed: 'orange',
};

const TARGET_COLORS: Record<TargetStatus, string> = {
  pending: 'gray',
  scheduled: 'blue',
  publishing: 'indigo',
  published: 'green',
  failed: 'red',
  unconfirmed: 'orange',
};

type Size = BadgeProps['size'];

export function PostStatusBadge({ status, size = 'sm' }: { status: PostStatus; size?: Size }) {
  const { t } = useTranslation();
  return (
    <Badge color={POST_COLORS[status]} variant="light" size={size} tt="none" data-status={status}>
      {t(`postStatus.${status}`)}
    </Badge>
  );
}

export function TargetStatusBadge({ status }: { status: TargetStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={TARGET_COLORS[status]} variant="light" size="sm" tt="none" data-status={status}>
      {t(`targetStatus.${status}`)}
    </Badge>
  );
}
