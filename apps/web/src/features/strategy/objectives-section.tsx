// The strategy's SMART objectives as cards: statement, kind, KPI, target and deadline, owner, personas, and the
// progress Rostra measures. Managers add, edit and remove them.
import { ActionIcon, Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { notifyError } from '../../ui/api-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { useFormatDate } from '../../ui/format';
import { useMembers } from '../members/use-members';
import { useWorkspace } from '../workspaces/workspace-context';
import { ObjectiveForm } from './objective-form';
import { ObjectiveProgress } from './objective-progress';
import { formatKpiValue, strategyKey, strategyPath, type Kpi, type Objective, type Persona } from './strategy-api';

interface Props {
  objectives: Objective[];
  personas: Persona[];
  kpis: Kpi[];
  canManage: boolean;
}

export function ObjectivesSection({ objectives, personas, kpis, canManage }: Props) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Objective | 'new' | null>(null);
  const [removing, setRemoving] = useState<Objective | null>(null);
  const remove = useMutation({
    mutationFn: (objective: Objective) => api.delete(strategyPath(workspace.id, `/objectives/${objective.id}`)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: strategyKey(workspace.id) }),
    onError: (error) => notifyError(error, t),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="strategy-objectives-title">
      <Stack>
        <Group justify="space-between">
          <Title order={3} id="strategy-objectives-title">
            {t('strategy.objectives.title')}
          </Title>
          {canManage ? (
            <Button onClick={() => setEditing('new')} data-testid="objective-new">
              {t('strategy.objectives.add')}
            </Button>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          {t('strategy.objectives.intro')}
        </Text>
        {objectives.length === 0 ? <Text c="dimmed">{t('strategy.objectives.empty')}</Text> : null}
        {objectives.map((objective) => (
          <ObjectiveCard
            key={objective.id}
            objective={objective}
            personas={personas}
            kpi={kpis.find((k) => k.id === objective.kpi)}
            canManage={canManage}
            onEdit={() => setEditing(objective)}
            onRemove={() => setRemoving(objective)}
          />
        ))}
      </Stack>
      {editing ? (
        <ObjectiveForm
          objective={editing === 'new' ? null : editing}
          personas={personas}
          kpis={kpis}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {removing ? (
        <ConfirmModal
          opened
          title={t('strategy.objectives.removeTitle')}
          message={t('strategy.objectives.removeMessage', { name: removing.statement })}
          confirmLabel={t('common.delete')}
          onConfirm={() => {
            remove.mutate(removing);
            setRemoving(null);
          }}
          onClose={() => setRemoving(null)}
        />
      ) : null}
    </Paper>
  );
}

interface CardProps {
  objective: Objective;
  personas: Persona[];
  kpi: Kpi | undefined;
  canManage: boolean;
  onEdit(): void;
  onRemove(): void;
}

function ObjectiveCard({ objective, personas, kpi, canManage, onEdit, onRemove }: CardProps) {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspace();
  const formatDate = useFormatDate();
  const members = new Map((useMembers(workspace.id).data?.items ?? []).map((m) => [m.userId, m.name || m.email]));
  const names = personas.filter((p) => objective.personaIds.includes(p.id)).map((p) => p.name);
  const target = formatKpiValue(objective.target, kpi?.unit ?? 'count', i18n.language);
  return (
    <Paper withBorder p="sm" data-testid="objective-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Text fw={700}>{objective.statement}</Text>
          <Group gap={6}>
            <Badge variant="light">{t(`strategy.kinds.${objective.kind}`)}</Badge>
            <Text size="sm">{t('strategy.objectives.kpiIs', { kpi: t(`strategy.kpis.${objective.kpi}`) })}</Text>
          </Group>
          <Text size="sm">
            {t('strategy.objectives.targetIs', { value: target, date: formatDate(objective.deadline) })}
          </Text>
          {objective.ownerId ? (
            <Text size="sm">{t('strategy.objectives.ownerIs', { name: members.get(objective.ownerId) ?? '?' })}</Text>
          ) : null}
          {names.length > 0 ? (
            <Text size="sm">{t('strategy.objectives.personasAre', { names: names.join(', ') })}</Text>
          ) : null}
          <ObjectiveProgress objective={objective} kpi={kpi} />
        </Stack>
        {canManage ? (
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              aria-label={t('strategy.objectives.edit', { name: objective.statement })}
              onClick={onEdit}
            >
              <IconPencil size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('strategy.objectives.remove', { name: objective.statement })}
              onClick={onRemove}
            >
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Group>
        ) : null}
      </Group>
    </Paper>
  );
}
