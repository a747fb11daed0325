// « Utiliser pour un créneau… »: the keyboard's way to drop an idea on a slot (WCAG 2.1.1) — the open slots of the
// plan in a native select, then the slot's draft is created with the idea's text.
import { Button, Group, Modal, NativeSelect, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../api/types';
import type { Idea, PlanSlot, Rubric } from './plan-api';
import { useIdeaForSlot } from './use-idea-for-slot';

export function UseIdeaDialog(props: {
  workspaceId: string;
  idea: Idea;
  slots: PlanSlot[];
  rubrics: Rubric[];
  channels: Map<string, Channel>;
  onClose(): void;
}) {
  const { workspaceId, idea, slots, rubrics, channels, onClose } = props;
  const { t, i18n } = useTranslation();
  const open = slots.filter((s) => s.status === 'open');
  const [slotId, setSlotId] = useState(open[0]?.id ?? '');
  const use = useIdeaForSlot(workspaceId);
  const rubricName = new Map(rubrics.map((r) => [r.id, r.name]));
  const day = new Intl.DateTimeFormat(i18n.language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  });
  const label = (slot: PlanSlot) =>
    [
      day.format(new Date(`${slot.date}T12:00:00Z`)),
      slot.time,
      slot.rubricId ? rubricName.get(slot.rubricId) : null,
      channels.get(slot.channelId)?.name,
    ]
      .filter(Boolean)
      .join(' · ');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (slotId) use.mutate({ ideaId: idea.id, slotId });
  };
  return (
    <Modal opened onClose={onClose} title={t('animationPlan.ideas.useTitle', { title: idea.title })}>
      <form onSubmit={submit} data-testid="use-idea-form">
        <Stack>
          {open.length === 0 ? (
            <Text c="dimmed">{t('animationPlan.ideas.noOpenSlot')}</Text>
          ) : (
            <NativeSelect
              label={t('animationPlan.ideas.slot')}
              value={slotId}
              onChange={(e) => setSlotId(e.currentTarget.value)}
              data={open.map((slot) => ({ value: slot.id, label: label(slot) }))}
              data-testid="use-idea-slot"
            />
          )}
          <Text size="sm" c="dimmed">
            {t('animationPlan.ideas.useHelp')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={!slotId} loading={use.isPending} data-testid="use-idea-submit">
              {t('animationPlan.slots.createPost')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
