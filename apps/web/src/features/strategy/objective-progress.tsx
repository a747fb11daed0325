// An objective's progress as measured by Rostra: the KPI's value over the last 28 days against the baseline and
// the target, or « pas encore mesuré » for a KPI Rostra does not measure — never a typed number shown as measured.
import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatKpiValue, type Kpi, type Objective } from './strategy-api';

const STATUS_COLOURS: Record<Objective['progress']['status'], string> = {
  not_measured: 'gray',
  no_data: 'gray',
  reached: 'green',
  on_track: 'teal',
  behind: 'orange',
};

export function ObjectiveProgress({ objective, kpi }: { objective: Objective; kpi: Kpi | undefined }) {
  const { t, i18n } = useTranslation();
  const { progress } = objective;
  const unit = kpi?.unit ?? 'count';
  const format = (value: number) => formatKpiValue(value, unit, i18n.language);
  return (
    <Stack gap={4} data-testid="objective-progress" data-status={progress.status}>
      <Group gap="xs">
        <Badge color={STATUS_COLOURS[progress.status]} variant="light" data-testid="objective-status">
          {t(`strategy.status.${progress.status}`)}
        </Badge>
        {progress.current !== null ? (
          <Text size="sm" data-testid="objective-current">
            {t('strategy.objectives.current', { value: format(progress.current) })}
          </Text>
        ) : null}
      </Group>
      {progress.status === 'not_measured' ? (
        <Text size="sm" c="dimmed">
          {t('strategy.objectives.notMeasuredHint')}
        </Text>
      ) : null}
      {progress.progress !== null ? (
        <Progress.Root>
          <Progress.Section
            value={Math.round(progress.progress * 100)}
            color={STATUS_COLOURS[progress.status]}
            aria-label={t('strategy.objectives.progressLabel', { name: objective.statement })}
          />
        </Progress.Root>
      ) : null}
      {progress.baseline !== null ? (
        <Text size="xs" c="dimmed">
          {t(
            progress.baselineSource === 'measured'
              ? 'strategy.objectives.baselineMeasured'
              : 'strategy.objectives.baselineDeclared',
            { value: format(progress.baseline) },
          )}
        </Text>
      ) : null}
    </Stack>
  );
}
