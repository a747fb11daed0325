// Account operations: setup, sessions, workspaces, members, invitations, API keys.
// Every write runs in a transaction together with its audit entry.
import {
  AppError,
  canGrantRole,
  invitationStatus,
  type ActionContext,
  type ApiKey,
  type Locale,
  type Repositories,
  type Role,
  type User,
  type Workspace,
} from '@rostra/core';
import type { Store } from '@rostra/store';
import { generateApiKey, hashPassword, hashToken, randomToken, verifyPassword } from './credentials.js';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** Sliding sessions are extended at most this often, to keep reads from writing on every request. */
const SESSION_REFRESH_MS = 3600 * 1000;
const API_KEY_TOUCH_MS = 60 * 1000;
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;

async function audit(
  repos: Repositories,
  ctx: ActionContext,
  entry: {
    organisationId: string;
    workspaceId: string | null;
    action: string;
    targetType?: string;
    targetId?: string;
    details?: Record<string, unknown>;
  },
): Promise<void> {
  await repos.audit.record({
    organisationId: entry.organisationId,
    workspaceId: entry.workspaceId,
    actor: ctx.actor,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    details: entry.details ?? {},
  });
}

export interface SetupInput {
  organisation: string;
  workspace: string;
  name: string;
  email: string;
  password: string;
  locale?: Locale | undefined;
  timezone?: string | undefined;
}

export type AccountsService = ReturnType<typeof createAccountsService>;

