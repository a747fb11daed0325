// The calendar's filters: channel, theme, content type, status, owner — several values each.
import { MultiSelect, SimpleGrid } from '@mantine/core';
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
  const common = (selected: string[]) => ({
    clearable: true,
    searchable: true,
    placeholder: selected.length === 0 ? t('calendar.all') : undefined,
    size: 'xs' as const,
  });
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="xs" data-testid="calendar-filters">
      <MultiSelect
        {...common(value.channelIds)}
        label={t('calendar.channel')}
        data={channels.map((channel) => ({
          value: channel.id,
          label: `${describeNetwork(channel.network).label} · ${channel.name}`,
        }))}
        value={value.channelIds}
        onChange={(channelIds) => set({ channelIds })}
        data-testid="calendar-filter-channel"
      />
      <MultiSelect
        {...common(value.themeIds)}
        label={t('calendar.theme')}
        data={themes.map((theme) => ({ value: theme.id, label: theme.name }))}
        value={value.themeIds}
        onChange={(themeIds) => set({ themeIds })}
        data-testid="calendar-filter-theme"
      />
      <MultiSelect
        {...common(value.contentTypeIds)}
        label={t('calendar.contentType')}
        data={contentTypes.map((type) => ({ value: type.id, label: type.name }))}
        value={value.contentTypeIds}
        onChange={(contentTypeIds) => set({ contentTypeIds })}
        data-testid="calendar-filter-content-type"
      />
      <MultiSelect
        {...common(value.statuses)}
        label={t('calendar.status')}
        data={POST_STATUSES.map((status) => ({ value: status, label: t(`postStatus.${status}`) }))}
        value={value.statuses}
        onChange={(statuses) => set({ statuses: POST_STATUSES.filter((status) => statuses.includes(status)) })}
        data-testid="calendar-filter-status"
      />
      <MultiSelect
        {...common(value.ownerIds)}
        label={t('calendar.owner')}
        data={members.map((member) => ({ value: member.userId, label: member.name }))}
        value={value.ownerIds}
        onChange={(ownerIds) => set({ ownerIds })}
        data-testid="calendar-filter-owner"
      />
    </SimpleGrid>
  );
}
