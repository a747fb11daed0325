// Listening alerts: rules on a topic (volume spike, negative share, watched author or source, new source) with
// their defaults shown, where each is delivered (in the app, by email, signed webhooks, Slack/Mattermost), and
// the log of alerts fired with the outcome of each delivery.
import {
  Badge,
  Button,
  Checkbox,
  Drawer,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { PasswordInput } from '../../ui/password-input';
import { IconBell, IconPlus } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { AlertEventPage, AlertKind, AlertRule, Topic } from '../../api/types';
import { ErrorAlert, notifyError, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { useConfirmAction } from '../../ui/confirm-action';
import { ListTable } from '../../ui/list-table';
import { useFormatDateTime } from '../../ui/format';
import { useListeningRights, useTopics } from '../listening/listening-api';
import { useWorkspace } from '../workspaces/workspace-context';
import { SmtpStatusPanel } from '../mail/smtp-status';
import {
  ALERT_KIND_LIST,
  ALERT_PARAM_FIELDS,
  describeParams,
  readParamDraft,
  toParams,
  type ParamDraft,
} from './alert-params';

function alertsKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'alerts'] as const;
}

interface Draft {
  id: string | null;
  name: string;
  topicId: string | null;
  kind: AlertKind;
  params: ParamDraft;
  cooldownMinutes: number;
  enabled: boolean;
  notifyInApp: boolean;
  emailTo: string[];
  notifyWebhooks: boolean;
  hasChatUrl: boolean;
  /** Typed to set or replace the chat URL; the stored one is never shown back (it is a secret). */
  chatUrl: string;
  removeChatUrl: boolean;
}

function newDraft(topicId: string | null): Draft {
  return {
    id: null,
    name: '',
    topicId,
    kind: 'volume_spike',
    params: {},
    cooldownMinutes: 60,
    enabled: true,
    notifyInApp: true,
    emailTo: [],
    notifyWebhooks: false,
    hasChatUrl: false,
    chatUrl: '',
    removeChatUrl: false,
  };
}

function draftOf(rule: AlertRule): Draft {
  return {
    id: rule.id,
    name: rule.name,
    topicId: rule.topicId,
    kind: rule.kind,
    params: readParamDraft(rule.kind, rule.params),
    cooldownMinutes: rule.cooldownMinutes,
    enabled: rule.enabled,
    notifyInApp: rule.notifyInApp,
    emailTo: rule.emailTo,
    notifyWebhooks: rule.notifyWebhooks,
    hasChatUrl: rule.hasChatUrl,
    chatUrl: '',
    removeChatUrl: false,
  };
}

