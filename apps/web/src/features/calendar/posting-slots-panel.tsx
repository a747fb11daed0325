// The workspace's weekly posting slots, beside the calendar: the times it usually publishes at, in its
// own time zone. "Prochain créneau libre" in the composer picks from them. Managers edit them here.
import { zoneContext } from '../../ui/time-zone-name';
import { ActionIcon, Button, Chip, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { notifyError, notifySuccess } from '../../ui/api-errors';
import { hasRoleAtLeast } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';

/** ISO weekday: 1 = Monday … 7 = Sunday, as the API and packages/core/src/planning/slots.ts count. */
export interface PostingSlot {
  days: number[];
  time: string;
}

interface SlotsResponse {
  timezone: string;
  slots: PostingSlot[];
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Short weekday names in the reader's language; 1 January 2024 was a Monday. */
export function weekdayNames(locale: string): Record<number, string> {
  const format = new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' });
  return Object.fromEntries(WEEKDAYS.map((day) => [day, format.format(Date.UTC(2024, 0, day))]));
}

/** Slots in the order a week reads: by first day, then time. */
export function sortSlots(slots: PostingSlot[]): PostingSlot[] {
  return slots
    .map((slot) => ({ ...slot, days: [...slot.days].sort((a, b) => a - b) }))
    .sort((a, b) => (a.days[0] ?? 8) - (b.days[0] ?? 8) || a.time.localeCompare(b.time));
}

export function PostingSlotsPanel() {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { workspace } = useWorkspace();
  const canEdit = hasRoleAtLeast(workspace.role, 'manager');
  const key = ['workspaces', workspace.id, 'posting-slots'] as const;
  const query = useQuery({
    queryKey: key,
    queryFn: () => api.get<SlotsResponse>(`/api/workspaces/${workspace.id}/posting-slots`),
  });
  const [draft, setDraft] = useState<PostingSlot[] | null>(null);
  const save = useMutation({
    mutationFn: (slots: PostingSlot[]) =>
      api.put<SlotsResponse>(`/api/workspaces/${workspace.id}/posting-slots`, { slots }),
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      setDraft(null);
      notifySuccess(t('planning.saved'));
    },
    onError: (error) => notifyError(error, t),
  });

  const names = weekdayNames(i18n.language);
  const zone = query.data?.timezone ?? workspace.timezone;
  const slots = sortSlots(query.data?.slots ?? []);
  const invalid = draft?.some((slot) => slot.days.length === 0 || !TIME.test(slot.time)) ?? false;
  const change = (index: number, patch: Partial<PostingSlot>) =>
    setDraft((current) => current?.map((slot, i) => (i === index ? { ...slot, ...patch } : slot)) ?? null);

  return (
    <Paper withBorder p="sm" radius="md" data-testid="posting-slots">
      <Stack gap="xs">
        <Group justify="space-between" wrap="nowrap">
          <Title order={5}>{t('planning.title')}</Title>
          {canEdit && draft === null && (
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => setDraft(slots)}
              data-testid="write-posting-slots-edit"
            >
              {t('planning.edit')}
            </Button>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {t('planning.hint', zoneContext(zone))}
        </Text>
        {draft === null ? (
          <SlotList slots={slots} names={names} />
        ) : (
          <Stack gap="xs">
            {draft.map((slot, index) => (
              <SlotEditor
                key={index}
                slot={slot}
                names={names}
                onChange={(patch) => change(index, patch)}
                onRemove={() => setDraft(draft.filter((_, i) => i !== index))}
              />
            ))}
            <Button
              size="compact-xs"
              variant="subtle"
              leftSection={<IconPlus size={12} />}
              onClick={() => setDraft([...draft, { days: [1, 2, 3, 4, 5], time: '09:00' }])}
              data-testid="write-posting-slot-add"
            >
              {t('planning.add')}
            </Button>
            <Group gap="xs" justify="flex-end">
              <Button size="compact-sm" variant="default" onClick={() => setDraft(null)}>
                {t('planning.cancel')}
              </Button>
              <Button
                size="compact-sm"
                disabled={invalid}
                loading={save.isPending}
                onClick={() => save.mutate(draft)}
                data-testid="write-posting-slots-save"
              >
                {t('planning.save')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** The saved slots as a read-only list: time, then the days it applies to. */
function SlotList({ slots, names }: { slots: PostingSlot[]; names: Record<number, string> }) {
  const { t } = useTranslation();
  return slots.length === 0 ? (
    <Text size="sm" c="dimmed" data-testid="posting-slots-empty">
      {t('planning.empty')}
    </Text>
  ) : (
    <Stack gap={2} data-testid="posting-slots-list">
      {slots.map((slot) => (
        <Text size="sm" key={`${slot.days.join(',')}-${slot.time}`} data-testid="posting-slot">
          <Text span fw={700}>
            {slot.time}
          </Text>{' '}
          {slot.days.map((day) => names[day]).join(', ')}
        </Text>
      ))}
    </Stack>
  );
}

interface SlotEditorProps {
  slot: PostingSlot;
  names: Record<number, string>;
  onChange: (patch: Partial<PostingSlot>) => void;
  onRemove: () => void;
}

/** One slot being edited: its time, its days, and a button to remove it. */
function SlotEditor({ slot, names, onChange, onRemove }: SlotEditorProps) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid="posting-slot-editor">
      <Group gap="xs" wrap="nowrap">
        <TextInput
          type="time"
          size="xs"
          aria-label={t('planning.time')}
          value={slot.time}
          onChange={(event) => onChange({ time: event.currentTarget.value })}
          error={!TIME.test(slot.time)}
          data-testid="posting-slot-time"
        />
        <ActionIcon variant="subtle" color="red" aria-label={t('planning.remove')} onClick={onRemove}>
          <IconTrash size={14} />
        </ActionIcon>
      </Group>
      <Chip.Group
        multiple
        value={slot.days.map(String)}
        onChange={(days) => onChange({ days: days.map(Number).sort((a, b) => a - b) })}
      >
        <Group gap={2}>
          {WEEKDAYS.map((day) => (
            <Chip key={day} value={String(day)} size="xs" data-testid={`posting-slot-day-${day}`}>
              {names[day]}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      {slot.days.length === 0 && (
        <Text size="xs" c="red">
          {t('planning.pickDays')}
        </Text>
      )}
    </Stack>
  );
}
