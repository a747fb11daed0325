// Admin page for webhooks: subscribe an endpoint to post events, show its signing secret once,
// send a test ping and read the delivery log of each endpoint.
import { Badge, Button, Code, Drawer, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import type { Webhook, WebhookDelivery, WebhookDeliveryStatus, WebhookList } from '../../api/types';
import { useConfirmAction } from '../../ui/confirm-action';
import { ErrorAlert, notifyError, notifySuccess } from '../../ui/api-errors';
import { ListTable } from '../../ui/list-table';
import { useFormatDateTime } from '../../ui/format';
import { PageLoader } from '../../ui/page-loader';
import { useWorkspace } from '../workspaces/workspace-context';
import { WebhookForm } from './webhook-form';
import { WebhookRow } from './webhook-row';
import { deliveriesKey, useEventLabel, webhooksKey } from './webhook-shared';

const DELIVERY_COLORS: Record<WebhookDeliveryStatus, string> = {
  pending: 'yellow',
  delivered: 'teal',
  failed: 'red',
};

export function WebhooksPage() {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const queryClient = useQueryClient();
  const [logOf, setLogOf] = useState<Webhook | null>(null);
  const key = webhooksKey(workspace.id);

  const webhooks = useQuery({
    queryKey: key,
    queryFn: () => api.get<WebhookList>(`/api/workspaces/${workspace.id}/webhooks`),
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

  const available = webhooks.data?.events ?? [];
  return (
    <Stack>
      <div>
        <Title order={2}>{t('webhooks.title')}</Title>
        <Text c="dimmed" size="sm" mt={4} maw={720}>
          {t('webhooks.intro')}
        </Text>
      </div>

      <WebhookForm available={available} help={<SignatureHelp />} />

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
          <WebhookRow
            key={webhook.id}
            webhook={webhook}
            onLog={() => setLogOf(webhook)}
            onPing={() => ping.mutate(webhook)}
            pinging={ping.isPending && ping.variables.id === webhook.id}
            onDisable={() => disabling.ask(webhook)}
          />
        )}
      </ListTable>

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
