// Members of a workspace and their roles.
import { z } from 'zod';
import { AppError } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { actionContext, requireWorkspace } from '../access.js';
import { commonErrors, noContent, errorSchema, idSchema, roleSchema, toIso } from '../schemas.js';

const memberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: z.iso.datetime(),
});

const memberParams = z.strictObject({ workspaceId: idSchema, userId: idSchema });

export function registerMemberRoutes(api: ZodApp, { runtime, accounts }: RouteDeps): void {
  api.get(
    '/api/workspaces/:workspaceId/members',
    {
      config: { access: { kind: 'workspace', role: 'viewer' } },
      schema: {
        summary: 'Members of the workspace',
        tags: ['members'],
        params: z.strictObject({ workspaceId: idSchema }),
        response: { 200: z.object({ items: z.array(memberSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const members = await runtime.store.accounts.listMembers(requireWorkspace(request).id);
      return { items: members.map((m) => ({ ...m, joinedAt: toIso(m.joinedAt) })) };
    },
  );

  api.patch(
    '/api/workspaces/:workspaceId/members/:userId',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: "Change a member's role (a workspace keeps at least one admin)",
        tags: ['members'],
        params: memberParams,
        body: z.strictObject({ role: roleSchema }),
        response: { 200: memberSchema, ...commonErrors, 409: errorSchema },
      },
    },
    async (request) => {
      const workspace = requireWorkspace(request);
      const member = await accounts.changeMemberRole(
        workspace.id,
        request.params.userId,
        request.body.role,
        actionContext(request),
      );
      if (!member) throw new AppError('not_found', 'Member not found');
      return { ...member, joinedAt: toIso(member.joinedAt) };
    },
  );

  api.delete(
    '/api/workspaces/:workspaceId/members/:userId',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'Remove a member from the workspace',
        tags: ['members'],
        params: memberParams,
        response: { ...noContent, ...commonErrors, 409: errorSchema },
      },
    },
    async (request, reply) => {
      await accounts.removeMember(requireWorkspace(request).id, request.params.userId, actionContext(request));
      return reply.status(204).send(null);
    },
  );
}
