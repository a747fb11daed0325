// The animation plan's storage port: rubrics, planned slots, the plan's settings, the idea bank and the events
// calendar, per workspace.
import type { HolidayRegion } from './holidays.js';
import type { Idea, IdeaInput, NewIdea } from './ideas.js';
import type { PlanEvent, PlanEventInput } from './plan-events.js';
import type { PlanChanges, PlanSlot } from './plan-slots.js';
import type { Rubric, RubricInput } from './rubrics.js';

export interface PlanSettings {
  holidayRegion: HolidayRegion;
  /** Posts a week aimed at, by channel id (channels without one have no target). */
  targets: Record<string, number>;
}

export const DEFAULT_PLAN_SETTINGS: PlanSettings = { holidayRegion: 'france', targets: {} };

export interface IdeaRepository {
  /** Newest first; `used` false keeps the ideas not used yet, true the used ones. */
  listIdeas(workspaceId: string, filter?: { used?: boolean }): Promise<Idea[]>;
  getIdea(workspaceId: string, id: string): Promise<Idea | undefined>;
  /** The idea already taken from this mention, if any. */
  findIdeaByMention(workspaceId: string, mentionId: string): Promise<Idea | undefined>;
  createIdea(workspaceId: string, idea: NewIdea): Promise<Idea>;
  updateIdea(workspaceId: string, id: string, input: IdeaInput): Promise<Idea | undefined>;
  deleteIdea(workspaceId: string, id: string): Promise<boolean>;
  /** Marks an unused idea used by this post; false when it was used meanwhile (compare-and-set). */
  markIdeaUsed(workspaceId: string, id: string, postId: string): Promise<boolean>;
}

export interface PlanEventRepository {
  /** One-off events by date, then yearly ones by month and day. */
  listEvents(workspaceId: string): Promise<PlanEvent[]>;
  /** All of them or none (one transaction). */
  createEvents(workspaceId: string, inputs: PlanEventInput[]): Promise<PlanEvent[]>;
  deleteEvent(workspaceId: string, id: string): Promise<PlanEvent | undefined>;
}

export interface PlanRepository extends IdeaRepository, PlanEventRepository {
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
