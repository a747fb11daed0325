// The calendar's filters: channel, theme, content type, status, owner.
import { Select, SimpleGrid } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { POST_STATUSES, type Channel, type ContentType, type Member, type Theme } from '../../api/types';
import { describeNetwork } from '../channels/networks';
import type { CalendarFilters as Filters } from './post-events';

interface CalendarFiltersProps {
  value: Filters;
  onChange: (filters: Filters) => void;
  channels: Channel[];
  themes: Theme[];
  contentTypes: ContentType[];
  members: Member[];
}

export function CalendarFilters({ value, onChange, channels, themes, contentTypes, members }: CalendarFiltersProps) {
  const { t } = useTranslation();
  const set = (patch: Partial<Filters>) => onChange({ ...value, ...patch });
  const common = { clearable: true, placeholder: t('calendar.all'), size: 'xs' as const };
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="xs" data-testid="calendar-filters">
      <Select
        {...common}
        label={t('calendar.channel')}
        data={channels.map((channel) => ({
          value: channel.id,
          label: `${describeNetwork(channel.network).label} · ${channel.name}`,
        }))}
        value={value.channelId}
        onChange={(channelId) => set({ channelId })}
        data-testid="calendar-filter-channel"
      />
      <Select
        {...common}
        label={t('calendar.theme')}
        data={themes.map((theme) => ({ value: theme.id, label: theme.name }))}
        value={value.themeId}
        onChange={(themeId) => set({ themeId })}
        data-testid="calendar-filter-theme"
      />
      <Select
        {...common}
        label={t('calendar.contentType')}
        data={contentTypes.map((type) => ({ value: type.id, label: type.name }))}
        value={value.contentTypeId}
        onChange={(contentTypeId) => set({ contentTypeId })}
        data-testid="calendar-filter-content-type"
      />
      <Select
        {...common}
        label={t('calendar.status')}
        data={POST_STATUSES.map((status) => ({ value: status, label: t(`postStatus.${status}`) }))}
        value={value.status}
        onChange={(status) => set({ status: POST_STATUSES.find((candidate) => candidate === status) ?? null })}
        data-testid="calendar-filter-status"
      />
      <Select
        {...common}
        label={t('calendar.owner')}
        data={members.map((member) => ({ value: member.userId, label: member.name }))}
        value={value.ownerId}
        onChange={(ownerId) => set({ ownerId })}
        searchable
        data-testid="calendar-filter-owner"
      />
    </SimpleGrid>
  );
}
