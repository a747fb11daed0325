// The animation plan: rubrics (writes audited in their transaction), generation of the planned slots over the
// next weeks (idempotent: core's planChanges), a slot's post created prefilled and attached, the coverage board.
import {
  AppError,
  addDays,
  computeCoverage,
  draftTextOf,
  DEFAULT_PLAN_WEEKS,
  eventOccurrences,
  isValidLocalDate,
  isValidSlotTime,
  localDateAt,
  MAX_PLAN_WEEKS,
  MIN_PLAN_WEEKS,
  planChanges,
  planWindow,
  slotKey,
  wantedSlots,
  type PlanSettings,
  type Repositories,
  type RubricInput,
  type ValidationIssue,
} from '@rostra/core';
import type { Store } from '@rostra/store';
import { auditWorkspace, type Caller } from '../audit/caller.js';
import type { PublishingService } from '../publishing/service.js';
import type { PlanExportContext } from './export.js';

const DAY = 86_400_000;

const ideaUsed = () =>
  new AppError('conflict', 'The idea was used already', {
    issues: [{ path: 'body.ideaId', code: 'idea_used', message: 'The idea was used already' }],
  });

export interface GenerateResult {
  weeks: number;
  created: number;
  updated: number;
  removed: number;
  /** Slots of the window after the run. */
  slots: number;
}

export type PlanService = ReturnType<typeof createPlanService>;

