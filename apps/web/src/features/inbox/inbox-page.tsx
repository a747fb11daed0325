// « Boîte de réception »: what people say to the workspace's accounts, in three panes — filters, the list (by
// priority, then newest), and the conversation with the post it answers. j and k move through the list.
import { Grid, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItem } from '../../api/types';
import { ErrorAlert } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { hasRoleAtLeast } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';
import { useInboxCounts, useInboxItems, type InboxFilterValues } from './inbox-api';
import { InboxFiltersPane, InboxListPane } from './inbox-panes';
import { ConversationPane } from './conversation-pane';
import { InboxAutomationLink } from '../inbox-automation/automation-link';

export function InboxPage() {
  const { t } = useTranslation();
  const { session, workspace } = useWorkspace();
  const [filters, setFilters] = useState<InboxFilterValues>({ status: null, assignee: null });
  const [selected, setSelected] = useState<InboxItem | undefined>();
  const list = useInboxItems(filters, session.user.id);
  const counts = useInboxCounts();
  const items = list.data?.items ?? [];
  // The list refreshes after a change: show the item as it now is.
  const current = items.find((item) => item.id === selected?.id) ?? selected;

  const move = (step: number) => {
    if (items.length === 0) return;
    const at = items.findIndex((item) => item.id === current?.id);
    const next = items[Math.min(items.length - 1, Math.max(0, at === -1 ? 0 : at + step))];
    setSelected(next);
    if (next) document.querySelector<HTMLElement>(`[data-item-id="${next.id}"]`)?.focus();
  };
  useHotkeys([
    ['j', () => move(1)],
    ['k', () => move(-1)],
  ]);

  return (
    <Stack>
      <div>
        <Title order={2}>{t('inbox.title')}</Title>
        <Text c="dimmed" size="sm" mt={4} maw={720}>
          {t('inbox.intro')}
        </Text>
        <InboxAutomationLink />
      </div>
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <InboxFiltersPane filters={filters} counts={counts.data} onChange={setFilters} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <section aria-label={t('inbox.list')}>
            {list.isPending && <PageLoader />}
            {list.isError && <ErrorAlert error={list.error} onRetry={() => void list.refetch()} />}
            {list.data && items.length === 0 && (
              <Text c="dimmed" data-testid="inbox-empty">
                {filters.status || filters.assignee ? t('inbox.emptyFiltered') : t('inbox.empty')}
              </Text>
            )}
            <InboxListPane items={items} selectedId={current?.id} onSelect={setSelected} />
          </section>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          {current ? (
            <ConversationPane item={current} canAct={hasRoleAtLeast(workspace.role, 'community_manager')} />
          ) : (
            <Text c="dimmed">{t('inbox.noSelection')}</Text>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
