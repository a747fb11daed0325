// Workspace roles, from the one who runs the workspace down to the one who only reads, then the ambassador: an
// employee who relays the posts marked « à relayer » and sees nothing else (every route needs at least viewer but
// the ambassador's own, which need 'ambassador', granted to every member).

export const ROLES = ['admin', 'manager', 'community_manager', 'contributor', 'viewer', 'ambassador'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = {
  admin: 4,
  manager: 3,
  community_manager: 2,
  contributor: 1,
  viewer: 0,
  ambassador: -1,
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
