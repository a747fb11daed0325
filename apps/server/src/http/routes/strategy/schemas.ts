// The strategy's API shapes: the document, objectives (with their measured progress) and personas, and how a stored
// record becomes one.
import { z } from 'zod';
import {
  KPI_IDS,
  OBJECTIVE_KINDS,
  PERSONA_AUDIENCES,
  PROGRESS_STATUSES,
  type Objective,
  type ObjectiveProgress,
  type Persona,
  type StrategyDocument,
} from '@rostra/core';
import { idSchema, nameSchema, toIso } from '../../schemas.js';

const text = (max: number) => z.string().max(max).default('');
const networkId = z.string().regex(/^[a-z0-9_-]{1,32}$/, 'A network id such as "linkedin"');
const networks = z.array(networkId).max(20).default([]);

export const documentBody = z.strictObject({ context: text(20_000), diagnostic: text(20_000), targets: text(5_000) });

export const documentSchema = z.object({
  context: z.string(),
  diagnostic: z.string(),
  targets: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.iso.datetime().nullable().describe('null while nothing was written'),
});

export function presentDocument(document: StrategyDocument) {
  return { ...document, updatedAt: document.updatedAt === 0 ? null : toIso(document.updatedAt) };
}

export const objectiveBody = z.strictObject({
  statement: z.string().trim().min(1).max(500),
  kind: z.enum(OBJECTIVE_KINDS),
  kpi: z.enum(KPI_IDS),
  topicId: idSchema.nullable().default(null).describe('Listening KPIs: one topic (null: every brand topic)'),
  channelId: idSchema.nullable().default(null).describe('Posts per week: one channel (null: every channel)'),
  baseline: z
    .number()
    .finite()
    .nullable()
    .default(null)
    .describe('Declared starting point; null: measured over the 28 days before the start when the KPI is measured'),
  target: z.number().finite(),
  startDate: z.iso.date().optional().describe('Default: today in the workspace time zone'),
  deadline: z.iso.date(),
  ownerId: idSchema.nullable().default(null),
  personaIds: z.array(idSchema).max(20).default([]),
  networks: networks.describe('The networks the team chose for this objective'),
});

export const progressSchema = z.object({
  status: z.enum(PROGRESS_STATUSES).describe('not_measured: Rostra does not measure this KPI yet'),
  current: z.number().nullable().describe('The KPI over the last 28 days (shares 0–1)'),
  baseline: z.number().nullable(),
  baselineSource: z.enum(['declared', 'measured']).nullable(),
  progress: z.number().nullable().describe('Share of the way from baseline to target, 0–1'),
  elapsed: z.number().describe('Share of the time from start to deadline gone, 0–1'),
});

export const objectiveSchema = z.object({
  id: z.string().describe('Stable: animation plan rubrics name it'),
  statement: z.string(),
  kind: z.enum(OBJECTIVE_KINDS),
  kpi: z.enum(KPI_IDS),
  topicId: z.string().nullable(),
  channelId: z.string().nullable(),
  baseline: z.number().nullable(),
  target: z.number(),
  startDate: z.iso.date(),
  deadline: z.iso.date(),
  ownerId: z.string().nullable(),
  personaIds: z.array(z.string()),
  networks: z.array(z.string()),
  progress: progressSchema,
  updatedAt: z.iso.datetime(),
});

export function presentObjective(objective: Objective, progress: ObjectiveProgress) {
  const { workspaceId: _w, createdAt: _c, updatedAt, ...rest } = objective;
  return { ...rest, progress, updatedAt: toIso(updatedAt) };
}

export const personaBody = z.strictObject({
  name: nameSchema,
  description: text(5000),
  needs: text(5000),
  questions: text(5000),
  networks,
  tone: text(2000),
  audience: z.enum(PERSONA_AUDIENCES),
});

export const personaSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  needs: z.string(),
  questions: z.string(),
  networks: z.array(z.string()),
  tone: z.string(),
  audience: z.enum(PERSONA_AUDIENCES),
  updatedAt: z.iso.datetime(),
});

export function presentPersona(persona: Persona) {
  const { workspaceId: _w, createdAt: _c, updatedAt, ...rest } = persona;
  return { ...rest, updatedAt: toIso(updatedAt) };
}
