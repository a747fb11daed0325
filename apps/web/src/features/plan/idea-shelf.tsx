// The ideas waiting beside the planned slots: drag one onto an open slot to start its draft with the idea's text,
// or, with the keyboard, « Utiliser pour un créneau… » and choose the slot.
import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconGripVertical } from '@tabler/icons-react';
import { useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel } from '../../api/types';
import type { Idea, PlanSlot, Rubric } from './plan-api';
import { UseIdeaDialog } from './use-idea-dialog';
import { IDEA_DRAG_TYPE } from './use-idea-for-slot';

export function IdeaShelf(props: {
  workspaceId: string;
  ideas: Idea[];
  slots: PlanSlot[];
  rubrics: Rubric[];
  channels: Map<string, Channel>;
}) {
  const { t } = useTranslation();
  const [using, setUsing] = useState<Idea | null>(null);
  const waiting = props.ideas.filter((idea) => idea.usedAt === null);
  const startDrag = (idea: Idea) => (event: DragEvent) => {
    event.dataTransfer.setData(IDEA_DRAG_TYPE, idea.id);
    event.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <Paper withBorder p="sm" data-testid="idea-shelf">
      <Stack gap="xs">
        <Title order={4}>{t('animationPlan.ideas.shelfTitle')}</Title>
        <Text size="xs" c="dimmed">
          {t('animationPlan.ideas.shelfHelp')}
        </Text>
        {waiting.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('animationPlan.ideas.empty')}
          </Text>
        ) : null}
        {waiting.map((idea) => (
          <Paper
            key={idea.id}
            withBorder
            p="xs"
            draggable
            onDragStart={startDrag(idea)}
            style={{ cursor: 'grab' }}
            data-testid="shelf-idea"
            data-idea-id={idea.id}
          >
            <Stack gap={4}>
              <Text size="sm" fw={600} style={{ display: 'flex', gap: 4, alignItems: 'center' }}>
                <IconGripVertical size={14} aria-hidden />
                {idea.title}
              </Text>
              <Button
                size="compact-xs"
                variant="subtle"
                onClick={() => setUsing(idea)}
                data-testid="shelf-idea-use"
                aria-label={t('animationPlan.ideas.useFor', { title: idea.title })}
              >
                {t('animationPlan.ideas.use')}
              </Button>
            </Stack>
          </Paper>
        ))}
      </Stack>
      {using ? <UseIdeaDialog {...props} idea={using} onClose={() => setUsing(null)} /> : null}
    </Paper>
  );
}
