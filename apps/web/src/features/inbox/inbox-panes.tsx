// The inbox's left and middle panes: the filters (status with its count, whose items) and the list of items, the
// selected one marked for screen readers too. Items come from strangers: rendered as React text only.
import { Badge, Group, NavLink, Paper, SegmentedControl, Stack, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { InboxCounts, InboxItem } from '../../api/types';
import { useFormatDateTime } from '../../ui/format';
import { INBOX_STATUSES, type InboxFilterValues } from './inbox-api';

interface FiltersPaneProps {
  filters: InboxFilterValues;
  counts: InboxCounts | undefined;
  onChange(filters: InboxFilterValues): void;
}

export function InboxFiltersPane({ filters, counts, onChange }: FiltersPaneProps) {
  const { t } = useTranslation();
  const total = counts ? INBOX_STATUSES.reduce((sum, status) => sum + (counts[status] ?? 0), 0) : undefined;
  const statuses = [null, ...INBOX_STATUSES] as const;
  return (
    <Stack gap="md">
      <nav aria-label={t('inbox.filters.status')}>
        {statuses.map((status) => (
          <NavLink
            key={status ?? 'all'}
            component="button"
            label={status ? t(`inbox.status.${status}`) : t('inbox.filters.all')}
            active={filters.status === status}
            aria-current={filters.status === status ? 'true' : undefined}
            rightSection={<Badge variant="light">{status ? (counts?.[status] ?? '…') : (total ?? '…')}</Badge>}
            onClick={() => onChange({ ...filters, status })}
            data-testid={`inbox-status-${status ?? 'all'}`}
          />
        ))}
      </nav>
      <div>
        <Text size="sm" fw={500} id="inbox-assignee-label" mb={4}>
          {t('inbox.filters.assignee')}
        </Text>
        <SegmentedControl
          fullWidth
          size="xs"
          aria-labelledby="inbox-assignee-label"
          data-testid="inbox-assignee"
          value={filters.assignee ?? 'all'}
          onChange={(value) => onChange({ ...filters, assignee: value === 'all' ? null : (value as 'me' | 'none') })}
          data={[
            { value: 'all', label: t('inbox.filters.everyone') },
            { value: 'me', label: t('inbox.filters.mine') },
            { value: 'none', label: t('inbox.filters.unassigned') },
          ]}
        />
      </div>
    </Stack>
  );
}

interface ListPaneProps {
  items: InboxItem[];
  selectedId: string | undefined;
  onSelect(item: InboxItem): void;
}

export function InboxListPane({ items, selectedId, onSelect }: ListPaneProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <Stack component="ul" gap={6} p={0} m={0} style={{ listStyle: 'none' }} data-testid="inbox-list">
      {items.map((item) => {
        const selected = item.id === selectedId;
        return (
          <li key={item.id}>
            <UnstyledButton
              w="100%"
              onClick={() => onSelect(item)}
              aria-current={selected ? 'true' : undefined}
              data-testid="inbox-item"
              data-item-id={item.id}
            >
              {/* The selected item: a grey card with a bar, not a tinted one (its badge would fall below 4.5:1). */}
              <Paper
                withBorder
                p="xs"
                radius="sm"
                bg={selected ? 'var(--mantine-color-default-hover)' : undefined}
                style={selected ? { borderLeft: '4px solid var(--mantine-primary-color-filled)' } : undefined}
              >
                <Group justify="space-between" gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600} truncate>
                    {item.author.name ?? item.author.handle ?? t('inbox.unknownAuthor')}
                  </Text>
                  <Badge size="sm" variant="outline">
                    {t(`inbox.status.${item.status}`)}
                  </Badge>
                </Group>
                <Text size="sm" lineClamp={2}>
                  {item.text}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`inbox.kinds.${item.kind}`)} · {item.network} · {formatDateTime(item.createdAt)}
                </Text>
              </Paper>
            </UnstyledButton>
          </li>
        );
      })}
    </Stack>
  );
}
