// Publication date and time typed in the workspace's time zone (not the browser's): the value is
// the zone's wall time, converted to an instant only when saving.
import { Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { fromDateTimeLocalValue } from '../../ui/zoned-time';

interface ScheduleInputProps {
  value: string;
  onChange: (value: string) => void;
  timeZone: string;
  readOnly: boolean;
  testId: string;
}

export function ScheduleInput({ value, onChange, timeZone, readOnly, testId }: ScheduleInputProps) {
  const { t } = useTranslation();
  const instant = fromDateTimeLocalValue(value, timeZone);
  // A warning, not an error: a draft may carry a past date, it just won't go out then.
  const past = instant !== null && Date.parse(instant) < Date.now();
  return (
    <TextInput
      type="datetime-local"
      label={t('composer.scheduledAt')}
      description={
        <>
          {t('composer.scheduledAtHint', { zone: timeZone })}
          {past && !readOnly && (
            <Text span inherit c="orange.7">
              {' · '}
              {t('composer.pastDate')}
            </Text>
          )}
        </>
      }
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      readOnly={readOnly}
      data-testid={testId}
    />
  );
}
