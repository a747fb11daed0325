// Account operations: setup, sessions, passwords (change, reset links), workspaces, members and the
// organisation owner, invitations, API keys. Every write runs in a transaction together with its audit entry.
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
import type { JobQueue } from '@rostra/core';
import { enqueueMail, invitationEmail, resetEmail } from '../mail/mail.js';
import type { SecretBox } from '../secrets.js';
import { generateApiKey, hashPassword, hashToken, randomToken, verifyPassword } from './credentials.js';
import { assertPasswordAcceptable } from './password-policy.js';
import { recordAudit } from '../audit/record.js';

export const SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
/** Sliding sessions are extended at most this often, to keep reads from writing on every request. */
const SESSION_REFRESH_MS = 3600 * 1000;
const API_KEY_TOUCH_MS = 60 * 1000;
export const INVITATION_TTL_MS = 7 * 24 * 3600 * 1000;
/** A link an admin hands over (by chat, in person) may wait a day; one sent by email, an hour. */
export const ADMIN_RESET_TTL_MS = 24 * 3600 * 1000;
export const EMAIL_RESET_TTL_MS = 3600 * 1000;

/** Who changes a membership: owners (and the CLI, with the database's authority) may touch an owner's. */
export interface MembershipActor {
  userId: string | null;
  isOwner: boolean;
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

export interface AccountsOptions {
  publicUrl: string;
  /**
   * When SMTP is configured, invitations and password reset links go out by email: queued as a job after
   * their transaction (retried; a failed invitation email shows on the invitation).
   */
  mail?: { queue: JobQueue; secrets: SecretBox } | undefined;
}

export function createAccountsService(store: Store, options: AccountsOptions) {
  async function requireWorkspace(repos: Repositories, workspaceId: string): Promise<Workspace> {
    const workspace = await repos.accounts.getWorkspace(workspaceId);
    if (!workspace) throw new AppError('not_found', 'Workspace not found');
    return workspace;
  }

  /** An owner's memberships are theirs and other owners' to change: a workspace admin cannot oust them. */
  async function assertMayChangeOwner(repos: Repositories, userId: string, by: MembershipActor): Promise<void> {
    if (by.isOwner || by.userId === userId) return;
    const target = await repos.accounts.getUser(userId);
    if (target?.isOwner) {
      throw new AppError('owner_protected', 'Only the organisation owner or another owner can change an owner');
    }
  }

  /**
   * Whether `issuer` may take over `target`'s password: an owner may; an admin only when they administer
   * every workspace the target belongs to (a reset link gives everything the account can reach).
   */
  /**
   * Creates a 24 h reset link for the person `authorise` names (after its checks), audited in the same
   * transaction; only the link's hash is stored.
   */
  async function issueAdminResetLink(
    ctx: ActionContext,
    authorise: (repos: Repositories) => Promise<{
      target: User;
      createdBy: string | null;
      workspaceId: string | null;
      action: 'member.password_reset_link_created' | 'user.password_reset_link_created';
    }>,
  ) {
    const token = randomToken();
    const reset = await store.transaction(async (repos) => {
      const { target, createdBy, workspaceId, action } = await authorise(repos);
      const created = await repos.passwordResets.create({
        userId: target.id,
        tokenHash: hashToken(token),
        createdBy,
        expiresAt: Date.now() + ADMIN_RESET_TTL_MS,
      });
      await recordAudit(repos, ctx, {
        organisationId: target.organisationId,
        workspaceId,
        action,
        targetType: 'user',
        targetId: target.id,
        details: { email: target.email, resetId: created.id, expiresAt: created.expiresAt },
      });
      return created;
    });
    return { url: `${options.publicUrl}/reset-password/${token}`, expiresAt: reset.expiresAt };
  }

  async function assertMayResetFor(repos: Repositories, issuer: User, target: User): Promise<void> {
    if (issuer.isOwner || issuer.id === target.id) return;
    if (target.isOwner) {
      throw new AppError('owner_protected', "Only an owner can issue a reset link for an owner's account");
    }
    const theirs = await repos.accounts.listWorkspacesOfUser(target.id);
    for (const workspace of theirs) {
      const mine = await repos.accounts.getMembership(workspace.id, issuer.id);
      if (mine?.role !== 'admin') {
        throw new AppError('forbidden', 'This person belongs to workspaces you do not administer; ask an owner');
      }
    }
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
      assertPasswordAcceptable(input.password, input);
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
        await recordAudit(repos, ctx, {
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
      await recordAudit(
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
      await recordAudit(
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
        await recordAudit(repos, ctx, {
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
        await recordAudit(repos, ctx, {
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
        await recordAudit(repos, ctx, {
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

    async changeMemberRole(workspaceId: string, userId: string, role: Role, by: MembershipActor, ctx: ActionContext) {
      return store.transaction(async (repos) => {
        const workspace = await requireWorkspace(repos, workspaceId);
        const membership = await repos.accounts.getMembership(workspaceId, userId);
        if (!membership) throw new AppError('not_found', 'Member not found');
        if (role !== membership.role) await assertMayChangeOwner(repos, userId, by);
        if (membership.role === 'admin' && role !== 'admin' && (await repos.accounts.countAdmins(workspaceId)) <= 1) {
          throw new AppError('last_admin', 'A workspace keeps at least one admin');
        }
        await repos.accounts.setMemberRole(workspaceId, userId, role);
        await recordAudit(repos, ctx, {
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

    async removeMember(workspaceId: string, userId: string, by: MembershipActor, ctx: ActionContext) {
      await store.transaction(async (repos) => {
        const workspace = await requireWorkspace(repos, workspaceId);
        const membership = await repos.accounts.getMembership(workspaceId, userId);
        if (!membership) throw new AppError('not_found', 'Member not found');
        await assertMayChangeOwner(repos, userId, by);
        if (membership.role === 'admin' && (await repos.accounts.countAdmins(workspaceId)) <= 1) {
          throw new AppError('last_admin', 'A workspace keeps at least one admin');
        }
        await repos.accounts.removeMember(workspaceId, userId);
        await recordAudit(repos, ctx, {
          organisationId: workspace.organisationId,
          workspaceId,
          action: 'member.removed',
          targetType: 'user',
          targetId: userId,
          details: { role: membership.role },
        });
      });
    },

    /** Adds an existing user, or a new one with a password, directly (CLI): no invitation link. */
    async addUser(
      workspaceId: string,
      input: { email: string; name: string; password?: string | undefined; role: Role },
      ctx: ActionContext,
    ) {
      if (input.password !== undefined) assertPasswordAcceptable(input.password, input);
      const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
      return store.transaction(async (repos) => {
        const workspace = await requireWorkspace(repos, workspaceId);
        let user: User | undefined = await repos.accounts.findUserByEmail(input.email);
        if (!user) {
          if (!passwordHash) {
            throw new AppError('validation_failed', 'A new account needs a password', {
              issues: [{ path: 'password', code: 'required', message: 'Required' }],
            });
          }
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
        await recordAudit(repos, ctx, {
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
      const mail = options.mail;
      const { invitation, workspace, existing } = await store.transaction(async (repos) => {
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
          emailStatus: mail ? 'queued' : null,
        });
        await recordAudit(repos, ctx, {
          organisationId: workspace.organisationId,
          workspaceId,
          action: 'invitation.created',
          targetType: 'invitation',
          targetId: created.id,
          details: { email: created.email, role: created.role },
        });
        return { invitation: created, workspace, existing };
      });
      const url = `${options.publicUrl}/invite/${token}`;
      if (mail) {
        const inviterUser = await store.accounts.getUser(inviter.userId);
        // The invitee's language when they already have an account, else French.
        const message = invitationEmail(existing?.locale ?? 'fr', {
          inviterName: inviterUser?.name ?? '',
          workspaceName: workspace.name,
          url,
          expiresAt: invitation.expiresAt,
        });
        await enqueueMail(mail, { to: [invitation.email], ...message }, { invitationId: invitation.id });
      }
      return { invitation, token, url };
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
        await recordAudit(repos, ctx, {
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
          if (input.password) assertPasswordAcceptable(input.password, { email: invitation.email, name: input.name });
          if (!input.name || !passwordHash) {
            throw new AppError('validation_failed', 'Name and password are required to create your account', {
              issues: [
                ...(input.name ? [] : [{ path: 'body.name', code: 'required', message: 'Required' }]),
                ...(passwordHash ? [] : [{ path: 'body.password', code: 'required', message: 'Required' }]),
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
        await recordAudit(
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

    /** Hands the organisation's ownership to another member of this workspace, who also becomes its admin. */
    async transferOwnership(workspaceId: string, from: User, toUserId: string, ctx: ActionContext) {
      if (!from.isOwner) throw new AppError('owner_protected', 'Only the organisation owner can transfer ownership');
      if (toUserId === from.id) throw new AppError('conflict', 'You already own the organisation');
      return store.transaction(async (repos) => {
        const workspace = await requireWorkspace(repos, workspaceId);
        // Read again inside the transaction: two transfers at once must not leave two owners or none.
        const current = await repos.accounts.getUser(from.id);
        if (!current?.isOwner) throw new AppError('owner_protected', 'You are no longer an owner');
        const membership = await repos.accounts.getMembership(workspaceId, toUserId);
        const target = await repos.accounts.getUser(toUserId);
        if (!membership || !target || target.organisationId !== workspace.organisationId) {
          throw new AppError('not_found', 'Member not found');
        }
        await repos.accounts.setOwner(toUserId, true);
        await repos.accounts.setOwner(from.id, false);
        if (membership.role !== 'admin') await repos.accounts.setMemberRole(workspaceId, toUserId, 'admin');
        await recordAudit(repos, ctx, {
          organisationId: workspace.organisationId,
          workspaceId,
          action: 'organisation.ownership_transferred',
          targetType: 'user',
          targetId: toUserId,
          details: { from: from.email, to: target.email, role: { from: membership.role, to: 'admin' } },
        });
        return { ...target, isOwner: true };
      });
    },

    /** A signed-in person changes their password: the current one is checked, their other sessions end. */
    async changePassword(
      user: User,
      sessionId: string,
      input: { currentPassword: string; newPassword: string },
      ctx: ActionContext,
    ) {
      const stored = await store.accounts.getPasswordHash(user.id);
      if (!(await verifyPassword(stored, input.currentPassword))) {
        throw new AppError('wrong_password', 'The current password is not right', { path: 'body.currentPassword' });
      }
      assertPasswordAcceptable(input.newPassword, user, 'body.newPassword');
      const passwordHash = await hashPassword(input.newPassword);
      await store.transaction(async (repos) => {
        await repos.accounts.setPasswordHash(user.id, passwordHash);
        const sessionsEnded = await repos.sessions.deleteForUser(user.id, sessionId);
        await repos.passwordResets.invalidateForUser(user.id, Date.now());
        await recordAudit(repos, ctx, {
          organisationId: user.organisationId,
          workspaceId: null,
          action: 'user.password_changed',
          targetType: 'user',
          targetId: user.id,
          details: { sessionsEnded },
        });
      });
    },

    /** Whether people can ask for a reset link by email (an SMTP server is configured). */
    resetByEmailAvailable(): boolean {
      return options.mail !== undefined;
    },

    /**
     * "Forgot password": sends a one-hour link when the email belongs to someone. The answer is the same
     * either way, and the email goes out after the answer, so neither tells whether the address exists.
     */
    async requestPasswordReset(email: string, ctx: ActionContext): Promise<void> {
      const mail = options.mail;
      if (!mail) throw new AppError('not_found', 'Password reset by email is not configured; ask an admin');
      const found = await store.accounts.findUserByEmail(email);
      if (!found) return;
      const token = randomToken();
      await store.transaction(async (repos) => {
        const reset = await repos.passwordResets.create({
          userId: found.id,
          tokenHash: hashToken(token),
          createdBy: null,
          expiresAt: Date.now() + EMAIL_RESET_TTL_MS,
        });
        await recordAudit(repos, ctx, {
          organisationId: found.organisationId,
          workspaceId: null,
          action: 'user.password_reset_requested',
          targetType: 'user',
          targetId: found.id,
          details: { resetId: reset.id, by: 'email' },
        });
      });
      const message = resetEmail(found.locale, `${options.publicUrl}/reset-password/${token}`);
      await enqueueMail(mail, { to: [found.email], ...message });
    },

    /** An admin (or an owner) creates a single-use link for a member, valid 24 h, to hand over themselves. */
    async issueResetLink(workspaceId: string, targetUserId: string, issuer: User, ctx: ActionContext) {
      return issueAdminResetLink(ctx, async (repos) => {
        await requireWorkspace(repos, workspaceId);
        const target = await repos.accounts.getUser(targetUserId);
        if (!target || !(await repos.accounts.getMembership(workspaceId, targetUserId))) {
          throw new AppError('not_found', 'Member not found');
        }
        await assertMayResetFor(repos, issuer, target);
        return { target, createdBy: issuer.id, workspaceId, action: 'member.password_reset_link_created' };
      });
    },

    /**
     * The server's operator (CLI, with the database's authority) creates a link for anyone, e.g. the only
     * owner who forgot their password on an instance without SMTP.
     */
    async issueResetLinkAsOperator(email: string, ctx: ActionContext) {
      return issueAdminResetLink(ctx, async (repos) => {
        const target = await repos.accounts.findUserByEmail(email);
        if (!target) throw new AppError('not_found', `No user ${email}`);
        return { target, createdBy: null, workspaceId: null, action: 'user.password_reset_link_created' };
      });
    },

    /** What the reset page shows before the person types a new password. */
    async describeResetLink(token: string) {
      const reset = await store.passwordResets.findByTokenHash(hashToken(token));
      if (!reset || reset.usedAt !== null || reset.expiresAt <= Date.now()) {
        throw new AppError('reset_link_invalid', 'This reset link is unknown, used or expired');
      }
      const user = await store.accounts.getUser(reset.userId);
      if (!user) throw new AppError('reset_link_invalid', 'This reset link is unknown, used or expired');
      return { email: user.email, expiresAt: reset.expiresAt };
    },

    /** Sets a new password through a link: the link is used up and every session of the person ends. */
    async completePasswordReset(token: string, newPassword: string, ip: string | null, userAgent: string | null) {
      const reset = await store.passwordResets.findByTokenHash(hashToken(token));
      const user = reset && (await store.accounts.getUser(reset.userId));
      if (!reset || !user || reset.usedAt !== null || reset.expiresAt <= Date.now()) {
        throw new AppError('reset_link_invalid', 'This reset link is unknown, used or expired');
      }
      assertPasswordAcceptable(newPassword, user);
      const passwordHash = await hashPassword(newPassword);
      await store.transaction(async (repos) => {
        // Two tabs submitting the same link: one wins, the other is told the link was used.
        if (!(await repos.passwordResets.markUsed(reset.id, Date.now()))) {
          throw new AppError('reset_link_invalid', 'This reset link is unknown, used or expired');
        }
        await repos.accounts.setPasswordHash(user.id, passwordHash);
        await repos.passwordResets.invalidateForUser(user.id, Date.now());
        const sessionsEnded = await repos.sessions.deleteForUser(user.id);
        await recordAudit(
          repos,
          { actor: { type: 'user', id: user.id, label: user.email }, ip, userAgent },
          {
            organisationId: user.organisationId,
            workspaceId: null,
            action: 'user.password_reset',
            targetType: 'user',
            targetId: user.id,
            details: { resetId: reset.id, issuedBy: reset.createdBy, sessionsEnded },
          },
        );
      });
      return user;
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
        await recordAudit(repos, ctx, {
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
        await recordAudit(repos, ctx, {
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
