// Invitations by link: admins create and revoke them; the invitee opens the link and joins.
import { z } from 'zod';
import { invitationStatus, type Invitation } from '@rostra/core';
import type { RouteDeps, ZodApp } from '../app.js';
import { actionContext, requireUser, requireWorkspace } from '../access.js';
import {
  commonErrors,
  noContent,
  emailSchema,
  errorSchema,
  idSchema,
  nameSchema,
  passwordSchema,
  roleSchema,
  toIso,
  userSchema,
} from '../schemas.js';
import { setSessionCookie } from './session-cookie.js';

const statusSchema = z.enum(['pending', 'accepted', 'revoked', 'expired']);
const invitationSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  status: statusSchema,
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  invitedBy: z.object({ id: z.string(), name: z.string() }),
  /** The invitation email: null when none is sent (SMTP not configured), else queued, sent or failed. */
  emailDelivery: z.object({ status: z.enum(['queued', 'sent', 'failed']), error: z.string().nullable() }).nullable(),
});

function present(invitation: Invitation, invitedByName: string) {
  return {
    id: invitation.id,
    email: invitation.email,
    role: invitation.role,
    status: invitationStatus(invitation, Date.now()),
    createdAt: toIso(invitation.createdAt),
    expiresAt: toIso(invitation.expiresAt),
    invitedBy: { id: invitation.invitedBy, name: invitedByName },
    emailDelivery: invitation.emailStatus ? { status: invitation.emailStatus, error: invitation.emailError } : null,
  };
}

const tokenParams = z.strictObject({ token: z.string().min(1).max(128) });

/** The invitation routes, in the order the API lists them: the admins' side, then the invitee's. */
export function registerInvitationRoutes(api: ZodApp, deps: RouteDeps): void {
  registerInvitationAdmin(api, deps);
  registerInvitationAcceptance(api, deps);
}

/** Admins list, create and revoke a workspace's invitations. */
function registerInvitationAdmin(api: ZodApp, { runtime, accounts }: RouteDeps): void {
  api.get(
    '/api/workspaces/:workspaceId/invitations',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'Invitations of the workspace, with their status',
        tags: ['invitations'],
        params: z.strictObject({ workspaceId: idSchema }),
        response: { 200: z.object({ items: z.array(invitationSchema) }), ...commonErrors },
      },
    },
    async (request) => {
      const items = await runtime.store.invitations.list(requireWorkspace(request).id);
      return { items: items.map((i) => present(i, i.invitedByName)) };
    },
  );

  api.post(
    '/api/workspaces/:workspaceId/invitations',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary:
          'Invite someone by email with a role (emailed when SMTP is configured); returns the link (valid 7 days)',
        tags: ['invitations'],
        params: z.strictObject({ workspaceId: idSchema }),
        body: z.strictObject({ email: emailSchema, role: roleSchema }),
        response: {
          201: z.object({ invitation: invitationSchema, url: z.string() }),
          ...commonErrors,
          409: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const workspace = requireWorkspace(request);
      const principal = requireUser(request);
      const { invitation, url } = await accounts.invite(
        workspace.id,
        request.body,
        { userId: principal.user.id, role: workspace.role },
        actionContext(request),
      );
      return reply.status(201).send({ invitation: present(invitation, principal.user.name), url });
    },
  );

  api.delete(
    '/api/workspaces/:workspaceId/invitations/:invitationId',
    {
      config: { access: { kind: 'workspace', role: 'admin' } },
      schema: {
        summary: 'Revoke an invitation: its link stops working',
        tags: ['invitations'],
        params: z.strictObject({ workspaceId: idSchema, invitationId: idSchema }),
        response: { ...noContent, ...commonErrors, 410: errorSchema },
      },
    },
    async (request, reply) => {
      await accounts.revokeInvitation(
        requireWorkspace(request).id,
        request.params.invitationId,
        actionContext(request),
      );
      return reply.status(204).send(null);
    },
  );
}

/** The invitee opens the link, then joins (signing up or signed in). */
function registerInvitationAcceptance(api: ZodApp, { runtime, accounts }: RouteDeps): void {
  api.get(
    '/api/invitations/:token',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'What an invitation link is for (public: the token is the credential)',
        tags: ['invitations'],
        params: tokenParams,
        response: {
          200: z.object({
            organisation: z.object({ name: z.string() }),
            workspace: z.object({ id: z.string(), name: z.string() }),
            email: z.string(),
            role: roleSchema,
            status: statusSchema,
            expiresAt: z.iso.datetime(),
            userExists: z.boolean(),
          }),
          404: errorSchema,
        },
      },
    },
    async (request) => {
      const found = await accounts.describeInvitation(request.params.token);
      return {
        organisation: { name: found.organisation.name },
        workspace: { id: found.workspace.id, name: found.workspace.name },
        email: found.invitation.email,
        role: found.invitation.role,
        status: found.status,
        expiresAt: toIso(found.invitation.expiresAt),
        userExists: found.userExists,
      };
    },
  );

  api.post(
    '/api/invitations/:token/accept',
    {
      config: { access: { kind: 'public' } },
      schema: {
        summary: 'Accept an invitation: new users give a name and password; existing users must be logged in',
        tags: ['invitations'],
        params: tokenParams,
        body: z.strictObject({ name: nameSchema.optional(), password: passwordSchema.optional() }),
        response: {
          200: z.object({ user: userSchema, workspaceId: z.string(), csrfToken: z.string() }),
          ...commonErrors,
          409: errorSchema,
          410: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const current = request.principal?.kind === 'session' ? request.principal : undefined;
      const result = await accounts.acceptInvitation(
        request.params.token,
        request.body,
        current?.user,
        request.ip,
        request.headers['user-agent'] ?? null,
      );
      if (result.session) setSessionCookie(reply, result.session.token, runtime.config.secureCookies);
      const csrfToken = result.session?.session.csrfToken ?? current?.session.csrfToken ?? '';
      return { user: result.user, workspaceId: result.workspaceId, csrfToken };
    },
  );
}
