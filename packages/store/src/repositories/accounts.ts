// Organisations, users, workspaces and memberships.
import { newId } from '../ids.js';
import type { Kysely, Selectable, Updateable } from 'kysely';
import type { AccountsRepository, Locale, PostingSlot, Role, User, Workspace } from '@rostra/core';
import type { Database, UsersTable, WorkspacesTable } from '../schema.js';

function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    email: row.email,
    name: row.name,
    locale: row.locale as Locale,
    isOwner: row.org_role === 'owner',
    createdAt: row.created_at,
  };
}

function toWorkspace(row: Selectable<WorkspacesTable>): Workspace {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    timezone: row.timezone,
    approvalRequired: row.approval_required !== 0,
    postingSlots: JSON.parse(row.posting_slots) as PostingSlot[],
    createdAt: row.created_at,
  };
}

/** Emails are compared case-insensitively: stored lower-cased and trimmed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function createAccountsRepository(db: Kysely<Database>): AccountsRepository {
  return {
    async countUsers() {
      const row = await db
        .selectFrom('users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async createOrganisation(name) {
      const org = { id: newId(), name, created_at: Date.now() };
      await db.insertInto('organisations').values(org).execute();
      return { id: org.id, name: org.name, createdAt: org.created_at };
    },

    async getOrganisation(id) {
      const row = await db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();
      return row && { id: row.id, name: row.name, createdAt: row.created_at };
    },

    async firstOrganisation() {
      const row = await db.selectFrom('organisations').selectAll().orderBy('created_at').limit(1).executeTakeFirst();
      return row && { id: row.id, name: row.name, createdAt: row.created_at };
    },

    async createUser(user) {
      const row = {
        id: newId(),
        organisation_id: user.organisationId,
        email: normaliseEmail(user.email),
        name: user.name,
        password_hash: user.passwordHash,
        locale: user.locale,
        org_role: user.isOwner ? 'owner' : 'member',
        created_at: Date.now(),
      };
      await db.insertInto('users').values(row).execute();
      return toUser(row);
    },

    async getUser(id) {
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toUser(row);
    },

    async listOwners(organisationId) {
      const rows = await db
        .selectFrom('users')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('org_role', '=', 'owner')
        .orderBy('created_at')
        .execute();
      return rows.map(toUser);
    },

    async findUserByEmail(email) {
      const row = await db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', normaliseEmail(email))
        .executeTakeFirst();
      return row && { ...toUser(row), passwordHash: row.password_hash };
    },

    async updateUser(id, patch) {
      const values: Partial<UsersTable> = {};
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.locale !== undefined) values.locale = patch.locale;
      if (Object.keys(values).length > 0) await db.updateTable('users').set(values).where('id', '=', id).execute();
      const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return toUser(row);
    },

    async getPasswordHash(id) {
      const row = await db.selectFrom('users').select('password_hash').where('id', '=', id).executeTakeFirst();
      return row?.password_hash;
    },

    async setPasswordHash(id, passwordHash) {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    },

    async setOwner(id, isOwner) {
      await db
        .updateTable('users')
        .set({ org_role: isOwner ? 'owner' : 'member' })
        .where('id', '=', id)
        .execute();
    },

    async createWorkspace(workspace) {
      const row = {
        id: newId(),
        organisation_id: workspace.organisationId,
        name: workspace.name,
        timezone: workspace.timezone,
        approval_required: 1,
        posting_slots: '[]',
        created_at: Date.now(),
      };
      await db.insertInto('workspaces').values(row).execute();
      return toWorkspace(row);
    },

    async getWorkspace(id) {
      const row = await db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toWorkspace(row);
    },

    async updateWorkspace(id, patch) {
      const values: Updateable<WorkspacesTable> = {};
      if (patch.name !== undefined) values.name = patch.name;
      if (patch.timezone !== undefined) values.timezone = patch.timezone;
      if (patch.approvalRequired !== undefined) values.approval_required = patch.approvalRequired ? 1 : 0;
      if (patch.postingSlots !== undefined) values.posting_slots = JSON.stringify(patch.postingSlots);
      if (Object.keys(values).length > 0) await db.updateTable('workspaces').set(values).where('id', '=', id).execute();
      const row = await db.selectFrom('workspaces').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      return toWorkspace(row);
    },

    async listWorkspaces(organisationId) {
      const rows = await db
        .selectFrom('workspaces')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('name')
        .execute();
      return rows.map(toWorkspace);
    },

    async listWorkspacesOfUser(userId) {
      const rows = await db
        .selectFrom('workspaces')
        .innerJoin('memberships', 'memberships.workspace_id', 'workspaces.id')
        .selectAll('workspaces')
        .select('memberships.role')
        .where('memberships.user_id', '=', userId)
        .orderBy('workspaces.name')
        .execute();
      return rows.map((r) => ({ ...toWorkspace(r), role: r.role as Role }));
    },

    async addMember(membership) {
      const row = {
        workspace_id: membership.workspaceId,
        user_id: membership.userId,
        role: membership.role,
        created_at: Date.now(),
      };
      await db.insertInto('memberships').values(row).execute();
      return { ...membership, createdAt: row.created_at };
    },

    async getMembership(workspaceId, userId) {
      const row = await db
        .selectFrom('memberships')
        .selectAll()
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return (
        row && { workspaceId: row.workspace_id, userId: row.user_id, role: row.role as Role, createdAt: row.created_at }
      );
    },

    async listMembers(workspaceId) {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .select([
          'users.id',
          'users.email',
          'users.name',
          'users.org_role',
          'memberships.role',
          'memberships.created_at',
        ])
        .where('memberships.workspace_id', '=', workspaceId)
        .orderBy('users.name')
        .execute();
      return rows.map((r) => ({
        userId: r.id,
        email: r.email,
        name: r.name,
        role: r.role as Role,
        isOwner: r.org_role === 'owner',
        joinedAt: r.created_at,
      }));
    },

    async setMemberRole(workspaceId, userId, role) {
      await db
        .updateTable('memberships')
        .set({ role })
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute();
    },

    async removeMember(workspaceId, userId) {
      await db
        .deleteFrom('memberships')
        .where('workspace_id', '=', workspaceId)
        .where('user_id', '=', userId)
        .execute();
    },

    async countAdmins(workspaceId) {
      const row = await db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('workspace_id', '=', workspaceId)
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },
  };
}
