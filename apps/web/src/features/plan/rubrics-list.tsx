// The rubrics of the animation plan as cards (readable on a phone): when, where, who, and a warning where nobody
// is named to step in.
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { api } from '../../api/client';
import type { Channel } from '../../api/types';
import { notifyError } from '../../ui/api-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { useMembers } from '../members/use-members';
import { nthKey, planKey, weekdayKey, type Rubric, type RubricPeriod } from './plan-api';
import { RubricForm } from './rubric-form';

export function describePeriod(period: RubricPeriod, time: string, t: TFunction): string {
  const day = (n: number) => t(`animationPlan.weekdays.${weekdayKey(n)}`);
  if (period.kind === 'monthly')
    return t('animationPlan.describe.monthly', {
      nth: t(`animationPlan.nth.${nthKey(period.nth)}`),
      day: day(period.weekday),
      time,
    });
  const days = period.weekdays.map(day).join(', ');
  if (period.kind === 'weekly') return t('animationPlan.describe.weekly', { days, time });
  return t('animationPlan.describe.everyNWeeks', { count: period.interval, days, time });
}

export function RubricsList(props: {
  workspaceId: string;
  rubrics: Rubric[];
  channels: Map<string, Channel>;
  canManage: boolean;
}) {
  const { workspaceId, rubrics, channels, canManage } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const members = new Map((useMembers(workspaceId).data?.items ?? []).map((m) => [m.userId, m.name || m.email]));
  const [editing, setEditing] = useState<Rubric | 'new' | null>(null);
  const [removing, setRemoving] = useState<Rubric | null>(null);
  const remove = useMutation({
    mutationFn: (rubric: Rubric) => api.delete(`/api/workspaces/${workspaceId}/plan/rubrics/${rubric.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: planKey(workspaceId) }),
    onError: (error) => notifyError(error, t),
  });

  return (
    <Stack data-testid="rubrics-list">
      {canManage ? (
        <Group>
          <Button onClick={() => setEditing('new')} data-testid="rubric-new">
            {t('animationPlan.rubric.add')}
          </Button>
        </Group>
      ) : null}
      {rubrics.length === 0 ? <Text c="dimmed">{t('animationPlan.rubric.empty')}</Text> : null}
      {rubrics.map((rubric) => (
        <Paper key={rubric.id} withBorder p="sm" data-testid="rubric-card">
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Stack gap={4}>
              <Text fw={700}>{rubric.name}</Text>
              <Text size="sm">{describePeriod(rubric.period, rubric.time, t)}</Text>
              <Text size="sm" c="dimmed">
                {rubric.channelIds.map((id) => channels.get(id)?.name ?? '?').join(', ')}
              </Text>
              <Group gap={6}>
                <Text size="sm">
                  {t('animationPlan.rubric.ownerIs', {
                    name: rubric.ownerId ? (members.get(rubric.ownerId) ?? '?') : t('common.none'),
                  })}
                </Text>
                {rubric.backupOwnerId ? (
                  <Text size="sm">
                    {t('animationPlan.rubric.backupIs', { name: members.get(rubric.backupOwnerId) ?? '?' })}
                  </Text>
                ) : (
                  <Badge color="orange" variant="light" data-testid="rubric-no-backup">
                    {t('animationPlan.rubric.noBackup')}
                  </Badge>
                )}
              </Group>
            </Stack>
            {canManage ? (
              <Group gap={4} wrap="nowrap">
                <ActionIcon
                  variant="subtle"
                  aria-label={t('animationPlan.rubric.edit', { name: rubric.name })}
                  onClick={() => setEditing(rubric)}
                >
                  <IconPencil size={16} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('animationPlan.rubric.remove', { name: rubric.name })}
                  onClick={() => setRemoving(rubric)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ) : null}
          </Group>
        </Paper>
      ))}
      {editing ? (
        <RubricForm
          workspaceId={workspaceId}
          rubric={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {removing ? (
        <ConfirmModal
          opened
          title={t('animationPlan.rubric.removeTitle')}
          message={t('animationPlan.rubric.removeMessage', { name: removing.name })}
          confirmLabel={t('common.delete')}
          onConfirm={() => {
            remove.mutate(removing);
            setRemoving(null);
          }}
          onClose={() => setRemoving(null)}
        />
      ) : null}
    </Stack>
  );
}
