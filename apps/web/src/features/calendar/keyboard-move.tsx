// The keyboard's way to do what dragging does on the calendar (WCAG 2.1.1): on a focused post or draft, M opens a
// dialog with the composer's date and time field (dd/mm/yyyy, 24 h in French); the move goes through the same
// movePost call and the same "not in the past" rule as a drop, refusals shown in the dialog in the person's
// language, and the outcome is announced (« Déplacée au mardi 15 déc. à 11 h 30 ») in a status line.
import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Post } from '../../api/types';
import { ErrorAlert } from '../../ui/api-errors';
import { useFormatDateTime } from '../../ui/format';
import { fromDateTimeLocalValue, toDateTimeLocalValue } from '../../ui/zoned-time';
import { summarizePostText } from '../posts/post-summary';
import { ScheduleInput } from '../posts/schedule-input';
import { refreshPosts } from '../posts/use-posts';
import { useWorkspace } from '../workspaces/workspace-context';
import { movePost } from './move-post';

/** The key that opens the dialog on a focused post, as aria-keyshortcuts names it. */
export const MOVE_SHORTCUT = 'M';
/** The id of the sentence every movable entry points to (aria-describedby). */
export const MOVE_HINT_ID = 'calendar-move-hint';
/** The id of the status line announcing the outcome. */
export const MOVE_STATUS_ID = 'calendar-move-status';

/** The keyboard focus back on the moved post where it now stands, or on the announcement when it left the view. */
function focusMoved(postId: string) {
  const entry = document
    .querySelector(`.fc-event [data-post-id="${CSS.escape(postId)}"]`)
    ?.closest<HTMLElement>('.fc-event');
  (entry ?? document.getElementById(MOVE_STATUS_ID))?.focus();
}

/** "mardi 15 déc." and "11 h 30" in `timeZone`: how the move is announced. */
export function spokenDateTime(iso: string, timeZone: string, language: string, t: TFunction) {
  const date = new Date(iso);
  const day = new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'short', timeZone }).format(
    date,
  );
  const parts = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
    .formatToParts(date)
    .reduce<Record<string, string>>((found, part) => ({ ...found, [part.type]: part.value }), {});
  const hour = String(Number(parts.hour ?? '0'));
  const minute = parts.minute ?? '00';
  const time = minute === '00' ? t('calendarMove.timeOnTheHour', { hour }) : t('calendarMove.time', { hour, minute });
  return { day, time };
}

/**
 * The move dialog's state: `onKeyDown` (on a container of calendar entries and drafts) opens it for the focused
 * entry the person may move, `dialog` renders it, `status` is the announced outcome.
 */
export function useKeyboardMove(findPost: (id: string) => Post | undefined, canMove: (post: Post) => boolean) {
  const [post, setPost] = useState<Post | null>(null);
  const [status, setStatus] = useState('');
  const movedId = useRef<string | null>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key.toUpperCase() !== MOVE_SHORTCUT || event.ctrlKey || event.metaKey || event.altKey) return;
    const holder = (event.target as HTMLElement).closest<HTMLElement>('.fc-event, .rostra-draft');
    const id = holder?.dataset.postId ?? holder?.querySelector<HTMLElement>('[data-post-id]')?.dataset.postId;
    const found = id ? findPost(id) : undefined;
    if (!found || !canMove(found)) return;
    event.preventDefault();
    setPost(found);
  };
  const dialog = (
    <MoveDialog
      post={post}
      onClose={() => setPost(null)}
      onMoved={(message) => {
        movedId.current = post?.id ?? null;
        setPost(null);
        setStatus(message);
      }}
      onClosed={() => {
        if (movedId.current) focusMoved(movedId.current);
        movedId.current = null;
      }}
    />
  );
  return { onKeyDown, dialog, status };
}

interface MoveDialogProps {
  post: Post | null;
  onClose: () => void;
  onMoved: (announcement: string) => void;
  /** Once the dialog has gone (after Mantine gave the focus back to where it was). */
  onClosed: () => void;
}

function MoveDialog({ post, onClose, onMoved, onClosed }: MoveDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal
      opened={post !== null}
      onClose={onClose}
      title={post?.scheduledAt ? t('calendarMove.title') : t('calendarMove.planTitle')}
      centered
      onExitTransitionEnd={onClosed}
    >
      {/* Mounted per post: the field starts from that post's date, the error from nothing. */}
      {post && <MoveForm key={post.id} post={post} onClose={onClose} onMoved={onMoved} />}
    </Modal>
  );
}

function MoveForm({ post, onClose, onMoved }: { post: Post } & Omit<MoveDialogProps, 'post' | 'onClosed'>) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const { workspace } = useWorkspace();
  const timeZone = workspace.timezone;
  const formatDateTime = useFormatDateTime(timeZone);
  const [value, setValue] = useState(toDateTimeLocalValue(post.scheduledAt, timeZone));
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const scheduledAt = fromDateTimeLocalValue(value, timeZone);
    // The rules of a drop: a date, and not in the past; then the server's own.
    if (!scheduledAt) return setError(new Error(t('calendarMove.invalidDate')));
    if (Date.parse(scheduledAt) < Date.now()) return setError(new Error(t('calendar.pastSlot')));
    setSaving(true);
    setError(null);
    try {
      await movePost(workspace.id, post, scheduledAt);
      await refreshPosts(queryClient, workspace.id);
      const spoken = spokenDateTime(scheduledAt, timeZone, i18n.language, t);
      onMoved(t(post.scheduledAt ? 'calendarMove.announce' : 'calendarMove.announcePlanned', spoken));
    } catch (refusal) {
      setError(refusal);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      data-testid="calendar-move-dialog"
    >
      <Stack gap="sm">
        <Text size="sm" fw={600} lineClamp={2}>
          {summarizePostText(post.text, 12, 90) || t('calendar.untitled')}
        </Text>
        <Text size="sm">
          {post.scheduledAt
            ? t('calendarMove.current', { date: formatDateTime(post.scheduledAt) })
            : t('calendarMove.unplanned')}
          {post.status === 'scheduled' && ` ${t('calendarMove.scheduledNote')}`}
        </Text>
        <ScheduleInput
          value={value}
          onChange={setValue}
          timeZone={timeZone}
          readOnly={false}
          testId="calendar-move-at"
        />
        {error !== null && <ErrorAlert error={error} />}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onClose} data-testid="calendar-move-cancel">
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={saving} data-testid="calendar-move-submit">
            {t('calendar.move')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
