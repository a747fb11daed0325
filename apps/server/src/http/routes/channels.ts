// Connected accounts: list with health, connect (app password style), disconnect.
import { z } from 'zod';
import type { Channel } from '@rostra/core';
import { describeConnectFields, OPERATOR_APPS, type ConnectField, type Connector } from '@rostra/connectors';
import { NETWORK_APP_VARIABLES } from '../../config.js';
import type { RouteDeps, ZodApp } from '../app.js';
import { AppError } from '@rostra/core';
import { actionContext, requireWorkspace } from '../access.js';
import { callerOf } from './caller.js';
import { commonErrors, errorSchema, idSchema, noContent, toIso, toIsoOrNull } from '../schemas.js';

export const channelSchema = z.object({
  id: z.string(),
  network: z.string(),
  name: z.string(),
  accountId: z.string(),
  status: z.enum(['active', 'needs_reconnect', 'disabled']),
  credentialsExpiresAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export function presentChannel(channel: Channel) {
  return {
    id: channel.id,
    network: channel.network,
    name: channel.name,
    accountId: channel.accountId,
    status: channel.status,
    credentialsExpiresAt: toIsoOrNull(channel.credentialsExpiresAt),
    lastError: channel.lastError,
    createdAt: toIso(channel.createdAt),
    updatedAt: toIso(channel.updatedAt),
  };
}

const connectFieldSchema = z.object({
  name: z.string(),
  required: z.boolean(),
  input: z.enum(['text', 'secret', 'url']),
  placeholder: z.string().nullable(),
  oauth: z.boolean().describe('Also sent as `fields` to POST …/channels/oauth'),
});

const setupSchema = z
  .object({
    variables: z
      .array(z.object({ name: z.string(), required: z.boolean() }))
      .describe('The environment variables an administrator sets on the server'),
    callbackUrl: z.string().describe('The redirect (callback) URL to register with the app'),
    consoleUrl: z.string().describe('Where to create the app'),
    docsUrl: z.string(),
    permissions: z.array(z.string()).describe('The permissions (scopes) the app must be allowed to ask for'),
    needsPublicMedia: z
      .boolean()
      .describe('The network downloads media from this server: its public URL must be reachable over https'),
  })
  .describe('How an administrator registers the app this network needs');

/**
 * Every network a person could connect: those this server offers, then those whose app an administrator has
 * not registered yet (configured: false, no method), each with the steps to register it.
 */
function presentNetworks(connectors: readonly Connector[], publicUrl: string) {
  const setupOf = (network: string) => {
    const app = OPERATOR_APPS.find((candidate) => candidate.network === network);
    if (!app) return null;
    return {
      variables: [...(NETWORK_APP_VARIABLES[network] ?? [])],
      callbackUrl: `${publicUrl}/api/oauth/callback`,
      consoleUrl: app.consoleUrl,
      docsUrl: app.docsUrl,
      permissions: [...app.permissions],
      needsPublicMedia: app.needsPublicMedia,
    };
  };
  const offered = connectors
    .filter((c) => c.connect || c.oauth)
    .map((c) => ({
      network: c.network,
      auth: c.auth,
      canPublish: c.publisher !== undefined,
      methods: [...(c.connect ? ['password' as const] : []), ...(c.oauth ? ['oauth' as const] : [])],
      fields: c.connectFields ? c.connectFields.map(presentConnectField) : c.connect ? null : [],
      configured: true,
      setup: setupOf(c.network),
    }));
  const missing = OPERATOR_APPS.filter((app) => !offered.some((offer) => offer.network === app.network)).map((app) => ({
    network: app.network,
    auth: 'oauth2',
    canPublish: true,
    methods: [],
    fields: [],
    configured: false,
    setup: setupOf(app.network),
  }));
  return [...offered, ...missing];
}

/** A connector's field as forms need it; labels and hints are the UI's, in the person's language. */
function presentConnectField(field: ConnectField) {
  return {
    name: field.name,
    required: field.required,
    input: field.input,
    placeholder: field.placeholder ?? null,
    oauth: field.oauth ?? false,
  };
}

/**
 * The channel routes, in the order the API lists them: the list, connecting (app password, OAuth start,
 * callback, choosing among the accounts a login offers), disconnecting.
 */
export function registerChannelRoutes(api: ZodApp, deps: RouteDeps): void {
  registerChannelList(api, deps);
  registerChannelConnect(api, deps);
  registerOAuthCallback(api, deps);
  registerOAuthChoices(api, deps);
  registerChannelDisconnect(api, deps);
}

/** The channels with their health, and every network with how to connect it (or register its app). */
function registerChannelList(api: ZodApp, { runtime, connectors }: RouteDeps): void {
  api.get(
    '/api/workspaces/:workspaceId/channels',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Connected channels with their health, and the networks that can be connected',
        tags: ['channels'],
        params: z.strictObject({ workspaceId: idSchema }),
        response: {
          200: z.object({
            items: z.array(channelSchema),
            networks: z.array(
              z.object({
                network: z.string(),
                auth: z.string(),
                canPublish: z.boolean(),
                methods: z.array(z.enum(['password', 'oauth'])),
                fields: z
                  .array(connectFieldSchema)
                  .nullable()
                  .describe('What the connection form asks for; null when the network takes free key/value pairs'),
                configured: z
                  .boolean()
                  .describe('False: the network needs an app an administrator has not registered yet (no methods)'),
                setup: setupSchema.nullable(),
              }),
            ),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) => {
      const channels = await runtime.store.channels.list(requireWorkspace(request).id);
      return {
        items: channels.map(presentChannel),
        networks: presentNetworks(connectors, runtime.config.publicUrl),
      };
    },
  );
}

/** Connecting an account: with an identifier and an app password, or by starting OAuth. */
function registerChannelConnect(api: ZodApp, { runtime, publishing, connectors }: RouteDeps): void {
  api.post(
    '/api/workspaces/:workspaceId/channels',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Connect an account with an identifier and an app password (reconnecting keeps the channel)',
        tags: ['channels'],
        params: z.strictObject({ workspaceId: idSchema }),
        body: z.strictObject({
          network: z.string().min(1).max(40),
          credentials: z
            .record(z.string().max(64), z.string().max(2048))
            .describe(
              [
                'The fields the network reads; any other key is refused (validation_failed).',
                ...connectors
                  .filter((connector) => connector.connectFields)
                  .map(
                    (connector) =>
                      `${connector.network}: ${describeConnectFields(connector.connectFields ?? []).join('; ')}.`,
                  ),
                'A server on a private network must be allowed by the administrator (ROSTRA_OUTBOUND_ALLOW), ' +
                  'else address_not_allowed (422).',
              ].join('\n'),
            ),
        }),
        response: { 201: channelSchema, ...commonErrors, 422: errorSchema, 502: errorSchema },
      },
    },
    async (request, reply) => {
      const workspace = requireWorkspace(request);
      const channel = await publishing.connectChannel(
        workspace.id,
        request.body.network,
        request.body.credentials,
        callerOf(request),
      );
      return reply.status(201).send(presentChannel(channel));
    },
  );

  api.post(
    '/api/workspaces/:workspaceId/channels/oauth',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'Start connecting an account through OAuth: returns the address to send the person to',
        tags: ['channels'],
        params: z.strictObject({ workspaceId: idSchema }),
        body: z.strictObject({
          network: z.string().min(1).max(40),
          fields: z.record(z.string().max(64), z.string().max(2048)).default({}),
        }),
        response: { 200: z.object({ url: z.string() }), ...commonErrors, 422: errorSchema, 502: errorSchema },
      },
    },
    async (request) => {
      const workspace = requireWorkspace(request);
      const url = await publishing.startOAuth(
        workspace.id,
        request.body.network,
        request.body.fields,
        callerOf(request),
        `${runtime.config.publicUrl}/api/oauth/callback`,
      );
      return { url };
    },
  );
}

