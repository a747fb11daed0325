// The animation plan: rubrics, generation of the planned slots, the slots by date, a slot's post, the coverage
// board, the plan's settings and its CSV, iCal and PDF exports. Rubrics and settings are managers' (as themes are).
// The idea bank and the events calendar have their own files (plan-ideas.ts, plan-events.ts).
import { z } from 'zod';
import {
  AppError,
  DEFAULT_PLAN_WEEKS,
  HOLIDAY_REGIONS,
  MAX_PLAN_WEEKS,
  MIN_PLAN_WEEKS,
  type Rubric,
  type RubricInput,
} from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, errorSchema, idSchema, nameSchema, noContent, toIso } from '../schemas.js';
import { createPlanService, type PlanService } from '../../planning/service.js';
import { exportPlanCsv, exportPlanIcal } from '../../planning/export.js';
import { exportPlanPdf } from '../../planning/export-pdf.js';
import { EXPORT_LOCALES } from '../../strategy/export-text.js';
import { registerIdeaRoutes } from './plan-ideas.js';
import { presentSlot, slotSchema } from './plan-schemas.js';
import { eventOccurrenceSchema, registerEventRoutes } from './plan-events.js';

const DAY = 86_400_000;
const weekdays = z.array(z.int().min(1).max(7)).min(1).max(7);
const periodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('weekly'), weekdays }),
  z.strictObject({
    kind: z.literal('every_n_weeks'),
    weekdays,
    interval: z.int().min(1).max(52),
    startDate: z.iso.date(),
  }),
  z.strictObject({
    kind: z.literal('monthly'),
    weekday: z.int().min(1).max(7),
    nth: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(-1)]),
  }),
]);
const text = (max: number) => z.string().max(max).default('');

const rubricBody = z.strictObject({
  name: nameSchema,
  objective: text(2000),
  objectiveId: idSchema.nullable().default(null),
  persona: text(2000),
  channelIds: z.array(idSchema).min(1).max(20),
  period: periodSchema,
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Use HH:mm, e.g. 09:30'),
  themeId: idSchema.nullable().default(null),
  contentTypeId: idSchema.nullable().default(null),
  ownerId: idSchema.nullable().default(null),
  backupOwnerId: idSchema.nullable().default(null),
  brief: text(5000),
  keepOnHolidays: z.boolean().default(false),
});

const rubricSchema = z.object({
  id: z.string(),
  name: z.string(),
  objective: z.string(),
  objectiveId: z.string().nullable(),
  persona: z.string(),
  channelIds: z.array(z.string()),
  period: periodSchema,
  time: z.string(),
  themeId: z.string().nullable(),
  contentTypeId: z.string().nullable(),
  ownerId: z.string().nullable(),
  backupOwnerId: z.string().nullable(),
  brief: z.string(),
  keepOnHolidays: z.boolean(),
  updatedAt: z.iso.datetime(),
});

const settingsSchema = z.strictObject({
  holidayRegion: z.enum(HOLIDAY_REGIONS),
  targets: z.record(idSchema, z.int().min(0).max(100)),
});

const weeksSchema = z.coerce.number().int().min(MIN_PLAN_WEEKS).max(MAX_PLAN_WEEKS).default(DEFAULT_PLAN_WEEKS);

function presentRubric(rubric: Rubric) {
  const { workspaceId: _w, createdAt: _c, updatedAt, ...rest } = rubric;
  return { ...rest, updatedAt: toIso(updatedAt) };
}

/** A date range from the query: from now to `weeks` ahead by default, at most 190 days. */
function rangeOf(query: { from?: string | undefined; to?: string | undefined }) {
  const from = query.from ? Date.parse(query.from) : Date.now();
  const to = query.to ? Date.parse(query.to) : from + DEFAULT_PLAN_WEEKS * 7 * DAY;
  if (to <= from) throw new AppError('validation_failed', 'to must be after from', { path: 'query.to' });
  if (to - from > 190 * DAY) throw new AppError('validation_failed', 'At most 190 days', { path: 'query.to' });
  return { from: from - 1, to };
}

const rangeQuery = z.strictObject({
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});