export function AlertsPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const rights = useListeningRights();
  const queryClient = useQueryClient();
  const formatDateTime = useFormatDateTime();
  const topics = useTopics();
  const topicsById = useMemo(
    () => new Map((topics.data?.items ?? []).map((topic) => [topic.id, topic])),
    [topics.data],
  );
  const [draft, setDraft] = useState<Draft | null>(null);
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
    onSuccess: () => {
      notifySuccess(t('alerts.deleted'));
    },
    onError: (error) => notifyError(error, t),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });

  const deletion = useConfirmAction<AlertRule>({
    title: t('alerts.deleteTitle'),
    describe: (target) => t('alerts.deleteConfirm', { name: target.name }),
    confirmLabel: t('common.delete'),
    mutation: remove,
  });

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
          <Table.Tr key={rule.id} data-testid="alert-row" data-alert-id={rule.id}>
            <Table.Td>
              <Text size="sm" fw={600}>
                {rule.name}
              </Text>
              <Text size="xs" c="dimmed">
                {topicsById.get(rule.topicId)?.name ?? '—'}
              </Text>
            </Table.Td>
            <Table.Td>
              <Badge variant="light" tt="none" data-testid="alert-kind">
                {t(`alerts.kinds.${rule.kind}`)}
              </Badge>
              <Text size="xs" c="dimmed" mt={4}>
                {describeParams(rule.kind, rule.params, t)} ·{' '}
                {t('alerts.cooldownShort', { count: rule.cooldownMinutes })}
              </Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {rule.notifyInApp && (
                  <Badge size="sm" variant="outline" tt="none">
                    {t('alerts.channels.app')}
                  </Badge>
                )}
                {rule.emailTo.length > 0 && (
                  <Badge size="sm" variant="outline" tt="none" title={rule.emailTo.join(', ')}>
                    {t('alerts.channels.email')}
                  </Badge>
                )}
                {rule.notifyWebhooks && (
                  <Badge size="sm" variant="outline" tt="none">
                    {t('alerts.channels.webhooks')}
                  </Badge>
                )}
                {rule.hasChatUrl && (
                  <Badge size="sm" variant="outline" tt="none">
                    {t('alerts.channels.chat')}
                  </Badge>
                )}
              </Group>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{rule.lastFiredAt ? formatDateTime(rule.lastFiredAt) : t('common.never')}</Text>
            </Table.Td>
            <Table.Td>
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Switch
                  checked={rule.enabled}
                  disabled={!rights.manage}
                  onChange={() => toggle.mutate(rule)}
                  aria-label={t('alerts.enabled')}
                  data-testid={`write-alert-toggle-${rule.id}`}
                />
                {rights.manage && (
                  <>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setDraft(draftOf(rule))}
                      data-testid={`write-alert-edit-${rule.id}`}
                    >
                      {t('alerts.edit')}
                    </Button>
                    <Button size="xs" variant="subtle" color="red" onClick={() => deletion.ask(rule)}>
                      {t('common.delete')}
                    </Button>
                  </>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
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

function AlertForm({ initial, topics, onDone }: { initial: Draft; topics: Topic[]; onDone: () => void }) {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(initial);
  const [nameError, setNameError] = useState<string | undefined>();
  const update = (patch: Partial<Draft>) => setDraft((current) => ({ ...current, ...patch }));

  const save = useMutation({
    mutationFn: () => {
      const chatUrl = draft.removeChatUrl ? null : draft.chatUrl.trim() || undefined;
      const body = {
        name: draft.name.trim(),
        topicId: draft.topicId,
        kind: draft.kind,
        params: toParams(draft.kind, draft.params),
        cooldownMinutes: draft.cooldownMinutes,
        enabled: draft.enabled,
        notifyInApp: draft.notifyInApp,
        emailTo: draft.emailTo,
        notifyWebhooks: draft.notifyWebhooks,
        ...(chatUrl !== undefined ? { chatUrl } : {}),
      };
      return draft.id
        ? api.patch<AlertRule>(`/api/workspaces/${workspace.id}/alerts/${draft.id}`, body)
        : api.post<AlertRule>(`/api/workspaces/${workspace.id}/alerts`, body);
    },
    onSuccess: () => {
      notifySuccess(draft.id ? t('alerts.saved') : t('alerts.created'));
      void queryClient.invalidateQueries({ queryKey: alertsKey(workspace.id) });
      onDone();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = draft.name.trim() ? undefined : t('alerts.nameRequired');
    setNameError(problem);
    if (!problem) save.mutate();
  };

  const fieldErrors = readFieldErrors(save.error);
  return (
    <form onSubmit={submit} noValidate data-testid="alert-form">
      <Stack>
        {save.error && <ErrorAlert error={save.error} />}
        <TextInput
          label={t('alerts.name')}
          placeholder={t('alerts.namePlaceholder')}
          value={draft.name}
          withAsterisk
          maxLength={120}
          onChange={(event) => update({ name: event.currentTarget.value })}
          error={nameError ?? fieldErrors.name}
          data-testid="write-alert-name"
        />
        <SimpleGrid cols={2}>
          <Select
            label={t('alerts.topic')}
            data={topics.map((topic) => ({ value: topic.id, label: topic.name }))}
            value={draft.topicId}
            allowDeselect={false}
            onChange={(topicId) => update({ topicId })}
            error={fieldErrors.topicId}
            data-testid="write-alert-topic"
          />
          <Select
            label={t('alerts.kind')}
            data={ALERT_KIND_LIST.map((kind) => ({ value: kind, label: t(`alerts.kinds.${kind}`) }))}
            value={draft.kind}
            allowDeselect={false}
            // Each kind has its own parameters: start the new kind from its defaults.
            onChange={(kind) => kind && update({ kind: kind as AlertKind, params: {} })}
            data-testid="write-alert-kind"
          />
        </SimpleGrid>
        <Text size="sm" c="dimmed">
          {t(`alerts.kindHelp.${draft.kind}`)}
        </Text>

        <Paper withBorder p="sm" radius="md">
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t('alerts.parameters')}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              {ALERT_PARAM_FIELDS[draft.kind].map((field) =>
                field.type === 'list' ? (
                  <TagsInput
                    key={field.name}
                    label={t(`alerts.params.${field.name}`)}
                    description={t(`alerts.paramsHelp.${field.name}`)}
                    value={(draft.params[field.name] as string[] | undefined) ?? []}
                    onChange={(values) => update({ params: { ...draft.params, [field.name]: values } })}
                    error={fieldErrors[`params.${field.name}`]}
                    data-testid={`write-alert-param-${field.name}`}
                  />
                ) : (
                  <NumberInput
                    key={field.name}
                    label={t(`alerts.params.${field.name}`)}
                    description={t('alerts.defaultValue', { value: field.display(field.default) })}
                    placeholder={field.display(field.default)}
                    min={field.min}
                    max={field.max}
                    step={field.step}
                    decimalScale={field.step < 1 ? 1 : 0}
                    suffix={field.suffix}
                    value={(draft.params[field.name] as number | undefined) ?? ''}
                    onChange={(value) =>
                      update({
                        params: { ...draft.params, [field.name]: typeof value === 'number' ? value : undefined },
                      })
                    }
                    error={fieldErrors[`params.${field.name}`]}
                    data-testid={`write-alert-param-${field.name}`}
                  />
                ),
              )}
            </SimpleGrid>
          </Stack>
        </Paper>

        <NumberInput
          label={t('alerts.cooldown')}
          description={t('alerts.cooldownHelp')}
          min={5}
          max={7 * 24 * 60}
          value={draft.cooldownMinutes}
          onChange={(value) => update({ cooldownMinutes: typeof value === 'number' ? value : 60 })}
          error={fieldErrors.cooldownMinutes}
          data-testid="write-alert-cooldown"
        />

        <Paper withBorder p="sm" radius="md">
          <Stack gap="xs">
            <Text size="sm" fw={600}>
              {t('alerts.delivery')}
            </Text>
            <Checkbox
              label={t('alerts.channels.appLong')}
              checked={draft.notifyInApp}
              onChange={(event) => update({ notifyInApp: event.currentTarget.checked })}
              data-testid="write-alert-in-app"
            />
            <TagsInput
              label={t('alerts.channels.emailLong')}
              description={t('alerts.emailHelp')}
              placeholder="veille@example.org"
              value={draft.emailTo}
              maxTags={20}
              onChange={(emailTo) => update({ emailTo })}
              error={fieldErrors.emailTo ?? Object.entries(fieldErrors).find(([k]) => k.startsWith('emailTo.'))?.[1]}
              data-testid="write-alert-emails"
            />
            <SmtpStatusPanel usage={t('smtp.alertsUsage')} />
            <Checkbox
              label={t('alerts.channels.webhooksLong')}
              description={
                permissions.manageWebhooks ? (
                  <Link to={`/w/${workspace.id}/webhooks`}>{t('alerts.webhooksHelp')}</Link>
                ) : (
                  t('alerts.webhooksHelp')
                )
              }
              checked={draft.notifyWebhooks}
              onChange={(event) => update({ notifyWebhooks: event.currentTarget.checked })}
              data-testid="write-alert-webhooks"
            />
            <PasswordInput
              label={t('alerts.channels.chatLong')}
              description={draft.hasChatUrl && !draft.removeChatUrl ? t('alerts.chatConfigured') : t('alerts.chatHelp')}
              placeholder="https://hooks.slack.com/services/…"
              value={draft.chatUrl}
              disabled={draft.removeChatUrl}
              onChange={(event) => update({ chatUrl: event.currentTarget.value })}
              error={fieldErrors.chatUrl}
              data-testid="write-alert-chat-url"
            />
            {draft.hasChatUrl && (
              <Checkbox
                label={t('alerts.chatRemove')}
                checked={draft.removeChatUrl}
                onChange={(event) => update({ removeChatUrl: event.currentTarget.checked })}
              />
            )}
          </Stack>
        </Paper>

        <Switch
          label={t('alerts.enabled')}
          checked={draft.enabled}
          onChange={(event) => update({ enabled: event.currentTarget.checked })}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="write-alert-submit">
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const DELIVERY_COLORS = { sent: 'teal', error: 'orange', refused: 'red' } as const;

function deliveryColor(outcome: string): string {
  const head = outcome.split(':')[0] as keyof typeof DELIVERY_COLORS;
  return DELIVERY_COLORS[head] ?? 'gray';
}

function FiredLog({ rules, topics }: { rules: AlertRule[]; topics: ReadonlyMap<string, Topic> }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const formatDateTime = useFormatDateTime();
  const [ruleId, setRuleId] = useState<string | null>(null);
  const rulesById = new Map(rules.map((rule) => [rule.id, rule]));

  const events = useInfiniteQuery({
    queryKey: [...alertsKey(workspace.id), 'events', ruleId],
    queryFn: ({ pageParam }) => {
      const query = new URLSearchParams({ limit: '30' });
      if (ruleId) query.set('alertId', ruleId);
      if (pageParam) query.set('before', pageParam);
      return api.get<AlertEventPage>(`/api/workspaces/${workspace.id}/alert-events?${query}`);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextBefore,
  });
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="xs" data-testid="alert-events">
      <Group justify="space-between">
        <Title order={4}>
          <IconBell size={18} style={{ verticalAlign: 'middle', marginRight: 6 }} />
          {t('alerts.firedTitle')}
        </Title>
        <Select
          aria-label={t('alerts.filterRule')}
          placeholder={t('alerts.allRules')}
          data={rules.map((rule) => ({ value: rule.id, label: rule.name }))}
          value={ruleId}
          onChange={setRuleId}
          clearable
          w={240}
        />
      </Group>
      {events.isError && <ErrorAlert error={events.error} onRetry={() => void events.refetch()} />}
      {events.data && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('alerts.firedEmpty')}
        </Text>
      )}
      {items.map((event) => {
        const topic = topics.get(event.topicId);
        return (
          <Paper key={event.id} withBorder p="sm" radius="md" data-testid="alert-event">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Text size="sm" fw={600}>
                  {t(`alerts.fired.${event.kind}`, {
                    topic: topic?.name ?? '?',
                    count: event.figures.count ?? 0,
                    mean: (event.figures.mean ?? 0).toFixed(1),
                    threshold: (event.figures.threshold ?? 0).toFixed(1),
                    negative: event.figures.negative ?? 0,
                    total: event.figures.total ?? 0,
                    share: Math.round((event.figures.share ?? 0) * 100),
                  })}
                </Text>
                <Text size="xs" c="dimmed">
                  {rulesById.get(event.ruleId)?.name ?? '—'} · {formatDateTime(event.firedAt)}
                </Text>
              </Stack>
              <Group gap={4}>
                {Object.entries(event.deliveries).map(([channel, outcome]) => (
                  <Badge
                    key={channel}
                    size="sm"
                    variant="light"
                    tt="none"
                    color={deliveryColor(outcome)}
                    title={outcome}
                  >
                    {t(`alerts.channels.${channel}`, { defaultValue: channel })}
                  </Badge>
                ))}
                <Button
                  component={Link}
                  to={`/w/${workspace.id}/listening/mentions?topic=${event.topicId}`}
                  size="compact-xs"
                  variant="subtle"
                >
                  {t('alerts.seeMentions')}
                </Button>
              </Group>
            </Group>
          </Paper>
        );
      })}
      {events.hasNextPage && (
        <Group justify="center">
          <Button
            variant="default"
            size="xs"
            loading={events.isFetchingNextPage}
            onClick={() => void events.fetchNextPage()}
          >
            {t('alerts.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
