// "Aujourd'hui": where login lands. What goes out today, what waits for the person (review, failures, channels to
// reconnect, alerts, mentions), each a link to the screen that acts on it with the right filter; a new workspace
// sees its first steps instead.
import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { indexChannels, useChannels } from '../channels/use-channels';
import { useWorkspace } from '../workspaces/workspace-context';
import { FirstSteps, FollowUps, HomeCards, TodaySection } from './home-sections';
import { useHome } from './use-home';

export function HomePage() {
  const { t, i18n } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const home = useHome(workspace.id);
  const channels = indexChannels(useChannels(workspace.id).data?.items);
  const base = `/w/${workspace.id}`;
  const timeZone = workspace.timezone;

  if (home.isPending) return <PageLoader />;
  if (home.isError) return <ErrorAlert error={home.error} onRetry={() => void home.refetch()} />;
  const data = home.data;

  const dayLabel = new Intl.DateTimeFormat(i18n.language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone,
  }).format(new Date(data.day.from));

  const noChannel = data.channels.total === 0;
  const firstSteps = noChannel || !data.hasPosts;

  return (
    <Stack data-testid="home-page">
      <div>
        <Title order={2}>{t('home.title')}</Title>
        <Text c="dimmed" data-testid="home-day">
          {dayLabel}
        </Text>
      </div>

      {firstSteps && <FirstSteps base={base} noChannel={noChannel} permissions={permissions} />}

      <HomeCards base={base} data={data} />

      <TodaySection base={base} data={data} channels={channels} showPlan={!firstSteps && permissions.writePosts} />

      <FollowUps base={base} data={data} />
    </Stack>
  );
}
