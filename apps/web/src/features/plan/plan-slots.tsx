// The planned slots of the next weeks, week by week, with their status and the events of each week; an open slot's
// post is created from here (a draft prefilled with the slot's channel, time, theme and content type), or from an
// idea dropped on it (the draft then has the idea's text), and opens in the composer.
import { Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Channel } from '../../api/types';
import { notifyError } from '../../ui/api-errors';
import { planKey, type EventOccurrence, type PlanSlot, type Rubric, type SlotPostResult } from './plan-api';
import { IDEA_DRAG_TYPE, useIdeaForSlot } from './use-idea-for-slot';
import { WeekEvents } from './week-events';

const STATUS_COLOR: Record<PlanSlot['status'], string> = { open: 'blue', filled: 'green', skipped: 'gray' };

/** The Monday of a local date's week. */
export function mondayOf(day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7));
  return date.toISOString().slice(0, 10);
}

/** Slots by the Monday of their week (local dates), in order. */
function byWeek(slots: PlanSlot[]): Array<[string, PlanSlot[]]> {
  const weeks = new Map<string, PlanSlot[]>();
  for (const slot of slots) {
    const monday = mondayOf(slot.date);
    weeks.set(monday, [...(weeks.get(monday) ?? []), slot]);
  }
  return [...weeks];
}

/** Drop handlers of an open slot: it takes an idea dragged from the shelf and shows where it will land. */
function useIdeaDrop(workspaceId: string) {
  const use = useIdeaForSlot(workspaceId);
  const [over, setOver] = useState<string | null>(null);
  const carriesIdea = (event: DragEvent) => event.dataTransfer.types.includes(IDEA_DRAG_TYPE);
  return {
    over,
    pending: use.isPending,
    handlers: (slot: PlanSlot) =>
      slot.status !== 'open'
        ? {}
        : {
            onDragOver: (event: DragEvent) => {
              if (!carriesIdea(event)) return;
              event.preventDefault();
              event.dataTransfer.dropEffect = 'copy';
              setOver(slot.id);
            },
            onDragLeave: () => setOver((current) => (current === slot.id ? null : current)),
            onDrop: (event: DragEvent) => {
              const ideaId = event.dataTransfer.getData(IDEA_DRAG_TYPE);
              setOver(null);
              if (!ideaId) return;
              event.preventDefault();
              use.mutate({ ideaId, slotId: slot.id });
            },
          },
  };
}

export function PlanSlots(props: {
  workspaceId: string;
  slots: PlanSlot[];
  rubrics: Rubric[];
  channels: Map<string, Channel>;
  canWrite: boolean;
  events?: EventOccurrence[];
}) {
  const { workspaceId, slots, rubrics, channels, canWrite, events = [] } = props;
  const drop = useIdeaDrop(workspaceId);
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
          <WeekEvents events={events.filter((e) => mondayOf(e.date) === monday)} />
          {week.map((slot) => (
            <Paper
              key={slot.id}
              withBorder
              p="xs"
              data-testid="plan-slot"
              data-slot-id={slot.id}
              data-status={slot.status}
              {...(canWrite ? drop.handlers(slot) : {})}
              style={drop.over === slot.id ? { outline: '2px dashed var(--mantine-primary-color-filled)' } : undefined}
            >
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
