// What the strategy reads from data: the network knowledge base (shipped, sourced figures), the recommendation per
// objective × persona with its reasons, and the seed-003 checklist evaluated from what the workspace holds.
import { z } from 'zod';
import {
  CHECKLIST_ITEMS,
  CHECKLIST_STAGES,
  NETWORK_FORMATS,
  NETWORK_KNOWLEDGE,
  RECOMMENDATION_REASONS,
} from '@rostra/core';
import type { ZodApp } from '../../app.js';
import { requireWorkspace } from '../../access.js';
import { commonErrors, idSchema } from '../../schemas.js';
import type { StrategyService } from '../../../strategy/service.js';
import type { Store } from '@rostra/store';
import { exportStrategyPdf } from '../../../strategy/export.js';
import { EXPORT_LOCALES } from '../../../strategy/export-text.js';

const BASE = '/api/workspaces/:workspaceId/strategy';
const params = z.strictObject({ workspaceId: idSchema });
const viewer = { access: { kind: 'workspace', role: 'viewer' } } as const;
const fit = z.union([z.literal(0), z.literal(1), z.literal(2)]);
const bilingual = z.object({ fr: z.string(), en: z.string() });

export const networkProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  audience: bilingual,
  formats: z.array(z.enum(NETWORK_FORMATS)),
  fit: z.object({ btob: fit, btoc: fit }),
  serves: z.record(z.string(), fit).describe('Objective kind → 0 (not its strength) to 2 (strong)'),
  timeCost: z.enum(['low', 'medium', 'high']),
  publishable: z.boolean().describe('Rostra publishes there today'),
  usage: z
    .object({
      figure: bilingual,
      source: z.object({ name: z.string(), url: z.string(), date: z.string() }),
    })
    .nullable()
    .describe('null: no public source found yet ("figure to be sourced")'),
});

export const recommendationSchema = z.object({
  objectiveId: z.string(),
  personaId: z.string().nullable().describe('null when the objective names no persona'),
  networks: z.array(
    z.object({ network: z.string(), score: z.number(), reasons: z.array(z.enum(RECOMMENDATION_REASONS)) }),
  ),
  chosen: z.array(z.string()).describe('The networks the team chose (their last word)'),
});

export const checklistItemSchema = z.object({
  id: z.enum(CHECKLIST_ITEMS),
  stage: z.enum(CHECKLIST_STAGES),
  done: z.boolean().describe('From the workspace’s data, never ticked by hand'),
  params: z.record(z.string(), z.number()),
  link: z.string().describe('Where in Rostra it is done, under the workspace'),
});

export function registerInsightRoutes(api: ZodApp, service: StrategyService, store: Store): void {
  api.get(
    `${BASE}/networks`,
    {
      config: viewer,
      schema: {
        summary: 'The network knowledge base: audiences, formats, BtoB/BtoC fit, time cost, sourced French figures',
        tags: ['strategy'],
        params,
        response: { 200: z.object({ items: z.array(networkProfileSchema) }), ...commonErrors },
      },
    },
    async () => ({ items: [...NETWORK_KNOWLEDGE] }),
  );

  api.get(
    `${BASE}/recommendations`,
    {
      config: viewer,
      schema: {
        summary: 'Networks recommended per objective × persona, with the reasons; the chosen ones beside them',
        tags: ['strategy'],
        params,
        response: { 200: z.object({ items: z.array(recommendationSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ items: await service.recommendations(requireWorkspace(request).id) }),
  );

  api.get(
    `${BASE}/checklist`,
    {
      config: viewer,
      schema: {
        summary: 'The seed-003 checklist (listen, participate, community, branding, e-reputation) from data',
        tags: ['strategy'],
        params,
        response: { 200: z.object({ items: z.array(checklistItemSchema) }), ...commonErrors },
      },
    },
    async (request) => ({ items: await service.checklist(requireWorkspace(request).id) }),
  );

  api.get(
    `${BASE}/export.pdf`,
    {
      config: viewer,
      schema: {
        summary: 'The strategy as a PDF to hand out: document, objectives and progress, personas, networks, checklist',
        tags: ['strategy'],
        params,
        querystring: z.strictObject({ lang: z.enum(EXPORT_LOCALES).default('fr') }),
      },
    },
    async (request, reply) => {
      const pdf = await exportStrategyPdf({ store, service }, requireWorkspace(request).id, request.query.lang);
      return reply
        .type('application/pdf')
        .header('content-disposition', 'attachment; filename="rostra-strategie.pdf"')
        .send(pdf);
    },
  );
}
