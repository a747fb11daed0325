// The animation plan's storage port: rubrics, planned slots and the plan's settings, per workspace.
import type { HolidayRegion } from './holidays.js';
import type { PlanChanges, PlanSlot } from './plan-slots.js';
import type { Rubric, RubricInput } from './rubrics.js';

export interface PlanSettings {
  holidayRegion: HolidayRegion;
  /** Posts a week aimed at, by channel id (channels without one have no target). */
  targets: Record<string, number>;
}

export const DEFAULT_PLAN_SETTINGS: PlanSettings = { holidayRegion: 'france', targets: {} };

export interface PlanRepository {
  listRubrics(workspaceId: string): Promise<Rubric[]>;
  getRubric(workspaceId: string, id: string): Promise<Rubric | undefined>;
  createRubric(workspaceId: string, input: RubricInput): Promise<Rubric>;
  updateRubric(workspaceId: string, id: string, input: RubricInput): Promise<Rubric | undefined>;
  deleteRubric(workspaceId: string, id: string): Promise<boolean>;
  /** Slots with `from` < at < `to` (ms), in time order. */
  listSlots(workspaceId: string, range: { from: number; to: number }): Promise<PlanSlot[]>;
  getSlot(workspaceId: string, id: string): Promise<PlanSlot | undefined>;
  /** Applies a regeneration; a slot another run created meanwhile is not created twice. */
  applyChanges(workspaceId: string, changes: PlanChanges): Promise<void>;
  /** Attaches a post to an empty slot; false when the slot already has one (compare-and-set). */
  attachPost(workspaceId: string, slotId: string, postId: string): Promise<boolean>;
  getSettings(workspaceId: string): Promise<PlanSettings>;
  setSettings(workspaceId: string, settings: PlanSettings): Promise<void>;
}