/** Where networks send people back after OAuth: a redirect to the channels page, never an error page. */
function registerOAuthCallback(api: ZodApp, { runtime, publishing }: RouteDeps): void {
  api.get(
    '/api/oauth/callback',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Where networks send people back after OAuth; redirects to the channels page',
        tags: ['channels'],
        querystring: z.object({
          state: z.string().max(200).optional(),
          code: z.string().max(4000).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(1000).optional(),
        }),
      },
    },
    async (request, reply) => {
      const { state, code, error } = request.query;
      const userId = request.principal?.kind === 'session' ? request.principal.user.id : null;
      if (!state || !code) {
        return reply.redirect(`/?oauthError=${encodeURIComponent(error ?? 'missing_code')}`);
      }
      try {
        const { workspaceId, channel, choose } = await publishing.finishOAuth(
          state,
          code,
          userId,
          `${runtime.config.publicUrl}/api/oauth/callback`,
          actionContext(request),
        );
        if (choose) return reply.redirect(`/w/${workspaceId}/channels?choose=${encodeURIComponent(choose)}`);
        return reply.redirect(`/w/${workspaceId}/channels?connected=${channel?.id ?? ''}`);
      } catch (failure) {
        const reason = failure instanceof AppError ? failure.code : 'internal';
        request.log.warn({ err: failure }, 'OAuth callback failed');
        return reply.redirect(`/?oauthError=${encodeURIComponent(reason)}`);
      }
    },
  );
}

