// The sections of the home page: first steps for a new workspace, the count cards (each a link to the filtered
// screen), today's deliveries, and what waits for somebody (review, failures, channels to reconnect, alerts, mentions).
import { Anchor, Badge, Button, Card, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import {
  IconAlarm,
  IconAlertTriangle,
  IconCalendarEvent,
  IconChecklist,
  IconHelpCircle,
  IconMessages,
  IconPencilPlus,
  IconPlugConnected,
  IconPlugConnectedX,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { Home } from '../../api/types';
import { ChannelLabel, NetworkIcon } from '../channels/channel-label';
import type { indexChannels } from '../channels/use-channels';
import { PostStatusBadge, TargetStatusBadge } from '../posts/post-status-badge';
import { summarizePostText } from '../posts/post-summary';
import type { WorkspacePermissions } from '../workspaces/roles';
import { useWorkspace } from '../workspaces/workspace-context';

interface CountCardProps {
  to: string;
  label: string;
  count: number;
  icon: typeof IconAlarm;
  /** Colour of a count that needs somebody (failures, broken channels). */
  alarm?: boolean;
  testId: string;
}

function CountCard({ to, label, count, icon: Icon, alarm, testId }: CountCardProps) {
  const color = count > 0 && alarm ? 'red' : undefined;
  return (
    <Card
      component={Link}
      to={to}
      withBorder
      padding="sm"
      data-testid={testId}
      data-count={count}
      style={{ textDecoration: 'none' }}
    >
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <Icon size={20} color={color ? 'var(--mantine-color-red-7)' : undefined} style={{ flexShrink: 0 }} />
        <Stack gap={0} miw={0}>
          <Text fz={26} fw={700} lh={1.1} c={color ? 'red.8' : undefined}>
            {count}
          </Text>
          <Text size="sm">{label}</Text>
        </Stack>
      </Group>
    </Card>
  );
}

function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md" data-testid={testId}>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {title}
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}

function PostLine({ base, post }: { base: string; post: Home['problems']['items'][number] }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap">
      <Anchor component={Link} to={`${base}/posts/${post.id}`} size="sm" lineClamp={2} style={{ minWidth: 0 }}>
        {summarizePostText(post.text, 16, 120) || t('posts.untitled')}
      </Anchor>
      <PostStatusBadge status={post.status} />
    </Group>
  );
}

