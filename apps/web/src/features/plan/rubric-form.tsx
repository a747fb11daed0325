// The form of a rubric (« rubrique ») of the animation plan: what it says, where, how often, who writes it and
// who steps in. Native selects and checkboxes: quick to use on a phone and with a keyboard.
import {
  Button,
  Checkbox,
  Chip,
  Group,
  Modal,
  NativeSelect,
  NumberInput,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { useChannels } from '../channels/use-channels';
import { useContentTypes, useThemes } from '../editorial/use-editorial';
import { useMembers } from '../members/use-members';
import {
  nthKey,
  planKey,
  useStrategyObjectives,
  weekdayKey,
  type Rubric,
  type RubricBody,
  type RubricPeriod,
} from './plan-api';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
type Kind = RubricPeriod['kind'];

function emptyBody(): RubricBody {
  return {
    name: '',
    objective: '',
    persona: '',
    channelIds: [],
    period: { kind: 'weekly', weekdays: [1] },
    time: '09:30',
    themeId: null,
    contentTypeId: null,
    ownerId: null,
    backupOwnerId: null,
    brief: '',
    keepOnHolidays: false,
  };
}

function bodyOf(rubric: Rubric): RubricBody {
  const { id: _id, updatedAt: _updatedAt, ...body } = rubric;
  return body;
}

/** The period switched to another kind, keeping the weekdays where both have them. */
function periodOfKind(kind: Kind, current: RubricPeriod): RubricPeriod {
  const weekdays = 'weekdays' in current ? current.weekdays : [current.weekday];
  if (kind === 'weekly') return { kind, weekdays };
  if (kind === 'every_n_weeks')
    return { kind, weekdays, interval: 2, startDate: new Date().toISOString().slice(0, 10) };
  return { kind, weekday: weekdays[0] ?? 1, nth: 1 };
}

export function RubricForm(props: { workspaceId: string; rubric: Rubric | null; onClose(): void }) {
  const { workspaceId, rubric, onClose } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [body, setBody] = useState<RubricBody>(rubric ? bodyOf(rubric) : emptyBody());
  const update = (patch: Partial<RubricBody>) => setBody((current) => ({ ...current, ...patch }));
  const save = useMutation({
    mutationFn: () =>
      rubric
        ? api.put<Rubric>(`/api/workspaces/${workspaceId}/plan/rubrics/${rubric.id}`, body)
        : api.post<Rubric>(`/api/workspaces/${workspaceId}/plan/rubrics`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKey(workspaceId) });
      notifySuccess(t(rubric ? 'animationPlan.rubric.updated' : 'animationPlan.rubric.created'));
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
      title={t(rubric ? 'animationPlan.rubric.editTitle' : 'animationPlan.rubric.newTitle')}
    >
      <form onSubmit={submit} data-testid="rubric-form">
        <Stack>
          {save.error && Object.keys(errors).length === 0 ? <ErrorAlert error={save.error} /> : null}
          <TextInput
            label={t('animationPlan.rubric.name')}
            required
            value={body.name}
            onChange={(e) => update({ name: e.currentTarget.value })}
            error={errors.name}
            data-testid="rubric-name"
          />
          <ObjectiveFields workspaceId={workspaceId} body={body} update={update} error={errors.objectiveId} />
          <ChannelChoice workspaceId={workspaceId} body={body} update={update} error={errors.channelIds} />
          <PeriodFields body={body} update={update} errors={errors} />
          <OwnerFields workspaceId={workspaceId} body={body} update={update} errors={errors} />
          <Textarea
            label={t('animationPlan.rubric.brief')}
            autosize
            minRows={2}
            value={body.brief}
            onChange={(e) => update({ brief: e.currentTarget.value })}
          />
          <Checkbox
            label={t('animationPlan.rubric.keepOnHolidays')}
            checked={body.keepOnHolidays}
            onChange={(e) => update({ keepOnHolidays: e.currentTarget.checked })}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} data-testid="rubric-submit">
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

interface FieldsProps {
  body: RubricBody;
  update(patch: Partial<RubricBody>): void;
}

/** The strategy objective the rubric serves (when the strategy has some), a free-text objective, the persona. */
function ObjectiveFields({ workspaceId, body, update, error }: FieldsProps & { workspaceId: string; error?: string }) {
  const { t } = useTranslation();
  const objectives = useStrategyObjectives(workspaceId).data?.items ?? [];
  return (
    <Stack gap="xs">
      {objectives.length > 0 || body.objectiveId ? (
        <NativeSelect
          label={t('animationPlan.rubric.strategyObjective')}
          description={t('animationPlan.rubric.strategyObjectiveHelp')}
          value={body.objectiveId ?? ''}
          onChange={(e) => update({ objectiveId: e.currentTarget.value || null })}
          data={[
            { value: '', label: t('common.none') },
            ...objectives.map((o) => ({ value: o.id, label: o.statement })),
          ]}
          error={error}
          data-testid="rubric-objective"
        />
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('animationPlan.rubric.objective')}
          value={body.objective}
          onChange={(e) => update({ objective: e.currentTarget.value })}
        />
        <TextInput
          label={t('animationPlan.rubric.persona')}
          value={body.persona}
          onChange={(e) => update({ persona: e.currentTarget.value })}
        />
      </SimpleGrid>
    </Stack>
  );
}

function ChannelChoice({ workspaceId, body, update, error }: FieldsProps & { workspaceId: string; error?: string }) {
  const { t } = useTranslation();
  const channels = useChannels(workspaceId).data?.items ?? [];
  return (
    <Checkbox.Group
      label={t('animationPlan.rubric.channels')}
      required
      value={body.channelIds}
      onChange={(channelIds) => update({ channelIds })}
      error={error}
    >
      <Group mt="xs">
        {channels.map((channel) => (
          <Checkbox key={channel.id} value={channel.id} label={channel.name} data-testid="rubric-channel" />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

function PeriodFields({ body, update, errors }: FieldsProps & { errors: Record<string, string> }) {
  const { t } = useTranslation();
  const period = body.period;
  const weekdayName = (day: number) => t(`animationPlan.weekdays.${weekdayKey(day)}`);
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect
          label={t('animationPlan.rubric.period')}
          value={period.kind}
          onChange={(e) => update({ period: periodOfKind(e.currentTarget.value as Kind, period) })}
          data={(['weekly', 'every_n_weeks', 'monthly'] as const).map((kind) => ({
            value: kind,
            label: t(`animationPlan.periods.${kind}`),
          }))}
          data-testid="rubric-period"
        />
        <TextInput
          type="time"
          label={t('animationPlan.rubric.time')}
          required
          value={body.time}
          onChange={(e) => update({ time: e.currentTarget.value })}
          error={errors.time}
          data-testid="rubric-time"
        />
      </SimpleGrid>
      {period.kind === 'monthly' ? (
        <SimpleGrid cols={{ base: 2 }}>
          <NativeSelect
            label={t('animationPlan.rubric.nth')}
            value={String(period.nth)}
            onChange={(e) => update({ period: { ...period, nth: Number(e.currentTarget.value) as typeof period.nth } })}
            data={[1, 2, 3, 4, 5, -1].map((n) => ({ value: String(n), label: t(`animationPlan.nth.${nthKey(n)}`) }))}
          />
          <NativeSelect
            label={t('animationPlan.rubric.weekday')}
            value={String(period.weekday)}
            onChange={(e) => update({ period: { ...period, weekday: Number(e.currentTarget.value) } })}
            data={WEEKDAYS.map((day) => ({ value: String(day), label: weekdayName(day) }))}
          />
        </SimpleGrid>
      ) : (
        <Chip.Group
          multiple
          value={period.weekdays.map(String)}
          onChange={(days) => update({ period: { ...period, weekdays: days.map(Number).sort() } })}
        >
          <Group gap="xs" aria-label={t('animationPlan.rubric.weekdays')} role="group">
            {WEEKDAYS.map((day) => (
              <Chip key={day} value={String(day)} size="sm" data-testid={`rubric-weekday-${day}`}>
                {weekdayName(day)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      )}
      {period.kind === 'every_n_weeks' ? (
        <SimpleGrid cols={{ base: 2 }}>
          <NumberInput
            label={t('animationPlan.rubric.interval')}
            min={1}
            max={52}
            value={period.interval}
            onChange={(value) => update({ period: { ...period, interval: Number(value) || 1 } })}
          />
          <TextInput
            type="date"
            label={t('animationPlan.rubric.startDate')}
            value={period.startDate}
            onChange={(e) => update({ period: { ...period, startDate: e.currentTarget.value } })}
            error={errors['period.startDate']}
          />
        </SimpleGrid>
      ) : null}
    </Stack>
  );
}

function OwnerFields(props: FieldsProps & { workspaceId: string; errors: Record<string, string> }) {
  const { workspaceId, body, update, errors } = props;
  const { t } = useTranslation();
  const themes = useThemes(workspaceId).data?.items ?? [];
  const types = useContentTypes(workspaceId).data?.items ?? [];
  const members = useMembers(workspaceId).data?.items ?? [];
  const none = { value: '', label: t('common.none') };
  const choice = (value: string) => (value === '' ? null : value);
  const people = [none, ...members.map((m) => ({ value: m.userId, label: m.name || m.email }))];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <NativeSelect
        label={t('animationPlan.rubric.theme')}
        value={body.themeId ?? ''}
        onChange={(e) => update({ themeId: choice(e.currentTarget.value) })}
        data={[none, ...themes.map((theme) => ({ value: theme.id, label: theme.name }))]}
        error={errors.themeId}
      />
      <NativeSelect
        label={t('animationPlan.rubric.contentType')}
        value={body.contentTypeId ?? ''}
        onChange={(e) => update({ contentTypeId: choice(e.currentTarget.value) })}
        data={[none, ...types.map((type) => ({ value: type.id, label: type.name }))]}
        error={errors.contentTypeId}
      />
      <NativeSelect
        label={t('animationPlan.rubric.owner')}
        value={body.ownerId ?? ''}
        onChange={(e) => update({ ownerId: choice(e.currentTarget.value) })}
        data={people}
        error={errors.ownerId}
        data-testid="rubric-owner"
      />
      <NativeSelect
        label={t('animationPlan.rubric.backupOwner')}
        value={body.backupOwnerId ?? ''}
        onChange={(e) => update({ backupOwnerId: choice(e.currentTarget.value) })}
        data={people}
        error={errors.backupOwnerId}
        data-testid="rubric-backup"
      />
    </SimpleGrid>
  );
}
