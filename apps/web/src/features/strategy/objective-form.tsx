// The form of a SMART objective: statement, kind, the KPI from Rostra's catalogue (the ones Rostra does not
// measure yet say so), its scope (a listening topic, a channel), baseline and target (shares typed in percent),
// start and deadline, owner and personas.
import { Button, Checkbox, Group, Modal, NativeSelect, NumberInput, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { useChannels } from '../channels/use-channels';
import { useTopics } from '../listening/listening-api';
import { useMembers } from '../members/use-members';
import { useWorkspace } from '../workspaces/workspace-context';
import {
  OBJECTIVE_KINDS,
  strategyKey,
  strategyPath,
  type Kpi,
  type KpiId,
  type Objective,
  type ObjectiveBody,
  type ObjectiveKind,
  type Persona,
} from './strategy-api';

function inOneYear(): string {
  const date = new Date();
  date.setFullYear(date.getFullYear() + 1);
  return date.toISOString().slice(0, 10);
}

function bodyOf(objective: Objective | null): ObjectiveBody {
  if (!objective)
    return {
      statement: '',
      kind: 'notoriety',
      kpi: 'share_of_voice',
      topicId: null,
      channelId: null,
      baseline: null,
      target: 0.5,
      deadline: inOneYear(),
      ownerId: null,
      personaIds: [],
      networks: [],
    };
  const { id: _id, progress: _progress, updatedAt: _updatedAt, ...body } = objective;
  return body;
}

interface Props {
  objective: Objective | null;
  personas: Persona[];
  kpis: Kpi[];
  onClose(): void;
}

export function ObjectiveForm({ objective, personas, kpis, onClose }: Props) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [body, setBody] = useState<ObjectiveBody>(bodyOf(objective));
  const update = (patch: Partial<ObjectiveBody>) => setBody((current) => ({ ...current, ...patch }));
  const kpi = kpis.find((k) => k.id === body.kpi);
  const save = useMutation({
    mutationFn: () =>
      objective
        ? api.put<Objective>(strategyPath(workspace.id, `/objectives/${objective.id}`), body)
        : api.post<Objective>(strategyPath(workspace.id, '/objectives'), body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: strategyKey(workspace.id) });
      notifySuccess(t(objective ? 'strategy.objectives.updated' : 'strategy.objectives.created'));
      onClose();
    },
  });
  const errors = readFieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={t(objective ? 'strategy.objectives.editTitle' : 'strategy.objectives.newTitle')}
    >
      <form onSubmit={submit} data-testid="objective-form">
        <Stack>
          {save.error && Object.keys(errors).length === 0 ? <ErrorAlert error={save.error} /> : null}
          <TextInput
            label={t('strategy.objectives.statement')}
            required
            value={body.statement}
            onChange={(e) => update({ statement: e.currentTarget.value })}
            error={errors.statement}
            data-testid="objective-statement"
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('strategy.objectives.kind')}
              value={body.kind}
              onChange={(e) => update({ kind: e.currentTarget.value as ObjectiveKind })}
              data={OBJECTIVE_KINDS.map((kind) => ({ value: kind, label: t(`strategy.kinds.${kind}`) }))}
              data-testid="objective-kind"
            />
            <NativeSelect
              label={t('strategy.objectives.kpi')}
              value={body.kpi}
              onChange={(e) => update({ kpi: e.currentTarget.value as KpiId, topicId: null, channelId: null })}
              data={kpis.map((k) => ({
                value: k.id,
                label:
                  t(`strategy.kpis.${k.id as KpiId}`) +
                  (k.source === null ? ` ${t('strategy.objectives.kpiNotMeasured')}` : ''),
              }))}
              data-testid="objective-kpi"
            />
          </SimpleGrid>
          <ScopeField kpi={kpi} body={body} update={update} error={errors.topicId ?? errors.channelId} />
          <TargetFields kpi={kpi} body={body} update={update} errors={errors} />
          <PeopleFields personas={personas} body={body} update={update} errors={errors} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="objective-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface FieldsProps {
  body: ObjectiveBody;
  update(patch: Partial<ObjectiveBody>): void;
}

