// The log of alerts fired, newest first and paged, filtered by rule: what crossed which threshold, and the
// outcome of each delivery (sent, error, refused), with a link to the topic's mentions.
import { Badge, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { AlertEvent, AlertEventPage, AlertRule, Topic } from '../../api/types';
import { ErrorAlert } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { useWorkspace } from '../workspaces/workspace-context';
import { alertsKey } from './alert-draft';

const DELIVERY_COLORS = { sent: 'teal', error: 'orange', refused: 'red' } as const;

function deliveryColor(outcome: string): string {
  const head = outcome.split(':')[0] as keyof typeof DELIVERY_COLORS;
  return DELIVERY_COLORS[head] ?? 'gray';
}

function useAlertEvents(ruleId: string | null) {
  const { workspace } = useWorkspace();
  return useInfiniteQuery({
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
}

export function FiredLog({ rules, topics }: { rules: AlertRule[]; topics: ReadonlyMap<string, Topic> }) {
  const { t } = useTranslation();
  const [ruleId, setRuleId] = useState<string | null>(null);
  const rulesById = new Map(rules.map((rule) => [rule.id, rule]));
  const events = useAlertEvents(ruleId);
  const items = events.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <Stack gap="xs" data-testid="alert-events">
      <Group justify="space-between">
        <Title order={4}>
          <IconBell size={18} style={{ verticalAlign: 'middle', marginRight: 6 }} aria-hidden />
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
      {items.map((event) => (
        <FiredEvent
          key={event.id}
          event={event}
          topic={topics.get(event.topicId)}
          ruleName={rulesById.get(event.ruleId)?.name}
        />
      ))}
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

function FiredEvent({ event, topic, ruleName }: { event: AlertEvent; topic?: Topic; ruleName?: string }) {
  const { t } = useTranslation();
  const { workspace } = useWorkspace();
  const formatDateTime = useFormatDateTime();
  return (
    <Paper withBorder p="sm" radius="md" data-testid="alert-event">
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
            {ruleName ?? '—'} · {formatDateTime(event.firedAt)}
          </Text>
        </Stack>
        <Group gap={4}>
          {Object.entries(event.deliveries).map(([channel, outcome]) => (
            <Badge key={channel} size="sm" variant="light" tt="none" color={deliveryColor(outcome)} title={outcome}>
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
}
