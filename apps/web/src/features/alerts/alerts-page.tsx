// Listening alerts: rules on a topic (volume spike, negative share, watched author or source, new source) with
// their defaults shown, where each is delivered (in the app, by email, signed webhooks, Slack/Mattermost), and
// the log of alerts fired with the outcome of each delivery.
import { Badge, Button, Drawer, Group, Stack, Switch, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { AlertRule, Topic } from '../../api/types';
import { notifyError, notifySuccess } from '../../ui/api-errors';
import { useConfirmAction } from '../../ui/confirm-action';
import { ListTable } from '../../ui/list-table';
import { useFormatDateTime } from '../../ui/format';
import { useListeningRights, useTopics } from '../listening/listening-api';
import { useWorkspace } from '../workspaces/workspace-context';
import { alertsKey, draftOf, newDraft, type AlertDraft } from './alert-draft';
import { AlertForm } from './alert-form';
import { FiredLog } from './alert-events';
import { describeParams } from './alert-params';

/** The rules, and switching one on or off and deleting it (after a confirmation). */
function useAlertRules() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const key = alertsKey(workspace.id);
  const rules = useQuery({
    queryKey: key,
    queryFn: () => api.get<{ items: AlertRule[] }>(`/api/workspaces/${workspace.id}/alerts`),
  });
  const toggle = useMutation({
    mutationFn: (rule: AlertRule) =>
      api.patch<AlertRule>(`/api/workspaces/${workspace.id}/alerts/${rule.id}`, { enabled: !rule.enabled }),
    onError: (error) => notifyError(error, t),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const remove = useMutation({
    mutationFn: (rule: AlertRule) => api.delete(`/api/workspaces/${workspace.id}/alerts/${rule.id}`),
    onSuccess: () => notifySuccess(t('alerts.deleted')),
    onError: (error) => notifyError(error, t),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
  const deletion = useConfirmAction<AlertRule>({
    title: t('alerts.deleteTitle'),
    describe: (target) => t('alerts.deleteConfirm', { name: target.name }),
    confirmLabel: t('common.delete'),
    mutation: remove,
  });
  return { rules, toggle: (rule: AlertRule) => toggle.mutate(rule), deletion };
}

export function AlertsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const rights = useListeningRights();
  const topics = useTopics();
  const topicsById = useMemo(
    () => new Map((topics.data?.items ?? []).map((topic) => [topic.id, topic])),
    [topics.data],
  );
  const [draft, setDraft] = useState<AlertDraft | null>(null);
  const { rules, toggle, deletion } = useAlertRules();

  const firstTopic = topics.data?.items[0]?.id ?? null;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('alerts.title')}</Title>
          <Text c="dimmed" size="sm" mt={4} maw={720}>
            {t('alerts.intro')}
          </Text>
        </div>
        {rights.manage && (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setDraft(newDraft(firstTopic))}
            disabled={!firstTopic}
            data-testid="write-alert-new"
          >
            {t('alerts.new')}
          </Button>
        )}
      </Group>
      {topics.data && topics.data.items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('alerts.needTopic')} <Link to={`/w/${workspace.id}/listening/topics`}>{t('alerts.goToTopics')}</Link>
        </Text>
      )}

      <ListTable
        query={rules}
        columns={[t('alerts.name'), t('alerts.rule'), t('alerts.delivery'), t('alerts.lastFired')]}
        actions
        empty={t('alerts.empty')}
        minWidth={860}
        testId="alerts-table"
      >
        {(rule) => (
          <AlertRow
            key={rule.id}
            rule={rule}
            topic={topicsById.get(rule.topicId)}
            onToggle={() => toggle(rule)}
            onEdit={() => setDraft(draftOf(rule))}
            onDelete={() => deletion.ask(rule)}
          />
        )}
      </ListTable>

      <FiredLog rules={rules.data?.items ?? []} topics={topicsById} />

      <Drawer
        opened={draft !== null}
        onClose={() => setDraft(null)}
        position="right"
        size="lg"
        title={draft?.id ? t('alerts.editTitle') : t('alerts.newTitle')}
      >
        {draft && <AlertForm initial={draft} topics={topics.data?.items ?? []} onDone={() => setDraft(null)} />}
      </Drawer>

      {deletion.modal}
    </Stack>
  );
}

interface AlertRowProps {
  rule: AlertRule;
  topic?: Topic;
  onToggle: () => void;
  onEdit: () => void;
  onDelete: () => void;
}

function AlertRow({ rule, topic, onToggle, onEdit, onDelete }: AlertRowProps) {
  const { t } = useTranslation();
  const rights = useListeningRights();
  const formatDateTime = useFormatDateTime();
  return (
    <Table.Tr data-testid="alert-row" data-alert-id={rule.id}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {rule.name}
        </Text>
        <Text size="xs" c="dimmed">
          {topic?.name ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" tt="none" data-testid="alert-kind">
          {t(`alerts.kinds.${rule.kind}`)}
        </Badge>
        <Text size="xs" c="dimmed" mt={4}>
          {describeParams(rule.kind, rule.params, t)} · {t('alerts.cooldownShort', { count: rule.cooldownMinutes })}
        </Text>
      </Table.Td>
      <Table.Td>
        <DeliveryBadges rule={rule} />
      </Table.Td>
      <Table.Td>
        <Text size="sm">{rule.lastFiredAt ? formatDateTime(rule.lastFiredAt) : t('common.never')}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4} justify="flex-end" wrap="nowrap">
          <Switch
            checked={rule.enabled}
            disabled={!rights.manage}
            onChange={onToggle}
            aria-label={t('alerts.enabled')}
            data-testid={`write-alert-toggle-${rule.id}`}
          />
          {rights.manage && (
            <>
              <Button size="xs" variant="subtle" onClick={onEdit} data-testid={`write-alert-edit-${rule.id}`}>
                {t('alerts.edit')}
              </Button>
              <Button size="xs" variant="subtle" color="red" onClick={onDelete}>
                {t('common.delete')}
              </Button>
            </>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function DeliveryBadges({ rule }: { rule: AlertRule }) {
  const { t } = useTranslation();
  const channels = [
    { on: rule.notifyInApp, label: t('alerts.channels.app') },
    { on: rule.emailTo.length > 0, label: t('alerts.channels.email'), title: rule.emailTo.join(', ') },
    { on: rule.notifyWebhooks, label: t('alerts.channels.webhooks') },
    { on: rule.hasChatUrl, label: t('alerts.channels.chat') },
  ];
  return (
    <Group gap={4}>
      {channels
        .filter((channel) => channel.on)
        .map((channel) => (
          <Badge key={channel.label} size="sm" variant="outline" tt="none" title={channel.title}>
            {channel.label}
          </Badge>
        ))}
    </Group>
  );
}
