// Audit log of the workspace (admins and managers): each entry as a sentence in the person's language
// (« Adèle a programmé « Travaux rue du Port » pour le 15 déc. à 11 h 30 »), filtered by person, kind of action
// and dates, paged with a server cursor.
import { Button, Center, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTION_KINDS, isAuditAction } from '@rostra/core';
import { api } from '../../api/client';
import type { AuditEntry, CursorPage } from '../../api/types';
import { ErrorAlert } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { describeNetwork } from '../channels/networks';
import { useMembers } from '../members/use-members';
import { useWorkspace } from '../workspaces/workspace-context';

const PAGE_SIZE = 50;

function stringAt(details: Record<string, unknown>, key: string): string | undefined {
  const value = details[key];
  return typeof value === 'string' ? value : undefined;
}

/** "15 déc. à 11 h 30" / "Dec 15 at 11:30 AM": the day and time in the workspace's zone, the French way in French. */
export function formatWhen(iso: string, locale: string, timeZone: string, t: TFunction): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return '';
  const date = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone }).format(at);
  const parts = new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone }).formatToParts(at);
  const time = locale.startsWith('fr')
    ? `${parts.find((p) => p.type === 'hour')?.value ?? ''} h ${parts.find((p) => p.type === 'minute')?.value ?? ''}`
    : parts.map((p) => p.value).join('');
  return t('auditLog.when', { date, time });
}

/** The entry as a sentence: who, the action, on what, and what the action says (roles, time, network). */
export function describeEntry(entry: AuditEntry, t: TFunction, locale: string, timeZone: string): string {
  const details = entry.details;
  const actor =
    entry.actor.type === 'system'
      ? t('auditLog.system')
      : entry.actor.type === 'api_key'
        ? t('auditLog.apiKey', { name: entry.actor.name })
        : entry.actor.name;
  const label = entry.target?.label;
  const target = label ? (locale.startsWith('fr') ? `« ${label} »` : `“${label}”`) : t('auditLog.unnamed');
  const role = (value: string | undefined) =>
    value ? t(`roles.${value}` as 'roles.admin', { defaultValue: value }).toLocaleLowerCase(locale) : '';
  const network = stringAt(details, 'network');
  const scheduledAt = stringAt(details, 'scheduledAt');
  const params = {
    actor,
    target,
    role: role(stringAt(details, 'role')),
    from: role(stringAt(details, 'from')),
    to: role(stringAt(details, 'to')),
    network: network ? describeNetwork(network).label : '',
    when: scheduledAt ? formatWhen(scheduledAt, locale, timeZone, t) : '',
  };
  if (!isAuditAction(entry.action)) return `${actor} · ${t('auditLog.unnamed')}`;
  return t(`auditLog.actions.${entry.action}`, params);
}

/** The start of a day typed in a date field, as an ISO instant in the person's browser zone. */
function dayStart(value: string, plusDays = 0): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return undefined;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return new Date(year, month - 1, day + plusDays).toISOString();
}

interface AuditFilterValues {
  actorId: string | null;
  kind: string | null;
  /** Days as typed in the date fields (yyyy-mm-dd), or empty. */
  from: string;
  to: string;
}

/** The entries matching the filters, a page at a time from the server's cursor. */
function useAuditLog(filters: AuditFilterValues) {
  const { workspace } = useWorkspace();
  const fromIso = dayStart(filters.from);
  // The "to" day is included: entries before the next day's start.
  const toIso = dayStart(filters.to, 1);
  const { actorId, kind } = filters;
  return useInfiniteQuery({
    queryKey: ['workspaces', workspace.id, 'audit', actorId, kind, fromIso, toIso],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam }) => {
      const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (pageParam) params.set('cursor', pageParam);
      if (actorId) params.set('actorId', actorId);
      if (kind) params.set('kind', kind);
      if (fromIso) params.set('from', fromIso);
      if (toIso) params.set('to', toIso);
      return api.get<CursorPage<AuditEntry>>(`/api/workspaces/${workspace.id}/audit?${params.toString()}`);
    },
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
  });
}

export function AuditPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<AuditFilterValues>({ actorId: null, kind: null, from: '', to: '' });
  const audit = useAuditLog(filters);
  const entries = audit.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack>
      <Title order={2}>{t('audit.title')}</Title>
      <AuditFilters filters={filters} onChange={(patch) => setFilters((current) => ({ ...current, ...patch }))} />
      {audit.isPending && <PageLoader />}
      {audit.isError && <ErrorAlert error={audit.error} onRetry={() => void audit.refetch()} />}
      {audit.data && <AuditTable entries={entries} />}
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

/** Who, what kind of action, from and to which day. */
function AuditFilters(props: { filters: AuditFilterValues; onChange: (patch: Partial<AuditFilterValues>) => void }) {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspace();
  const members = useMembers(workspace.id);
  const { filters, onChange } = props;
  const kindOptions = AUDIT_ACTION_KINDS.map((value) => ({ value, label: t(`auditLog.kinds.${value}`) })).sort((a, b) =>
    a.label.localeCompare(b.label, i18n.language),
  );
  const people = (members.data?.items ?? []).map((member) => ({ value: member.userId, label: member.name }));
  return (
    <Group align="flex-end" gap="sm" wrap="wrap" role="search" aria-label={t('auditLog.filters')}>
      <Select
        label={t('auditLog.person')}
        placeholder={t('auditLog.anyone')}
        data={people}
        value={filters.actorId}
        onChange={(actorId) => onChange({ actorId })}
        clearable
        searchable
        w={220}
        data-testid="audit-filter-person"
      />
      <Select
        label={t('auditLog.kind')}
        placeholder={t('auditLog.anyKind')}
        data={kindOptions}
        value={filters.kind}
        onChange={(kind) => onChange({ kind })}
        clearable
        w={220}
        data-testid="audit-filter-kind"
      />
      <TextInput
        type="date"
        label={t('auditLog.from')}
        value={filters.from}
        onChange={(event) => onChange({ from: event.currentTarget.value })}
        w={170}
        data-testid="audit-filter-from"
      />
      <TextInput
        type="date"
        label={t('auditLog.to')}
        value={filters.to}
        onChange={(event) => onChange({ to: event.currentTarget.value })}
        w={170}
        data-testid="audit-filter-to"
      />
    </Group>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspace();
  const formatDateTime = useFormatDateTime();
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs" data-testid="audit-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.time')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.ip')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={3}>
                <Text c="dimmed">{t('audit.empty')}</Text>
              </Table.Td>
            </Table.Tr>
          )}
          {entries.map((entry) => (
            <Table.Tr key={entry.id} data-testid="audit-row" data-action={entry.action}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(entry.at)}</Table.Td>
              <Table.Td>
                <Text size="sm" data-testid="audit-sentence">
                  {describeEntry(entry, t, i18n.language, workspace.timezone)}
                </Text>
              </Table.Td>
              <Table.Td title={entry.userAgent ?? undefined}>
                <Text size="sm">{entry.ip ?? '—'}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
