// Listening dashboards: viewers and up, the mention stream's filters plus `bucket` and `limit`, over the period
// asked (by default the last days up to now), echoed in the answer beside the figures listening/dashboards.ts sums.
import { z } from 'zod';
import { TOPIC_GROUPS } from '@rostra/core';
import type { ZodApp } from '../../app.js';
import { requireWorkspace } from '../../access.js';
import { commonErrors, toIso } from '../../schemas.js';
import { DAY, type DashboardAsk, type Dashboards } from '../../../listening/dashboards.js';
import { base, filterQuery, params, toFilters } from './schemas.js';

const dashboardQuery = z.strictObject({
  ...filterQuery,
  bucket: z.enum(['hour', 'day', 'week']).default('day'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
const bucketSize = z.enum(['hour', 'day', 'week']);
const termSchema = z.object({ term: z.string(), count: z.number(), previousCount: z.number(), score: z.number() });

/** One dashboard route: its path, its answer's shape, what computes it, and its default period. */
function registerDashboard<Shape extends z.ZodRawShape>(
  api: ZodApp,
  path: string,
  summary: string,
  shape: Shape,
  compute: (ask: DashboardAsk) => Promise<z.infer<z.ZodObject<Shape>>>,
  defaultDays = 30,
): void {
  api.get(
    `${base}/dashboard/${path}`,
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary,
        tags: ['listening'],
        params,
        querystring: dashboardQuery,
        response: {
          // Fastify cannot infer a reply type from a generic shape; `compute` is checked against `shape` above.
          200: z.object({ from: z.iso.datetime(), to: z.iso.datetime(), ...shape }) as z.ZodType<object>,
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const { bucket, limit, ...query } = request.query;
      const asked = toFilters(query);
      const to = asked.to ?? Date.now();
      const filters = { ...asked, to, from: asked.from ?? to - defaultDays * DAY };
      const result = await compute({ workspaceId: requireWorkspace(request).id, filters, bucket, limit });
      return { from: toIso(filters.from), to: toIso(filters.to), ...result };
    },
  );
}

/** Each dashboard's answer, beside the period it covers. */
const volumeShape = {
  bucket: bucketSize,
  /** Buckets start at origin + k × bucket size (local midnight, or Monday, in the workspace's zone). */
  origin: z.iso.datetime(),
  series: z.array(
    z.object({ topicId: z.string(), points: z.array(z.object({ at: z.iso.datetime(), count: z.number() })) }),
  ),
};

const sentimentShape = {
  bucket: bucketSize,
  origin: z.iso.datetime(),
  points: z.array(
    z.object({
      at: z.iso.datetime(),
      negative: z.number(),
      neutral: z.number(),
      positive: z.number(),
      total: z.number(),
      negativeShare: z.number(),
      positiveShare: z.number(),
    }),
  ),
};

const topShape = {
  sources: z.array(z.object({ site: z.string(), network: z.string(), count: z.number() })),
  authors: z.array(
    z.object({
      network: z.string(),
      handle: z.string().nullable(),
      name: z.string().nullable(),
      count: z.number(),
      reach: z.number(),
    }),
  ),
};

const trendingShape = { terms: z.array(termSchema), hashtags: z.array(termSchema) };

const shareOfVoiceShape = {
  items: z.array(
    z.object({
      topicId: z.string(),
      name: z.string(),
      group: z.enum(TOPIC_GROUPS),
      color: z.string(),
      mentions: z.number(),
      reach: z.number(),
      shareOfMentions: z.number(),
      shareOfReach: z.number(),
    }),
  ),
};

export function registerDashboardRoutes(api: ZodApp, dashboards: Dashboards): void {
  registerDashboard(
    api,
    'volume',
    'Mentions per topic over time (buckets in the workspace time zone); default the last 30 days',
    volumeShape,
    dashboards.volume,
  );
  registerDashboard(
    api,
    'sentiment',
    'Negative, neutral and positive mentions per bucket, with shares',
    sentimentShape,
    dashboards.sentiment,
  );
  registerDashboard(
    api,
    'top',
    'The sources (sites, or networks) and authors with the most mentions',
    topShape,
    dashboards.top,
  );
  registerDashboard(
    api,
    'trending',
    'Terms and hashtags rising against the previous window of the same length (default: 7 days)',
    trendingShape,
    dashboards.trending,
    7,
  );
  registerDashboard(
    api,
    'share-of-voice',
    'Share of voice of brand against competitor topics, by mentions and by reach',
    shareOfVoiceShape,
    dashboards.shareOfVoice,
  );
}
