// Importing events from a file the team already has: a CSV (date, nom, thème, récurrence) or an iCal calendar,
// read in the browser and sent whole; the server stores all of it or nothing.
import { Button, FileButton, Group, List, Paper, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../api/client';
import { ErrorAlert, notifySuccess } from '../../ui/api-errors';
import { describeIssue } from '../../ui/server-text';
import { planKey, type EventImportResult } from './plan-api';

type Format = 'csv' | 'ical';

export function EventImportForm({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [format, setFormat] = useState<Format>('csv');
  const [fileName, setFileName] = useState<string | null>(null);
  const importFile = useMutation({
    mutationFn: (file: { format: Format; content: string }) =>
      api.post<EventImportResult>(`/api/workspaces/${workspaceId}/plan/events/import`, file),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: planKey(workspaceId) });
      notifySuccess(t('animationPlan.events.imported', { count: result.created }));
    },
  });
  const choose = async (file: File | null) => {
    if (!file) return;
    setFileName(file.name);
    const chosen: Format = /\.(ics|ical|ifb|icalendar)$/i.test(file.name) ? 'ical' : format;
    setFormat(chosen);
    importFile.mutate({ format: chosen, content: await file.text() });
  };
  return (
    <Paper withBorder p="sm" maw={460} data-testid="event-import">
      <Stack gap="xs">
        <Text fw={600}>{t('animationPlan.events.importTitle')}</Text>
        <Text size="sm" c="dimmed">
          {t('animationPlan.events.importHelp')}
        </Text>
        <SegmentedControl
          value={format}
          onChange={(value) => setFormat(value as Format)}
          data={[
            { value: 'csv', label: 'CSV' },
            { value: 'ical', label: 'iCal' },
          ]}
          aria-label={t('animationPlan.events.format')}
        />
        <Group>
          <FileButton onChange={(file) => void choose(file)} accept=".csv,text/csv,.ics,text/calendar">
            {(buttonProps) => (
              <Button
                {...buttonProps}
                variant="light"
                leftSection={<IconUpload size={16} aria-hidden />}
                loading={importFile.isPending}
                data-testid="event-import-choose"
              >
                {t('animationPlan.events.chooseFile')}
              </Button>
            )}
          </FileButton>
          {fileName ? <Text size="sm">{fileName}</Text> : null}
        </Group>
        <ImportProblems error={importFile.error} />
      </Stack>
    </Paper>
  );
}

/** The import's problems, each in the person's language with its line. */
function ImportProblems({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!isApiError(error) || error.issues.length === 0) return error ? <ErrorAlert error={error} /> : null;
  return (
    <Paper withBorder p="sm" c="red.8" data-testid="event-import-problems">
      <Text fw={600} size="sm">
        {t('animationPlan.events.importRefused', { count: error.issues.length })}
      </Text>
      <List size="sm">
        {error.issues.map((issue, index) => (
          <List.Item key={index} data-testid="event-import-problem">
            {describeIssue(issue, t)}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