/** A listening topic for the listening KPIs, a channel for the channel ones. */
function ScopeField({ kpi, body, update, error }: FieldsProps & { kpi: Kpi | undefined; error?: string }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const topics = useTopics().data?.items ?? [];
  const channels = useChannels(workspace.id).data?.items ?? [];
  if (kpi?.scope === 'topic')
    return (
      <NativeSelect
        label={t('strategy.objectives.topic')}
        value={body.topicId ?? ''}
        onChange={(e) => update({ topicId: e.currentTarget.value || null })}
        data={[
          { value: '', label: t('strategy.objectives.anyBrandTopic') },
          ...topics.map((topic) => ({ value: topic.id, label: topic.name })),
        ]}
        error={error}
      />
    );
  if (kpi?.scope === 'channel')
    return (
      <NativeSelect
        label={t('strategy.objectives.channel')}
        value={body.channelId ?? ''}
        onChange={(e) => update({ channelId: e.currentTarget.value || null })}
        data={[
          { value: '', label: t('strategy.objectives.anyChannel') },
          ...channels.map((channel) => ({ value: channel.id, label: channel.name })),
        ]}
        error={error}
      />
    );
  return null;
}

/** Shares are typed in percent and stored as 0–1. */
function TargetFields({
  kpi,
  body,
  update,
  errors,
}: FieldsProps & { kpi: Kpi | undefined; errors: Record<string, string> }) {
  const { t, i18n } = useTranslation();
  const share = kpi?.unit === 'share';
  const decimalSeparator = i18n.language.startsWith('fr') ? ',' : '.';
  const shown = (value: number | null) => (value === null ? '' : share ? Math.round(value * 1000) / 10 : value);
  const stored = (value: string | number) => (value === '' ? null : share ? Number(value) / 100 : Number(value));
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <NumberInput
        label={t('strategy.objectives.baseline')}
        description={t('strategy.objectives.baselineHint')}
        suffix={share ? ' %' : undefined}
        decimalSeparator={decimalSeparator}
        value={shown(body.baseline ?? null)}
        onChange={(value) => update({ baseline: stored(value) })}
        error={errors.baseline}
        data-testid="objective-baseline"
      />
      <NumberInput
        label={t('strategy.objectives.target')}
        required
        suffix={share ? ' %' : undefined}
        decimalSeparator={decimalSeparator}
        value={shown(body.target)}
        onChange={(value) => update({ target: stored(value) ?? 0 })}
        error={errors.target}
        data-testid="objective-target"
      />
      <TextInput
        type="date"
        label={t('strategy.objectives.startDate')}
        value={body.startDate ?? ''}
        onChange={(e) => update({ startDate: e.currentTarget.value || undefined })}
        error={errors.startDate}
      />
      <TextInput
        type="date"
        label={t('strategy.objectives.deadline')}
        required
        value={body.deadline}
        onChange={(e) => update({ deadline: e.currentTarget.value })}
        error={errors.deadline}
        data-testid="objective-deadline"
      />
    </SimpleGrid>
  );
}

function PeopleFields({
  personas,
  body,
  update,
  errors,
}: FieldsProps & { personas: Persona[]; errors: Record<string, string> }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const members = useMembers(workspace.id).data?.items ?? [];
  return (
    <Stack gap="xs">
      <NativeSelect
        label={t('strategy.objectives.owner')}
        value={body.ownerId ?? ''}
        onChange={(e) => update({ ownerId: e.currentTarget.value || null })}
        data={[
          { value: '', label: t('common.none') },
          ...members.map((m) => ({ value: m.userId, label: m.name || m.email })),
        ]}
        error={errors.ownerId}
      />
      {personas.length > 0 ? (
        <Checkbox.Group
          label={t('strategy.objectives.personas')}
          value={body.personaIds ?? []}
          onChange={(personaIds) => update({ personaIds })}
        >
          <Group mt="xs">
            {personas.map((persona) => (
              <Checkbox key={persona.id} value={persona.id} label={persona.name} data-testid="objective-persona" />
            ))}
          </Group>
        </Checkbox.Group>
      ) : null}
    </Stack>
  );
}