/** Choosing among the accounts one OAuth login offers. */
function registerOAuthChoices(api: ZodApp, { publishing }: RouteDeps): void {
  // One login may give several accounts (a member and their pages): the callback sends the person to the
  // channels page with a choice token; these two routes show the accounts and connect the ones picked.
  const choiceParams = z.strictObject({ workspaceId: idSchema, choiceToken: z.string().min(1).max(200) });

  api.get(
    '/api/workspaces/:workspaceId/channels/oauth/choices/:choiceToken',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary: 'The accounts one OAuth login offers (names and ids only), for the person who logged in',
        tags: ['channels'],
        params: choiceParams,
        response: {
          200: z.object({
            network: z.string(),
            accounts: z.array(z.object({ accountId: z.string(), name: z.string(), connected: z.boolean() })),
          }),
          ...commonErrors,
        },
      },
    },
    async (request) =>
      publishing.listOAuthChoices(requireWorkspace(request).id, request.params.choiceToken, callerOf(request)),
  );

  api.post(
    '/api/workspaces/:workspaceId/channels/oauth/choices/:choiceToken',
    {
      config: { access: { kind: 'workspace', role: 'manager' } },
      schema: {
        summary:
          'Connect the accounts picked among those one OAuth login offered (once; reconnecting keeps the channel)',
        tags: ['channels'],
        params: choiceParams,
        body: z.strictObject({ accountIds: z.array(z.string().min(1).max(200)).min(1).max(100) }),
        response: { 201: z.object({ items: z.array(channelSchema) }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const channels = await publishing.chooseOAuthAccounts(
        requireWorkspace(request).id,
        request.params.choiceToken,
        request.body.accountIds,
        callerOf(request),
      );
      return reply.status(201).send({ items: channels.map(presentChannel) });
    },
  );
}

/** Disconnecting a channel. */
function registerChannelDisconnect(api: ZodApp, { publishing }: RouteDeps): void {
  api.delete(
    '/api/workspaces/:workspaceId/channels/:channelId',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'Disconnect a channel (its posts stay; it stops publishing)',
        tags: ['channels'],
        params: z.strictObject({ workspaceId: idSchema, channelId: idSchema }),
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await publishing.disconnectChannel(requireWorkspace(request).id, request.params.channelId, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}
