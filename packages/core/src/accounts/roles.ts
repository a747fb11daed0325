// Workspace roles, from the one who runs the workspace down to the one who only reads.

export const ROLES = ['admin', 'manager', 'community_manager', 'contributor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = {
  admin: 4,
  manager: 3,
  community_manager: 2,
  contributor: 1,
  viewer: 0,
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` grants at least what `required` grants. */
export function hasRole(role: Role, required: Role): boolean {
  return RANK[role] >= RANK[required];
}

/**
 * A member may hand out a role (to an invitee or an API key) only up to their own:
 * a manager cannot mint an admin key.
 */
export function canGrantRole(granter: Role, granted: Role): boolean {
  return hasRole(granter, granted);
}
