// Workspaces: the ones you belong to, creating one (owners), renaming and time zone (admins).
import { z } from 'zod';
import { AppError, type Role, type Workspace } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { actionContext, requireUser, requireWorkspace } from '../access.js';
import { commonErrors, nameSchema, timezoneSchema, toIso, workspaceParams, workspaceSchema } from '../schemas.js';

function present(workspace: Workspace, role: Role) {
  return {
    id: workspace.id,
    name: workspace.name,
    timezone: workspace.timezone,
    approvalRequired: workspace.approvalRequired,
    role,
    createdAt: toIso(workspace.createdAt),
  };
}

export function registerWorkspaceRoutes(api: ZodApp, { runtime, accounts }: RouteDeps): void {
  const { store } = runtime;

  api.get(
    '/api/workspaces',
    {
      config: { access: { kind: 'user' } },
      schema: {
        summary: 'Workspaces you are a member of, with your role',
        tags: ['workspaces'],
        response: { 200: z.object({ items: z.array(workspaceSchema) }) },
      },
    },
    async (request) => {
      const { user } = requireUser(request);
      const workspaces = await store.accounts.listWorkspacesOfUser(user.id);
      return { items: workspaces.map((w) => present(w, w.role)) };
    },
  );

  api.post(
    '/api/workspaces',
    {
      config: { access: { kind: 'user' } },
      schema: {
        summary: 'Create a workspace (organisation owners); you become its admin',
        tags: ['workspaces'],
        body: z.strictObject({ name: nameSchema, timezone: timezoneSchema.optional() }),
        response: { 201: workspaceSchema, ...commonErrors },
      },
    },
    async (request, reply) => {
      const { user } = requireUser(request);
      if (!user.isOwner) throw new AppError('forbidden', 'Only organisation owners create workspaces');
      const workspace = await accounts.createWorkspace(
        user.organisationId,
        user.id,
        request.body,
        actionContext(request),
      );
      return reply.status(201).send(present(workspace, 'admin'));
    },
  );

  api.get(
    '/api/workspaces/:workspaceId',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'One workspace',
        tags: ['workspaces'],
        params: workspaceParams,
        response: { 200: workspaceSchema, ...commonErrors },
      },
    },
    async (request) => {
      const access = requireWorkspace(request);
      const workspace = await store.accounts.getWorkspace(access.id);
      if (!workspace) throw new AppError('not_found', 'Workspace not found');
      return present(workspace, access.role);
    },
  );

  api.patch(
    '/api/workspaces/:workspaceId',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'Rename a workspace or change its time zone',
        tags: ['workspaces'],
        params: workspaceParams,
        body: z.strictObject({
          name: nameSchema.optional(),
          timezone: timezoneSchema.optional(),
          approvalRequired: z.boolean().optional(),
        }),
        response: { 200: workspaceSchema, ...commonErrors },
      },
    },
    async (request) => {
      const access = requireWorkspace(request);
      const workspace = await accounts.updateWorkspace(access.id, request.body, actionContext(request));
      return present(workspace, access.role);
    },
  );
}
