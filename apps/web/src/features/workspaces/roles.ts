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
  /** Webhooks and their delivery logs (admins). */
  manageWebhooks: boolean;
  viewAudit: boolean;
  editSettings: boolean;
  /** Write posts and submit them (contributors and up). */
  writePosts: boolean;
  /** Approve or reject posts in review (managers and up). */
  reviewPosts: boolean;
  /** Schedule, unschedule, retry, and edit anybody's post (community managers and up). */
  schedulePosts: boolean;
  /** Connect and reconnect channels (managers and up). */
  connectChannels: boolean;
  disconnectChannels: boolean;
  /** Themes and content types (managers and up). */
  manageEditorial: boolean;
}

export function describePermissions(role: Role): WorkspacePermissions {
  const isAdmin = hasRoleAtLeast(role, 'admin');
  return {
    manageMembers: isAdmin,
    manageInvitations: isAdmin,
    manageApiKeys: isAdmin,
    manageWebhooks: isAdmin,
    viewAudit: hasRoleAtLeast(role, 'manager'),
    editSettings: isAdmin,
    writePosts: hasRoleAtLeast(role, 'contributor'),
    reviewPosts: hasRoleAtLeast(role, 'manager'),
    schedulePosts: hasRoleAtLeast(role, 'community_manager'),
    connectChannels: hasRoleAtLeast(role, 'manager'),
    disconnectChannels: isAdmin,
    manageEditorial: hasRoleAtLeast(role, 'manager'),
  };
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
