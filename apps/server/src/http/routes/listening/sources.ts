// Listening sources: list (with the kinds each network offers), add, change, remove, poll now. Viewers read;
// managers edit. Each handler is one call to the listening service.
import { z } from 'zod';
import type { ZodApp } from '../../app.js';
import { actionContext, requireWorkspace } from '../../access.js';
import { commonErrors, idSchema, name, nameSchema, noContent } from '../../schemas.js';
import type { ListeningService } from '../../../listening/service.js';
import { presentSource } from '../../../listening/presenters.js';
import { base, params, sourceParams, sourceSchema } from './schemas.js';

const MIN_POLL_SECONDS = 60;

const networksSchema = z.array(
  z.object({
    network: z.string(),
    kinds: z.array(z.object({ kind: z.string(), fields: z.array(z.string()), realtime: z.boolean() })),
  }),
);
const configSchema = z.record(z.string().max(64), z.string().max(2000));
const sourceErrors = { ...commonErrors, 422: commonErrors[400] };

/** The source routes, in the order the API lists them: the list, adding, changing and removing, polling now. */
export function registerSourceRoutes(api: ZodApp, listening: ListeningService): void {
  registerSourceList(api, listening);
  registerSourceWrites(api, listening);
  registerSourcePollNow(api, listening);
}

/** The sources with their health, and the kinds each installed network offers. */
function registerSourceList(api: ZodApp, listening: ListeningService): void {
  api.get(
    `${base}/sources`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Sources with their health, and the kinds of sources each installed network offers',
        tags: ['listening'],
        params,
        response: { 200: z.object({ items: z.array(sourceSchema), networks: networksSchema }), ...commonErrors },
      },
    },
    async (request) => ({
      items: (await listening.listSources(requireWorkspace(request).id)).map(presentSource),
      networks: listening.listSourceKinds(),
    }),
  );
}

/** Adding, changing and removing a source. */
function registerSourceWrites(api: ZodApp, listening: ListeningService): void {
  api.post(
    `${base}/sources`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Add a source; its settings are checked by the network (one message per bad field)',
        tags: ['listening'],
        params,
        body: z.strictObject({
          network: z.string().min(1).max(40),
          kind: z.string().min(1).max(40),
          config: configSchema,
          label: name().optional(),
          enabled: z.boolean().default(true),
          pollIntervalSeconds: z.number().int().min(MIN_POLL_SECONDS).max(86_400).default(300),
          channelId: idSchema.nullable().optional(),
        }),
        response: { 201: sourceSchema, ...sourceErrors },
      },
    },
    async (request, reply) => {
      const { pollIntervalSeconds, ...input } = request.body;
      const source = await listening.createSource(actionContext(request), requireWorkspace(request).id, {
        ...input,
        pollIntervalMs: pollIntervalSeconds * 1000,
      });
      return reply.status(201).send(presentSource(source));
    },
  );

  api.patch(
    `${base}/sources/:sourceId`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Change a source (label, settings, interval, enabled)',
        tags: ['listening'],
        params: sourceParams,
        body: z.strictObject({
          label: nameSchema.optional(),
          enabled: z.boolean().optional(),
          pollIntervalSeconds: z.number().int().min(MIN_POLL_SECONDS).max(86_400).optional(),
          config: configSchema.optional(),
          channelId: idSchema.nullable().optional(),
        }),
        response: { 200: sourceSchema, ...sourceErrors },
      },
    },
    async (request) => {
      const { pollIntervalSeconds, ...patch } = request.body;
      const source = await listening.updateSource(
        actionContext(request),
        requireWorkspace(request).id,
        request.params.sourceId,
        { ...patch, ...(pollIntervalSeconds === undefined ? {} : { pollIntervalMs: pollIntervalSeconds * 1000 }) },
        request.body,
      );
      return presentSource(source);
    },
  );

  api.delete(
    `${base}/sources/:sourceId`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Remove a source (the mentions it found stay)',
        tags: ['listening'],
        params: sourceParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await listening.deleteSource(actionContext(request), requireWorkspace(request).id, request.params.sourceId);
      return reply.status(204).send(null);
    },
  );
}

/** Polling a source now. */
function registerSourcePollNow(api: ZodApp, listening: ListeningService): void {
  api.post(
    `${base}/sources/:sourceId/poll`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Poll this source now (a worker does it within seconds), even while it backs off',
        tags: ['listening'],
        params: sourceParams,
        response: { 202: sourceSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const ctx = actionContext(request);
      const source = await listening.requestPoll(ctx, requireWorkspace(request).id, request.params.sourceId);
      return reply.status(202).send(presentSource(source));
    },
  );
}
