// The events of a week of the plan (one-off, or yearly « journées mondiales »), so the team prepares their
// content ahead.
import { Badge, Group } from '@mantine/core';
import { IconCalendarEvent } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { EventOccurrence } from './plan-api';

export function WeekEvents({ events }: { events: EventOccurrence[] }) {
  const { i18n } = useTranslation();
  if (events.length === 0) return null;
  const day = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'short', timeZone: 'UTC' });
  return (
    <Group gap={6} data-testid="week-events">
      {events.map((event) => (
        <Badge
          key={`${event.eventId}-${event.date}`}
          variant="light"
          color="grape"
          leftSection={<IconCalendarEvent size={12} aria-hidden />}
          style={{ textTransform: 'none' }}
          data-testid="week-event"
        >
          {day.format(new Date(`${event.date}T12:00:00Z`))} · {event.name}
        </Badge>
      ))}
    </Group>
  );
}
