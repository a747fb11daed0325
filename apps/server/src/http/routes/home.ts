// The home page ("Aujourd'hui") in one read: see home/service.ts for what it holds.
import { z } from 'zod';
import { ALERT_KINDS, POST_STATUSES, TARGET_STATUSES } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { commonErrors, toIso, toIsoOrNull, workspaceParams } from '../schemas.js';
import { createHomeService, type HomePost } from '../../home/service.js';

const homePostSchema = z.object({
  id: z.string(),
  text: z.string(),
  status: z.enum(POST_STATUSES),
  scheduledAt: z.iso.datetime().nullable(),
  updatedAt: z.iso.datetime(),
});

const homeSchema = z.object({
  timeZone: z.string(),
  day: z.object({ from: z.iso.datetime(), to: z.iso.datetime() }),
  today: z.object({
    total: z.number(),
    items: z.array(
      z.object({
        post: homePostSchema,
        channelId: z.string(),
        deliveryStatus: z.enum(['pending', ...TARGET_STATUSES]),
        at: z.iso.datetime(),
      }),
    ),
  }),
  review: z.object({ total: z.number(), items: z.array(homePostSchema) }).nullable(),
  problems: z.object({ failed: z.number(), unconfirmed: z.number(), items: z.array(homePostSchema) }),
  channels: z.object({
    total: z.number(),
    needsReconnect: z.array(z.object({ id: z.string(), name: z.string(), network: z.string() })),
  }),
  alerts: z.object({
    since: z.iso.datetime(),
    total: z.number(),
    items: z.array(
      z.object({
        id: z.string(),
        ruleId: z.string(),
        ruleName: z.string(),
        topicId: z.string(),
        kind: z.enum(ALERT_KINDS),
        firedAt: z.iso.datetime(),
      }),
    ),
  }),
  mentions: z.object({
    total: z.number(),
    topics: z.array(z.object({ topicId: z.string(), name: z.string(), count: z.number() })),
  }),
  hasPosts: z.boolean(),
});

function presentPost(post: HomePost) {
  return { ...post, scheduledAt: toIsoOrNull(post.scheduledAt), updatedAt: toIso(post.updatedAt) };
}

export function registerHomeRoutes(api: ZodApp, { runtime }: RouteDeps): void {
  const home = createHomeService({ store: runtime.store });

  api.get(
    '/api/workspaces/:workspaceId/home',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary:
          "Today's page: deliveries planned today, posts waiting for your approval, failed and unconfirmed posts, " +
          'channels to reconnect, alerts of the last 24 hours and unhandled mentions by topic',
        tags: ['home'],
        params: workspaceParams,
        response: { 200: homeSchema, ...commonErrors },
      },
    },
    async (request) => {
      const access = requireWorkspace(request);
      const read = await home.read(access.id, { role: access.role }, Date.now());
      return {
        ...read,
        day: { from: toIso(read.day.from), to: toIso(read.day.to) },
        today: {
          total: read.today.total,
          items: read.today.items.map((row) => ({ ...row, post: presentPost(row.post), at: toIso(row.at) })),
        },
        review: read.review && { total: read.review.total, items: read.review.items.map(presentPost) },
        problems: { ...read.problems, items: read.problems.items.map(presentPost) },
        alerts: {
          since: toIso(read.alerts.since),
          total: read.alerts.total,
          items: read.alerts.items.map((event) => ({ ...event, firedAt: toIso(event.firedAt) })),
        },
      };
    },
  );
}
