// "Plan d'animation": the recurring rubrics, the generation of their slots over the next weeks, the coverage
// board and the planned slots, from which a post is started. French public holidays (Alsace-Moselle as an option)
// and the posts-a-week targets per channel are the plan's settings. The idea bank feeds the slots (an idea dragged
// onto one, or « Utiliser pour un créneau… »), and the events calendar shows what is coming week by week.
import {
  Anchor,
  Button,
  Checkbox,
  Grid,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ErrorAlert, notifyError, notifySuccess } from '../../ui/api-errors';
import { PageLoader } from '../../ui/page-loader';
import { indexChannels, useChannels } from '../channels/use-channels';
import { useContentTypes, useThemes } from '../editorial/use-editorial';
import { useWorkspace } from '../workspaces/workspace-context';
import { CoverageBoard } from './coverage-board';
import {
  DEFAULT_WEEKS,
  MAX_WEEKS,
  planKey,
  useCoverage,
  usePlanRubrics,
  usePlanSettings,
  useIdeas,
  usePlanEvents,
  usePlanSlots,
  type EventOccurrence,
  type GenerateResult,
  type Idea,
  type PlanEvent,
  type PlanSettings,
  type PlanSlot,
  type Rubric,
} from './plan-api';
import type { Channel, Theme } from '../../api/types';
import { PlanSlots } from './plan-slots';
import { RubricsList } from './rubrics-list';
import { IdeaBank } from './idea-bank';
import { IdeaShelf } from './idea-shelf';
import { EventsPanel } from './events-panel';

export function PlanPage() {
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const [weeks, setWeeks] = useState(DEFAULT_WEEKS);
  const rubrics = usePlanRubrics(workspace.id);
  const slots = usePlanSlots(workspace.id, weeks);
  const coverage = useCoverage(workspace.id, weeks);
  const channels = useChannels(workspace.id);
  const themes = useThemes(workspace.id).data?.items ?? [];
  const contentTypes = useContentTypes(workspace.id).data?.items ?? [];
  const channelIndex = indexChannels(channels.data?.items);
  const ideas = useIdeas(workspace.id).data?.items ?? [];
  const events = usePlanEvents(workspace.id).data?.items ?? [];

  if (rubrics.isPending || channels.isPending) return <PageLoader />;
  if (rubrics.error) return <ErrorAlert error={rubrics.error} onRetry={() => void rubrics.refetch()} />;
  return (
    <Stack data-testid="plan-page">
      <PlanHeader workspaceId={workspace.id} weeks={weeks} />
      <Text c="dimmed">{t('animationPlan.intro')}</Text>
      {permissions.manageEditorial ? (
        <GenerateForm workspaceId={workspace.id} weeks={weeks} onWeeks={setWeeks} />
      ) : null}
      {coverage.data ? (
        <CoverageBoard
          coverage={coverage.data}
          names={{ channels: channelIndex, themes, contentTypes }}
          timeZone={workspace.timezone}
        />
      ) : null}
      <PlanTabs
        slots={slots.data?.items ?? []}
        rubrics={rubrics.data.items}
        channels={channelIndex}
        themes={themes}
        ideas={ideas}
        events={events}
        weekEvents={coverage.data?.events ?? []}
      />
    </Stack>
  );
}

/** The title and the plan's exports (CSV, iCal, and the PDF in the page's language over the chosen weeks). */
function PlanHeader({ workspaceId, weeks }: { workspaceId: string; weeks: number }) {
  const { t, i18n } = useTranslation();
  const base = `/api/workspaces/${workspaceId}/plan`;
  return (
    <Group justify="space-between" wrap="wrap">
      <Title order={2}>{t('animationPlan.title')}</Title>
      <Group gap="xs">
        <Anchor href={`${base}/export.csv`} download size="sm" data-testid="plan-export-csv">
          <IconDownload size={14} aria-hidden /> CSV
        </Anchor>
        <Anchor href={`${base}/export.ics`} download size="sm" data-testid="plan-export-ics">
          <IconDownload size={14} aria-hidden /> iCal
        </Anchor>
        <Anchor
          href={`${base}/export.pdf?lang=${i18n.language === 'en' ? 'en' : 'fr'}&weeks=${weeks}`}
          download
          size="sm"
          data-testid="plan-export-pdf"
        >
          <IconDownload size={14} aria-hidden /> PDF
        </Anchor>
      </Group>
    </Group>
  );
}

