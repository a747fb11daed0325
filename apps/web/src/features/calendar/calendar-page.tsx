// The editorial calendar: month, week and list views of planned posts, coloured by status (legend above), in the
// workspace's time zone. Drag a post to move it, drag a draft from the side panel to plan it,
// click a post to open it, click an empty day or hour to write a post for then. With the keyboard, M on a post or a
// draft moves or plans it (keyboard-move.tsx).
import { timeZoneLabel } from '../../ui/time-zone-name';
import type { DatesSetArg, EventClickArg, EventContentArg, EventDropArg, EventInput } from '@fullcalendar/core';
import frLocale from '@fullcalendar/core/locales/fr';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type DateClickArg, type DropArg } from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import timeGridPlugin from '@fullcalendar/timegrid';
import { Box, Grid, Group, Paper, Stack, Text, Title, VisuallyHidden } from '@mantine/core';
import { canEditPost } from '@rostra/core';
import { IconWorld } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router-dom';
import type { Channel, Post } from '../../api/types';
import { ErrorAlert, notifyError, notifySuccess } from '../../ui/api-errors';
import { ConfirmModal } from '../../ui/confirm-modal';
import { useFormatDateTime } from '../../ui/format';
import { fromCalendarDate, toCalendarDate } from '../../ui/zoned-time';
import { ChannelIcons } from '../channels/channel-label';
import { indexChannels, useChannels } from '../channels/use-channels';
import { useContentTypes, useThemes } from '../editorial/use-editorial';
import { useMembers } from '../members/use-members';
import { PLANNABLE_STATUSES, canAct } from '../posts/post-rules';
import { fetchPosts, postsKey, refreshPosts, usePosts } from '../posts/use-posts';
import { useWorkspace } from '../workspaces/workspace-context';
import { CalendarFilters } from './calendar-filters';
import { CalendarIo } from './calendar-io';
import { newPostAt } from './new-post-at';
import { DraftsPanel } from './drafts-panel';
import { MOVE_HINT_ID, MOVE_SHORTCUT, MOVE_STATUS_ID, useKeyboardMove } from './keyboard-move';
import { movePost } from './move-post';
import { PostingSlotsPanel } from './posting-slots-panel';
import { StatusLegend } from './status-legend';
import { PlanSlotEventContent, PlanSlotLegend, isPlanSlotEvent, usePlanSlotLayer } from './plan-slot-layer';
import {
  filtersFromSearch,
  filtersToSearch,
  matchesFilters,
  toCalendarEvents,
  type CalendarFilters as Filters,
  type PostEventProps,
} from './post-events';
import './calendar.css';

/** Where a draft dropped on a whole day (month view) lands: the start of the working day. */
const DEFAULT_DROP_HOUR = 9;

interface PendingMove {
  post: Post;
  scheduledAt: string;
  revert: () => void;
}

