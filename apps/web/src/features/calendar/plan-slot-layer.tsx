// The animation plan's open slots inside the calendar: each a dashed « À écrire » entry beside the posts (its
// legend says so), which opens « Créer la publication » for that slot — the slot's draft, prefilled from its rubric,
// then the composer. Kept apart from the posts' events so the calendar page only adds this layer.
import type { EventApi, EventContentArg, EventInput } from '@fullcalendar/core';
import { Box, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconPencilPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client';
import type { Channel } from '../../api/types';
import { notifyError } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { toCalendarDate } from '../../ui/zoned-time';
import { planKey, usePlanRubrics, type PlanSlot, type SlotPostResult } from '../plan/plan-api';
import { useWorkspace } from '../workspaces/workspace-context';
import './plan-slot-layer.css';

/** Calendar event ids of plan slots: never a post's id. */
const SLOT_PREFIX = 'plan-slot:';

interface SlotEventProps {
  planSlot: PlanSlot;
  rubric: string;
}

export function isPlanSlotEvent(event: Pick<EventApi, 'id'>): boolean {
  return event.id.startsWith(SLOT_PREFIX);
}

/** The plan's open slots in the visible range, as calendar events; the dialog a slot's click opens. */
export function usePlanSlotLayer(range: { from: string; to: string } | null, channels: Map<string, Channel>) {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const rubrics = usePlanRubrics(workspace.id).data?.items ?? [];
  const slots = useQuery({
    queryKey: [...planKey(workspace.id), 'slots', 'calendar', range],
    enabled: range !== null,
    queryFn: () => {
      const query = new URLSearchParams({ from: range?.from ?? '', to: range?.to ?? '' });
      return api.get<{ items: PlanSlot[] }>(`/api/workspaces/${workspace.id}/plan/slots?${query.toString()}`);
    },
  });
  const [chosen, setChosen] = useState<SlotEventProps | null>(null);
  const rubricName = new Map(rubrics.map((r) => [r.id, r.name]));
  const events: EventInput[] = (slots.data?.items ?? [])
    .filter((slot) => slot.status === 'open')
    .map((slot) => {
      const rubric = (slot.rubricId && rubricName.get(slot.rubricId)) || '';
      const extendedProps: SlotEventProps = { planSlot: slot, rubric };
      return {
        id: `${SLOT_PREFIX}${slot.id}`,
        title: [t('animationPlan.calendarSlots.toWrite'), rubric, channels.get(slot.channelId)?.name]
          .filter(Boolean)
          .join(' · '),
        start: toCalendarDate(slot.at, workspace.timezone),
        allDay: false,
        display: 'block',
        editable: false,
        classNames: ['rostra-plan-slot'],
        extendedProps,
      };
    });
  /** Opens the slot's dialog when the event is a plan slot; false for a post. */
  const open = (event: { id: string; extendedProps?: Record<string, unknown> }): boolean => {
    if (!isPlanSlotEvent(event)) return false;
    if (permissions.writePosts) setChosen(event.extendedProps as unknown as SlotEventProps);
    return true;
  };
  const dialog: ReactNode = chosen ? (
    <CreateSlotPostDialog slot={chosen} channels={channels} onClose={() => setChosen(null)} />
  ) : null;
  return { events, open, dialog };
}

export function PlanSlotEventContent({ arg }: { arg: EventContentArg }) {
  const { planSlot } = arg.event.extendedProps as SlotEventProps;
  return (
    <Box
      px={4}
      style={{ overflow: 'hidden', display: 'flex', gap: 4, alignItems: 'center', minWidth: 0 }}
      data-testid="calendar-plan-slot"
      data-slot-id={planSlot.id}
      title={arg.event.title}
    >
      <IconPencilPlus size={12} aria-hidden style={{ flexShrink: 0 }} />
      {arg.timeText && (
        <Text span size="xs" fw={700} style={{ flexShrink: 0 }}>
          {arg.timeText}
        </Text>
      )}
      <Text span size="xs" truncate>
        {arg.event.title}
      </Text>
    </Box>
  );
}

/** The legend's entry for plan slots, drawn as they are. */
export function PlanSlotLegend() {
  const { t } = useTranslation();
  return (
    <Text size="xs" fw={600} px={8} py={2} className="rostra-plan-slot-legend" data-testid="calendar-plan-slot-legend">
      {t('animationPlan.calendarSlots.legend')}
    </Text>
  );
}

function CreateSlotPostDialog(props: { slot: SlotEventProps; channels: Map<string, Channel>; onClose(): void }) {
  const { slot, channels, onClose } = props;
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formatDateTime = useFormatDateTime(workspace.timezone);
  const create = useMutation({
    mutationFn: () => api.post<SlotPostResult>(`/api/workspaces/${workspace.id}/plan/slots/${slot.planSlot.id}/post`),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: planKey(workspace.id) });
      void navigate(`/w/${workspace.id}/posts/${result.postId}`);
    },
    onError: (error) => notifyError(error, t),
  });
  return (
    <Modal opened onClose={onClose} title={t('animationPlan.calendarSlots.dialogTitle')}>
      <Stack data-testid="calendar-plan-slot-dialog">
        <Text>
          {t('animationPlan.calendarSlots.dialogText', {
            date: formatDateTime(slot.planSlot.at),
            channel: channels.get(slot.planSlot.channelId)?.name ?? '',
          })}
        </Text>
        {slot.rubric ? <Text size="sm">{t('animationPlan.calendarSlots.rubric', { name: slot.rubric })}</Text> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button loading={create.isPending} onClick={() => create.mutate()} data-testid="calendar-plan-slot-create">
            {t('animationPlan.slots.createPost')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
