// API shapes the animation plan's route files share: a planned slot as the API shows it.
import { z } from 'zod';
import { HOLIDAY_KEYS, PLAN_SLOT_STATUSES, slotStatus, type PlanSlot } from '@rostra/core';
import { toIso } from '../schemas.js';

export const slotSchema = z.object({
  id: z.string(),
  rubricId: z.string().nullable(),
  channelId: z.string(),
  date: z.iso.date().describe('Local date in the workspace time zone'),
  time: z.string().describe('Local time HH:mm'),
  at: z.iso.datetime(),
  status: z.enum(PLAN_SLOT_STATUSES),
  holiday: z.enum(HOLIDAY_KEYS).nullable(),
  offRubric: z.boolean().describe('No rubric asks for it any more; kept because a post is attached'),
  themeId: z.string().nullable(),
  contentTypeId: z.string().nullable(),
  postId: z.string().nullable(),
});

export function presentSlot(slot: PlanSlot) {
  return {
    id: slot.id,
    rubricId: slot.rubricId,
    channelId: slot.channelId,
    date: slot.localDate,
    time: slot.localTime,
    at: toIso(slot.at),
    status: slotStatus(slot),
    holiday: slot.holiday,
    offRubric: slot.offRubric,
    themeId: slot.themeId,
    contentTypeId: slot.contentTypeId,
    postId: slot.postId,
  };
}
