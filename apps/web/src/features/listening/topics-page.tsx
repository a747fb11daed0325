// Listening topics, by group (brand, competitors, sector, other), and the editor where a topic's query is
// written with live checking and a preview against the mentions already stored.
import {
  Badge,
  Button,
  ColorInput,
  Drawer,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Topic, TopicGroup } from '../../api/types';
import { getCurrentLocale } from '../../i18n';
import { ErrorAlert, notifyError, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { PageLoader } from '../../ui/page-loader';
import { useWorkspace } from '../workspaces/workspace-context';
import { listeningKeys, listeningPath, useListeningRights, useTopics } from './listening-api';
import { checkQuery } from './query-check';
import { QueryEditor } from './query-editor';

export const TOPIC_GROUPS: readonly TopicGroup[] = ['brand', 'competitor', 'sector', 'other'];
const GROUP_COLORS: Record<TopicGroup, string> = {
  brand: '#1c7ed6',
  competitor: '#f76707',
  sector: '#2f9e44',
  other: '#7048e8',
};

interface Draft {
  id: string | null;
  name: string;
  group: TopicGroup;
  query: string;
  color: string;
  enabled: boolean;
}

function emptyDraft(group: TopicGroup = 'brand'): Draft {
  return { id: null, name: '', group, query: '', color: GROUP_COLORS[group], enabled: true };
}

export function TopicsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const rights = useListeningRights();
  const topics = useTopics();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [deleting, setDeleting] = useState<Topic | null>(null);
  const queryClient = useQueryClient();
  const byId = useMemo(() => new Map((topics.data?.items ?? []).map((topic) => [topic.id, topic])), [topics.data]);

  const remove = useMutation({
    mutationFn: (topic: Topic) => api.delete(listeningPath(workspace.id, `topics/${topic.id}`)),
    onSuccess: () => {
      notifySuccess(t('listening.topics.deleted'));
      setDeleting(null);
    },
    onError: (error) => notifyError(error, t),
    onSettled: () => queryClient.invalidateQueries({ queryKey: listeningKeys.all(workspace.id) }),
  });

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('listening.topics.title')}</Title>
          <Text c="dimmed" size="sm" mt={4} maw={720}>
            {t('listening.topics.intro')}
          </Text>
        </div>
        {rights.manage && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setDraft(emptyDraft())}
            data-testid="write-topic-new"
          >
            {t('listening.topics.new')}
          </Button>
        )}
      </Group>

      {topics.isPending && <PageLoader />}
      {topics.isError && <ErrorAlert error={topics.error} onRetry={() => void topics.refetch()} />}
      {topics.data &&
        TOPIC_GROUPS.map((group) => {
          const items = topics.data.items.filter((topic) => topic.group === group);
          return (
            <Stack key={group} gap="xs" data-testid={`topic-group-${group}`}>
              <Group justify="space-between">
                <Title order={4}>{t(`listening.groups.${group}`)}</Title>
                {rights.manage && (
                  <Button size="compact-sm" variant="subtle" onClick={() => setDraft(emptyDraft(group))}>
                    {t('listening.topics.addToGroup')}
                  </Button>
                )}
              </Group>
              {items.length === 0 && (
                <Text size="sm" c="dimmed">
                  {t(`listening.topics.emptyGroup.${group}`)}
                </Text>
              )}
              {items.map((topic) => (
                <TopicRow
                  key={topic.id}
                  topic={topic}
                  onEdit={() => setDraft({ ...topic })}
                  onDelete={() => setDeleting(topic)}
                />
              ))}
            </Stack>
          );
        })}

      <Drawer
        opened={draft !== null}
        onClose={() => setDraft(null)}
        position="right"
        size="xl"
        title={draft?.id ? t('listening.topics.editTitle') : t('listening.topics.newTitle')}
      >
        {draft && <TopicForm initial={draft} topics={byId} onDone={() => setDraft(null)} />}
      </Drawer>

      <ConfirmModal
        opened={deleting !== null}
        title={t('listening.topics.deleteTitle')}
        message={t('listening.topics.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('common.delete')}
        loading={remove.isPending}
        onConfirm={() => deleting && remove.mutate(deleting)}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}

/** The draft being edited, and its saving: the name and the query are checked here before anything is sent. */
function useTopicDraft(initial: Draft, onDone: () => void) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(initial);
  const [nameError, setNameError] = useState<string | undefined>();
  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  const save = useMutation({
    mutationFn: () => {
      const body = {
        name: draft.name.trim(),
        group: draft.group,
        query: draft.query.trim(),
        color: draft.color,
        enabled: draft.enabled,
      };
      return draft.id
        ? api.patch<Topic>(listeningPath(workspace.id, `topics/${draft.id}`), body)
        : api.post<Topic>(listeningPath(workspace.id, 'topics'), body);
    },
    onSuccess: () => {
      notifySuccess(draft.id ? t('listening.topics.saved') : t('listening.topics.created'));
      void queryClient.invalidateQueries({ queryKey: listeningKeys.all(workspace.id) });
      onDone();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = draft.name.trim() ? undefined : t('listening.topics.nameRequired');
    setNameError(name);
    if (!name && checkQuery(draft.query, getCurrentLocale()).ok) save.mutate();
  };
  return { draft, update, nameError, save, submit };
}

function TopicForm({
  initial,
  topics,
  onDone,
}: {
  initial: Draft;
  topics: ReadonlyMap<string, Topic>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { draft, update, nameError, save, submit } = useTopicDraft(initial, onDone);
  const fieldErrors = readFieldErrors(save.error);
  return (
    <form onSubmit={submit} noValidate data-testid="topic-form">
      <Stack>
        {save.error && <ErrorAlert error={save.error} />}
        <TextInput
          label={t('listening.topics.name')}
          placeholder={t('listening.topics.namePlaceholder')}
          value={draft.name}
          maxLength={120}
          withAsterisk
          onChange={(event) => update({ name: event.currentTarget.value })}
          error={nameError ?? fieldErrors.name}
          data-testid="write-topic-name"
        />
        <GroupField group={draft.group} onChange={(group) => update({ group })} />
        <QueryEditor
          value={draft.query}
          onChange={(query) => update({ query })}
          topics={topics}
          serverError={fieldErrors.query}
        />
        <Group grow align="flex-start">
          <ColorInput
            label={t('listening.topics.color')}
            value={draft.color}
            format="hex"
            onChange={(color) => update({ color })}
            error={fieldErrors.color}
          />
          <Switch
            mt={28}
            label={t('listening.topics.enabled')}
            checked={draft.enabled}
            onChange={(event) => update({ enabled: event.currentTarget.checked })}
          />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="write-topic-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The topic's group (brand, competitor…), with what that group is for. */
function GroupField({ group, onChange }: { group: TopicGroup; onChange: (group: TopicGroup) => void }) {
  const { t } = useTranslation();
  const labelId = useId();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500} id={labelId}>
        {t('listening.topics.group')}
      </Text>
      <SegmentedControl
        value={group}
        onChange={(value) => onChange(value as TopicGroup)}
        data={TOPIC_GROUPS.map((value) => ({ value, label: t(`listening.groups.${value}`) }))}
        aria-labelledby={labelId}
        data-testid="write-topic-group"
      />
      <Text size="xs" c="dimmed">
        {t(`listening.groupHelp.${group}`)}
      </Text>
    </Stack>
  );
}

/** A topic: its colour, name and query, and links to its mentions, to edit and to delete it. */
function TopicRow({ topic, onEdit, onDelete }: { topic: Topic; onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const rights = useListeningRights();
  return (
    <Paper withBorder p="sm" radius="md" data-testid="topic-row" data-topic-id={topic.id}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <span
              aria-hidden
              style={{
                width: 12,
                height: 12,
                borderRadius: 6,
                background: topic.color,
                display: 'inline-block',
              }}
            />
            <Text fw={600}>{topic.name}</Text>
            {!topic.enabled && (
              <Badge color="gray" variant="light" tt="none">
                {t('listening.topics.paused')}
              </Badge>
            )}
          </Group>
          <Text size="sm" ff="monospace" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
            {topic.query}
          </Text>
        </Stack>
        <Group gap={4} wrap="nowrap">
          <Button
            component={Link}
            to={`/w/${workspace.id}/listening/mentions?topic=${topic.id}`}
            size="xs"
            variant="subtle"
            data-testid={`topic-mentions-${topic.id}`}
          >
            {t('listening.topics.seeMentions')}
          </Button>
          {rights.manage && (
            <>
              <Button size="xs" variant="subtle" onClick={onEdit} data-testid={`write-topic-edit-${topic.id}`}>
                {t('listening.topics.edit')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={onDelete}
                data-testid={`write-topic-delete-${topic.id}`}
              >
                {t('common.delete')}
              </Button>
            </>
          )}
        </Group>
      </Group>
    </Paper>
  );
}
