// The animation plan's events calendar: one-off and yearly events (the « journées mondiales ») listed, typed in,
// imported from CSV or iCal (all or nothing, each problem with its line), removed. Managers keep it, as they keep
// the rubrics; the coverage board shows the events of its weeks.
import { z } from 'zod';
import { isValidLocalDate, type PlanEvent } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, idSchema, name, noContent } from '../schemas.js';
import { createEventService } from '../../planning/events.js';
import { EVENT_NAME_MAX } from '../../planning/events-import.js';

const eventBody = z.strictObject({
  name: name(EVENT_NAME_MAX).min(1),
  themeId: idSchema.nullable().default(null),
  date: z.iso.date().describe('YYYY-MM-DD; for a yearly event only the month and day count'),
  yearly: z.boolean().default(false),
});

const eventSchema = z.object({
  id: z.string(),
  name: z.string(),
  themeId: z.string().nullable(),
  date: z.iso.date(),
  yearly: z.boolean(),
});

export const eventOccurrenceSchema = z.object({
  eventId: z.string(),
  name: z.string(),
  themeId: z.string().nullable(),
  date: z.iso.date().describe('The day it falls on'),
  yearly: z.boolean(),
});

function presentEvent(event: PlanEvent) {
  return { id: event.id, name: event.name, themeId: event.themeId, date: event.date, yearly: event.yearly };
}

export function registerEventRoutes(api: ZodApp, { runtime }: RouteDeps): void {
  const { store } = runtime;
  const events = createEventService({ store });
  const params = z.strictObject({ workspaceId: idSchema });
  const base = '/api/workspaces/:workspaceId/plan/events';

  api.get(
    base,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'The events calendar: one-off events by date, then yearly ones by month and day',
        tags: ['plan'],
        params,
        response: { 200: z.object({ items: z.array(eventSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ items: (await store.plan.listEvents(requireWorkspace(request).id)).map(presentEvent) }),
  );

  api.post(
    base,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Add an event (one-off, or yearly on the same month and day)',
        tags: ['plan'],
        params,
        body: eventBody.refine((b) => isValidLocalDate(b.date), { path: ['date'], message: 'Not a date' }),
        response: { 201: eventSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const event = await events.createEvent(requireWorkspace(request).id, request.body, callerOf(request));
      return reply.status(201).send(presentEvent(event));
    },
  );

  api.post(
    `${base}/import`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary:
          'Import events from CSV (columns date, nom/name, thème/theme, récurrence/recurrence: empty or ' +
          '« annuelle ») or iCal (one VEVENT each, yearly RRULEs only). All or nothing: any problem imports ' +
          'nothing, and each problem names its line.',
        tags: ['plan'],
        params,
        body: z.strictObject({ format: z.enum(['csv', 'ical']), content: z.string().min(1).max(2_000_000) }),
        response: { 200: z.object({ created: z.number(), items: z.array(eventSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const created = await events.importEvents(requireWorkspace(request).id, request.body, callerOf(request));
      return { created: created.length, items: created.map(presentEvent) };
    },
  );

  api.delete(
    `${base}/:eventId`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Remove an event',
        tags: ['plan'],
        params: z.strictObject({ workspaceId: idSchema, eventId: idSchema }),
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await events.deleteEvent(requireWorkspace(request).id, request.params.eventId, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}
