// The bar shown while posts are selected: pick an action the person's role allows (submit, approve, schedule at
// their date, unschedule, move the date, change the theme, delete drafts), confirm, and the server acts post by
// post; its answer is shown by the page (bulk-result.tsx).
import { Button, Group, Modal, NumberInput, Paper, Select, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Theme } from '../../api/types';
import type { WorkspacePermissions } from '../workspaces/roles';
import type { BulkAction, BulkRequest } from './use-posts';

type ShiftUnit = 'hours' | 'days' | 'weeks';
const UNIT_MINUTES: Record<ShiftUnit, number> = { hours: 60, days: 24 * 60, weeks: 7 * 24 * 60 };
const NO_THEME = 'none';

/** The actions this person may ask for; each post's own state is checked by the server. */
export function bulkActionsFor(permissions: WorkspacePermissions): BulkAction[] {
  const actions: BulkAction[] = [];
  if (permissions.writePosts) actions.push('submit');
  if (permissions.reviewPosts) actions.push('approve');
  if (permissions.schedulePosts) actions.push('schedule', 'unschedule');
  if (permissions.writePosts) actions.push('shift', 'set_theme', 'delete');
  return actions;
}

interface PostsBulkBarProps {
  count: number;
  permissions: WorkspacePermissions;
  themes: Theme[];
  pending: boolean;
  onRun: (request: Omit<BulkRequest, 'postIds'>) => void;
  onClear: () => void;
}

/** The extra value an action needs: how far to move the dates, or which theme. */
function ActionOptions(props: {
  action: BulkAction | null;
  shift: { amount: number | string; unit: ShiftUnit };
  setShift: (shift: { amount: number | string; unit: ShiftUnit }) => void;
  themeId: string | null;
  setThemeId: (value: string | null) => void;
  themes: Theme[];
}) {
  const { t } = useTranslation();
  const { action, shift, setShift } = props;
  if (action === 'shift') {
    return (
      <Group gap="xs" wrap="nowrap" align="flex-end">
        <NumberInput
          label={t('postsBulk.shiftBy')}
          description={t('postsBulk.shiftHint')}
          value={shift.amount}
          onChange={(amount) => setShift({ ...shift, amount })}
          allowDecimal={false}
          min={-366}
          max={366}
          w={120}
          data-testid="posts-bulk-shift"
        />
        <Select
          label={t('postsBulk.shiftUnit')}
          data={(['hours', 'days', 'weeks'] as const).map((unit) => ({
            value: unit,
            label: t(`postsBulk.units.${unit}`),
          }))}
          value={shift.unit}
          onChange={(unit) => unit && setShift({ ...shift, unit: unit as ShiftUnit })}
          allowDeselect={false}
          w={130}
          data-testid="posts-bulk-shift-unit"
        />
      </Group>
    );
  }
  if (action === 'set_theme') {
    return (
      <Select
        label={t('postsBulk.theme')}
        placeholder={t('postsBulk.chooseTheme')}
        data={[
          { value: NO_THEME, label: t('postsBulk.noTheme') },
          ...props.themes.map((theme) => ({ value: theme.id, label: theme.name })),
        ]}
        value={props.themeId}
        onChange={props.setThemeId}
        w={220}
        data-testid="posts-bulk-theme"
      />
    );
  }
  return null;
}

export function PostsBulkBar({ count, permissions, themes, pending, onRun, onClear }: PostsBulkBarProps) {
  const { t } = useTranslation();
  const [action, setAction] = useState<BulkAction | null>(null);
  const [shift, setShift] = useState<{ amount: number | string; unit: ShiftUnit }>({ amount: 1, unit: 'days' });
  const [themeId, setThemeId] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const minutes = Number(shift.amount) * UNIT_MINUTES[shift.unit];
  const ready =
    action !== null &&
    (action !== 'shift' || (Number.isInteger(Number(shift.amount)) && minutes !== 0)) &&
    (action !== 'set_theme' || themeId !== null);
  const request = (): Omit<BulkRequest, 'postIds'> | null => {
    if (!action) return null;
    if (action === 'shift') return { action, shiftMinutes: minutes };
    if (action === 'set_theme') return { action, themeId: themeId === NO_THEME ? null : themeId };
    return { action };
  };
  const run = () => {
    const body = request();
    setConfirming(false);
    if (body) onRun(body);
  };
  return (
    <Paper withBorder shadow="sm" p="sm" pos="sticky" bottom={0} style={{ zIndex: 5 }} data-testid="posts-bulk-bar">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Text size="sm" fw={600} aria-live="polite" data-testid="posts-bulk-count">
          {t('postsBulk.selected', { count })}
        </Text>
        <Select
          label={t('postsBulk.action')}
          placeholder={t('postsBulk.chooseAction')}
          data={bulkActionsFor(permissions).map((value) => ({ value, label: t(`postsBulk.actions.${value}`) }))}
          value={action}
          onChange={(value) => setAction(value as BulkAction | null)}
          w={230}
          data-testid="posts-bulk-action"
        />
        <ActionOptions {...{ action, shift, setShift, themeId, setThemeId, themes }} />
        <Button onClick={() => setConfirming(true)} disabled={!ready} loading={pending} data-testid="posts-bulk-apply">
          {t('postsBulk.apply')}
        </Button>
        <Button variant="subtle" onClick={onClear} data-testid="posts-bulk-clear">
          {t('postsBulk.clearSelection')}
        </Button>
      </Group>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('postsBulk.confirmTitle')} centered>
        <Text size="sm">{action && t('postsBulk.confirm', { action: t(`postsBulk.actions.${action}`), count })}</Text>
        <Group justify="flex-end" mt="lg">
          <Button variant="default" onClick={() => setConfirming(false)} data-testid="confirm-cancel">
            {t('common.cancel')}
          </Button>
          <Button color={action === 'delete' ? 'red' : undefined} onClick={run} data-testid="confirm-submit">
            {action ? t(`postsBulk.actions.${action}`) : ''}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
