// Publication date and time typed in the workspace's time zone (not the browser's): the value is
// the zone's wall time, converted to an instant only when saving. Typed the person's way ("15/12/2026 14:30" in
// French, "12/15/2026 2:30 PM" in English, schedule-value.ts) or picked on a calendar in their language. "Prochain créneau libre" fills it
// with the next posting slot of the workspace where a chosen channel has nothing planned yet.
import { Button, Group, Stack, Text } from '@mantine/core';
import { DateInput, DatesProvider } from '@mantine/dates';
import '@mantine/dates/styles.css';
import { IconCalendar, IconClockPlus } from '@tabler/icons-react';
import dayjs from 'dayjs';
import 'dayjs/locale/fr';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Channel } from '../../api/types';
import { notifyError } from '../../ui/api-errors';
import { fromDateTimeLocalValue, toDateTimeLocalValue } from '../../ui/zoned-time';
import { fromPickerValue, parseScheduleText, SCHEDULE_FORMATS, toPickerValue } from './schedule-value';

interface ScheduleInputProps {
  value: string;
  onChange: (value: string) => void;
  timeZone: string;
  readOnly: boolean;
  testId: string;
  /** With the workspace and the post's channels, one "next free slot" button per channel. */
  workspaceId?: string;
  channels?: ReadonlyArray<Pick<Channel, 'id' | 'name'>>;
}

export function ScheduleInput({
  value,
  onChange,
  timeZone,
  readOnly,
  testId,
  workspaceId,
  channels,
}: ScheduleInputProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'fr';
  // A day clicked on the calendar keeps the time already chosen (the picker would reset it to midnight).
  const dayClicked = useRef(false);
  const [looking, setLooking] = useState<string | null>(null);
  const [noSlot, setNoSlot] = useState<string | null>(null);
  const instant = fromDateTimeLocalValue(value, timeZone);
  // A warning, not an error: a draft may carry a past date, it just won't go out then.
  const past = instant !== null && Date.parse(instant) < Date.now();

  const fillNextSlot = async (channel: Pick<Channel, 'id' | 'name'>) => {
    setLooking(channel.id);
    setNoSlot(null);
    try {
      const { at } = await api.get<{ at: string | null }>(
        `/api/workspaces/${workspaceId}/channels/${channel.id}/next-slot`,
      );
      if (at) onChange(toDateTimeLocalValue(at, timeZone));
      else setNoSlot(channel.name);
    } catch (error) {
      notifyError(error, t);
    } finally {
      setLooking(null);
    }
  };

  const slotChannels = !readOnly && workspaceId ? (channels ?? []) : [];
  return (
    <Stack gap={4}>
      <DatesProvider settings={{ locale, firstDayOfWeek: locale === 'fr' ? 1 : 0 }}>
        <DateInput
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
          placeholder={t('composer.scheduledAtPlaceholder')}
          leftSection={<IconCalendar size={16} />}
          withTime
          valueFormat={SCHEDULE_FORMATS[locale]}
          dateParser={(text) => toPickerValue(parseScheduleText(text, locale) ?? '')}
          value={toPickerValue(value)}
          onChange={(picked) => {
            const next = fromPickerValue(picked);
            const keepTime = dayClicked.current && next !== '' && value !== '';
            dayClicked.current = false;
            onChange(keepTime ? `${next.slice(0, 10)}${value.slice(10)}` : next);
          }}
          getDayProps={(day) => ({
            onClick: () => {
              dayClicked.current = true;
            },
            'data-testid': `${testId}-day-${dayjs(day).format('YYYY-MM-DD')}`,
          })}
          clearable={!readOnly}
          readOnly={readOnly}
          data-testid={testId}
          data-value={value}
        />
      </DatesProvider>
      {slotChannels.length > 0 && (
        <Group gap={4}>
          {slotChannels.map((channel) => (
            <Button
              key={channel.id}
              size="compact-xs"
              variant="light"
              leftSection={<IconClockPlus size={12} />}
              loading={looking === channel.id}
              disabled={looking !== null && looking !== channel.id}
              onClick={() => void fillNextSlot(channel)}
              data-testid={`${testId}-next-slot`}
              data-channel-id={channel.id}
            >
              {slotChannels.length === 1
                ? t('planning.nextFreeSlot')
                : t('planning.nextFreeSlotFor', { channel: channel.name })}
            </Button>
          ))}
        </Group>
      )}
      {noSlot !== null && (
        <Text size="xs" c="orange.7" data-testid={`${testId}-no-slot`}>
          {t('planning.noFreeSlot', { channel: noSlot })}
        </Text>
      )}
    </Stack>
  );
}
