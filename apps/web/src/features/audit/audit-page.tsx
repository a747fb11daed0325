// Audit log of the workspace (admins and managers), paged with a server cursor.
import { Badge, Button, Center, Code, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { AuditEntry, CursorPage } from '../../api/types';
import { ErrorAlert } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { useWorkspace } from '../workspaces/workspace-context';

const PAGE_SIZE = 50;

/** What the entry is about, in words people read: the email, the key name, the role change… */
function describeTarget(entry: AuditEntry, roleLabel: (role: string) => string): string {
  const details = entry.details as Record<string, unknown>;
  const parts: string[] = [];
  for (const field of ['email', 'name', 'organisation', 'workspace']) {
    if (typeof details[field] === 'string') parts.push(details[field] as string);
  }
  if (typeof details.from === 'string' && typeof details.to === 'string') {
    parts.push(`${roleLabel(details.from)} → ${roleLabel(details.to)}`);
  } else if (typeof details.role === 'string') {
    parts.push(roleLabel(details.role));
  }
  if (parts.length > 0) return parts.join(' · ');
  if (!entry.targetType) return '—';
  return entry.targetId ? `${entry.targetType} · ${entry.targetId}` : entry.targetType;
}

export function AuditPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const formatDateTime = useFormatDateTime();
  // Action codes are stable API values; people read a label. Unknown codes (from newer features) show as is.
  const actionLabel = (action: string) =>
    t(`audit.actions.${action.replace(/\./g, '__')}` as 'audit.title', { defaultValue: action });
  const roleLabel = (role: string) => t(`roles.${role}` as 'audit.title', { defaultValue: role });
  const [filter, setFilter] = useState('');
  // Wait for a pause in typing so each keystroke doesn't hit the server.
  const [action] = useDebouncedValue(filter.trim(), 300);

  const audit = useInfiniteQuery({
    queryKey: ['workspaces', workspace.id, 'audit', action],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (pageParam) params.set('cursor', pageParam);
      if (action) params.set('action', action);
      return api.get<CursorPage<AuditEntry>>(`/api/workspaces/${workspace.id}/audit?${params.toString()}`);
    },
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });

  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <TextInput
        label={t('audit.filter')}
        placeholder={t('audit.filterPlaceholder')}
        leftSection={<IconSearch size={16} />}
        value={filter}
        onChange={(event) => setFilter(event.currentTarget.value)}
        maw={360}
        data-testid="audit-filter"
      />
      {audit.isPending && <PageLoader />}
      {audit.isError && <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.data && (
        <Table.ScrollContainer minWidth={760}>
          <Table striped verticalSpacing="xs" data-testid="audit-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.time')}</Table.Th>
                <Table.Th>{t('audit.actor')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.target')}</Table.Th>
                <Table.Th>{t('audit.ip')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{t('audit.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {entries.map((entry) => (
                <Table.Tr key={entry.id} data-testid="audit-row">
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{entry.actor.label ?? entry.actor.id ?? '—'}</Text>
                    <Badge size="xs" variant="light" color="gray">
                      {t(`audit.actorTypes.${entry.actor.type}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{actionLabel(entry.action)}</Text>
                    <Code fz="xs">{entry.action}</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{describeTarget(entry, roleLabel)}</Text>
                  </Table.Td>
                  <Table.Td title={entry.userAgent ?? undefined}>
                    <Text size="sm">{entry.ip ?? '—'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {audit.hasNextPage && (
        <Center>
          <Button
            variant="default"
            onClick={() => void audit.fetchNextPage()}
            loading={audit.isFetchingNextPage}
            data-testid="audit-load-more"
          >
            {t('audit.loadMore')}
          </Button>
        </Center>
      )}
    </Stack>
  );
}
