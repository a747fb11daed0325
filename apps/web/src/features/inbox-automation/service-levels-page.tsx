// « Délais et horaires »: the workspace's response targets in business hours, its opening ranges per weekday (typed
// as "09:00-12:30, 14:00-18:00"), time zone, public holidays and closed days. Managers write; everyone reads.
import { Alert, Button, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ServiceLevelsValues } from '../../api/types';
import { ErrorAlert, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { hasRoleAtLeast } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';
import { useSaveServiceLevels, useServiceLevels } from './automation-api';

const DAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;
type Day = (typeof DAYS)[number];
type Ranges = NonNullable<ServiceLevelsValues['hours'][Day]>;

function formatRanges(ranges: Ranges | undefined): string {
  return (ranges ?? []).map((r) => `${r.start}-${r.end}`).join(', ');
}

/** "09:00-12:30, 14:00-18:00" → ranges; a piece that does not read stays as typed, for the server to name. */
export function parseRanges(text: string): Ranges {
  return text
    .split(/[,;]/u)
    .map((piece) => piece.trim())
    .filter(Boolean)
    .map((piece) => {
      const [start = piece, end = ''] = piece.split(/\s*[-–]\s*/u);
      return { start, end };
    });
}

interface Draft {
  timeZone: string;
  hours: Record<Day, string>;
  holidays: ServiceLevelsValues['holidays'];
  closedDates: string;
  firstResponseHours: number;
  resolutionHours: number;
}

function toDraft(levels: ServiceLevelsValues): Draft {
  return {
    timeZone: levels.timeZone,
    hours: Object.fromEntries(DAYS.map((d) => [d, formatRanges(levels.hours[d])])) as Record<Day, string>,
    holidays: levels.holidays,
    closedDates: (levels.closedDates ?? []).join('\n'),
    firstResponseHours: levels.firstResponseMinutes / 60,
    resolutionHours: levels.resolutionMinutes / 60,
  };
}

function fromDraft(draft: Draft): ServiceLevelsValues {
  return {
    timeZone: draft.timeZone.trim(),
    hours: Object.fromEntries(DAYS.map((d) => [d, parseRanges(draft.hours[d])])),
    holidays: draft.holidays,
    closedDates: draft.closedDates.split(/\s+/u).filter(Boolean),
    firstResponseMinutes: Math.round(draft.firstResponseHours * 60),
    resolutionMinutes: Math.round(draft.resolutionHours * 60),
  };
}

function ServiceLevelsForm({ levels, canWrite }: { levels: ServiceLevelsValues; canWrite: boolean }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => toDraft(levels));
  const save = useSaveServiceLevels();
  const errors = readFieldErrors(save.error);
  const dayError = (d: Day) =>
    Object.entries(errors).find(([path]) => path === `hours.${d}` || path.startsWith(`hours.${d}.`))?.[1];
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(fromDraft(draft), { onSuccess: () => notifySuccess(t('inboxAutomation.levels.saved')) });
      }}
    >
      <Stack maw={720}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            label={t('inboxAutomation.levels.firstResponse')}
            description={t('inboxAutomation.levels.businessHours')}
            value={draft.firstResponseHours}
            min={0}
            step={0.5}
            decimalScale={2}
            onChange={(n) => setDraft({ ...draft, firstResponseHours: Number(n) })}
            error={errors.firstResponseMinutes}
            disabled={!canWrite}
            data-testid="levels-first-response"
          />
          <NumberInput
            label={t('inboxAutomation.levels.resolution')}
            description={t('inboxAutomation.levels.businessHours')}
            value={draft.resolutionHours}
            min={0}
            step={0.5}
            decimalScale={2}
            onChange={(n) => setDraft({ ...draft, resolutionHours: Number(n) })}
            error={errors.resolutionMinutes}
            disabled={!canWrite}
          />
        </SimpleGrid>
        <Text size="sm" fw={500}>
          {t('inboxAutomation.levels.hours')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('inboxAutomation.levels.hoursHelp')}
        </Text>
        {errors.hours && (
          <Text c="red" size="sm">
            {errors.hours}
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {DAYS.map((d) => (
            <TextInput
              key={d}
              label={t(`inboxAutomation.weekdays.${d}`)}
              value={draft.hours[d]}
              placeholder={t('inboxAutomation.levels.closed')}
              onChange={(event) => setDraft({ ...draft, hours: { ...draft.hours, [d]: event.currentTarget.value } })}
              error={dayError(d)}
              disabled={!canWrite}
              data-testid={`levels-day-${d}`}
            />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('inboxAutomation.levels.timeZone')}
            value={draft.timeZone}
            onChange={(event) => setDraft({ ...draft, timeZone: event.currentTarget.value })}
            error={errors.timeZone}
            disabled={!canWrite}
          />
          <Select
            label={t('inboxAutomation.levels.holidays')}
            value={draft.holidays}
            allowDeselect={false}
            data={(['france', 'alsace_moselle', 'none'] as const).map((h) => ({
              value: h,
              label: t(`inboxAutomation.holidays.${h}`),
            }))}
            onChange={(h) => h && setDraft({ ...draft, holidays: h as Draft['holidays'] })}
            disabled={!canWrite}
          />
        </SimpleGrid>
        <Textarea
          label={t('inboxAutomation.levels.closedDates')}
          description={t('inboxAutomation.levels.closedDatesHelp')}
          autosize
          minRows={2}
          value={draft.closedDates}
          onChange={(event) => setDraft({ ...draft, closedDates: event.currentTarget.value })}
          error={Object.entries(errors).find(([path]) => path.startsWith('closedDates'))?.[1]}
          disabled={!canWrite}
        />
        {canWrite ? (
          <Group>
            <Button type="submit" loading={save.isPending} data-testid="levels-save">
              {t('inboxAutomation.save')}
            </Button>
          </Group>
        ) : (
          <Alert color="gray">{t('inboxAutomation.levels.readOnly')}</Alert>
        )}
      </Stack>
    </form>
  );
}

export function ServiceLevelsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const levels = useServiceLevels();
  if (levels.isPending) return <PageLoader />;
  if (levels.isError) return <ErrorAlert error={levels.error} onRetry={() => void levels.refetch()} />;
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('inboxAutomation.levels.intro')}
      </Text>
      <ServiceLevelsForm levels={levels.data.levels} canWrite={hasRoleAtLeast(workspace.role, 'manager')} />
    </Stack>
  );
}
