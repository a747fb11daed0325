// The planned slots of the next weeks, week by week, with their status; an open slot's post is created from here
// (a draft prefilled with the slot's channel, time, theme and content type) and opens in the composer.
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Channel } from '../../api/types';
import { notifyError } from '../../ui/api-errors';
import { planKey, type PlanSlot, type Rubric, type SlotPostResult } from './plan-api';

const STATUS_COLOR: Record<PlanSlot['status'], string> = { open: 'blue', filled: 'green', skipped: 'gray' };

/** Slots by the Monday of their week (local dates), in order. */
function byWeek(slots: PlanSlot[]): Array<[string, PlanSlot[]]> {
  const weeks = new Map<string, PlanSlot[]>();
  for (const slot of slots) {
    const date = new Date(`${slot.date}T12:00:00Z`);
    date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
    const monday = date.toISOString().slice(0, 10);
    weeks.set(monday, [...(weeks.get(monday) ?? []), slot]);
  }
  return [...weeks];
}

export function PlanSlots(props: {
  workspaceId: string;
  slots: PlanSlot[];
  rubrics: Rubric[];
  channels: Map<string, Channel>;
  canWrite: boolean;
}) {
  const { workspaceId, slots, rubrics, channels, canWrite } = props;
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const rubricName = new Map(rubrics.map((r) => [r.id, r.name]));
  const formatDay = (date: string) =>
    new Intl.DateTimeFormat(i18n.language, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    }).format(new Date(`${date}T12:00:00Z`));
  const create = useMutation({
    mutationFn: (slotId: string) =>
      api.post<SlotPostResult>(`/api/workspaces/${workspaceId}/plan/slots/${slotId}/post`),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: planKey(workspaceId) });
      void navigate(`/w/${workspaceId}/posts/${result.postId}`);
    },
    onError: (error) => notifyError(error, t),
  });

  if (slots.length === 0) {
    return (
      <Text c="dimmed" data-testid="plan-slots-empty">
        {t('animationPlan.slots.empty')}
      </Text>
    );
  }
  return (
    <Stack data-testid="plan-slots">
      {byWeek(slots).map(([monday, week]) => (
        <Stack key={monday} gap="xs">
          <Title order={4}>{t('animationPlan.slots.weekOf', { date: formatDay(monday) })}</Title>
          {week.map((slot) => (
            <Paper key={slot.id} withBorder p="xs" data-testid="plan-slot" data-status={slot.status}>
              <Group justify="space-between" wrap="wrap" gap="xs">
                <Stack gap={2}>
                  <Text fw={600} size="sm">
                    {formatDay(slot.date)} · {slot.time} · {slot.rubricId ? rubricName.get(slot.rubricId) : ''}
                  </Text>
                  <Group gap={6}>
                    <Text size="xs" c="dimmed">
                      {channels.get(slot.channelId)?.name ?? ''}
                    </Text>
                    <Badge size="xs" color={STATUS_COLOR[slot.status]}>
                      {t(`animationPlan.status.${slot.status}`)}
                    </Badge>
                    {slot.holiday ? (
                      <Badge size="xs" variant="outline" color="grape">
                        {t(`animationPlan.holidays.${slot.holiday}`)}
                      </Badge>
                    ) : null}
                    {slot.offRubric ? (
                      <Badge size="xs" variant="outline" color="orange">
                        {t('animationPlan.slots.offRubric')}
                      </Badge>
                    ) : null}
                  </Group>
                </Stack>
                {slot.postId ? (
                  <Anchor component={Link} to={`/w/${workspaceId}/posts/${slot.postId}`} size="sm">
                    {t('animationPlan.slots.openPost')}
                  </Anchor>
                ) : canWrite && slot.status === 'open' ? (
                  <Button
                    size="compact-sm"
                    variant="light"
                    loading={create.isPending && create.variables === slot.id}
                    onClick={() => create.mutate(slot.id)}
                    data-testid="plan-slot-create-post"
                  >
                    {t('animationPlan.slots.createPost')}
                  </Button>
                ) : null}
              </Group>
            </Paper>
          ))}
        </Stack>
      ))}
    </Stack>
  );
}
