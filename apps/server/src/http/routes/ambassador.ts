// Ambassadors' routes. The ambassador's own (their page, acknowledgement, profile, declared relays) need the
// 'ambassador' role, which every member has, and are the only workspace routes an ambassador reaches; the policy
// is written by admins, posts are marked « à relayer » by community managers and up.
import { z } from 'zod';
import { AppError, policyInputSchema, relayInputSchema } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, errorSchema, idSchema, noContent, toIso, workspaceParams } from '../schemas.js';
import { createAmbassadorService, RELAYS_SHOWN } from '../../ambassador/service.js';
import {
  ambassadorViewSchema,
  policySchema,
  presentPolicy,
  presentRelay,
  presentRelaySummary,
  relaySchema,
  relaySummarySchema,
  shareBodySchema,
} from './ambassador-schemas.js';

const postParams = z.strictObject({ workspaceId: idSchema, postId: idSchema });
const TAGS = ['ambassadors'];

export function registerAmbassadorRoutes(api: ZodApp, deps: RouteDeps): void {
  const service = createAmbassadorService({ store: deps.runtime.store });
  registerOwnRoutes(api, service);
  registerPolicyRoutes(api, deps, service);
  registerRelayRoutes(api, deps, service);
}

type Service = ReturnType<typeof createAmbassadorService>;