export function createPlanService(deps: { store: Store; publishing: PublishingService; now?: () => number }) {
  const { store, publishing } = deps;
  const now = deps.now ?? Date.now;

  /** Pass the transaction's repositories inside one: on SQLite, a read outside it would wait for it forever. */
  async function timeZoneOf(workspaceId: string, repos: Repositories = store): Promise<string> {
    const workspace = await repos.accounts.getWorkspace(workspaceId);
    if (!workspace) throw new AppError('not_found', 'Workspace not found');
    return workspace.timezone;
  }

  /** Everything a rubric names must be the workspace's: channels, theme, content type, owners who are members. */
  async function checkRubric(workspaceId: string, input: RubricInput, exceptId?: string): Promise<void> {
    const issues: ValidationIssue[] = [];
    const rubrics = await store.plan.listRubrics(workspaceId);
    if (rubrics.some((r) => r.id !== exceptId && r.name.toLowerCase() === input.name.toLowerCase())) {
      throw new AppError('conflict', `A rubric named ${input.name} exists`, { path: 'body.name' });
    }
    const channels = new Set((await store.channels.list(workspaceId)).map((c) => c.id));
    input.channelIds.forEach((id, i) => {
      if (!channels.has(id))
        issues.push({ path: `body.channelIds.${i}`, code: 'unknown_channel', message: 'Unknown channel' });
    });
    if (input.themeId && !(await store.editorial.listThemes(workspaceId)).some((t) => t.id === input.themeId))
      issues.push({ path: 'body.themeId', code: 'unknown_theme', message: 'Unknown theme' });
    if (
      input.contentTypeId &&
      !(await store.editorial.listContentTypes(workspaceId)).some((t) => t.id === input.contentTypeId)
    )
      issues.push({ path: 'body.contentTypeId', code: 'unknown_content_type', message: 'Unknown content type' });
    const members = new Set((await store.accounts.listMembers(workspaceId)).map((m) => m.userId));
    for (const field of ['ownerId', 'backupOwnerId'] as const) {
      const id = input[field];
      if (id && !members.has(id)) issues.push({ path: `body.${field}`, code: 'not_a_member', message: 'Not a member' });
    }
    if (input.backupOwnerId && input.backupOwnerId === input.ownerId)
      issues.push({ path: 'body.backupOwnerId', code: 'backup_is_owner', message: 'The backup must be someone else' });
    if (input.objectiveId && !(await store.strategy.getObjective(workspaceId, input.objectiveId)))
      issues.push({ path: 'body.objectiveId', code: 'unknown_objective', message: 'Unknown objective' });
    if (!isValidSlotTime(input.time)) issues.push({ path: 'body.time', code: 'invalid', message: 'Use HH:mm' });
    if (input.period.kind === 'every_n_weeks' && !isValidLocalDate(input.period.startDate))
      issues.push({ path: 'body.period.startDate', code: 'invalid', message: 'Use YYYY-MM-DD' });
    if (issues.length > 0) throw new AppError('validation_failed', issues[0]?.message ?? 'Invalid rubric', { issues });
  }

  /** Regenerates the window in the transaction's repositories; returns what changed. */
  async function regenerate(repos: Repositories, workspaceId: string, weeks: number): Promise<GenerateResult> {
    const timeZone = await timeZoneOf(workspaceId, repos);
    const settings = await repos.plan.getSettings(workspaceId);
    const channels = new Set((await repos.channels.list(workspaceId)).map((c) => c.id));
    const rubrics = (await repos.plan.listRubrics(workspaceId)).map((r) => ({
      ...r,
      channelIds: r.channelIds.filter((id) => channels.has(id)),
    }));
    const window = planWindow(now(), weeks, timeZone);
    const wanted = wantedSlots(rubrics, { window, timeZone, region: settings.holidayRegion });
    const until = window.from + (weeks * 7 + 2) * DAY;
    const existing = (await repos.plan.listSlots(workspaceId, { from: window.from, to: until })).filter(
      (slot) => slot.localDate < window.until,
    );
    const changes = planChanges(existing, wanted);
    const wantedKeys = new Set(wanted.map(slotKey));
    await repos.plan.applyChanges(workspaceId, changes);
    return {
      weeks,
      created: changes.create.length,
      updated: changes.update.length,
      removed: changes.remove.length,
      slots: wanted.length + existing.filter((s) => s.postId !== null && !wantedKeys.has(slotKey(s))).length,
    };
  }

  return {
    async createRubric(workspaceId: string, input: RubricInput, caller: Caller) {
      await checkRubric(workspaceId, input);
      return store.transaction(async (repos) => {
        const rubric = await repos.plan.createRubric(workspaceId, input);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'rubric.created',
          targetType: 'rubric',
          targetId: rubric.id,
          targetLabel: rubric.name,
        });
        return rubric;
      });
    },

    async updateRubric(workspaceId: string, rubricId: string, input: RubricInput, caller: Caller) {
      if (!(await store.plan.getRubric(workspaceId, rubricId))) throw new AppError('not_found', 'Rubric not found');
      await checkRubric(workspaceId, input, rubricId);
      return store.transaction(async (repos) => {
        const rubric = await repos.plan.updateRubric(workspaceId, rubricId, input);
        if (!rubric) throw new AppError('not_found', 'Rubric not found');
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'rubric.updated',
          targetType: 'rubric',
          targetId: rubric.id,
          targetLabel: rubric.name,
        });
        return rubric;
      });
    },

    /** Its empty slots go with it; a slot with a post stays, "hors rubrique". */
    async deleteRubric(workspaceId: string, rubricId: string, caller: Caller) {
      await store.transaction(async (repos) => {
        const rubric = await repos.plan.getRubric(workspaceId, rubricId);
        if (!rubric) throw new AppError('not_found', 'Rubric not found');
        const slots = (await repos.plan.listSlots(workspaceId, { from: 0, to: Number.MAX_SAFE_INTEGER })).filter(
          (s) => s.rubricId === rubricId,
        );
        await repos.plan.applyChanges(workspaceId, planChanges(slots, []));
        await repos.plan.deleteRubric(workspaceId, rubricId);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'rubric.deleted',
          targetType: 'rubric',
          targetId: rubricId,
          targetLabel: rubric.name,
        });
      });
    },

    async generate(workspaceId: string, weeks: number = DEFAULT_PLAN_WEEKS, caller: Caller) {
      if (!Number.isInteger(weeks) || weeks < MIN_PLAN_WEEKS || weeks > MAX_PLAN_WEEKS) {
        throw new AppError('validation_failed', `weeks must be ${MIN_PLAN_WEEKS}–${MAX_PLAN_WEEKS}`, {
          path: 'body.weeks',
        });
      }
      return store.transaction(async (repos) => {
        const result = await regenerate(repos, workspaceId, weeks);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'plan.generated',
          targetType: 'plan',
          targetId: workspaceId,
          details: { weeks, created: result.created, updated: result.updated, removed: result.removed },
        });
        return result;
      });
    },

    /**
     * The slot's post, created as a draft with what the slot plans (channel, time, theme, content type, the
     * rubric's owner and backup) and attached to it; the composer then opens it. From an idea, the draft takes the
     * idea's text (and its theme when the slot has none) and the idea is marked used in the attach's transaction.
     * A slot filled or an idea used meanwhile wins: the draft is removed and the answer is a conflict.
     */
    async createSlotPost(workspaceId: string, slotId: string, caller: Caller, options: { ideaId?: string } = {}) {
      const slot = await store.plan.getSlot(workspaceId, slotId);
      if (!slot) throw new AppError('not_found', 'Slot not found');
      const idea = options.ideaId ? await store.plan.getIdea(workspaceId, options.ideaId) : undefined;
      if (options.ideaId && !idea) throw new AppError('not_found', 'Idea not found');
      if (idea?.usedAt) throw ideaUsed();
      if (slot.postId !== null) throw new AppError('conflict', 'The slot has a post already', { path: 'slotId' });
      const rubric = slot.rubricId ? await store.plan.getRubric(workspaceId, slot.rubricId) : undefined;
      const post = await publishing.createPost(
        workspaceId,
        {
          text: idea ? draftTextOf(idea) : '',
          channels: [{ channelId: slot.channelId }],
          scheduledAt: slot.at,
          themeId: slot.themeId ?? idea?.themeId ?? null,
          contentTypeId: slot.contentTypeId,
          ownerId: rubric?.ownerId ?? caller.userId,
          backupOwnerId: rubric?.backupOwnerId ?? null,
        },
        caller,
      );
      try {
        await store.transaction(async (repos) => {
          if (idea && !(await repos.plan.markIdeaUsed(workspaceId, idea.id, post.id))) throw ideaUsed();
          if (!(await repos.plan.attachPost(workspaceId, slotId, post.id))) {
            throw new AppError('conflict', 'The slot has a post already', { path: 'slotId' });
          }
          await auditWorkspace(repos, caller, workspaceId, {
            action: 'plan.slot_filled',
            targetType: 'plan_slot',
            targetId: slotId,
            details: {
              postId: post.id,
              date: slot.localDate,
              time: slot.localTime,
              ...(idea ? { ideaId: idea.id } : {}),
            },
            ...(rubric ? { targetLabel: rubric.name } : {}),
          });
        });
      } catch (error) {
        await publishing.deletePost(workspaceId, post.id, caller);
        throw error;
      }
      return { slot: { ...slot, postId: post.id }, post };
    },

    /**
     * The coverage board, with the events that fall in its weeks (so a team prepares their content) and the
     * strategy's objectives no rubric serves.
     */
    async coverage(workspaceId: string, weeks: number = DEFAULT_PLAN_WEEKS) {
      const timeZone = await timeZoneOf(workspaceId);
      const at = now();
      const [channels, rubrics, slots, settings, events, objectives] = await Promise.all([
        store.channels.list(workspaceId),
        store.plan.listRubrics(workspaceId),
        store.plan.listSlots(workspaceId, { from: at, to: at + (weeks * 7 + 2) * DAY }),
        store.plan.getSettings(workspaceId),
        store.plan.listEvents(workspaceId),
        store.strategy.listObjectives(workspaceId),
      ]);
      const coverage = computeCoverage({
        now: at,
        timeZone,
        weeks,
        channelIds: channels.map((c) => c.id),
        rubrics,
        slots,
        targets: settings.targets,
      });
      const today = localDateAt(at, timeZone);
      const served = new Set(rubrics.map((r) => r.objectiveId));
      return {
        ...coverage,
        events: eventOccurrences(events, today, addDays(today, weeks * 7)),
        objectivesWithoutRubric: objectives
          .filter((o) => !served.has(o.id))
          .map((o) => ({ id: o.id, statement: o.statement })),
      };
    },

    /** What the CSV and iCal exports name: the workspace, its rubrics, channels, themes, types and members. */
    async exportContext(workspaceId: string): Promise<PlanExportContext & { name: string }> {
      const [workspace, rubrics, channels, themes, contentTypes, members] = await Promise.all([
        store.accounts.getWorkspace(workspaceId),
        store.plan.listRubrics(workspaceId),
        store.channels.list(workspaceId),
        store.editorial.listThemes(workspaceId),
        store.editorial.listContentTypes(workspaceId),
        store.accounts.listMembers(workspaceId),
      ]);
      if (!workspace) throw new AppError('not_found', 'Workspace not found');
      return {
        name: workspace.name,
        timeZone: workspace.timezone,
        rubrics,
        channels,
        themes,
        contentTypes,
        members: members.map((m) => ({ userId: m.userId, email: m.email })),
      };
    },

    async setSettings(workspaceId: string, settings: PlanSettings, caller: Caller) {
      const channels = new Set((await store.channels.list(workspaceId)).map((c) => c.id));
      const unknown = Object.keys(settings.targets).find((id) => !channels.has(id));
      if (unknown) {
        throw new AppError('validation_failed', 'Unknown channel', {
          issues: [{ path: `body.targets.${unknown}`, code: 'unknown_channel', message: 'Unknown channel' }],
        });
      }
      await store.transaction(async (repos) => {
        await repos.plan.setSettings(workspaceId, settings);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'plan.settings_changed',
          targetType: 'plan',
          targetId: workspaceId,
          details: { ...settings },
        });
      });
      return settings;
    },
  };
}
