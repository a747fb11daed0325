// The strategy document: its texts, objectives and personas, each write checked (what it names must be the
// workspace's) and recorded with its audit entry in one transaction, like the charter and the plan.
import {
  AppError,
  isValidLocalDate,
  kpiDefinition,
  localDateAt,
  NETWORK_KNOWLEDGE,
  networkProfile,
  recommendNetworks,
  validationError,
  type Objective,
  type ObjectiveInput,
  type ObjectiveProgress,
  type PersonaInput,
  type StrategyDocumentInput,
  type ValidationIssue,
} from '@rostra/core';
import type { Store } from '@rostra/store';
import { auditWorkspace, type Caller } from '../audit/caller.js';
import { measureProgress } from './measures.js';
import { readChecklist } from './checklist.js';

export type StrategyService = ReturnType<typeof createStrategyService>;

/** What an objective names must exist in its workspace; dates must be real and in order. */
async function checkObjective(store: Store, workspaceId: string, input: ObjectiveInput): Promise<void> {
  const issues: ValidationIssue[] = [];
  const scope = kpiDefinition(input.kpi).scope;
  if (input.topicId !== null) {
    if (scope !== 'topic')
      issues.push({ path: 'body.topicId', code: 'invalid', message: 'This KPI is not measured on a topic' });
    else if (!(await store.listening.getTopic(workspaceId, input.topicId)))
      issues.push({ path: 'body.topicId', code: 'unknown_topic', message: 'Unknown topic' });
  }
  if (input.channelId !== null) {
    if (scope !== 'channel')
      issues.push({ path: 'body.channelId', code: 'invalid', message: 'This KPI is not measured on a channel' });
    else if (!(await store.channels.get(workspaceId, input.channelId)))
      issues.push({ path: 'body.channelId', code: 'unknown_channel', message: 'Unknown channel' });
  }
  for (const field of ['startDate', 'deadline'] as const) {
    if (!isValidLocalDate(input[field]))
      issues.push({ path: `body.${field}`, code: 'invalid_format', message: 'Use YYYY-MM-DD' });
  }
  if (input.deadline < input.startDate)
    issues.push({ path: 'body.deadline', code: 'end_before_start', message: 'The deadline is before the start' });
  if (input.ownerId && !(await store.accounts.listMembers(workspaceId)).some((m) => m.userId === input.ownerId))
    issues.push({ path: 'body.ownerId', code: 'not_a_member', message: 'Not a member' });
  input.networks.forEach((id, i) => {
    if (!networkProfile(id))
      issues.push({
        path: `body.networks.${i}`,
        code: 'invalid_choice',
        params: { choices: NETWORK_KNOWLEDGE.map((n) => n.id) },
        message: 'Not a network of the knowledge base',
      });
  });
  const personas = new Set((await store.strategy.listPersonas(workspaceId)).map((p) => p.id));
  input.personaIds.forEach((id, i) => {
    if (!personas.has(id)) issues.push({ path: `body.personaIds.${i}`, code: 'invalid', message: 'Unknown persona' });
  });
  if (issues.length > 0) throw validationError(issues);
}

async function checkPersonaName(store: Store, workspaceId: string, name: string, exceptId?: string): Promise<void> {
  const personas = await store.strategy.listPersonas(workspaceId);
  if (personas.some((p) => p.id !== exceptId && p.name.toLowerCase() === name.toLowerCase()))
    throw new AppError('conflict', `A persona named ${name} exists`, { path: 'body.name' });
}

