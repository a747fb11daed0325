// The strategy document of a workspace: every member reads it, managers write it (as the charter and the plan).
// Objectives come back with their progress measured from Rostra's data; their ids are stable for the plan's rubrics.
import { z } from 'zod';
import { KPI_CATALOGUE, type ObjectiveInput } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../../app.js';
import { requireWorkspace } from '../../access.js';
import { callerOf } from '../caller.js';
import { commonErrors, errorSchema, idSchema, noContent } from '../../schemas.js';
import { createStrategyService, type StrategyService } from '../../../strategy/service.js';
import {
  documentBody,
  documentSchema,
  objectiveBody,
  objectiveSchema,
  personaBody,
  personaSchema,
  presentDocument,
  presentObjective,
  presentPersona,
} from './schemas.js';
import { registerInsightRoutes } from './insights.js';

const BASE = '/api/workspaces/:workspaceId/strategy';
const params = z.strictObject({ workspaceId: idSchema });
const viewer = { access: { kind: 'workspace', role: 'viewer' } } as const;
const manager = { access: { kind: 'workspace', role: 'manager' } } as const;

const kpiSchema = z.object({
  id: z.string(),
  source: z.enum(['listening', 'publishing']).nullable().describe('null: Rostra does not measure it yet'),
  unit: z.enum(['count', 'share', 'per_week', 'hours']),
  direction: z.enum(['up', 'down']),
  scope: z.enum(['topic', 'channel', 'none']),
});

export function registerStrategyRoutes(api: ZodApp, deps: RouteDeps): void {
  const { store } = deps.runtime;
  const service = createStrategyService({ store });

  api.get(
    BASE,
    {
      config: viewer,
      schema: {
        summary: 'The strategy document: context, diagnostic, targets, objectives with progress, personas',
        tags: ['strategy'],
        params,
        response: {
          200: z.object({
            document: documentSchema,
            objectives: z.array(objectiveSchema),
            personas: z.array(personaSchema),
            kpis: z.array(kpiSchema),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      return {
        document: presentDocument(await store.strategy.getDocument(workspaceId)),
        objectives: (await service.withProgress(workspaceId)).map((o) => presentObjective(o.objective, o.progress)),
        personas: (await store.strategy.listPersonas(workspaceId)).map(presentPersona),
        kpis: [...KPI_CATALOGUE],
      };
    },
  );

  api.put(
    BASE,
    {
      config: manager,
      schema: {
        summary: 'Write the context, diagnostic and targets',
        tags: ['strategy'],
        params,
        body: documentBody,
        response: { 200: documentSchema, ...commonErrors },
      },
    },
    async (request) =>
      presentDocument(await service.saveDocument(requireWorkspace(request).id, request.body, callerOf(request))),
  );

  registerObjectiveRoutes(api, service);
  registerPersonaRoutes(api, service, deps);
  registerInsightRoutes(api, service, store);
}

function registerObjectiveRoutes(api: ZodApp, service: StrategyService): void {
  const itemParams = z.strictObject({ workspaceId: idSchema, objectiveId: idSchema });
  const present = async (workspaceId: string, objective: Parameters<typeof presentObjective>[0]) => {
    const [measured] = await service.withProgress(workspaceId, [objective]);
    return presentObjective(objective, measured!.progress);
  };
  const inputOf = async (workspaceId: string, body: z.output<typeof objectiveBody>): Promise<ObjectiveInput> => ({
    ...body,
    startDate: body.startDate ?? (await service.today(workspaceId)),
  });

  api.get(
    `${BASE}/objectives`,
    {
      config: viewer,
      schema: {
        summary: 'The objectives, each with its progress measured now (rubrics of the animation plan name them)',
        tags: ['strategy'],
        params,
        response: { 200: z.object({ items: z.array(objectiveSchema) }), ...commonErrors },
      },
    },
    async (request) => ({
      items: (await service.withProgress(requireWorkspace(request).id)).map((o) =>
        presentObjective(o.objective, o.progress),
      ),
    }),
  );

  api.post(
    `${BASE}/objectives`,
    {
      config: manager,
      schema: {
        summary: 'Add a SMART objective measured by a KPI of the catalogue',
        tags: ['strategy'],
        params,
        body: objectiveBody,
        response: { 201: objectiveSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const input = await inputOf(workspaceId, request.body);
      const objective = await service.createObjective(workspaceId, input, callerOf(request));
      return reply.status(201).send(await present(workspaceId, objective));
    },
  );

  api.put(
    `${BASE}/objectives/:objectiveId`,
    {
      config: manager,
      schema: {
        summary: 'Replace an objective (its id stays)',
        tags: ['strategy'],
        params: itemParams,
        body: objectiveBody,
        response: { 200: objectiveSchema, ...commonErrors },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const input = await inputOf(workspaceId, request.body);
      const objective = await service.updateObjective(
        workspaceId,
        request.params.objectiveId,
        input,
        callerOf(request),
      );
      return present(workspaceId, objective);
    },
  );

  api.delete(
    `${BASE}/objectives/:objectiveId`,
    {
      config: manager,
      schema: {
        summary: 'Remove an objective',
        tags: ['strategy'],
        params: itemParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await service.deleteObjective(requireWorkspace(request).id, request.params.objectiveId, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}

function registerPersonaRoutes(api: ZodApp, service: StrategyService, { runtime }: RouteDeps): void {
  const { store } = runtime;
  const itemParams = z.strictObject({ workspaceId: idSchema, personaId: idSchema });

  api.get(
    `${BASE}/personas`,
    {
      config: viewer,
      schema: {
        summary: 'The personas: who they are, their needs, questions, networks, the tone that reaches them',
        tags: ['strategy'],
        params,
        response: { 200: z.object({ items: z.array(personaSchema) }), ...commonErrors },
      },
    },
    async (request) => ({
      items: (await store.strategy.listPersonas(requireWorkspace(request).id)).map(presentPersona),
    }),
  );

  api.post(
    `${BASE}/personas`,
    {
      config: manager,
      schema: {
        summary: 'Add a persona',
        tags: ['strategy'],
        params,
        body: personaBody,
        response: { 201: personaSchema, ...commonErrors, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const persona = await service.createPersona(requireWorkspace(request).id, request.body, callerOf(request));
      return reply.status(201).send(presentPersona(persona));
    },
  );

  api.put(
    `${BASE}/personas/:personaId`,
    {
      config: manager,
      schema: {
        summary: 'Replace a persona',
        tags: ['strategy'],
        params: itemParams,
        body: personaBody,
        response: { 200: personaSchema, ...commonErrors, 409: errorSchema },
      },
    },
    async (request) =>
      presentPersona(
        await service.updatePersona(
          requireWorkspace(request).id,
          request.params.personaId,
          request.body,
          callerOf(request),
        ),
      ),
  );

  api.delete(
    `${BASE}/personas/:personaId`,
    {
      config: manager,
      schema: {
        summary: 'Remove a persona (objectives that named it forget it)',
        tags: ['strategy'],
        params: itemParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await service.deletePersona(requireWorkspace(request).id, request.params.personaId, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}
