// The plan's events calendar: one-off events and yearly « journées mondiales », typed in or imported from a CSV or
// iCal file (all or nothing: each problem is shown with its line, in the person's language, and nothing is stored).
import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  NativeSelect,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { IconTrash } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Theme } from '../../api/types';
import { ErrorAlert, notifyError, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { planKey, type PlanEvent, type PlanEventBody } from './plan-api';
import { EventImportForm } from './event-import-form';

export function EventsPanel(props: { workspaceId: string; events: PlanEvent[]; themes: Theme[]; canManage: boolean }) {
  const { workspaceId, events, themes, canManage } = props;
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (event: PlanEvent) => api.delete(`/api/workspaces/${workspaceId}/plan/events/${event.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: planKey(workspaceId) }),
    onError: (error) => notifyError(error, t),
  });
  const date = (event: PlanEvent) =>
    new Intl.DateTimeFormat(i18n.language, {
      day: 'numeric',
      month: 'long',
      ...(event.yearly ? {} : { year: 'numeric' }),
      timeZone: 'UTC',
    }).format(new Date(`${event.date}T12:00:00Z`));
  const themeName = (id: string | null) => (id ? (themes.find((th) => th.id === id)?.name ?? '') : '');
  return (
    <Stack data-testid="plan-events">
      <Text c="dimmed" size="sm" maw={720}>
        {t('animationPlan.events.intro')}
      </Text>
      {canManage ? (
        <Group align="flex-start" wrap="wrap">
          <EventForm workspaceId={workspaceId} themes={themes} />
          <EventImportForm workspaceId={workspaceId} />
        </Group>
      ) : null}
      {events.length === 0 ? (
        <Text c="dimmed">{t('animationPlan.events.empty')}</Text>
      ) : (
        <Table.ScrollContainer minWidth={480}>
          <Table data-testid="plan-events-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('animationPlan.events.date')}</Table.Th>
                <Table.Th>{t('animationPlan.events.name')}</Table.Th>
                <Table.Th>{t('animationPlan.rubric.theme')}</Table.Th>
                {canManage ? <Table.Th>{t('common.actions')}</Table.Th> : null}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {events.map((event) => (
                <Table.Tr key={event.id} data-testid="plan-event-row">
                  <Table.Td>
                    {date(event)}{' '}
                    {event.yearly ? (
                      <Badge size="xs" variant="outline">
                        {t('animationPlan.events.yearly')}
                      </Badge>
                    ) : null}
                  </Table.Td>
                  <Table.Td>{event.name}</Table.Td>
                  <Table.Td>{themeName(event.themeId)}</Table.Td>
                  {canManage ? (
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => remove.mutate(event)}
                        aria-label={t('animationPlan.events.remove', { name: event.name })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  ) : null}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function EventForm({ workspaceId, themes }: { workspaceId: string; themes: Theme[] }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const empty: PlanEventBody = { name: '', date: '', yearly: false, themeId: null };
  const [body, setBody] = useState<PlanEventBody>(empty);
  const save = useMutation({
    mutationFn: () => api.post<PlanEvent>(`/api/workspaces/${workspaceId}/plan/events`, body),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKey(workspaceId) });
      notifySuccess(t('animationPlan.events.created'));
      setBody(empty);
    },
  });
  const errors = readFieldErrors(save.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit} maw={420} data-testid="event-form">
      <Stack gap="xs">
        <Text fw={600}>{t('animationPlan.events.add')}</Text>
        {save.error && Object.keys(errors).length === 0 ? <ErrorAlert error={save.error} /> : null}
        <TextInput
          label={t('animationPlan.events.name')}
          required
          value={body.name}
          onChange={(e) => setBody({ ...body, name: e.currentTarget.value })}
          error={errors.name}
        />
        <TextInput
          type="date"
          label={t('animationPlan.events.date')}
          required
          value={body.date}
          onChange={(e) => setBody({ ...body, date: e.currentTarget.value })}
          error={errors.date}
        />
        <Checkbox
          label={t('animationPlan.events.everyYear')}
          checked={body.yearly ?? false}
          onChange={(e) => setBody({ ...body, yearly: e.currentTarget.checked })}
        />
        <NativeSelect
          label={t('animationPlan.rubric.theme')}
          value={body.themeId ?? ''}
          onChange={(e) => setBody({ ...body, themeId: e.currentTarget.value || null })}
          data={[{ value: '', label: t('common.none') }, ...themes.map((th) => ({ value: th.id, label: th.name }))]}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