export function FirstSteps({
  base,
  noChannel,
  permissions,
}: {
  base: string;
  noChannel: boolean;
  permissions: WorkspacePermissions;
}) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" data-testid="home-first-steps">
      <Stack gap="xs">
        <Title order={3} size="h4">
          {t('home.firstSteps.title')}
        </Title>
        {noChannel ? (
          <>
            <Text size="sm">{t('home.firstSteps.connect')}</Text>
            {permissions.connectChannels ? (
              <Button
                component={Link}
                to={`${base}/channels`}
                leftSection={<IconPlugConnected size={18} />}
                w="fit-content"
                data-testid="home-connect-channel"
              >
                {t('home.firstSteps.connectAction')}
              </Button>
            ) : (
              <Text size="sm" c="dimmed">
                {t('home.firstSteps.askManager')}
              </Text>
            )}
          </>
        ) : (
          <>
            <Text size="sm">{t('home.firstSteps.write')}</Text>
            {permissions.writePosts && (
              <Button
                component={Link}
                to={`${base}/posts/new`}
                leftSection={<IconPencilPlus size={18} />}
                w="fit-content"
                data-testid="home-write-post"
              >
                {t('home.firstSteps.writeAction')}
              </Button>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

export function HomeCards({ base, data }: { base: string; data: Home }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: data.review ? 7 : 6 }} spacing="sm" data-testid="home-cards">
      <CountCard
        to={`${base}/calendar`}
        label={t('home.cards.today', { count: data.today.total })}
        count={data.today.total}
        icon={IconCalendarEvent}
        testId="home-card-today"
      />
      {data.review && (
        <CountCard
          to={`${base}/posts?status=in_review`}
          label={t('home.cards.review', { count: data.review.total })}
          count={data.review.total}
          icon={IconChecklist}
          testId="home-card-review"
        />
      )}
      <CountCard
        to={`${base}/posts?status=failed`}
        label={t('home.cards.failed', { count: data.problems.failed })}
        count={data.problems.failed}
        icon={IconAlertTriangle}
        alarm
        testId="home-card-failed"
      />
      <CountCard
        to={`${base}/posts?status=unconfirmed`}
        label={t('home.cards.unconfirmed', { count: data.problems.unconfirmed })}
        count={data.problems.unconfirmed}
        icon={IconHelpCircle}
        alarm
        testId="home-card-unconfirmed"
      />
      <CountCard
        to={`${base}/channels`}
        label={t('home.cards.reconnect', { count: data.channels.needsReconnect.length })}
        count={data.channels.needsReconnect.length}
        icon={IconPlugConnectedX}
        alarm
        testId="home-card-reconnect"
      />
      <CountCard
        to={`${base}/alerts`}
        label={t('home.cards.alerts', { count: data.alerts.total })}
        count={data.alerts.total}
        icon={IconAlarm}
        testId="home-card-alerts"
      />
      <CountCard
        to={`${base}/listening/mentions?handled=false`}
        label={t('home.cards.mentions', { count: data.mentions.total })}
        count={data.mentions.total}
        icon={IconMessages}
        testId="home-card-mentions"
      />
    </SimpleGrid>
  );
}

export function TodaySection({
  base,
  data,
  channels,
  showPlan,
}: {
  base: string;
  data: Home;
  channels: ReturnType<typeof indexChannels>;
  /** Offer "plan a post" when nothing goes out today (not during first steps, only to writers). */
  showPlan: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspace();
  const time = new Intl.DateTimeFormat(i18n.language, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: workspace.timezone,
  });
  return (
    <Section title={t('home.today.title')} testId="home-today">
      {data.today.items.length === 0 ? (
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            {t('home.today.empty')}
          </Text>
          {showPlan && (
            <Anchor component={Link} to={`${base}/posts/new`} size="sm">
              {t('home.today.plan')}
            </Anchor>
          )}
        </Group>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {data.today.items.map((row) => {
            const channel = channels.get(row.channelId);
            return (
              // Time, channel and status first, then the text: on a phone the text takes the next line whole.
              <Group
                component="li"
                key={`${row.post.id}-${row.channelId}`}
                gap="sm"
                wrap="wrap"
                style={{ rowGap: 2 }}
                data-testid="home-today-row"
              >
                <Group gap="sm" wrap="nowrap" miw={0} maw="100%">
                  <Text size="sm" fw={600} style={{ fontVariantNumeric: 'tabular-nums', flexShrink: 0 }}>
                    {time.format(new Date(row.at))}
                  </Text>
                  <div style={{ minWidth: 0 }}>{channel && <ChannelLabel channel={channel} />}</div>
                  <TargetStatusBadge status={row.deliveryStatus} />
                </Group>
                <Anchor
                  component={Link}
                  to={`${base}/posts/${row.post.id}`}
                  size="sm"
                  lineClamp={1}
                  style={{ flex: '1 1 14rem', minWidth: 0 }}
                >
                  {summarizePostText(row.post.text, 16, 120) || t('posts.untitled')}
                </Anchor>
              </Group>
            );
          })}
        </Stack>
      )}
      {data.today.total > data.today.items.length && (
        <Anchor component={Link} to={`${base}/calendar`} size="sm">
          {t('home.today.more', { count: data.today.total - data.today.items.length })}
        </Anchor>
      )}
    </Section>
  );
}

export function FollowUps({ base, data }: { base: string; data: Home }) {
  const { t, i18n } = useTranslation();
  const { workspace } = useWorkspace();
  const when = new Intl.DateTimeFormat(i18n.language, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: workspace.timezone,
  });
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {data.review && data.review.total > 0 && (
        <Section title={t('home.review.title')} testId="home-review">
          {data.review.items.map((post) => (
            <PostLine key={post.id} base={base} post={post} />
          ))}
          <Anchor component={Link} to={`${base}/posts?status=in_review`} size="sm">
            {t('home.seeAll', { count: data.review.total })}
          </Anchor>
        </Section>
      )}
      {data.problems.items.length > 0 && (
        <Section title={t('home.problems.title')} testId="home-problems">
          <Text size="sm" c="dimmed">
            {t('home.problems.help')}
          </Text>
          {data.problems.items.map((post) => (
            <PostLine key={post.id} base={base} post={post} />
          ))}
        </Section>
      )}
      {data.channels.needsReconnect.length > 0 && (
        <Section title={t('home.reconnect.title')} testId="home-reconnect">
          {data.channels.needsReconnect.map((channel) => (
            <Group key={channel.id} justify="space-between" gap="xs" wrap="nowrap">
              <Group gap={6} wrap="nowrap" miw={0}>
                <NetworkIcon network={channel.network} />
                <Text size="sm" truncate>
                  {channel.name}
                </Text>
              </Group>
              <Anchor component={Link} to={`${base}/channels`} size="sm">
                {t('home.reconnect.action')}
              </Anchor>
            </Group>
          ))}
        </Section>
      )}
      {data.alerts.items.length > 0 && (
        <Section title={t('home.alerts.title')} testId="home-alerts">
          {data.alerts.items.map((alert) => (
            <Group key={alert.id} justify="space-between" gap="xs" wrap="nowrap">
              <Anchor component={Link} to={`${base}/alerts`} size="sm" lineClamp={1} style={{ minWidth: 0 }}>
                {alert.ruleName || t(`alerts.kinds.${alert.kind}`)}
              </Anchor>
              <Text size="xs" c="dimmed" style={{ flexShrink: 0 }}>
                {t(`alerts.kinds.${alert.kind}`)} · {when.format(new Date(alert.firedAt))}
              </Text>
            </Group>
          ))}
        </Section>
      )}
      {data.mentions.topics.length > 0 && (
        <Section title={t('home.mentions.title')} testId="home-mentions">
          {data.mentions.topics.map((topic) => (
            <Group key={topic.topicId} justify="space-between" gap="xs" wrap="nowrap">
              <Anchor
                component={Link}
                to={`${base}/listening/mentions?topic=${encodeURIComponent(topic.topicId)}&handled=false`}
                size="sm"
                lineClamp={1}
                style={{ minWidth: 0 }}
                data-testid="home-mentions-topic"
              >
                {topic.name}
              </Anchor>
              <Badge variant="light" color="gray" tt="none">
                {t('home.mentions.count', { count: topic.count })}
              </Badge>
            </Group>
          ))}
        </Section>
      )}
    </SimpleGrid>
  );
}
