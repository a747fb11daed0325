// What the calendar's colours mean: one chip per post status, in the colours the entries use.
import { Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LEGEND_STATUSES, STATUS_COLORS } from './status-colors';

export function StatusLegend() {
  const { t } = useTranslation();
  return (
    <Group gap={6} component="ul" aria-label={t('calendarTools.legend')} data-testid="calendar-legend" m={0} p={0}>
      {LEGEND_STATUSES.map((status) => (
        <Text
          key={status}
          component="li"
          size="xs"
          fw={600}
          px={8}
          py={2}
          style={{
            listStyle: 'none',
            borderRadius: 4,
            background: STATUS_COLORS[status].background,
            color: STATUS_COLORS[status].text,
          }}
          data-status={status}
        >
          {t(`postStatus.${status}`)}
        </Text>
      ))}
    </Group>
  );
}