/** Posts in the visible range, drafts without a date, and the vocabularies the filters and events need. */
function useCalendarData(filters: Filters, range: { from: string; to: string } | null) {
  const { workspace } = useWorkspace();
  const channelsQuery = useChannels(workspace.id);
  const themesQuery = useThemes(workspace.id);
  const contentTypesQuery = useContentTypes(workspace.id);
  const membersQuery = useMembers(workspace.id);
  // A single status or channel narrows the request itself; every filter then applies to what came back.
  const planned = usePosts(
    workspace.id,
    {
      from: range?.from,
      to: range?.to,
      status: filters.statuses.length === 1 ? filters.statuses[0] : undefined,
      channelId: filters.channelIds.length === 1 ? filters.channelIds[0] : undefined,
    },
    { enabled: range !== null },
  );
  // The API cannot ask for "no date", so the panel asks for each status still being prepared.
  const unplanned = useQuery({
    queryKey: [...postsKey(workspace.id), 'unplanned'],
    queryFn: async () => {
      const pages = await Promise.all(PLANNABLE_STATUSES.map((status) => fetchPosts(workspace.id, { status })));
      return pages
        .flatMap((page) => page.items)
        .filter((post) => post.scheduledAt === null)
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
  });
  const channels = useMemo(() => indexChannels(channelsQuery.data?.items), [channelsQuery.data]);
  const themes = useMemo(
    () => new Map((themesQuery.data?.items ?? []).map((theme) => [theme.id, theme])),
    [themesQuery.data],
  );
  return { channelsQuery, themesQuery, contentTypesQuery, membersQuery, planned, unplanned, channels, themes };
}

/** Moving a post (drag in the grid, or a draft dropped from the panel), with a confirmation for a scheduled one. */
function useCalendarMoves(unplanned: Post[] | undefined) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { workspace } = useWorkspace();
  const timeZone = workspace.timezone;
  const formatDateTime = useFormatDateTime(timeZone);
  const [pendingMove, setPendingMove] = useState<PendingMove | null>(null);
  const [moving, setMoving] = useState(false);

  const applyMove = async ({ post, scheduledAt, revert }: PendingMove) => {
    setMoving(true);
    try {
      const outcome = await movePost(workspace.id, post, scheduledAt);
      const date = formatDateTime(scheduledAt);
      notifySuccess(t(outcome.kind === 'moved' ? 'calendar.moved' : 'calendar.rescheduled', { date }));
    } catch (error) {
      revert();
      notifyError(error, t);
    } finally {
      setMoving(false);
      setPendingMove(null);
      await refreshPosts(queryClient, workspace.id);
    }
  };

  const requestMove = (post: Post, scheduledAt: string, revert: () => void) => {
    if (Date.parse(scheduledAt) < Date.now()) {
      revert();
      notifyError(new Error(t('calendar.pastSlot')), t);
      return;
    }
    // A scheduled post is on its way out: moving it deserves a confirmation.
    if (post.status === 'scheduled') setPendingMove({ post, scheduledAt, revert });
    else void applyMove({ post, scheduledAt, revert });
  };

  const onEventDrop = (info: EventDropArg) => {
    const { post } = info.event.extendedProps as PostEventProps;
    if (!info.event.start) return info.revert();
    requestMove(post, fromCalendarDate(info.event.start, timeZone), info.revert);
  };

  const onExternalDrop = (info: DropArg) => {
    const post = unplanned?.find((candidate) => candidate.id === info.draggedEl.dataset.postId);
    if (!post) return;
    const date = new Date(info.date);
    if (info.allDay) date.setUTCHours(DEFAULT_DROP_HOUR, 0, 0, 0);
    requestMove(post, fromCalendarDate(date, timeZone), () => undefined);
  };

  const confirmation = (
    <ConfirmModal
      opened={pendingMove !== null}
      title={t('calendar.moveScheduledTitle')}
      message={t('calendar.moveScheduledConfirm', {
        date: pendingMove ? formatDateTime(pendingMove.scheduledAt) : '',
      })}
      confirmLabel={t('calendar.move')}
      loading={moving}
      onConfirm={() => pendingMove && void applyMove(pendingMove)}
      onClose={() => {
        pendingMove?.revert();
        setPendingMove(null);
      }}
    />
  );
  return { onEventDrop, onExternalDrop, confirmation };
}

/** Whether the person may drag a post to another date (reschedule a scheduled one, or edit one being prepared). */
function useCanMove() {
  const { workspace, session } = useWorkspace();
  return (post: Post) =>
    post.status === 'scheduled'
      ? canAct('reschedule', post.status, workspace.role, true)
      : PLANNABLE_STATUSES.includes(post.status) &&
        canEditPost(post, { role: workspace.role, userId: session.user.id });
}

