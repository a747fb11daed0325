// Workspace roles and what each one may do in the UI. The server enforces the
// same rules; the UI only mirrors them so nobody sees buttons that would 403.

export const ROLES = ['admin', 'manager', 'community_manager', 'contributor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = {
  admin: 4,
  manager: 3,
  community_manager: 2,
  contributor: 1,
  viewer: 0,
};

export function hasRoleAtLeast(role: Role, minimum: Role): boolean {
  return RANK[role] >= RANK[minimum];
}

export interface WorkspacePermissions {
  manageMembers: boolean;
  manageInvitations: boolean;
  manageApiKeys: boolean;
  viewAudit: boolean;
  editSettings: boolean;
}

export function describePermissions(role: Role): WorkspacePermissions {
  const isAdmin = hasRoleAtLeast(role, 'admin');
  return {
    manageMembers: isAdmin,
    manageInvitations: isAdmin,
    manageApiKeys: isAdmin,
    viewAudit: hasRoleAtLeast(role, 'manager'),
    editSettings: isAdmin,
  };
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