export function createAccountsService(store: Store, options: { publicUrl: string }) {
  async function requireWorkspace(repos: Repositories, workspaceId: string): Promise<Workspace> {
    const workspace = await repos.accounts.getWorkspace(workspaceId);
    if (!workspace) throw new AppError('not_found', 'Workspace not found');
    return workspace;
  }

  async function createSessionFor(user: User, ip: string | null, userAgent: string | null) {
    const token = randomToken();
    const session = await store.sessions.create({
      tokenHash: hashToken(token),
      userId: user.id,
      csrfToken: randomToken(24),
      expiresAt: Date.now() + SESSION_TTL_MS,
      ip,
      userAgent,
    });
    return { token, session };
  }

  return {
    async isSetUp(): Promise<boolean> {
      return (await store.accounts.countUsers()) > 0;
    },

    /** First run: the organisation, its first workspace and its first admin (an owner). */
    async setup(input: SetupInput, ip: string | null, userAgent: string | null) {
      const passwordHash = await hashPassword(input.password);
      const result = await store.transaction(async (repos) => {
        if ((await repos.accounts.countUsers()) > 0) throw new AppError('already_set_up', 'Rostra is already set up');
        const organisation = await repos.accounts.createOrganisation(input.organisation);
        const user = await repos.accounts.createUser({
          organisationId: organisation.id,
          email: input.email,
          name: input.name,
          passwordHash,
          locale: input.locale ?? 'fr',
          isOwner: true,
        });
        const workspace = await repos.accounts.createWorkspace({
          organisationId: organisation.id,
          name: input.workspace,
          timezone: input.timezone ?? 'Europe/Paris',
        });
        await repos.accounts.addMember({ workspaceId: workspace.id, userId: user.id, role: 'admin' });
        const ctx: ActionContext = { actor: { type: 'user', id: user.id, label: user.email }, ip, userAgent };
        await audit(repos, ctx, {
          organisationId: organisation.id,
          workspaceId: workspace.id,
          action: 'setup.completed',
          targetType: 'organisation',
          targetId: organisation.id,
          details: { organisation: organisation.name, workspace: workspace.name },
        });
        return { organisation, user, workspace };
      });
      return result;
    },

    async login(email: string, password: string, ip: string | null, userAgent: string | null) {
      const found = await store.accounts.findUserByEmail(email);
      if (!(await verifyPassword(found?.passwordHash, password)) || !found) {
        throw new AppError('invalid_credentials', 'Wrong email or password');
      }
      const { passwordHash: _, ...user } = found;
      const created = await createSessionFor(user, ip, userAgent);
      await audit(
        store,
        { actor: { type: 'user', id: user.id, label: user.email }, ip, userAgent },
        {
          organisationId: user.organisationId,
          workspaceId: null,
          action: 'auth.login',
          targetType: 'user',
          targetId: user.id,
        },
      );
      return { user, ...created };
    },

    /** The session and user behind a cookie token, extending the session while it is used. */
    async resolveSession(token: string) {
      const session = await store.sessions.findByTokenHash(hashToken(token));
      const now = Date.now();
      if (!session || session.expiresAt <= now) return undefined;
      const user = await store.accounts.getUser(session.userId);
      if (!user) return undefined;
      if (now - session.lastSeenAt > SESSION_REFRESH_MS) {
        await store.sessions.extend(session.id, now, now + SESSION_TTL_MS);
      }
      return { session, user };
    },

    async logout(sessionId: string, user: User, ip: string | null, userAgent: string | null) {
      await store.sessions.delete(sessionId);
      await audit(
        store,
        { actor: { type: 'user', id: user.id, label: user.email }, ip, userAgent },
        {
          organisationId: user.organisationId,
          workspaceId: null,
          action: 'auth.logout',
          targetType: 'user',
          targetId: user.id,
        },
      );
    },

    /** The live key behind a Bearer secret; revoked or unknown keys give `undefined`. */
    async resolveApiKey(secret: string): Promise<ApiKey | undefined> {
      const key = await store.apiKeys.findBySecretHash(hashToken(secret));
      if (!key || key.revokedAt !== null) return undefined;
      const now = Date.now();
      if (key.lastUsedAt === null || now - key.lastUsedAt > API_KEY_TOUCH_MS) await store.apiKeys.touch(key.id, now);
      return key;
    },

    async updateProfile(
      user: User,
      patch: { name?: string | undefined; locale?: Locale | undefined },
      ctx: ActionContext,
    ) {
      return store.transaction(async (repos) => {
        const updated = await repos.accounts.updateUser(user.id, patch);
        await audit(repos, ctx, {
          organisationId: user.organisationId,
          workspaceId: null,
          action: 'user.updated',
          targetType: 'user',
          targetId: user.id,
          details: patch,
        });
        return updated;
      });
    },

    async createWorkspace(
      organisationId: string,
      creatorId: string,
      input: { name: string; timezone?: string | undefined },
      ctx: ActionContext,
    ) {
      return store.transaction(async (repos) => {
        const workspace = await repos.accounts.createWorkspace({
          organisationId,
          name: input.name,
          timezone: input.timezone ?? 'Europe/Paris',
        });
        await repos.accounts.addMember({ workspaceId: workspace.id, userId: creatorId, role: 'admin' });
        await audit(repos, ctx, {
          organisationId,
          workspaceId: workspace.id,
          action: 'workspace.created',
          targetType: 'workspace',
          targetId: workspace.id,
          details: { name: workspace.name },
        });
        return workspace;
      });
    },

    async updateWorkspace(
      workspaceId: string,
      patch: { name?: string | undefined; timezone?: string | undefined; approvalRequired?: boolean | undefined },
      ctx: ActionContext,
    ) {
      return store.transaction(async (repos) => {
        const before = await requireWorkspace(repos, workspaceId);
        const workspace = await repos.accounts.updateWorkspace(workspaceId, patch);
        await audit(repos, ctx, {
          organisationId: before.organisationId,
          workspaceId,
          action: 'workspace.updated',
          targetType: 'workspace',
          targetId: workspaceId,
          details: {
            before: { name: before.name, timezone: before.timezone, approvalRequired: before.approvalRequired },
            after: patch,
          },
        });
        return workspace;
      });
    },

    async changeMemberRole(workspaceId: string, userId: string, role: Role, ctx: ActionContext) {
      return store.transaction(async (repos) => {
        const workspace = await requireWorkspace(repos, workspaceId);
        const membership = await repos.accounts.getMembership(workspaceId, userId);
        if (!membership) throw new AppError('not_found', 'Member not found');
        if (membership.role === 'admin' && role !== 'admin' && (await repos.accounts.countAdmins(workspaceId)) <= 1) {
          throw new AppError('last_admin', 'A workspace keeps at least one admin');
        }
        await repos.accounts.setMemberRole(workspaceId, userId, role);
        await audit(repos, ctx, {
          organisationId: workspace.organisationId,
          workspaceId,
          action: 'member.role_changed',
          targetType: 'user',
          targetId: userId,
          details: { from: membership.role, to: role },
        });
        const members = await repos.accounts.listMembers(workspaceId);
        return members.find((m) => m.userId === userId);
      });
    },

    async removeMember(workspaceId: string, userId: string, ctx: ActionContext) {
      await store.transaction(async (repos) => {
        const workspace = await requireWorkspace(repos, workspaceId);
        const membership = await repos.accounts.getMembership(workspaceId, userId);
        if (!membership) throw new AppError('not_found', 'Member not found');
        if (membership.role === 'admin' && (await repos.accounts.countAdmins(workspaceId)) <= 1) {
          throw new AppError('last_admin', 'A workspace keeps at least one admin');
        }
        await repos.accounts.removeMember(workspaceId, userId);
        await audit(repos, ctx, {
          organisationId: workspace.organisationId,
          workspaceId,
          action: 'member.removed',
          targetType: 'user',
          targetId: userId,
          details: { role: membership.role },
        });
      });
    },

    /** Adds an existing or new user directly (CLI): no invitation link. */
    async addUser(
      workspaceId: string,
      input: { email: string; name: string; password: string; role: Role },
      ctx: ActionContext,
    ) {
      const passwordHash = await hashPassword(input.password);
      return store.transaction(async (repos) => {
        const workspace = await requireWorkspace(repos, workspaceId);
        let user: User | undefined = await repos.accounts.findUserByEmail(input.email);
        if (!user) {
          user = await repos.accounts.createUser({
            organisationId: workspace.organisationId,
            email: input.email,
            name: input.name,
            passwordHash,
            locale: 'fr',
            isOwner: false,
          });
        }
        if (await repos.accounts.getMembership(workspaceId, user.id)) {
          throw new AppError('conflict', `${user.email} is already a member of this workspace`);
        }
        await repos.accounts.addMember({ workspaceId, userId: user.id, role: input.role });
        await audit(repos, ctx, {
          organisationId: workspace.organisationId,
          workspaceId,
          action: 'member.added',
          targetType: 'user',
          targetId: user.id,
          details: { email: user.email, role: input.role },
        });
        return user;
      });
    },

    async invite(
      workspaceId: string,
      input: { email: string; role: Role },
      inviter: { userId: string; role: Role },
      ctx: ActionContext,
    ) {
      if (!canGrantRole(inviter.role, input.role)) {
        throw new AppError('forbidden', `A ${inviter.role} cannot invite a ${input.role}`);
      }
      const token = randomToken();
      const invitation = await store.transaction(async (repos) => {
        const workspace = await requireWorkspace(repos, workspaceId);
        const existing = await repos.accounts.findUserByEmail(input.email);
        if (existing && (await repos.accounts.getMembership(workspaceId, existing.id))) {
          throw new AppError('conflict', `${existing.email} is already a member of this workspace`, {
            path: 'body.email',
          });
        }
        const created = await repos.invitations.create({
          workspaceId,
          email: input.email,
          role: input.role,
          tokenHash: hashToken(token),
          invitedBy: inviter.userId,
          expiresAt: Date.now() + INVITATION_TTL_MS,
        });
        await audit(repos, ctx, {
          organisationId: workspace.organisationId,
          workspaceId,
          action: 'invitation.created',
          targetType: 'invitation',
          targetId: created.id,
          details: { email: created.email, role: created.role },
        });
        return created;
      });
      return { invitation, token, url: `${options.publicUrl}/invite/${token}` };
    },

    async revokeInvitation(workspaceId: string, invitationId: string, ctx: ActionContext) {
      await store.transaction(async (repos) => {
        const workspace = await requireWorkspace(repos, workspaceId);
        const invitation = await repos.invitations.get(workspaceId, invitationId);
        if (!invitation) throw new AppError('not_found', 'Invitation not found');
        if (invitationStatus(invitation, Date.now()) === 'accepted') {
          throw new AppError('invitation_used', 'This invitation was already accepted');
        }
        await repos.invitations.revoke(invitationId, Date.now());
        await audit(repos, ctx, {
          organisationId: workspace.organisationId,
          workspaceId,
          action: 'invitation.revoked',
          targetType: 'invitation',
          targetId: invitationId,
        });
      });
    },

    async describeInvitation(token: string) {
      const invitation = await store.invitations.findByTokenHash(hashToken(token));
      if (!invitation) throw new AppError('not_found', 'Invitation not found');
      const workspace = await store.accounts.getWorkspace(invitation.workspaceId);
      const organisation = workspace && (await store.accounts.getOrganisation(workspace.organisationId));
      if (!workspace || !organisation) throw new AppError('not_found', 'Invitation not found');
      const userExists = (await store.accounts.findUserByEmail(invitation.email)) !== undefined;
      return { invitation, workspace, organisation, userExists, status: invitationStatus(invitation, Date.now()) };
    },

    /**
     * Accepts an invitation: a new user sets name and password; an existing user must be logged in
     * as the invited email.
     */
    async acceptInvitation(
      token: string,
      input: { name?: string | undefined; password?: string | undefined },
      current: User | undefined,
      ip: string | null,
      userAgent: string | null,
    ) {
      const passwordHash = input.password ? await hashPassword(input.password) : undefined;
      const user = await store.transaction(async (repos) => {
        const invitation = await repos.invitations.findByTokenHash(hashToken(token));
        if (!invitation) throw new AppError('not_found', 'Invitation not found');
        const status = invitationStatus(invitation, Date.now());
        if (status === 'accepted') throw new AppError('invitation_used', 'This invitation was already used');
        if (status === 'revoked') throw new AppError('invitation_revoked', 'This invitation was revoked');
        if (status === 'expired') throw new AppError('invitation_expired', 'This invitation has expired');
        const workspace = await requireWorkspace(repos, invitation.workspaceId);

        let member: User | undefined = await repos.accounts.findUserByEmail(invitation.email);
        if (member) {
          if (!current || current.id !== member.id) {
            throw new AppError('unauthenticated', `Log in as ${invitation.email} to accept this invitation`);
          }
        } else {
          if (current) {
            throw new AppError('invitation_email_mismatch', `This invitation is for ${invitation.email}`);
          }
          if (!input.name || !passwordHash) {
            throw new AppError('validation_failed', 'Name and password are required to create your account', {
              issues: [
                ...(input.name ? [] : [{ path: 'body.name', message: 'Required' }]),
                ...(passwordHash ? [] : [{ path: 'body.password', message: 'Required' }]),
              ],
            });
          }
          member = await repos.accounts.createUser({
            organisationId: workspace.organisationId,
            email: invitation.email,
            name: input.name,
            passwordHash,
            locale: 'fr',
            isOwner: false,
          });
        }
        if (!(await repos.accounts.getMembership(workspace.id, member.id))) {
          await repos.accounts.addMember({ workspaceId: workspace.id, userId: member.id, role: invitation.role });
        }
        await repos.invitations.markAccepted(invitation.id, member.id, Date.now());
        await audit(
          repos,
          { actor: { type: 'user', id: member.id, label: member.email }, ip, userAgent },
          {
            organisationId: workspace.organisationId,
            workspaceId: workspace.id,
            action: 'invitation.accepted',
            targetType: 'invitation',
            targetId: invitation.id,
            details: { email: member.email, role: invitation.role },
          },
        );
        return { user: { ...member, passwordHash: undefined }, workspaceId: workspace.id };
      });
      const { passwordHash: _, ...cleanUser } = user.user;
      const created = current ? undefined : await createSessionFor(cleanUser, ip, userAgent);
      return { user: cleanUser as User, workspaceId: user.workspaceId, session: created };
    },

    async createApiKey(
      workspaceId: string,
      input: { name: string; role: Role },
      creator: { userId: string | null; role: Role },
      ctx: ActionContext,
    ) {
      if (!canGrantRole(creator.role, input.role)) {
        throw new AppError('forbidden', `A ${creator.role} cannot create a ${input.role} key`);
      }
      const generated = generateApiKey();
      const apiKey = await store.transaction(async (repos) => {
        const workspace = await requireWorkspace(repos, workspaceId);
        const created = await repos.apiKeys.create({
          workspaceId,
          name: input.name,
          prefix: generated.prefix,
          secretHash: generated.hash,
          role: input.role,
          createdBy: creator.userId,
        });
        await audit(repos, ctx, {
          organisationId: workspace.organisationId,
          workspaceId,
          action: 'apikey.created',
          targetType: 'api_key',
          targetId: created.id,
          details: { name: created.name, role: created.role, prefix: created.prefix },
        });
        return created;
      });
      return { apiKey, secret: generated.secret };
    },

    async revokeApiKey(workspaceId: string, apiKeyId: string, ctx: ActionContext) {
      await store.transaction(async (repos) => {
        const workspace = await requireWorkspace(repos, workspaceId);
        const key = await repos.apiKeys.get(workspaceId, apiKeyId);
        if (!key) throw new AppError('not_found', 'API key not found');
        await repos.apiKeys.revoke(apiKeyId, Date.now());
        await audit(repos, ctx, {
          organisationId: workspace.organisationId,
          workspaceId,
          action: 'apikey.revoked',
          targetType: 'api_key',
          targetId: apiKeyId,
          details: { name: key.name, prefix: key.prefix },
        });
      });
    },
  };
}