export function CalendarPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { workspace, permissions } = useWorkspace();
  const timeZone = workspace.timezone;
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  // Filters live in the URL: a filtered view survives a reload and can be shared.
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => filtersFromSearch(search), [search]);
  const setFilters = (next: Filters) => setSearch(filtersToSearch(next, search), { replace: true });
  const data = useCalendarData(filters, range);
  const moves = useCalendarMoves(data.unplanned.data);

  const canMove = useCanMove();
  const keyboard = useKeyboardMove(
    (id) =>
      data.planned.data?.items.find((post) => post.id === id) ?? data.unplanned.data?.find((post) => post.id === id),
    canMove,
  );

  const events = toCalendarEvents(
    (data.planned.data?.items ?? []).filter((post) => matchesFilters(post, filters)),
    data.themes,
    timeZone,
    { untitled: t('calendar.untitled'), canMove },
  );
  const drafts = (data.unplanned.data ?? []).filter((post) => matchesFilters(post, filters));
  // The animation plan's open slots ride along as their own events (plan-slot-layer.tsx).
  const planSlots = usePlanSlotLayer(range, data.channels);
  const openPost = (post: Pick<Post, 'id'>) =>
    planSlots.open(post) || void navigate(`/w/${workspace.id}/posts/${post.id}`);

  // An empty day (month view) opens the composer at the start of the working day; an hour slot at that hour.
  const onDateClick = (info: DateClickArg) => {
    if (!permissions.writePosts) return;
    const date = new Date(info.date);
    if (info.allDay) date.setUTCHours(DEFAULT_DROP_HOUR, 0, 0, 0);
    void navigate(newPostAt(workspace.id, fromCalendarDate(date, timeZone)));
  };

  const error = data.planned.error ?? data.unplanned.error;
  return (
    <Stack>
      <CalendarHeader timeZone={timeZone} />
      <CalendarToolbar filters={filters} onFilters={setFilters} data={data} range={range} />
      <KeyboardHint status={keyboard.status} />
      {error && <ErrorAlert error={error} onRetry={() => void refreshPosts(queryClient, workspace.id)} />}
      <Grid gap="md" onKeyDown={keyboard.onKeyDown}>
        <Grid.Col span={{ base: 12, lg: 9 }}>
          <PostCalendar
            events={[...events, ...planSlots.events]}
            channels={data.channels}
            onOpen={openPost}
            onEventDrop={moves.onEventDrop}
            onExternalDrop={moves.onExternalDrop}
            onDateClick={onDateClick}
            onRange={setRange}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }}>
          <Stack gap="md">
            <DraftsPanel
              posts={drafts}
              themes={data.themes}
              channels={data.channels}
              canMove={canMove}
              onOpen={openPost}
            />
            <PostingSlotsPanel />
          </Stack>
        </Grid.Col>
      </Grid>
      {moves.confirmation}
      {keyboard.dialog}
      {planSlots.dialog}
    </Stack>
  );
}

interface CalendarToolbarProps {
  filters: Filters;
  onFilters: (next: Filters) => void;
  data: ReturnType<typeof useCalendarData>;
  range: Range | null;
}

/** The filters, the legends of the entries, and import, export and the iCal feed. */
function CalendarToolbar({ filters, onFilters, data, range }: CalendarToolbarProps) {
  return (
    <>
      <CalendarFilters
        value={filters}
        onChange={onFilters}
        channels={data.channelsQuery.data?.items ?? []}
        themes={data.themesQuery.data?.items ?? []}
        contentTypes={data.contentTypesQuery.data?.items ?? []}
        members={data.membersQuery.data?.items ?? []}
      />
      <Group justify="space-between" gap="xs">
        <Group gap={6}>
          <StatusLegend />
          <PlanSlotLegend />
        </Group>
        <CalendarIo range={range} status={filters.statuses.length === 1 ? filters.statuses[0] : undefined} />
      </Group>
    </>
  );
}

/** How to move a post without a mouse, and the last keyboard move's outcome (announced: role="status"). */
function KeyboardHint({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" gap="xs">
      <Text size="xs" c="dimmed" data-testid="calendar-keyboard-hint">
        {t('calendarMove.shortcutHint')}
      </Text>
      <VisuallyHidden id={MOVE_HINT_ID}>{t('calendarMove.eventHint')}</VisuallyHidden>
      <Text size="sm" role="status" id={MOVE_STATUS_ID} tabIndex={-1} data-testid="calendar-move-status">
        {status}
      </Text>
    </Group>
  );
}

function CalendarHeader({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" align="flex-end">
      <Title order={2}>{t('calendar.title')}</Title>
      <Group gap={4} c="dimmed">
        <IconWorld size={14} aria-hidden />
        <Text size="xs" data-testid="calendar-timezone" title={timeZone}>
          {timeZoneLabel(timeZone, t)}
        </Text>
      </Group>
    </Group>
  );
}

type Range = { from: string; to: string };

interface PostCalendarProps {
  events: EventInput[];
  channels: Map<string, Channel>;
  onOpen: (post: Pick<Post, 'id'>) => void;
  onEventDrop: (info: EventDropArg) => void;
  onExternalDrop: (info: DropArg) => void;
  onDateClick: (info: DateClickArg) => void;
  onRange: (update: (current: Range | null) => Range | null) => void;
}

/**
 * FullCalendar in the workspace's clock. Its toolbar arrows are icon fonts marked role="img" without a name, inside
 * buttons that FullCalendar already names (title): they are hidden from assistive technologies.
 */