/** What any member, ambassadors included, does for themselves. */
function registerOwnRoutes(api: ZodApp, service: Service): void {
  api.get(
    '/api/workspaces/:workspaceId/ambassador',
    {
      config: { access: { kind: 'workspace', role: 'ambassador' } },
      schema: {
        summary: 'The ambassador page: the policy to acknowledge, then the posts to relay with their share links',
        tags: TAGS,
        params: workspaceParams,
        response: { 200: ambassadorViewSchema, ...commonErrors },
      },
    },
    async (request) => {
      const view = await service.view(requireWorkspace(request).id, callerOf(request));
      return {
        ...view,
        policy: view.policy && presentPolicy(view.policy),
        items: view.items.map((item) => ({ ...item, relay: presentRelaySummary(item.relay) })),
      };
    },
  );

  api.put(
    '/api/workspaces/:workspaceId/ambassador/profile',
    {
      config: { access: { kind: 'workspace', role: 'ambassador' } },
      schema: {
        summary: 'Set the Mastodon instance your Mastodon share links open on (null or empty: none)',
        tags: TAGS,
        params: workspaceParams,
        body: z.strictObject({ mastodonInstance: z.string().max(300).nullable() }),
        response: { 200: z.object({ mastodonInstance: z.string().nullable() }), ...commonErrors },
      },
    },
    async (request) => {
      const profile = await service.saveProfile(
        requireWorkspace(request).id,
        request.body.mastodonInstance,
        callerOf(request),
      );
      return { mastodonInstance: profile.mastodonInstance };
    },
  );

  api.post(
    '/api/workspaces/:workspaceId/ambassador/policy/acknowledge',
    {
      config: { access: { kind: 'workspace', role: 'ambassador' } },
      schema: {
        summary: 'Acknowledge the social media policy in force (`version`: the one read; 409 if another is in force)',
        tags: TAGS,
        params: workspaceParams,
        body: z.strictObject({ version: z.number().int().min(1) }),
        response: { ...noContent, ...commonErrors, 409: errorSchema },
      },
    },
    async (request, reply) => {
      await service.acknowledge(requireWorkspace(request).id, request.body.version, callerOf(request));
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/workspaces/:workspaceId/ambassador/relays/:postId/shares',
    {
      config: { access: { kind: 'workspace', role: 'ambassador' } },
      schema: {
        summary: 'Say you relayed this post on a network (counted once per network; nothing else is recorded)',
        tags: TAGS,
        params: postParams,
        body: shareBodySchema,
        response: { 200: z.object({ counted: z.boolean() }), ...commonErrors },
      },
    },
    async (request) =>
      service.declareShare(
        requireWorkspace(request).id,
        request.params.postId,
        request.body.network,
        callerOf(request),
      ),
  );
}

/** The employees' social media policy: read by members, written by admins, acknowledgements listed for admins. */
function registerPolicyRoutes(api: ZodApp, { runtime }: RouteDeps, service: Service): void {
  const { store } = runtime;
  api.get(
    '/api/workspaces/:workspaceId/ambassador/policy',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'The employees’ social media policy in force (null while none is written)',
        tags: TAGS,
        params: workspaceParams,
        response: { 200: z.object({ policy: policySchema.nullable() }), ...commonErrors },
      },
    },
    async (request) => {
      const policy = await store.ambassador.getPolicy(requireWorkspace(request).id);
      return { policy: policy ? presentPolicy(policy) : null };
    },
  );

  api.put(
    '/api/workspaces/:workspaceId/ambassador/policy',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'Write the social media policy as a new version: every ambassador acknowledges it again',
        tags: TAGS,
        params: workspaceParams,
        body: policyInputSchema,
        response: { 200: policySchema, ...commonErrors, 409: errorSchema },
      },
    },
    async (request) =>
      presentPolicy(
        await service.savePolicy(
          requireWorkspace(request).id,
          request.body.text,
          request.body.version,
          callerOf(request),
        ),
      ),
  );

  api.get(
    '/api/workspaces/:workspaceId/ambassador/acknowledgements',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'Who acknowledged which version of the policy and when, newest first',
        tags: TAGS,
        params: workspaceParams,
        response: {
          200: z.object({
            items: z.array(
              z.object({
                userId: z.string(),
                name: z.string().nullable().describe('null once the person left the workspace'),
                email: z.string().nullable(),
                version: z.number().int(),
                acknowledgedAt: z.iso.datetime(),
              }),
            ),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      const members = new Map((await store.accounts.listMembers(workspaceId)).map((m) => [m.userId, m]));
      const items = await store.ambassador.listAcknowledgements(workspaceId);
      return {
        items: items.map((a) => ({
          userId: a.userId,
          name: members.get(a.userId)?.name ?? null,
          email: members.get(a.userId)?.email ?? null,
          version: a.version,
          acknowledgedAt: toIso(a.acknowledgedAt),
        })),
      };
    },
  );
}

/** Posts marked « à relayer »: listed for members, marked and unmarked by community managers and up. */
function registerRelayRoutes(api: ZodApp, { runtime }: RouteDeps, service: Service): void {
  const { store } = runtime;
  api.get(
    '/api/workspaces/:workspaceId/relays',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: `The posts marked to relay, most recently marked first (at most ${RELAYS_SHOWN}), with relays counted`,
        tags: TAGS,
        params: workspaceParams,
        response: { 200: z.object({ items: z.array(relaySummarySchema) }), ...commonErrors },
      },
    },
    async (request) => ({
      items: (await store.ambassador.listRelays(requireWorkspace(request).id, RELAYS_SHOWN)).map(presentRelaySummary),
    }),
  );

  api.get(
    '/api/workspaces/:workspaceId/posts/:postId/relay',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'The post’s link and suggested texts for ambassadors (relay null when it is not marked to relay)',
        tags: TAGS,
        params: postParams,
        response: { 200: z.object({ relay: relaySchema.nullable() }), ...commonErrors },
      },
    },
    async (request) => {
      const workspaceId = requireWorkspace(request).id;
      if (!(await store.posts.get(workspaceId, request.params.postId)))
        throw new AppError('not_found', 'Post not found');
      const relay = await store.ambassador.getRelay(workspaceId, request.params.postId);
      return { relay: relay ? presentRelay(relay) : null };
    },
  );

  api.put(
    '/api/workspaces/:workspaceId/posts/:postId/relay',
    {
      config: { access: { kind: 'workspace', role: 'community_manager' } },
      schema: {
        summary: 'Mark the post « à relayer » (or change its link and texts); each text within its network’s length',
        tags: TAGS,
        params: postParams,
        body: relayInputSchema,
        response: { 200: relaySchema, ...commonErrors },
      },
    },
    async (request) =>
      presentRelay(
        await service.markRelay(requireWorkspace(request).id, request.params.postId, request.body, callerOf(request)),
      ),
  );

  api.delete(
    '/api/workspaces/:workspaceId/posts/:postId/relay',
    {
      config: { access: { kind: 'workspace', role: 'community_manager' } },
      schema: {
        summary: 'No longer ask ambassadors to relay the post (the relays counted go with it)',
        tags: TAGS,
        params: postParams,
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await service.unmarkRelay(requireWorkspace(request).id, request.params.postId, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}