/** The plan's tabs: slots (with the idea shelf), the idea bank, the events, the rubrics, the settings. */
function PlanTabs(props: {
  slots: PlanSlot[];
  rubrics: Rubric[];
  channels: Map<string, Channel>;
  themes: Theme[];
  ideas: Idea[];
  events: PlanEvent[];
  weekEvents: EventOccurrence[];
}) {
  const { slots, rubrics, channels, themes, ideas, events, weekEvents } = props;
  const { t } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const workspaceId = workspace.id;
  return (
    <Tabs defaultValue="slots" keepMounted={false}>
      <Tabs.List>
        <Tabs.Tab value="slots" data-testid="plan-tab-slots">
          {t('animationPlan.tabs.slots')}
        </Tabs.Tab>
        <Tabs.Tab value="ideas" data-testid="plan-tab-ideas">
          {t('animationPlan.tabs.ideas', { count: ideas.filter((i) => i.usedAt === null).length })}
        </Tabs.Tab>
        <Tabs.Tab value="events" data-testid="plan-tab-events">
          {t('animationPlan.tabs.events')}
        </Tabs.Tab>
        <Tabs.Tab value="rubrics" data-testid="plan-tab-rubrics">
          {t('animationPlan.tabs.rubrics', { count: rubrics.length })}
        </Tabs.Tab>
        <Tabs.Tab value="settings" data-testid="plan-tab-settings">
          {t('animationPlan.tabs.settings')}
        </Tabs.Tab>
      </Tabs.List>
      <Tabs.Panel value="slots" pt="md">
        <Grid>
          <Grid.Col span={{ base: 12, md: permissions.writePosts ? 8 : 12 }}>
            <PlanSlots
              workspaceId={workspaceId}
              slots={slots}
              rubrics={rubrics}
              channels={channels}
              canWrite={permissions.writePosts}
              events={weekEvents}
            />
          </Grid.Col>
          {permissions.writePosts ? (
            <Grid.Col span={{ base: 12, md: 4 }}>
              <IdeaShelf workspaceId={workspaceId} ideas={ideas} slots={slots} rubrics={rubrics} channels={channels} />
            </Grid.Col>
          ) : null}
        </Grid>
      </Tabs.Panel>
      <Tabs.Panel value="ideas" pt="md">
        <IdeaBank
          workspaceId={workspaceId}
          ideas={ideas}
          slots={slots}
          rubrics={rubrics}
          channels={channels}
          themes={themes}
          canWrite={permissions.writePosts}
        />
      </Tabs.Panel>
      <Tabs.Panel value="events" pt="md">
        <EventsPanel
          workspaceId={workspaceId}
          events={events}
          themes={themes}
          canManage={permissions.manageEditorial}
        />
      </Tabs.Panel>
      <Tabs.Panel value="rubrics" pt="md">
        <RubricsList
          workspaceId={workspaceId}
          rubrics={rubrics}
          channels={channels}
          canManage={permissions.manageEditorial}
        />
      </Tabs.Panel>
      <Tabs.Panel value="settings" pt="md">
        <PlanSettingsForm workspaceId={workspaceId} canManage={permissions.manageEditorial} />
      </Tabs.Panel>
    </Tabs>
  );
}

function GenerateForm(props: { workspaceId: string; weeks: number; onWeeks(weeks: number): void }) {
  const { workspaceId, weeks, onWeeks } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const generate = useMutation({
    mutationFn: () => api.post<GenerateResult>(`/api/workspaces/${workspaceId}/plan/generate`, { weeks }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: planKey(workspaceId) });
      notifySuccess(t('animationPlan.generate.done', { count: result.slots, created: result.created }));
    },
    onError: (error) => notifyError(error, t),
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    generate.mutate();
  };
  return (
    <Paper withBorder p="sm" component="form" onSubmit={submit}>
      <Group align="flex-end" wrap="wrap">
        <NumberInput
          label={t('animationPlan.generate.weeks')}
          min={1}
          max={MAX_WEEKS}
          value={weeks}
          onChange={(value) => onWeeks(Math.min(MAX_WEEKS, Math.max(1, Number(value) || DEFAULT_WEEKS)))}
          w={160}
          data-testid="plan-weeks"
        />
        <Button type="submit" loading={generate.isPending} data-testid="plan-generate">
          {t('animationPlan.generate.button')}
        </Button>
        <Text size="xs" c="dimmed" maw={420}>
          {t('animationPlan.generate.help')}
        </Text>
      </Group>
    </Paper>
  );
}

function PlanSettingsForm({ workspaceId, canManage }: { workspaceId: string; canManage: boolean }) {
  const settings = usePlanSettings(workspaceId);
  const channels = useChannels(workspaceId).data?.items ?? [];
  if (!settings.data) return <PageLoader />;
  return (
    <SettingsFields
      key={JSON.stringify(settings.data)}
      workspaceId={workspaceId}
      initial={settings.data}
      channels={channels.map((c) => ({ id: c.id, name: c.name }))}
      canManage={canManage}
    />
  );
}

function SettingsFields(props: {
  workspaceId: string;
  initial: PlanSettings;
  channels: Array<{ id: string; name: string }>;
  canManage: boolean;
}) {
  const { workspaceId, initial, channels, canManage } = props;
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [value, setValue] = useState<PlanSettings>(initial);
  const save = useMutation({
    mutationFn: () => api.put<PlanSettings>(`/api/workspaces/${workspaceId}/plan/settings`, value),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: planKey(workspaceId) });
      notifySuccess(t('common.saved'));
    },
    onError: (error) => notifyError(error, t),
  });
  const setTarget = (channelId: string, target: number | string) => {
    const targets = { ...value.targets };
    if (target === '' || target === 0) delete targets[channelId];
    else targets[channelId] = Number(target);
    setValue({ ...value, targets });
  };
  return (
    <Stack maw={640}>
      <Checkbox
        label={t('animationPlan.settings.alsaceMoselle')}
        description={t('animationPlan.settings.alsaceMoselleHelp')}
        checked={value.holidayRegion === 'alsace_moselle'}
        disabled={!canManage}
        onChange={(e) => setValue({ ...value, holidayRegion: e.currentTarget.checked ? 'alsace_moselle' : 'france' })}
      />
      <Text fw={600}>{t('animationPlan.settings.targets')}</Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {channels.map((channel) => (
          <NumberInput
            key={channel.id}
            label={channel.name}
            min={0}
            max={100}
            disabled={!canManage}
            value={value.targets[channel.id] ?? ''}
            onChange={(target) => setTarget(channel.id, target)}
          />
        ))}
      </SimpleGrid>
      {canManage ? (
        <Group>
          <Button onClick={() => save.mutate()} loading={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