export function createStrategyService(deps: { store: Store; now?: () => number }) {
  const { store } = deps;
  const now = deps.now ?? Date.now;

  async function timeZoneOf(workspaceId: string): Promise<string> {
    const workspace = await store.accounts.getWorkspace(workspaceId);
    if (!workspace) throw new AppError('not_found', 'Workspace not found');
    return workspace.timezone;
  }

  return {
    async saveDocument(workspaceId: string, input: StrategyDocumentInput, caller: Caller) {
      return store.transaction(async (repos) => {
        const saved = await repos.strategy.saveDocument(workspaceId, input, caller.userId);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'strategy.updated',
          targetType: 'strategy',
          targetId: workspaceId,
        });
        return saved;
      });
    },

    async createObjective(workspaceId: string, input: ObjectiveInput, caller: Caller) {
      await checkObjective(store, workspaceId, input);
      return store.transaction(async (repos) => {
        const objective = await repos.strategy.createObjective(workspaceId, input);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'objective.created',
          targetType: 'objective',
          targetId: objective.id,
          targetLabel: objective.statement,
        });
        return objective;
      });
    },

    async updateObjective(workspaceId: string, objectiveId: string, input: ObjectiveInput, caller: Caller) {
      if (!(await store.strategy.getObjective(workspaceId, objectiveId)))
        throw new AppError('not_found', 'Objective not found');
      await checkObjective(store, workspaceId, input);
      return store.transaction(async (repos) => {
        const objective = await repos.strategy.updateObjective(workspaceId, objectiveId, input);
        if (!objective) throw new AppError('not_found', 'Objective not found');
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'objective.updated',
          targetType: 'objective',
          targetId: objective.id,
          targetLabel: objective.statement,
        });
        return objective;
      });
    },

    async deleteObjective(workspaceId: string, objectiveId: string, caller: Caller) {
      await store.transaction(async (repos) => {
        const objective = await repos.strategy.getObjective(workspaceId, objectiveId);
        if (!objective) throw new AppError('not_found', 'Objective not found');
        await repos.strategy.deleteObjective(workspaceId, objectiveId);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'objective.deleted',
          targetType: 'objective',
          targetId: objectiveId,
          targetLabel: objective.statement,
        });
      });
    },

    async createPersona(workspaceId: string, input: PersonaInput, caller: Caller) {
      await checkPersonaName(store, workspaceId, input.name);
      return store.transaction(async (repos) => {
        const persona = await repos.strategy.createPersona(workspaceId, input);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'persona.created',
          targetType: 'persona',
          targetId: persona.id,
          targetLabel: persona.name,
        });
        return persona;
      });
    },

    async updatePersona(workspaceId: string, personaId: string, input: PersonaInput, caller: Caller) {
      if (!(await store.strategy.getPersona(workspaceId, personaId)))
        throw new AppError('not_found', 'Persona not found');
      await checkPersonaName(store, workspaceId, input.name, personaId);
      return store.transaction(async (repos) => {
        const persona = await repos.strategy.updatePersona(workspaceId, personaId, input);
        if (!persona) throw new AppError('not_found', 'Persona not found');
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'persona.updated',
          targetType: 'persona',
          targetId: persona.id,
          targetLabel: persona.name,
        });
        return persona;
      });
    },

    async deletePersona(workspaceId: string, personaId: string, caller: Caller) {
      await store.transaction(async (repos) => {
        const persona = await repos.strategy.getPersona(workspaceId, personaId);
        if (!persona) throw new AppError('not_found', 'Persona not found');
        await repos.strategy.deletePersona(workspaceId, personaId);
        await auditWorkspace(repos, caller, workspaceId, {
          action: 'persona.deleted',
          targetType: 'persona',
          targetId: personaId,
          targetLabel: persona.name,
        });
      });
    },

    /** The objectives (all of the workspace's by default) with their progress computed now from Rostra's data. */
    async withProgress(workspaceId: string, objectives?: Objective[]) {
      const list = objectives ?? (await store.strategy.listObjectives(workspaceId));
      const progress = await measureProgress(store, list, await timeZoneOf(workspaceId), now());
      return list.map((objective) => ({ objective, progress: progress.get(objective.id) as ObjectiveProgress }));
    },

    /** For each objective and each of its personas (or none), the networks recommended with their reasons. */
    async recommendations(workspaceId: string) {
      const personas = new Map((await store.strategy.listPersonas(workspaceId)).map((p) => [p.id, p]));
      return (await store.strategy.listObjectives(workspaceId)).flatMap((objective) => {
        const named = objective.personaIds.flatMap((id) => personas.get(id) ?? []);
        return (named.length > 0 ? named : [null]).map((persona) => ({
          objectiveId: objective.id,
          personaId: persona?.id ?? null,
          networks: recommendNetworks(objective.kind, persona),
          chosen: objective.networks,
        }));
      });
    },

    checklist: (workspaceId: string) => readChecklist(store, workspaceId, now()),

    /** Today in the workspace's time zone (the default start of a new objective). */
    async today(workspaceId: string) {
      return localDateAt(now(), await timeZoneOf(workspaceId));
    },
  };
}
