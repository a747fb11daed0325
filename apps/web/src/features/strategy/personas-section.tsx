// The personas (seed 004): who they are, their needs, the questions they ask, the networks they use, the tone that
// reaches them, professionals or the public. Cards to read; a form for managers.
import {
  ActionIcon,
  Badge,
  Button,
  Chip,
  Group,
  Modal,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert, notifyError, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { useWorkspace } from '../workspaces/workspace-context';
import { strategyKey, strategyPath, useNetworkKnowledge, type Persona, type PersonaBody } from './strategy-api';

const AUDIENCES = ['btoc', 'btob', 'both'] as const;

export function PersonasSection({ personas, canManage }: { personas: Persona[]; canManage: boolean }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Persona | 'new' | null>(null);
  const [removing, setRemoving] = useState<Persona | null>(null);
  const remove = useMutation({
    mutationFn: (persona: Persona) => api.delete(strategyPath(workspace.id, `/personas/${persona.id}`)),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: strategyKey(workspace.id) }),
    onError: (error) => notifyError(error, t),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="strategy-personas-title">
      <Stack>
        <Group justify="space-between">
          <Title order={3} id="strategy-personas-title">
            {t('strategy.personas.title')}
          </Title>
          {canManage ? (
            <Button onClick={() => setEditing('new')} data-testid="persona-new">
              {t('strategy.personas.add')}
            </Button>
          ) : null}
        </Group>
        <Text size="sm" c="dimmed">
          {t('strategy.personas.intro')}
        </Text>
        {personas.length === 0 ? <Text c="dimmed">{t('strategy.personas.empty')}</Text> : null}
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {personas.map((persona) => (
            <PersonaCard
              key={persona.id}
              persona={persona}
              canManage={canManage}
              onEdit={() => setEditing(persona)}
              onRemove={() => setRemoving(persona)}
            />
          ))}
        </SimpleGrid>
      </Stack>
      {editing ? <PersonaForm persona={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
      {removing ? (
        <ConfirmModal
          opened
          title={t('strategy.personas.removeTitle')}
          message={t('strategy.personas.removeMessage', { name: removing.name })}
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
  persona: Persona;
  canManage: boolean;
  onEdit(): void;
  onRemove(): void;
}

function PersonaCard({ persona, canManage, onEdit, onRemove }: CardProps) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const names = new Map((useNetworkKnowledge(workspace.id).data?.items ?? []).map((n) => [n.id, n.name]));
  const line = (label: string, value: string) =>
    value ? (
      <Text size="sm">
        <Text span fw={600}>
          {t('strategy.personas.field', { label })}
        </Text>{' '}
        {value}
      </Text>
    ) : null;
  return (
    <Paper withBorder p="sm" data-testid="persona-card">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={4}>
          <Group gap={6}>
            <Text fw={700}>{persona.name}</Text>
            <Badge variant="light">{t(`strategy.audiences.${persona.audience}`)}</Badge>
          </Group>
          {line(t('strategy.personas.description'), persona.description)}
          {line(t('strategy.personas.needs'), persona.needs)}
          {line(t('strategy.personas.questions'), persona.questions)}
          {line(t('strategy.personas.tone'), persona.tone)}
          {line(t('strategy.personas.networks'), persona.networks.map((id) => names.get(id) ?? id).join(', '))}
        </Stack>
        {canManage ? (
          <Group gap={4} wrap="nowrap">
            <ActionIcon
              variant="subtle"
              aria-label={t('strategy.personas.edit', { name: persona.name })}
              onClick={onEdit}
            >
              <IconPencil size={16} aria-hidden />
            </ActionIcon>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={t('strategy.personas.remove', { name: persona.name })}
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

function PersonaForm({ persona, onClose }: { persona: Persona | null; onClose(): void }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const knowledge = useNetworkKnowledge(workspace.id).data?.items ?? [];
  const [body, setBody] = useState<PersonaBody>(() => {
    if (!persona)
      return { name: '', description: '', needs: '', questions: '', networks: [], tone: '', audience: 'btoc' };
    const { id: _id, updatedAt: _updatedAt, ...rest } = persona;
    return rest;
  });
  const update = (patch: Partial<PersonaBody>) => setBody((current) => ({ ...current, ...patch }));
  const save = useMutation({
    mutationFn: () =>
      persona
        ? api.put<Persona>(strategyPath(workspace.id, `/personas/${persona.id}`), body)
        : api.post<Persona>(strategyPath(workspace.id, '/personas'), body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: strategyKey(workspace.id) });
      notifySuccess(t(persona ? 'strategy.personas.updated' : 'strategy.personas.created'));
      onClose();
    },
  });
  const errors = readFieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const text = (name: 'description' | 'needs' | 'questions' | 'tone') => (
    <Textarea
      label={t(`strategy.personas.${name}`)}
      autosize
      minRows={2}
      value={body[name] ?? ''}
      onChange={(e) => {
        const value = e.currentTarget.value;
        update({ [name]: value });
      }}
      data-testid={`persona-${name}`}
    />
  );
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t(persona ? 'strategy.personas.editTitle' : 'strategy.personas.newTitle')}
    >
      <form onSubmit={submit} data-testid="persona-form">
        <Stack>
          {save.error && Object.keys(errors).length === 0 ? <ErrorAlert error={save.error} /> : null}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('strategy.personas.name')}
              required
              value={body.name}
              onChange={(e) => update({ name: e.currentTarget.value })}
              error={errors.name}
              data-testid="persona-name"
            />
            <NativeSelect
              label={t('strategy.personas.audience')}
              value={body.audience}
              onChange={(e) => update({ audience: e.currentTarget.value as PersonaBody['audience'] })}
              data={AUDIENCES.map((a) => ({ value: a, label: t(`strategy.audiences.${a}`) }))}
              data-testid="persona-audience"
            />
          </SimpleGrid>
          {text('description')}
          {text('needs')}
          {text('questions')}
          {text('tone')}
          <Chip.Group multiple value={body.networks ?? []} onChange={(networks) => update({ networks })}>
            <Text size="sm" fw={500} id="persona-networks-label">
              {t('strategy.personas.networks')}
            </Text>
            <Group gap="xs" role="group" aria-labelledby="persona-networks-label">
              {knowledge.map((network) => (
                <Chip key={network.id} value={network.id} data-testid="persona-network">
                  {network.name}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="persona-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
