// Members of a workspace and their roles, the organisation's ownership, and reset links handed out by admins.
import { z } from 'zod';
import { AppError } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import type { FastifyRequest } from 'fastify';
import { actionContext, requireUser, requireWorkspace } from '../access.js';
import type { MembershipActor } from '../../accounts/service.js';
import { commonErrors, noContent, errorSchema, idSchema, roleSchema, toIso, userSchema } from '../schemas.js';

const memberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  /** Owner of the organisation: only owners change an owner's role or remove them. */
  isOwner: z.boolean(),
  joinedAt: z.iso.datetime(),
});

const memberParams = z.strictObject({ workspaceId: idSchema, userId: idSchema });

/** API keys act for no person, so they never count as an owner. */
function membershipActor(request: FastifyRequest): MembershipActor {
  const principal = request.principal;
  return principal?.kind === 'session'
    ? { userId: principal.user.id, isOwner: principal.user.isOwner }
    : { userId: null, isOwner: false };
}

/** Routes that hand over an account or the organisation: a person must do it, not a script's key. */
function requirePerson(request: FastifyRequest) {
  if (request.principal?.kind !== 'session') {
    throw new AppError('forbidden', 'Only a person signed in can do this, not an API key');
  }
  return requireUser(request);
}

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
        summary: "Change a member's role (a workspace keeps at least one admin; only an owner changes an owner's role)",
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
        membershipActor(request),
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
        summary: 'Remove a member from the workspace (only an owner removes an owner)',
        tags: ['members'],
        params: memberParams,
        response: { ...noContent, ...commonErrors, 409: errorSchema },
      },
    },
    async (request, reply) => {
      await accounts.removeMember(
        requireWorkspace(request).id,
        request.params.userId,
        membershipActor(request),
        actionContext(request),
      );
      return reply.status(204).send(null);
    },
  );

  api.post(
    '/api/workspaces/:workspaceId/members/:userId/ownership',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary:
          "Transfer the organisation's ownership to this member (owner only); they become admin of this workspace",
        tags: ['members'],
        params: memberParams,
        response: { 200: z.object({ user: userSchema }), ...commonErrors, 409: errorSchema },
      },
    },
    async (request) => {
      const { user } = requirePerson(request);
      const owner = await accounts.transferOwnership(
        requireWorkspace(request).id,
        user,
        request.params.userId,
        actionContext(request),
      );
      return { user: owner };
    },
  );

  api.post(
    '/api/workspaces/:workspaceId/members/:userId/password-reset',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary:
          'Create a single-use password reset link for a member, valid 24 h, to hand over yourself ' +
          '(owners for anyone; admins for people in no workspace they do not administer)',
        tags: ['members'],
        params: memberParams,
        response: { 201: z.object({ url: z.string(), expiresAt: z.iso.datetime() }), ...commonErrors },
      },
    },
    async (request, reply) => {
      const { user } = requirePerson(request);
      const link = await accounts.issueResetLink(
        requireWorkspace(request).id,
        request.params.userId,
        user,
        actionContext(request),
      );
      return reply.status(201).send({ url: link.url, expiresAt: toIso(link.expiresAt) });
    },
  );
}