function PostCalendar({
  events,
  channels,
  onOpen,
  onEventDrop,
  onExternalDrop,
  onDateClick,
  onRange,
}: PostCalendarProps) {
  const { i18n } = useTranslation();
  const { workspace, permissions } = useWorkspace();
  const timeZone = workspace.timezone;
  const frame = useRef<HTMLDivElement>(null);
  const hideToolbarIcons = () =>
    frame.current?.querySelectorAll('.fc-icon').forEach((icon) => icon.setAttribute('aria-hidden', 'true'));
  useEffect(hideToolbarIcons);

  const onDatesSet = (arg: DatesSetArg) => {
    const next = { from: fromCalendarDate(arg.start, timeZone), to: fromCalendarDate(arg.end, timeZone) };
    onRange((current) => (current?.from === next.from && current.to === next.to ? current : next));
    hideToolbarIcons();
  };

  return (
    <Paper withBorder p="sm" radius="md" className="rostra-calendar" data-testid="calendar" ref={frame}>
      <FullCalendar
        plugins={[dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin]}
        initialView="dayGridMonth"
        headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,timeGridWeek,listWeek' }}
        locale={i18n.language === 'en' ? 'en' : frLocale}
        // The grid shows the workspace's clock: events come in as its wall times (see zoned-time.ts).
        timeZone="UTC"
        now={() => toCalendarDate(new Date().toISOString(), timeZone)}
        nowIndicator
        // Posts always have a time: a whole-day row would only be a place to drop them by mistake.
        allDaySlot={false}
        height={760}
        scrollTime="08:00:00"
        dayMaxEvents={4}
        events={events}
        eventContent={(arg) =>
          isPlanSlotEvent(arg.event) ? (
            <PlanSlotEventContent arg={arg} />
          ) : (
            <EventContent arg={arg} channels={channels} />
          )
        }
        // Events take the focus and open with Enter, as with a click.
        eventInteractive
        eventClick={(info: EventClickArg) => {
          info.jsEvent.preventDefault();
          onOpen(info.event);
        }}
        // "+2 en plus" is an <a> without href that opens a popover: a button, for which aria-expanded is allowed.
        moreLinkDidMount={({ el }) => el.setAttribute('role', 'button')}
        eventDrop={onEventDrop}
        droppable={permissions.writePosts}
        drop={onExternalDrop}
        dateClick={onDateClick}
        datesSet={onDatesSet}
      />
    </Paper>
  );
}

function EventContent({ arg, channels }: { arg: EventContentArg; channels: Map<string, Channel> }) {
  const { post, themeColor } = arg.event.extendedProps as PostEventProps;
  const postChannels = post.targets.flatMap((target) => channels.get(target.channelId) ?? []);
  const box = useRef<HTMLDivElement>(null);
  const movable = arg.event.startEditable;
  // The keyboard's equivalent of dragging (keyboard-move.tsx), told to assistive technologies on the focusable
  // entry FullCalendar draws around this content; kept in step when the post's status changes its movability.
  useEffect(() => {
    const entry = box.current?.closest('.fc-event');
    if (!entry) return;
    if (movable) {
      entry.setAttribute('aria-keyshortcuts', MOVE_SHORTCUT);
      entry.setAttribute('aria-describedby', MOVE_HINT_ID);
    } else {
      entry.removeAttribute('aria-keyshortcuts');
      entry.removeAttribute('aria-describedby');
    }
  }, [movable]);
  return (
    <Box
      ref={box}
      px={4}
      style={{ overflow: 'hidden', display: 'flex', gap: 4, alignItems: 'center', minWidth: 0 }}
      data-testid="calendar-event"
      data-post-id={post.id}
      data-status={post.status}
      title={arg.event.title}
    >
      {arg.timeText && (
        <Text span size="xs" fw={700} style={{ flexShrink: 0 }}>
          {arg.timeText}
        </Text>
      )}
      {themeColor && (
        <Box
          component="span"
          w={8}
          h={8}
          style={{ borderRadius: '50%', background: themeColor, flexShrink: 0, boxShadow: '0 0 0 1px #fff' }}
          data-testid="calendar-event-theme"
        />
      )}
      {postChannels.length > 0 && <ChannelIcons channels={postChannels} size={12} />}
      <Text span size="xs" truncate>
        {arg.event.title}
      </Text>
    </Box>
  );
}
