// The idea bank: ideas waiting to be written (typed in, or taken from a listening mention with its link), each
// usable for an open plan slot — dragged onto it in the slots tab, or « Utiliser pour un créneau… » here — and the
// ones already used, with their post. Everything in an idea may come from a stranger's mention: React text only,
// and only http(s) links.
import { ActionIcon, Anchor, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink, IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Channel, Theme } from '../../api/types';
import { notifyError } from '../../ui/api-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { EXTERNAL_LINK, toSafeHttpUrl } from '../listening/safe-url';
import { IdeaForm } from './idea-form';
import { planKey, type Idea, type PlanSlot, type Rubric } from './plan-api';
import { UseIdeaDialog } from './use-idea-dialog';

interface IdeaBankProps {
  workspaceId: string;
  ideas: Idea[];
  slots: PlanSlot[];
  rubrics: Rubric[];
  channels: Map<string, Channel>;
  themes: Theme[];
  canWrite: boolean;
}

export function IdeaBank(props: IdeaBankProps) {
  const { workspaceId, ideas, canWrite } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Idea | 'new' | null>(null);
  const [using, setUsing] = useState<Idea | null>(null);
  const [removing, setRemoving] = useState<Idea | null>(null);
  const remove = useMutation({
    mutationFn: (idea: Idea) => api.delete(`/api/workspaces/${workspaceId}/plan/ideas/${idea.id}`),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKey(workspaceId) });
      setRemoving(null);
    },
    onError: (error) => notifyError(error, t),
  });
  const waiting = ideas.filter((i) => i.usedAt === null);
  const used = ideas.filter((i) => i.usedAt !== null);
  const card = (idea: Idea) => (
    <IdeaCard
      key={idea.id}
      {...props}
      idea={idea}
      onEdit={() => setEditing(idea)}
      onUse={() => setUsing(idea)}
      onRemove={() => setRemoving(idea)}
    />
  );
  return (
    <Stack data-testid="idea-bank">
      <Group justify="space-between">
        <Text c="dimmed" size="sm" maw={640}>
          {t('animationPlan.ideas.intro')}
        </Text>
        {canWrite ? (
          <Button onClick={() => setEditing('new')} data-testid="idea-new">
            {t('animationPlan.ideas.add')}
          </Button>
        ) : null}
      </Group>
      {waiting.length === 0 ? <Text c="dimmed">{t('animationPlan.ideas.empty')}</Text> : waiting.map(card)}
      {used.length > 0 ? (
        <>
          <Title order={4}>{t('animationPlan.ideas.usedTitle', { count: used.length })}</Title>
          {used.map(card)}
        </>
      ) : null}
      {editing ? (
        <IdeaForm
          workspaceId={workspaceId}
          idea={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {using ? <UseIdeaDialog {...props} idea={using} onClose={() => setUsing(null)} /> : null}
      <ConfirmModal
        opened={removing !== null}
        title={t('animationPlan.ideas.removeTitle')}
        message={t('animationPlan.ideas.removeMessage', { title: removing?.title ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => removing && remove.mutate(removing)}
        onClose={() => setRemoving(null)}
      />
    </Stack>
  );
}

function IdeaCard(props: IdeaBankProps & { idea: Idea; onEdit(): void; onUse(): void; onRemove(): void }) {
  const { workspaceId, idea, themes, canWrite } = props;
  const { t } = useTranslation();
  const link = toSafeHttpUrl(idea.sourceUrl);
  const theme = idea.themeId ? themes.find((th) => th.id === idea.themeId) : undefined;
  return (
    <Paper withBorder p="sm" data-testid="idea-card" data-used={idea.usedAt ? 'true' : 'false'}>
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text fw={600}>{idea.title}</Text>
          {idea.notes ? (
            <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-line' }}>
              {idea.notes}
            </Text>
          ) : null}
          <Group gap={6}>
            {theme ? <Badge variant="light">{theme.name}</Badge> : null}
            {idea.persona ? <Badge variant="outline">{idea.persona}</Badge> : null}
            {idea.source === 'mention' ? (
              <Badge variant="outline" color="grape">
                {t('animationPlan.ideas.fromMention')}
              </Badge>
            ) : null}
            {link ? (
              <Anchor href={link} {...EXTERNAL_LINK} size="xs">
                <IconExternalLink size={12} aria-hidden /> {t('animationPlan.ideas.source')}
              </Anchor>
            ) : null}
            {idea.usedPostId ? (
              <Anchor component={Link} to={`/w/${workspaceId}/posts/${idea.usedPostId}`} size="xs">
                {t('animationPlan.slots.openPost')}
              </Anchor>
            ) : null}
          </Group>
        </Stack>
        {canWrite ? (
          <Group gap={4} wrap="nowrap">
            {idea.usedAt === null ? (
              <Button size="compact-sm" variant="light" onClick={props.onUse} data-testid="idea-use">
                {t('animationPlan.ideas.use')}
              </Button>
            ) : null}
            <ActionIcon
              variant="subtle"
              onClick={props.onEdit}
              aria-label={t('animationPlan.ideas.edit', { title: idea.title })}
            >
              <IconPencil size={16} />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              onClick={props.onRemove}
              aria-label={t('animationPlan.ideas.remove', { title: idea.title })}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        ) : null}
      </Group>
    </Paper>
  );
}