/** Each register function is one route declaration after another: schema, access and one service call each. */
export function registerPlanRoutes(api: ZodApp, deps: RouteDeps): void {
  const { runtime, publishing } = deps;
  const { store } = runtime;
  const plan = createPlanService({ store, publishing });
  const params = z.strictObject({ workspaceId: idSchema });
  const rubricParams = z.strictObject({ workspaceId: idSchema, rubricId: idSchema });
  const base = '/api/workspaces/:workspaceId/plan';

  api.get(
    `${base}/rubrics`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: "The animation plan's recurring rubrics",
        tags: ['plan'],
        params,
        response: { 200: z.object({ items: z.array(rubricSchema) }), ...commonErrors },
      },
    },
    async (request) => ({
      items: (await store.plan.listRubrics(requireWorkspace(request).id)).map(presentRubric),
    }),
  );

  api.post(
    `${base}/rubrics`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Add a rubric (its slots appear at the next generation)',
        tags: ['plan'],
        params,
        body: rubricBody,
        response: { 201: rubricSchema, ...commonErrors, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const rubric = await plan.createRubric(
        requireWorkspace(request).id,
        request.body as RubricInput,
        callerOf(request),
      );
      return reply.status(201).send(presentRubric(rubric));
    },
  );

  api.put(
    `${base}/rubrics/:rubricId`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Replace a rubric (the next generation moves its empty slots; slots with a post stay)',
        tags: ['plan'],
        params: rubricParams,
        body: rubricBody,
        response: { 200: rubricSchema, ...commonErrors, 409: errorSchema },
      },
    },
    async (request) =>
      presentRubric(
        await plan.updateRubric(
          requireWorkspace(request).id,
          request.params.rubricId,
          request.body as RubricInput,
          callerOf(request),
        ),
      ),
  );

  api.delete(
    `${base}/rubrics/:rubricId`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Remove a rubric and its empty slots (slots with a post stay, "hors rubrique")',
        tags: ['plan'],
        params: rubricParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await plan.deleteRubric(requireWorkspace(request).id, request.params.rubricId, callerOf(request));
      return reply.status(204).send(null);
    },
  );

  registerSlotRoutes(api, deps, plan);
  registerBoardRoutes(api, deps, plan);
  registerIdeaRoutes(api, deps, plan);
  registerEventRoutes(api, deps);
}

