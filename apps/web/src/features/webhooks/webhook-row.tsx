// One subscribed endpoint in the list: its address, events, creation date and state, and its actions (delivery
// log, test ping, disable).
import { Badge, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Webhook } from '../../api/types';
import { useFormatDate, useFormatDateTime } from '../../ui/format';
import { useEventLabel } from './webhook-shared';

export function WebhookRow({
  webhook,
  onLog,
  onPing,
  pinging,
  onDisable,
}: {
  webhook: Webhook;
  onLog: () => void;
  onPing: () => void;
  /** A test ping to this endpoint is under way. */
  pinging: boolean;
  onDisable: () => void;
}) {
  const { t } = useTranslation();
  const formatDate = useFormatDate();
  const formatDateTime = useFormatDateTime();
  const eventLabel = useEventLabel();
  return (
    <Table.Tr data-testid="webhook-row" data-webhook-id={webhook.id}>
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
          <Button size="xs" variant="subtle" onClick={onLog} data-testid={`webhook-log-${webhook.id}`}>
            {t('webhooks.log')}
          </Button>
          {!webhook.disabledAt && (
            <>
              <Button
                size="xs"
                variant="subtle"
                loading={pinging}
                onClick={onPing}
                data-testid={`write-webhook-ping-${webhook.id}`}
              >
                {t('webhooks.ping')}
              </Button>
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={onDisable}
                data-testid={`write-webhook-disable-${webhook.id}`}
              >
                {t('webhooks.disable')}
              </Button>
            </>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
