// Admin page for webhooks: subscribe an endpoint to post events, show its signing secret once,
// send a test ping and read the delivery log of each endpoint.
import {
  Badge,
  Button,
  Checkbox,
  Code,
  Drawer,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Webhook, WebhookDelivery, WebhookDeliveryStatus, WebhookList } from '../../api/types';
import { useConfirmAction } from '../../ui/confirm-action';
import { ErrorAlert, notifyError, notifySuccess, readFieldErrors } from '../../ui/api-errors';
import { ListTable } from '../../ui/list-table';
import { SecretOnceModal } from '../../ui/secret-once-modal';
import { useFormatDate, useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { useWorkspace } from '../workspaces/workspace-context';

interface CreatedWebhook {
  webhook: Webhook;
  secret: string;
}

const DELIVERY_COLORS: Record<WebhookDeliveryStatus, string> = {
  pending: 'yellow',
  delivered: 'teal',
  failed: 'red',
};

function webhooksKey(workspaceId: string) {
  return ['workspaces', workspaceId, 'webhooks'] as const;
}

function deliveriesKey(workspaceId: string, webhookId: string) {
  return ['workspaces', workspaceId, 'webhooks', webhookId, 'deliveries'] as const;
}

function isHttpUrl(value: string): boolean {
  try {
    const parsed = new URL(value);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

/** French/English label of an event, falling back to its technical name for newer events. */
function useEventLabel(): (event: string) => string {
  const { t } = useTranslation();
  return (event) =>
    t(`webhooks.eventLabels.${event.replace(/\./g, '__')}` as 'webhooks.eventLabels.ping', { defaultValue: event });
}

export function WebhooksPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const formatDate = useFormatDate();
  const formatDateTime = useFormatDateTime();
  const eventLabel = useEventLabel();
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [allEvents, setAllEvents] = useState(true);
  const [events, setEvents] = useState<string[]>([]);
  const [errors, setErrors] = useState<{ url?: string; events?: string }>({});
  const [secret, setSecret] = useState<CreatedWebhook | null>(null);
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const key = webhooksKey(workspace.id);

  const webhooks = useQuery({
    queryKey: key,
    queryFn: () => api.get<WebhookList>(`/api/workspaces/${workspace.id}/webhooks`),
  });

  const create = useMutation({
    mutationFn: () =>
      api.post<CreatedWebhook>(`/api/workspaces/${workspace.id}/webhooks`, {
        url: url.trim(),
        events: allEvents ? ['*'] : events,
        description: description.trim(),
      }),
    onSuccess: (result) => {
      setSecret(result);
      setUrl('');
      setDescription('');
      setAllEvents(true);
      setEvents([]);
      void queryClient.invalidateQueries({ queryKey: key });
    },
  });

  const disable = useMutation({
    mutationFn: (webhook: Webhook) => api.delete(`/api/workspaces/${workspace.id}/webhooks/${webhook.id}`),
    onSuccess: () => {
      notifySuccess(t('webhooks.disabled'));
    },
    onError: (error) => notifyError(error, t),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });

  const disabling = useConfirmAction<Webhook>({
    title: t('webhooks.disableTitle'),
    describe: (target) => t('webhooks.disableConfirm', { url: target.url }),
    confirmLabel: t('webhooks.disable'),
    mutation: disable,
  });

  const ping = useMutation({
    mutationFn: (webhook: Webhook) =>
      api.post<{ deliveryId: string }>(`/api/workspaces/${workspace.id}/webhooks/${webhook.id}/ping`),
    onSuccess: (_result, webhook) => {
      notifySuccess(t('webhooks.pinged'));
      void queryClient.invalidateQueries({ queryKey: deliveriesKey(workspace.id, webhook.id) });
      // Show where the test lands.
      setLogOf(webhook);
    },
    onError: (error) => notifyError(error, t),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = {
      url: isHttpUrl(url.trim()) ? undefined : t('webhooks.urlInvalid'),
      events: allEvents || events.length > 0 ? undefined : t('webhooks.eventsRequired'),
    };
    setErrors(next);
    if (!next.url && !next.events) create.mutate();
  };

  const closeSecret = () => {
    setSecret(null);
    // The mutation result holds the secret too; drop it so it only lives as long as the modal.
    create.reset();
  };

  const fieldErrors = readFieldErrors(create.error);
  const available = webhooks.data?.events ?? [];
  return (
    <Stack>
      <div>
        <Title order={2}>{t('webhooks.title')}</Title>
        <Text c="dimmed" size="sm" mt={4} maw={720}>
          {t('webhooks.intro')}
        </Text>
      </div>

      <Paper withBorder p="md" radius="md">
        <form onSubmit={submit} noValidate data-testid="webhook-form">
          <Stack>
            <Title order={4}>{t('webhooks.createTitle')}</Title>
            {create.error && <ErrorAlert error={create.error} />}
            <Group align="flex-start" grow preventGrowOverflow={false}>
              <TextInput
                label={t('webhooks.url')}
                placeholder={t('webhooks.urlPlaceholder')}
                type="url"
                withAsterisk
                value={url}
                onChange={(event) => setUrl(event.currentTarget.value)}
                error={errors.url ?? fieldErrors.url}
                data-testid="write-webhook-url"
              />
              <TextInput
                label={t('webhooks.description')}
                placeholder={t('webhooks.descriptionPlaceholder')}
                value={description}
                maxLength={200}
                onChange={(event) => setDescription(event.currentTarget.value)}
                error={fieldErrors.description}
                data-testid="write-webhook-description"
              />
            </Group>
            <Stack gap="xs">
              <Text size="sm" fw={500}>
                {t('webhooks.events')}
              </Text>
              <Checkbox
                label={t('webhooks.allEvents')}
                checked={allEvents}
                onChange={(event) => setAllEvents(event.currentTarget.checked)}
                data-testid="write-webhook-all-events"
              />
              {!allEvents && (
                <Checkbox.Group
                  value={events}
                  onChange={setEvents}
                  error={errors.events ?? fieldErrors.events}
                  aria-label={t('webhooks.events')}
                >
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" mt={4}>
                    {available.map((event) => (
                      <Checkbox
                        key={event}
                        value={event}
                        label={eventLabel(event)}
                        data-testid={`write-webhook-event-${event}`}
                      />
                    ))}
                  </SimpleGrid>
                </Checkbox.Group>
              )}
            </Stack>
            <Group justify="flex-end">
              <Button type="submit" loading={create.isPending} data-testid="write-webhook-submit">
                {t('webhooks.submit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Paper>

      <Title order={4}>{t('webhooks.listTitle')}</Title>
      <ListTable
        query={webhooks}
        columns={[t('webhooks.url'), t('webhooks.events'), t('webhooks.created'), t('webhooks.status')]}
        actions
        empty={t('webhooks.empty')}
        minWidth={820}
        testId="webhooks-table"
      >
        {(webhook) => (
          <Table.Tr key={webhook.id} data-testid="webhook-row" data-webhook-id={webhook.id}>
            <Table.Td maw={320}>
              <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
                {webhook.url}
              </Text>
              {webhook.description && (
                <Text size="xs" c="dimmed">
                  {webhook.description}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              <Group gap={4}>
                {webhook.events.map((event) => (
                  <Badge key={event} variant="light" color="gray" size="sm" tt="none">
                    {event === '*' ? t('webhooks.all') : eventLabel(event)}
                  </Badge>
                ))}
              </Group>
            </Table.Td>
            <Table.Td title={formatDateTime(webhook.createdAt)}>{formatDate(webhook.createdAt)}</Table.Td>
            <Table.Td>
              {webhook.disabledAt ? (
                <Badge color="gray" variant="light" tt="none" data-testid="webhook-status">
                  {t('webhooks.disabledOn', { date: formatDate(webhook.disabledAt) })}
                </Badge>
              ) : (
                <Badge color="teal" variant="light" tt="none" data-testid="webhook-status">
                  {t('webhooks.active')}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Group gap={4} justify="flex-end" wrap="nowrap">
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => setLogOf(webhook)}
                  data-testid={`webhook-log-${webhook.id}`}
                >
                  {t('webhooks.log')}
                </Button>
                {!webhook.disabledAt && (
                  <>
                    <Button
                      size="xs"
                      variant="subtle"
                      loading={ping.isPending && ping.variables.id === webhook.id}
                      onClick={() => ping.mutate(webhook)}
                      data-testid={`write-webhook-ping-${webhook.id}`}
                    >
                      {t('webhooks.ping')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => disabling.ask(webhook)}
                      data-testid={`write-webhook-disable-${webhook.id}`}
                    >
                      {t('webhooks.disable')}
                    </Button>
                  </>
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        )}
      </ListTable>

      <SecretOnceModal
        secret={secret?.secret ?? null}
        onClose={closeSecret}
        title={t('webhooks.secretTitle')}
        warning={t('webhooks.secretWarning')}
        label={t('webhooks.secretLabel')}
        done={t('webhooks.secretDone')}
        subject={
          secret && (
            <Text size="sm" ff="monospace" style={{ wordBreak: 'break-all' }}>
              {secret.webhook.url}
            </Text>
          )
        }
        help={<SignatureHelp />}
        size="xl"
        testId="webhook-secret"
      />

      <DeliveriesDrawer workspaceId={workspace.id} webhook={logOf} onClose={() => setLogOf(null)} />

      {disabling.modal}
    </Stack>
  );
}

function SignatureHelp() {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid="webhook-signature-help">
      <Title order={5}>{t('webhooks.signatureTitle')}</Title>
      <Text size="sm">{t('webhooks.signatureIntro')}</Text>
      <List size="sm" spacing="xs">
        <List.Item>
          <Code>Rostra-Signature: t=&lt;unix&gt;,v1=&lt;hex&gt;</Code> — {t('webhooks.signatureHeader')}
        </List.Item>
        <List.Item>
          <Code>Rostra-Event</Code> — {t('webhooks.eventHeader')}
        </List.Item>
        <List.Item>
          <Code>Rostra-Delivery</Code> — {t('webhooks.deliveryHeader')}
        </List.Item>
      </List>
      <Code block>
        {`// Node.js
const [t, v1] = header.split(',').map((part) => part.split('=')[1]);
const expected = crypto.createHmac('sha256', secret).update(\`\${t}.\${rawBody}\`).digest('hex');
const valid = crypto.timingSafeEqual(Buffer.from(v1, 'hex'), Buffer.from(expected, 'hex'));`}
      </Code>
    </Stack>
  );
}

interface DeliveriesDrawerProps {
  workspaceId: string;
  webhook: Webhook | null;
  onClose: () => void;
}

function DeliveriesDrawer({ workspaceId, webhook, onClose }: DeliveriesDrawerProps) {
  const { t } = useTranslation();
  return (
    <Drawer
      opened={webhook !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={webhook ? t('webhooks.deliveriesTitle', { url: webhook.url }) : ''}
    >
      {webhook && <DeliveriesLog workspaceId={workspaceId} webhookId={webhook.id} />}
    </Drawer>
  );
}

function DeliveriesLog({ workspaceId, webhookId }: { workspaceId: string; webhookId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const eventLabel = useEventLabel();
  const deliveries = useQuery({
    queryKey: deliveriesKey(workspaceId, webhookId),
    queryFn: () =>
      api.get<{ items: WebhookDelivery[] }>(`/api/workspaces/${workspaceId}/webhooks/${webhookId}/deliveries?limit=50`),
    // Follow pending deliveries until the worker settles them.
    refetchInterval: (query) =>
      query.state.data?.items.some((delivery) => delivery.status === 'pending') ? 2_000 : false,
  });

  return (
    <Stack data-testid="webhook-deliveries">
      <Group justify="flex-end">
        <Button
          size="xs"
          variant="default"
          leftSection={<IconRefresh size={14} />}
          loading={deliveries.isFetching}
          onClick={() => void deliveries.refetch()}
          data-testid="webhook-deliveries-refresh"
        >
          {t('webhooks.refresh')}
        </Button>
      </Group>
      {deliveries.isPending && <PageLoader />}
      {deliveries.isError && <ErrorAlert error={deliveries.error} onRetry={() => void deliveries.refetch()} />}
      {deliveries.data && deliveries.data.items.length === 0 && (
        <Text c="dimmed" size="sm">
          {t('webhooks.deliveriesEmpty')}
        </Text>
      )}
      {deliveries.data?.items.map((delivery) => (
        <Paper key={delivery.id} withBorder p="sm" radius="md" data-testid="webhook-delivery">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm" fw={500}>
              {eventLabel(delivery.event)}
            </Text>
            <Badge
              color={DELIVERY_COLORS[delivery.status]}
              variant="light"
              tt="none"
              data-testid="webhook-delivery-status"
              data-status={delivery.status}
            >
              {t(`webhooks.deliveryStatus.${delivery.status}`)}
            </Badge>
          </Group>
          <Group gap="lg" mt={4}>
            <Text size="xs" c="dimmed">
              {t('webhooks.sentAt', { date: formatDateTime(delivery.createdAt) })}
            </Text>
            {delivery.deliveredAt && (
              <Text size="xs" c="dimmed">
                {t('webhooks.deliveredAt', { date: formatDateTime(delivery.deliveredAt) })}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              {t('webhooks.attempts', { count: delivery.attempts })}
            </Text>
            {delivery.responseStatus !== null && (
              <Text size="xs" c="dimmed">
                {t('webhooks.response', { status: delivery.responseStatus })}
              </Text>
            )}
          </Group>
          {/* An HTTP answer is its status above; otherwise the request failed on the way (the details on hover). */}
          {delivery.lastError && delivery.responseStatus === null && (
            <Text size="xs" c="red" mt={4} title={delivery.lastError}>
              {t('webhooks.unreachable')}
            </Text>
          )}
          <details style={{ marginTop: 6 }}>
            <summary style={{ cursor: 'pointer', fontSize: 'var(--mantine-font-size-xs)' }}>
              {t('webhooks.payload')} · <Code>{delivery.id}</Code>
            </summary>
            <Code block mt={4}>
              {JSON.stringify(delivery.payload, null, 2)}
            </Code>
          </details>
        </Paper>
      ))}
    </Stack>
  );
}