function registerSlotRoutes(api: ZodApp, { runtime }: RouteDeps, plan: PlanService): void {
  const { store } = runtime;
  const params = z.strictObject({ workspaceId: idSchema });
  const base = '/api/workspaces/:workspaceId/plan';

  api.post(
    `${base}/generate`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary:
          'Generate the planned slots of the next weeks from the rubrics (idempotent: never duplicates a slot, ' +
          'never detaches a post)',
        tags: ['plan'],
        params,
        body: z.strictObject({ weeks: z.int().min(MIN_PLAN_WEEKS).max(MAX_PLAN_WEEKS).default(DEFAULT_PLAN_WEEKS) }),
        response: {
          200: z.object({
            weeks: z.number(),
            created: z.number(),
            updated: z.number(),
            removed: z.number(),
            slots: z.number(),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => plan.generate(requireWorkspace(request).id, request.body.weeks, callerOf(request)),
  );

  api.get(
    `${base}/slots`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Planned slots between two instants (default: the next 8 weeks; at most 190 days)',
        tags: ['plan'],
        params,
        querystring: rangeQuery,
        response: { 200: z.object({ items: z.array(slotSchema) }), ...commonErrors },
      },
    },
    async (request) => ({
      items: (await store.plan.listSlots(requireWorkspace(request).id, rangeOf(request.query))).map(presentSlot),
    }),
  );

  api.post(
    `${base}/slots/:slotId/post`,
    {
      config: { access: { kind: 'workspace', role: 'contributor' } },
      schema: {
        summary:
          "Create the slot's post: a draft with the slot's channel, time, theme and content type and the " +
          "rubric's owner and backup, attached to the slot",
        tags: ['plan'],
        params: z.strictObject({ workspaceId: idSchema, slotId: idSchema }),
        response: { 201: z.object({ slot: slotSchema, postId: z.string() }), ...commonErrors, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const { slot, post } = await plan.createSlotPost(
        requireWorkspace(request).id,
        request.params.slotId,
        callerOf(request),
      );
      return reply.status(201).send({ slot: presentSlot(slot), postId: post.id });
    },
  );
}

function registerBoardRoutes(api: ZodApp, { runtime }: RouteDeps, plan: PlanService): void {
  const { store } = runtime;
  const params = z.strictObject({ workspaceId: idSchema });
  const base = '/api/workspaces/:workspaceId/plan';

  api.get(
    `${base}/coverage`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary:
          'The coverage board: weeks covered ahead and posts a week against the target per channel, variety of ' +
          'themes and content types, open slots in the next 14 days, rubrics without a backup, the events ahead, ' +
          'objectives no rubric serves',
        tags: ['plan'],
        params,
        querystring: z.strictObject({ weeks: weeksSchema }),
        response: {
          200: z.object({
            weeks: z.number(),
            channels: z.array(
              z.object({
                channelId: z.string(),
                weeksCovered: z.number(),
                perWeek: z.array(z.number()),
                averagePerWeek: z.number(),
                target: z.number().nullable(),
              }),
            ),
            variety: z.object({
              slots: z.number(),
              topTheme: z.object({ id: z.string().nullable(), share: z.number() }).nullable(),
              themeEntropy: z.number(),
              topContentType: z.object({ id: z.string().nullable(), share: z.number() }).nullable(),
              contentTypeEntropy: z.number(),
            }),
            openSoon: z.array(slotSchema),
            rubricsWithoutBackup: z.array(z.object({ id: z.string(), name: z.string() })),
            openSlotsWithoutBackup: z.number(),
            events: z.array(eventOccurrenceSchema).describe("Events falling in the board's weeks, by date"),
            objectivesWithoutRubric: z
              .array(z.object({ id: z.string(), statement: z.string() }))
              .describe("The strategy's objectives that no rubric names"),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const coverage = await plan.coverage(requireWorkspace(request).id, request.query.weeks);
      return { ...coverage, openSoon: coverage.openSoon.map(presentSlot) };
    },
  );

  api.get(
    `${base}/settings`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: "The plan's settings: holiday region (France or Alsace-Moselle) and posts-a-week targets",
        tags: ['plan'],
        params,
        response: { 200: settingsSchema, ...commonErrors },
      },
    },
    async (request) => store.plan.getSettings(requireWorkspace(request).id),
  );

  api.put(
    `${base}/settings`,
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: "Replace the plan's settings (applies at the next generation)",
        tags: ['plan'],
        params,
        body: settingsSchema,
        response: { 200: settingsSchema, ...commonErrors },
      },
    },
    async (request) => plan.setSettings(requireWorkspace(request).id, request.body, callerOf(request)),
  );

  registerExportRoutes(api, { runtime }, plan);
}

function registerExportRoutes(api: ZodApp, { runtime }: Pick<RouteDeps, 'runtime'>, plan: PlanService): void {
  const { store } = runtime;
  const params = z.strictObject({ workspaceId: idSchema });
  const base = '/api/workspaces/:workspaceId/plan';

  api.get(
    `${base}/export.csv`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'The plan as CSV (semicolon-separated, UTF-8 with BOM; default: the next 8 weeks)',
        tags: ['plan'],
        params,
        querystring: rangeQuery,
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const slots = await store.plan.listSlots(workspaceId, rangeOf(request.query));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="rostra-plan.csv"')
        .send(exportPlanCsv(slots, await plan.exportContext(workspaceId)));
    },
  );

  api.get(
    `${base}/export.ics`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'The plan as an iCal file (one event per slot; default: the next 8 weeks)',
        tags: ['plan'],
        params,
        querystring: rangeQuery,
      },
    },
    async (request, reply) => {
      const workspaceId = requireWorkspace(request).id;
      const slots = await store.plan.listSlots(workspaceId, rangeOf(request.query));
      const context = await plan.exportContext(workspaceId);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', 'attachment; filename="rostra-plan.ics"')
        .send(exportPlanIcal({ id: workspaceId, name: context.name }, slots, context, runtime.config.publicUrl));
    },
  );

  api.get(
    `${base}/export.pdf`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary:
          'The plan as a PDF to hand out: rubrics, coverage (with its warnings), events ahead and the planned ' +
          'slots of the next weeks',
        tags: ['plan'],
        params,
        querystring: z.strictObject({ lang: z.enum(EXPORT_LOCALES).default('fr'), weeks: weeksSchema }),
      },
    },
    async (request, reply) => {
      const pdf = await exportPlanPdf({ store, plan }, requireWorkspace(request).id, {
        locale: request.query.lang,
        weeks: request.query.weeks,
      });
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="rostra-plan.pdf"')
        .send(pdf);
    },
  );
}
