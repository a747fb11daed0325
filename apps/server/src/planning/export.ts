// The animation plan outside Rostra: CSV (semicolon-separated, cells safe from formulas, as the calendar's) and
// iCal (one event per planned slot, its rubric and status in the text), for a spreadsheet or a shared calendar.
import ical from 'ical-generator';
import { slotStatus, type Channel, type ContentType, type PlanSlot, type Rubric, type Theme } from '@rostra/core';
import { writeCsv } from '../csv.js';
import { formatLocal } from '../publishing/calendar.js';

export const PLAN_CSV_COLUMNS = [
  'slot_id',
  'date',
  'time',
  'starts_at',
  'status',
  'holiday',
  'off_rubric',
  'rubric',
  'channel',
  'theme',
  'content_type',
  'owner',
  'backup_owner',
  'post_id',
] as const;

export interface PlanExportContext {
  timeZone: string;
  rubrics: Rubric[];
  channels: Channel[];
  themes: Theme[];
  contentTypes: ContentType[];
  members: Array<{ userId: string; email: string }>;
}

function lookups(context: PlanExportContext) {
  const named = <T extends { id: string; name: string }>(items: T[]) => new Map(items.map((i) => [i.id, i.name]));
  const rubric = new Map(context.rubrics.map((r) => [r.id, r]));
  const email = new Map(context.members.map((m) => [m.userId, m.email]));
  return {
    rubric: (slot: PlanSlot) => (slot.rubricId ? rubric.get(slot.rubricId) : undefined),
    channel: named(context.channels),
    theme: named(context.themes),
    type: named(context.contentTypes),
    email: (id: string | null | undefined) => (id ? (email.get(id) ?? '') : ''),
  };
}

export function exportPlanCsv(slots: PlanSlot[], context: PlanExportContext): string {
  const find = lookups(context);
  const rows = slots.map((slot) => {
    const rubric = find.rubric(slot);
    return [
      slot.id,
      slot.localDate,
      slot.localTime,
      formatLocal(slot.at, context.timeZone),
      slotStatus(slot),
      slot.holiday ?? '',
      slot.offRubric ? 'yes' : '',
      rubric?.name ?? '',
      find.channel.get(slot.channelId) ?? slot.channelId,
      slot.themeId ? (find.theme.get(slot.themeId) ?? '') : '',
      slot.contentTypeId ? (find.type.get(slot.contentTypeId) ?? '') : '',
      find.email(rubric?.ownerId),
      find.email(rubric?.backupOwnerId),
      slot.postId ?? '',
    ];
  });
  return writeCsv([[...PLAN_CSV_COLUMNS], ...rows]);
}

export function exportPlanIcal(
  workspace: { id: string; name: string },
  slots: PlanSlot[],
  context: PlanExportContext,
  publicUrl: string,
): string {
  const find = lookups(context);
  const calendar = ical({
    name: `Rostra · ${workspace.name} · plan d'animation`,
    prodId: { company: 'Rostra', product: 'animation-plan', language: 'FR' },
  });
  for (const slot of slots) {
    const rubric = find.rubric(slot);
    const channel = find.channel.get(slot.channelId) ?? slot.channelId;
    const theme = slot.themeId ? find.theme.get(slot.themeId) : undefined;
    calendar.createEvent({
      id: `plan-${slot.id}@rostra`,
      start: new Date(slot.at),
      end: new Date(slot.at + 15 * 60_000),
      summary: `${rubric?.name ?? 'Hors rubrique'} · ${channel}`,
      description: [
        slotStatus(slot),
        slot.holiday ? `holiday: ${slot.holiday}` : '',
        rubric?.brief ?? '',
        rubric ? `owner: ${find.email(rubric.ownerId)} · backup: ${find.email(rubric.backupOwnerId)}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
      categories: theme ? [{ name: theme }] : [],
      url: slot.postId ? `${publicUrl}/w/${workspace.id}/posts/${slot.postId}` : `${publicUrl}/w/${workspace.id}/plan`,
    });
  }
  return calendar.toString();
}
