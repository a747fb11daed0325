// Where mentions come from: RSS/Atom feeds, network searches and hashtags, web pages… each with its health
// (last poll, last error, items found), "poll now", pause and removal, and a form per network and kind.
import { Stack, Table, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { ListeningSource } from '../../api/types';
import { ErrorAlert, notifyError, notifySuccess } from '../../ui/api-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { PageLoader } from '../../ui/page-loader';
import { useWorkspace } from '../workspaces/workspace-context';
import { AddSourceForm } from './add-source-form';
import { SourceEditModal } from './source-edit-modal';
import { SourceRow } from './source-row';
import { listeningKeys, listeningPath, useListeningRights, useSources } from './listening-api';

/** Changes when a poll ends, well or badly. */
function pollSignature(source: ListeningSource): string {
  return `${source.health.lastOkAt ?? ''}|${source.health.lastErrorAt ?? ''}`;
}

/** The sources, and "poll now": the list is refreshed until the worker has polled each source asked for. */
function usePolledSources() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  // Sources asked to poll now, with their poll signature at the time.
  const [following, setFollowing] = useState<Record<string, string>>({});
  const sources = useSources({ follow: Object.keys(following).length > 0 });
  const invalidate = () => queryClient.invalidateQueries({ queryKey: listeningKeys.sources(workspace.id) });

  const pollNow = useMutation({
    mutationFn: (source: ListeningSource) =>
      api.post<ListeningSource>(listeningPath(workspace.id, `sources/${source.id}/poll`)),
    onSuccess: (source) => {
      notifySuccess(t('listening.sources.pollRequested'));
      setFollowing((current) => ({ ...current, [source.id]: pollSignature(source) }));
      void invalidate();
    },
    onError: (error) => notifyError(error, t),
  });

  // Stop following a source once a worker has finished polling it (success or failure recorded).
  const items = useMemo(() => sources.data?.items ?? [], [sources.data]);
  useEffect(() => {
    const settled = items.filter((s) => s.id in following && pollSignature(s) !== following[s.id]);
    if (settled.length === 0) return;
    setFollowing((current) => {
      const next = { ...current };
      for (const source of settled) delete next[source.id];
      return next;
    });
    void queryClient.invalidateQueries({ queryKey: [...listeningKeys.all(workspace.id), 'mentions'] });
  }, [items, following, queryClient, workspace.id]);

  const polling = (source: ListeningSource) =>
    (pollNow.isPending && pollNow.variables.id === source.id) || source.id in following;
  return { sources, items, invalidate, pollNow: (source: ListeningSource) => pollNow.mutate(source), polling };
}

/** Pausing, resuming and removing a source (after a confirmation). */
function useSourceChanges(invalidate: () => Promise<void>) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const [removing, setRemoving] = useState<ListeningSource | null>(null);
  const toggle = useMutation({
    mutationFn: (source: ListeningSource) =>
      api.patch<ListeningSource>(listeningPath(workspace.id, `sources/${source.id}`), { enabled: !source.enabled }),
    onError: (error) => notifyError(error, t),
    onSettled: invalidate,
  });
  const remove = useMutation({
    mutationFn: (source: ListeningSource) => api.delete(listeningPath(workspace.id, `sources/${source.id}`)),
    onSuccess: () => {
      notifySuccess(t('listening.sources.removed'));
      setRemoving(null);
    },
    onError: (error) => notifyError(error, t),
    onSettled: invalidate,
  });
  const removal = (
    <ConfirmModal
      opened={removing !== null}
      title={t('listening.sources.removeTitle')}
      message={t('listening.sources.removeConfirm', { label: removing?.label ?? '' })}
      confirmLabel={t('common.delete')}
      loading={remove.isPending}
      onConfirm={() => removing && remove.mutate(removing)}
      onClose={() => setRemoving(null)}
    />
  );
  return { toggle: (source: ListeningSource) => toggle.mutate(source), askRemove: setRemoving, removal };
}

export function SourcesPage() {
  const { t } = useTranslation();
  const rights = useListeningRights();
  const { sources, items, invalidate, pollNow, polling } = usePolledSources();
  const { toggle, askRemove, removal } = useSourceChanges(invalidate);
  const [editing, setEditing] = useState<ListeningSource | null>(null);

  return (
    <Stack>
      <div>
        <Title order={2}>{t('listening.sources.title')}</Title>
        <Text c="dimmed" size="sm" mt={4} maw={720}>
          {t('listening.sources.intro')}
        </Text>
      </div>

      {sources.isPending && <PageLoader />}
      {sources.isError && <ErrorAlert error={sources.error} onRetry={() => void sources.refetch()} />}
      {sources.data && rights.manage && (
        <AddSourceForm networks={sources.data.networks} onAdded={() => void invalidate()} />
      )}

      {sources.data && (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" striped data-testid="sources-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('listening.sources.source')}</Table.Th>
                <Table.Th>{t('listening.sources.health')}</Table.Th>
                <Table.Th>{t('listening.sources.lastPoll')}</Table.Th>
                <Table.Th>{t('listening.sources.items')}</Table.Th>
                <Table.Th aria-label={t('common.actions')} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={5}>
                    <Text c="dimmed">{t('listening.sources.empty')}</Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {items.map((source) => (
                <SourceRow
                  key={source.id}
                  source={source}
                  actions={{
                    pollNow: () => pollNow(source),
                    polling: polling(source),
                    edit: () => setEditing(source),
                    toggle: () => toggle(source),
                    remove: () => askRemove(source),
                  }}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      {editing && sources.data && (
        <SourceEditModal
          source={editing}
          networks={sources.data.networks}
          onClose={() => setEditing(null)}
          onSaved={() => void invalidate()}
        />
      )}
      {removal}
    </Stack>
  );
}
