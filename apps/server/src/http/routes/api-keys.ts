// Workspace API keys for scripts: created with a role up to the creator's, shown once, revocable.
import { z } from 'zod';
import type { ApiKey } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { actionContext, requireWorkspace } from '../access.js';
import { commonErrors, noContent, idSchema, nameSchema, roleSchema, toIso, toIsoOrNull } from '../schemas.js';

const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  role: roleSchema,
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export function presentApiKey(key: ApiKey, createdByName: string | null) {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    role: key.role,
    createdAt: toIso(key.createdAt),
    lastUsedAt: toIsoOrNull(key.lastUsedAt),
    revokedAt: toIsoOrNull(key.revokedAt),
    createdBy: key.createdBy && createdByName !== null ? { id: key.createdBy, name: createdByName } : null,
  };
}

export function registerApiKeyRoutes(api: ZodApp, { runtime, accounts }: RouteDeps): void {
  api.get(
    '/api/workspaces/:workspaceId/api-keys',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'API keys of the workspace (secrets are never shown again)',
        tags: ['api-keys'],
        params: z.strictObject({ workspaceId: idSchema }),
        response: { 200: z.object({ items: z.array(apiKeySchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const keys = await runtime.store.apiKeys.list(requireWorkspace(request).id);
      return { items: keys.map((k) => presentApiKey(k, k.createdByName)) };
    },
  );

  api.post(
    '/api/workspaces/:workspaceId/api-keys',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'Create an API key; the secret is in this response only',
        tags: ['api-keys'],
        params: z.strictObject({ workspaceId: idSchema }),
        body: z.strictObject({ name: nameSchema, role: roleSchema }),
        response: { 201: z.object({ apiKey: apiKeySchema, secret: z.string() }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const workspace = requireWorkspace(request);
      const principal = request.principal;
      const creator =
        principal?.kind === 'session'
          ? { userId: principal.user.id, name: principal.user.name }
          : { userId: null, name: null };
      const { apiKey, secret } = await accounts.createApiKey(
        workspace.id,
        request.body,
        { userId: creator.userId, role: workspace.role },
        actionContext(request),
      );
      return reply.status(201).send({ apiKey: presentApiKey(apiKey, creator.name), secret });
    },
  );

  api.delete(
    '/api/workspaces/:workspaceId/api-keys/:apiKeyId',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'Revoke an API key: it stops working at once',
        tags: ['api-keys'],
        params: z.strictObject({ workspaceId: idSchema, apiKeyId: idSchema }),
        response: { ...noContent, ...commonErrors },
      },
    },
    async (request, reply) => {
      await accounts.revokeApiKey(requireWorkspace(request).id, request.params.apiKeyId, actionContext(request));
      return reply.status(204).send(null);
    },
  );
}
